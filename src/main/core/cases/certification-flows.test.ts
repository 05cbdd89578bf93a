import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import { DEFAULT_TIME_LIMITS } from '../../../shared/domain/certification-deadlines'
import { DomainError } from '../../../shared/result'
import { createServicesOn, type Services } from '../api'
import { writeTimeLimits } from '../settings/time-limits'
import { addApplicant, addCertCase, addEvent, degreeForm, movableClock } from '../testing/certification-cases'
import { addStaff, tempStore } from '../testing/fixtures'

/**
 * The certification office's case types through the desk's case service: the clock by country category, its
 * pauses (foreign verification, supplements) across National Day 2026, the green channel, and the re-review and
 * refund rules checked before the office acts (certification-rules.ts, facts from certification-facts.ts).
 *
 * Calendar around National Day 2026: Sun 20 Sep make-up workday, 25–27 Sep Mid-Autumn, 1–7 Oct National Day,
 * Sat 10 Oct make-up workday.
 */
let store: ReturnType<typeof tempStore>
let clock: ReturnType<typeof movableClock>
let s: Services
let reviewer: StaffSession

beforeEach(() => {
  store = tempStore()
  clock = movableClock('2026-09-21T02:00:00Z')
  s = createServicesOn(store, clock)
  reviewer = addStaff(store, 'reviewer1', 'reviewer', '王芳')
})
afterEach(() => store.dispose())

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (e instanceof DomainError) return e.code
    throw e
  }
  return 'NO_ERROR'
}
const errorOf = (fn: () => unknown): DomainError => {
  try {
    fn()
  } catch (e) {
    if (e instanceof DomainError) return e
    throw e
  }
  throw new Error('no error')
}

const row = (id: string) =>
  store.sqlite.prepare('SELECT state, clock_started_on, clock_days, deadline_on FROM cases WHERE id = ?').get(id) as {
    state: string
    clock_started_on: string | null
    clock_days: number | null
    deadline_on: string | null
  }

/** Claims (if needed) and acts with the case's current version. */
function act(id: string, action: string, input: unknown = {}) {
  const d = s.cases.detail(id, reviewer)
  const v = d.assignee?.id === reviewer.id ? d.version : s.cases.claim(id, reviewer).version
  return s.cases.act(id, action, v, input, reviewer)
}

const certification = (state: string, form = degreeForm(), extra: Partial<Parameters<typeof addCertCase>[1]> = {}) =>
  addCertCase(store, { type: 'degree_certification', subtype: 'foreign', state, form, applicantId: addApplicant(store), ...extra })

describe('degree certification: the clock', () => {
  it('accept issues the receipt and starts the UK clock; verification pauses it over National Day; the reply resumes with the days left', () => {
    const { id } = certification('submitted')
    const accepted = act(id, 'accept', { greenChannel: false })
    expect(accepted.detail.state).toBe('in_review')
    expect(accepted.detail.documents.map((d) => d.docType)).toEqual(['payment_receipt'])
    // 21 Sep + 15 working days: 22 23 24 | 28 29 30 | 8 9 10(Sat) | 12 13 14 15 16 | 19 → 19 Oct.
    expect(row(id)).toEqual({ state: 'in_review', clock_started_on: '2026-09-21', clock_days: 15, deadline_on: '2026-10-19' })
    expect(accepted.detail.certification?.timeLimit).toEqual({ workingDays: 15, basis: '类别“英国”' })
    expect(accepted.detail.events.at(-1)!.data).toMatchObject({ greenChannel: false })

    clock.set('2026-09-29T02:00:00Z')
    const sent = act(id, 'send_verification', { reasonCode: 'institution', recipient: '伦敦大学学院', channel: 'email', replyDueOn: '2026-10-08' })
    // 5 working days spent (22 23 24 28 29): 10 left; the deadline is unknown while paused.
    expect(row(id)).toEqual({ state: 'awaiting_foreign', clock_started_on: '2026-09-29', clock_days: 10, deadline_on: null })
    expect(sent.detail.deadline).toMatchObject({ date: null, paused: { since: '2026-09-29', daysLeft: 10 } })
    expect(sent.detail.certification?.verification).toEqual({
      sentOn: '2026-09-29', recipient: '伦敦大学学院', reasonCode: 'institution', replyDueOn: '2026-10-08', answeredOn: null, outcome: null, overdue: false
    })

    clock.set('2026-10-09T02:00:00Z')
    expect(s.cases.detail(id, reviewer).certification?.verification?.overdue).toBe(true)
    const back = act(id, 'record_verification', { outcome: 'confirmed' })
    // Resumed on Fri 9 Oct with 10 left: 10(Sat, make-up) | 12 13 14 15 16 | 19 20 21 22 → 22 Oct (none used by the pause).
    expect(row(id)).toEqual({ state: 'in_review', clock_started_on: '2026-10-09', clock_days: 10, deadline_on: '2026-10-22' })
    expect(back.detail.deadline).toMatchObject({ date: '2026-10-22', remaining: 10 })
    expect(back.detail.certification?.verification).toMatchObject({ answeredOn: '2026-10-09', outcome: 'confirmed', overdue: false })
  })

  it('pauses for supplements with the days left; the supplement itself is the applicant’s', () => {
    // In review since Mon 12 Oct with 20 days: due 9 Nov.
    const { id } = certification('in_review', degreeForm({ country: '德国', institution: '慕尼黑工业大学' }), {
      clock: { startedOn: '2026-10-12', days: 20, deadlineOn: '2026-11-09' }
    })
    clock.set('2026-10-19T02:00:00Z')
    const paused = act(id, 'request_supplements', { reasons: [{ material: 'transcript', text: '请补充完整的成绩单' }] }).detail
    expect(paused.state).toBe('awaiting_supplements')
    // Spent 13 14 15 16 19: 15 left.
    expect(row(id)).toEqual({ state: 'awaiting_supplements', clock_started_on: '2026-10-19', clock_days: 15, deadline_on: null })
    expect(paused.deadline.paused).toMatchObject({ daysLeft: 15, expectedOn: '2026-11-09' })
    expect(String(paused.events.at(-1)!.data.notice)).toContain('成绩单：请补充完整的成绩单')
    expect(codeOf(() => s.cases.act(id, 'supplement', paused.version, {}, reviewer))).toBe('FORBIDDEN')
  })

  it('counts the category from the office table: USA 10, UK 15, others 20, the green channel 5 for a doctorate', () => {
    clock.set('2026-11-02T02:00:00Z') // Mon 2 Nov: no holidays ahead in November
    const cases = [
      [degreeForm({ country: '美国', institution: '哥伦比亚大学' }), false, 10, '2026-11-16'],
      [degreeForm({ country: '英国' }), false, 15, '2026-11-23'],
      [degreeForm({ country: '德国', institution: '慕尼黑工业大学' }), false, 20, '2026-11-30'],
      [degreeForm({ country: '德国', level: 'doctor', greenChannel: 'urgent_exam' }), true, 5, '2026-11-09']
    ] as const
    for (const [form, greenChannel, days, due] of cases) {
      const { id } = certification('submitted', form)
      const d = act(id, 'accept', { greenChannel }).detail
      expect(row(id)).toMatchObject({ clock_days: days, deadline_on: due })
      expect(d.certification?.timeLimit?.workingDays).toBe(days)
    }
    // The supervisor's table: Germany 12 from now on.
    writeTimeLimits(store, { limits: { ...DEFAULT_TIME_LIMITS, rows: [...DEFAULT_TIME_LIMITS.rows, { country: '德国', institution: '', workingDays: 12 }] }, updatedAt: null, updatedBy: null })
    const { id } = certification('submitted', degreeForm({ country: '德国' }))
    const d = act(id, 'accept', { greenChannel: false }).detail
    expect(row(id)).toMatchObject({ clock_days: 12, deadline_on: '2026-11-18' })
    expect(d.certification?.timeLimit).toEqual({ workingDays: 12, basis: '类别“德国”' })
  })

  it('refuses the green channel for a master’s degree, and for a doctor who did not ask for it (VALIDATION, nothing written)', () => {
    const master = certification('submitted', degreeForm({ level: 'master', greenChannel: 'urgent_exam' })).id
    const e = errorOf(() => act(master, 'accept', { greenChannel: true }))
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toContain('博士')
    expect(row(master)).toMatchObject({ state: 'submitted', clock_days: null })
    const notAsked = certification('submitted', degreeForm({ level: 'doctor' })).id
    expect(codeOf(() => act(notAsked, 'accept', { greenChannel: true }))).toBe('VALIDATION')
  })
})

/** A certification with a result on `resultAt` (the event the rules read), paid on `paidAt`. */
function decided(state: 'certified' | 'deferred' | 'refused', resultAt: string, opts: { paidAt?: string; reasonCode?: string; applicantId?: number } = {}) {
  const applicantId = opts.applicantId ?? addApplicant(store)
  const c = addCertCase(store, { type: 'degree_certification', subtype: 'foreign', state, form: degreeForm({ paidAt: opts.paidAt }), applicantId })
  const action = state === 'certified' ? 'certify' : state === 'deferred' ? 'defer' : 'refuse'
  addEvent(store, c.id, action, resultAt, state === 'certified' ? { equivalence: '硕士学位' } : { reasonCode: opts.reasonCode ?? 'other', reason: '原因说明' })
  return { ...c, applicantId }
}

const rereview = (certNumber: string, applicantId: number, submittedAt: string) =>
  addCertCase(store, {
    type: 'certification_rereview', subtype: 'rereview', state: 'submitted', applicantId, submittedAt,
    form: { certificationCaseNumber: certNumber, reason: 'result_disputed', reasonText: '对认证结论有异议，补充了院校证明' }
  })

const refund = (certNumber: string, applicantId: number, submittedAt: string, bank: object | null = null, state = 'submitted') =>
  addCertCase(store, {
    type: 'certification_refund', subtype: 'refund', state, applicantId, submittedAt,
    form: { certificationCaseNumber: certNumber, reason: '不再需要认证', bank }
  })

describe('re-review', () => {
  beforeEach(() => clock.set('2026-11-23T02:00:00Z'))

  it('is taken up on the exact anniversary of the result (office date) and gets the longest category’s 20 days', () => {
    const cert = decided('deferred', '2025-11-20T02:00:00Z')
    const r = rereview(cert.caseNumber, cert.applicantId, '2026-11-20T09:00:00Z')
    const checks = s.cases.detail(r.id, reviewer).ruleChecks!
    expect(checks.find((c) => c.key === 'rereview_window')).toMatchObject({ outcome: 'pass', detail: expect.stringContaining('复核截止 2026-11-20') })
    const d = act(r.id, 'accept').detail
    expect(d.state).toBe('in_review')
    // Mon 23 Nov + 20 working days → Mon 21 Dec.
    expect(row(r.id)).toMatchObject({ clock_days: 20, deadline_on: '2026-12-21' })
    expect(d.certification?.related.map((x) => [x.caseNumber, x.typeLabel, x.stateLabel])).toEqual([[cert.caseNumber, '学历学位认证', '暂不认证']])
  })

  it('is refused the day after the anniversary — in Beijing time (00:30 on 21 Nov)', () => {
    const cert = decided('certified', '2025-11-20T02:00:00Z')
    const r = rereview(cert.caseNumber, cert.applicantId, '2026-11-20T16:30:00Z')
    expect(codeOf(() => act(r.id, 'accept'))).toBe('REREVIEW_EXPIRED')
    expect(row(r.id).state).toBe('submitted')
  })

  it('is refused for another applicant’s certification, one without a result, and after a refund', () => {
    const cert = decided('certified', '2026-06-01T02:00:00Z')
    expect(codeOf(() => act(rereview(cert.caseNumber, addApplicant(store), '2026-11-20T02:00:00Z').id, 'accept'))).toBe('NOT_OWN_CERTIFICATION')
    const open = certification('in_review')
    const ownerOfOpen = (store.sqlite.prepare('SELECT applicant_id FROM cases WHERE id = ?').get(open.id) as { applicant_id: number }).applicant_id
    expect(codeOf(() => act(rereview(open.caseNumber, ownerOfOpen, '2026-11-20T02:00:00Z').id, 'accept'))).toBe('NO_RESULT_YET')
    expect(codeOf(() => act(rereview('RZ-NONE', cert.applicantId, '2026-11-20T02:00:00Z').id, 'accept'))).toBe('CERTIFICATION_NOT_FOUND')
    const deferred = decided('deferred', '2026-06-01T02:00:00Z')
    refund(deferred.caseNumber, deferred.applicantId, '2026-10-01T02:00:00Z', null, 'refunded')
    expect(codeOf(() => act(rereview(deferred.caseNumber, deferred.applicantId, '2026-11-20T02:00:00Z').id, 'accept'))).toBe('REFUNDED')
  })
})

describe('refund', () => {
  beforeEach(() => clock.set('2026-11-23T02:00:00Z'))
  const bank = { accountName: '王思远', bankName: '中国工商银行北京海淀支行', accountNumber: '6222020200112233445' }

  it('is never made after a refusal for false materials', () => {
    const cert = decided('refused', '2026-10-20T02:00:00Z', { reasonCode: 'false_materials' })
    const r = refund(cert.caseNumber, cert.applicantId, '2026-11-20T02:00:00Z')
    const e = errorOf(() => act(r.id, 'refund'))
    expect(e.code).toBe('FALSE_MATERIALS')
    expect(e.message).toContain('虚假材料')
    expect(row(r.id).state).toBe('submitted')
  })

  it('is made for a deferral within 10 months (back to the card); the certification shows it refunded', () => {
    const cert = decided('deferred', '2026-10-20T02:00:00Z', { paidAt: '2026-03-01T02:00:00Z' })
    const r = refund(cert.caseNumber, cert.applicantId, '2026-11-20T02:00:00Z')
    expect(s.cases.detail(r.id, reviewer).ruleChecks!.find((c) => c.key === 'refund_route')?.detail).toContain('退至原在线支付卡')
    expect(act(r.id, 'refund').detail.state).toBe('refunded')
    const certView = s.cases.detail(cert.id, reviewer).certification!
    expect(certView.payment).toMatchObject({ amount: 360, refund: 'refunded' })
    expect(certView.related.map((x) => [x.caseNumber, x.stateLabel])).toEqual([[r.caseNumber, '已退费']])
  })

  it('needs the bank details after 10 months of payment (paid 10 Jan, last card day 10 Nov)', () => {
    const cert = decided('deferred', '2026-10-20T02:00:00Z', { paidAt: '2026-01-10T02:00:00Z' })
    const without = refund(cert.caseNumber, cert.applicantId, '2026-11-20T02:00:00Z')
    expect(codeOf(() => act(without.id, 'refund'))).toBe('BANK_DETAILS_REQUIRED')
    act(without.id, 'reject', { reason: '请重新申请并填写银行卡信息' })
    const withBank = refund(cert.caseNumber, cert.applicantId, '2026-11-21T02:00:00Z', bank)
    expect(act(withBank.id, 'refund').detail.state).toBe('refunded')
  })

  it('stops the office’s work on the certification while a refund is pending, and for good once it is made', () => {
    const { id, caseNumber } = certification('in_review', degreeForm(), { clock: { startedOn: '2026-11-16', days: 15, deadlineOn: '2026-12-07' } })
    const applicantId = (store.sqlite.prepare('SELECT applicant_id FROM cases WHERE id = ?').get(id) as { applicant_id: number }).applicant_id
    const pending = refund(caseNumber, applicantId, '2026-11-20T02:00:00Z')
    const verification = { reasonCode: 'institution', recipient: '伦敦大学学院', channel: 'email', replyDueOn: '2026-12-04' }
    const e = errorOf(() => act(id, 'send_verification', verification))
    expect(e.code).toBe('REFUND_PENDING')
    expect(e.message).toContain(pending.caseNumber)
    for (const [action, input] of [['certify', { equivalence: '硕士学位' }], ['defer', { reasonCode: 'other', reason: '其他原因说明' }], ['request_supplements', { reasons: [{ material: 'general', text: '补充' }] }]] as const) {
      expect(codeOf(() => act(id, action, input))).toBe('REFUND_PENDING')
    }
    expect(s.cases.detail(id, reviewer).ruleChecks).toEqual([expect.objectContaining({ key: 'refund_status', outcome: 'fail', code: 'REFUND_PENDING' })])
    expect(s.cases.detail(id, reviewer).certification?.payment?.refund).toBe('requested')
    // The refund is refused (the certification is in evaluation): the work goes on.
    expect(codeOf(() => act(pending.id, 'refund'))).toBe('REFUND_NOT_ELIGIBLE')
    act(pending.id, 'reject', { reason: '已进入认证评估程序，不予退费' })
    expect(act(id, 'send_verification', verification).detail.state).toBe('awaiting_foreign')

    // A certification still waiting to be accepted, refunded: never accepted afterwards.
    const waiting = certification('submitted')
    const owner = (store.sqlite.prepare('SELECT applicant_id FROM cases WHERE id = ?').get(waiting.id) as { applicant_id: number }).applicant_id
    const done = refund(waiting.caseNumber, owner, '2026-11-20T02:00:00Z')
    expect(codeOf(() => act(waiting.id, 'accept', { greenChannel: false }))).toBe('REFUND_PENDING')
    expect(act(done.id, 'refund').detail.state).toBe('refunded')
    expect(codeOf(() => act(waiting.id, 'accept', { greenChannel: false }))).toBe('REFUNDED')
  })
})
