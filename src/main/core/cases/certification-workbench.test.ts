import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import { clockAfter } from '../../../shared/domain/case-clock'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { DEFAULT_TIME_LIMITS } from '../../../shared/domain/certification-deadlines'
import { createServicesOn, type Services } from '../api'
import { loadCalendar } from '../calendar/load'
import {
  addApplicant,
  addAttachment,
  addCertCase,
  addEvent,
  addIssuedCertificate,
  degreeForm,
  employmentSample,
  movableClock
} from '../testing/certification-cases'
import { addStaff, tempStore } from '../testing/fixtures'

/** What the certification workbench and the employment desk show beside the documents (certification-workbench.ts). */
let store: ReturnType<typeof tempStore>
let clock: ReturnType<typeof movableClock>
let s: Services
let reviewer: StaffSession

beforeEach(() => {
  store = tempStore()
  clock = movableClock('2026-11-23T02:00:00Z')
  s = createServicesOn(store, clock)
  reviewer = addStaff(store, 'reviewer1', 'reviewer', '王芳')
})
afterEach(() => store.dispose())

const cert = (applicantId: number, form = degreeForm(), subtype = 'foreign', state = 'in_review') =>
  addCertCase(store, { type: 'degree_certification', subtype, state, form, applicantId })
const view = (id: string) => s.cases.detail(id, reviewer)

describe('certification workbench', () => {
  it('lists the same file under another applicant’s case, masked, and not the applicant’s own other cases', () => {
    const mine = addApplicant(store, { name: '王思远' })
    const other = addApplicant(store, { name: '李晓彤' })
    const a = cert(mine)
    addAttachment(store, a.id, 'diploma', 'sha-diploma', '学位证书.pdf')
    addAttachment(store, a.id, 'photo', 'sha-photo', '照片.jpg')
    const b = addCertCase(store, { type: 'archive_deposit', subtype: 'outbound', state: 'submitted', form: {}, applicantId: other })
    addAttachment(store, b.id, 'other', 'sha-diploma', '扫描件.pdf')
    addAttachment(store, b.id, 'other', 'sha-diploma', '扫描件-副本.pdf')
    const ownOther = cert(mine)
    addAttachment(store, ownOther.id, 'photo', 'sha-photo', '照片.jpg')
    expect(view(a.id).certification!.duplicates).toEqual([
      { kind: 'file', caseId: b.id, caseNumber: b.caseNumber, applicantName: '李**', detail: '“学位证书.pdf”与该申请的“扫描件.pdf”为同一文件' }
    ])
  })

  it('lists the same diploma number (case and spaces ignored) in another applicant’s certification; none without a number', () => {
    const a = cert(addApplicant(store, { name: '王思远' }), degreeForm({ diplomaNumber: 'UCL-2025-0012345' }))
    const b = cert(addApplicant(store, { name: '欧阳晓晨' }), degreeForm({ diplomaNumber: ' ucl-2025-0012345 ' }))
    const sameOwner = (store.sqlite.prepare('SELECT applicant_id FROM cases WHERE id = ?').get(a.id) as { applicant_id: number }).applicant_id
    cert(sameOwner, degreeForm({ diplomaNumber: 'UCL-2025-0012345' })) // the applicant's own earlier try: not a duplicate
    cert(addApplicant(store), degreeForm({ diplomaNumber: 'UCL-2025-0099999' }))
    expect(view(a.id).certification!.duplicates).toEqual([
      { kind: 'diploma', caseId: b.id, caseNumber: b.caseNumber, applicantName: '欧***', detail: '学位证书编号 UCL-2025-0012345 相同' }
    ])
    const none = cert(addApplicant(store), degreeForm({ diplomaNumber: '' }))
    cert(addApplicant(store), degreeForm({ diplomaNumber: '' }))
    expect(view(none.id).certification!.duplicates).toEqual([])
  })

  it('shows the verification overdue only after the reply-due day, and answered once recorded', () => {
    const a = cert(addApplicant(store), degreeForm(), 'foreign', 'awaiting_foreign')
    addEvent(store, a.id, 'send_verification', '2026-11-02T02:00:00Z', { reasonCode: 'agency', recipient: 'UK ENIC', channel: 'email', replyDueOn: '2026-11-20' })
    expect(view(a.id).certification!.verification).toEqual({
      sentOn: '2026-11-02', recipient: 'UK ENIC', reasonCode: 'agency', replyDueOn: '2026-11-20', answeredOn: null, outcome: null, overdue: true
    })
    const due = cert(addApplicant(store), degreeForm(), 'foreign', 'awaiting_foreign')
    addEvent(store, due.id, 'send_verification', '2026-11-02T02:00:00Z', { reasonCode: 'institution', recipient: '伦敦大学学院', channel: 'post', replyDueOn: '2026-11-23' })
    expect(view(due.id).certification!.verification?.overdue).toBe(false)
    addEvent(store, a.id, 'record_verification', '2026-11-23T01:00:00Z', { outcome: 'no_record' })
    expect(view(a.id).certification!.verification).toMatchObject({ answeredOn: '2026-11-23', outcome: 'no_record', overdue: false })
    // A second verification after the answer: the latest counts, unanswered.
    addEvent(store, a.id, 'send_verification', '2026-11-23T02:00:00Z', { reasonCode: 'agency', recipient: 'UK ENIC', channel: 'email', replyDueOn: '2026-12-04' })
    expect(view(a.id).certification!.verification).toMatchObject({ sentOn: '2026-11-23', answeredOn: null, overdue: false })
  })

  it('counts the days abroad up to the award, reports inconsistent records, and flags the study history', () => {
    const a = cert(addApplicant(store), degreeForm({ trips: [{ exitOn: '2024-09-15', entryOn: '2025-10-08' }, { exitOn: '2025-11-01', entryOn: null }] }))
    const w = view(a.id).certification!
    // 2024-09-15 → 2025-10-08: 388 days; the open stay counts to the award on 2025-11-15: 14 days.
    expect(w.abroad).toMatchObject({ days: 402, stays: [{ exitOn: '2024-09-15', days: 388 }, { exitOn: '2025-11-01', entryOn: null, days: 14 }] })
    // The six years between the bachelor's and the master's (whatever the summer-break allowance).
    expect(w.studyFindings).toContainEqual({ kind: 'gap', severity: 'warning', text: expect.stringMatching(/^2018-07 至 2024-08 共 74 个月/) })
    expect(w.programme).toBeNull()
    expect(w.payment).toMatchObject({ amount: 360, cardTail: '6688', refund: 'none' })
    const bad = cert(addApplicant(store), degreeForm({ trips: [{ exitOn: '2024-09-15', entryOn: '2024-09-01' }] }))
    expect(view(bad.id).certification!.abroad).toMatchObject({ days: 0, stays: [], error: expect.stringContaining('入境日期 2024-09-01 早于出境日期') })
  })

  it('looks the joint programme up in the register', () => {
    store.sqlite
      .prepare(
        `INSERT INTO joint_programmes (code, name, chinese_institution, foreign_institution, country, level, approved_until, status)
         VALUES ('MOE31US2A20121234N', '上海纽约大学数据科学本科项目', '上海纽约大学', 'New York University', '美国', 'bachelor', '2030-12-31', 'active')`
      )
      .run()
    const joint = cert(addApplicant(store), { ...degreeForm({ country: '美国' }), programmeCode: 'moe31us2a20121234n' }, 'joint_programme')
    expect(view(joint.id).certification!.programme).toEqual({
      code: 'MOE31US2A20121234N', name: '上海纽约大学数据科学本科项目', chineseInstitution: '上海纽约大学', foreignInstitution: 'New York University', status: 'active'
    })
    expect(view(joint.id).certification!.timeLimit).toEqual({ workingDays: 10, basis: '中外合作办学' })
    const unknown = cert(addApplicant(store), { ...degreeForm(), programmeCode: 'MOE11GB2A20109999N' }, 'joint_programme')
    expect(view(unknown.id).certification!.programme).toBe('missing')
  })

  it('shows a re-review and a refund the certification they name, and the certification its re-reviews and refunds', () => {
    const applicantId = addApplicant(store)
    const c = cert(applicantId, degreeForm(), 'foreign', 'deferred')
    const r = addCertCase(store, { type: 'certification_rereview', subtype: 'rereview', state: 'submitted', applicantId, submittedAt: '2026-11-10T02:00:00Z', form: { certificationCaseNumber: c.caseNumber, reason: 'new_materials', reasonText: '补充了院校证明' } })
    const f = addCertCase(store, { type: 'certification_refund', subtype: 'refund', state: 'cancelled', applicantId, submittedAt: '2026-11-12T02:00:00Z', form: { certificationCaseNumber: c.caseNumber, reason: '不再需要', bank: null } })
    expect(view(c.id).certification!.related.map((x) => [x.caseNumber, x.typeLabel, x.stateLabel])).toEqual([
      [r.caseNumber, '认证结果复核', '复核申请已提交'],
      [f.caseNumber, '认证退费', '已取消']
    ])
    expect(view(c.id).certification!.payment?.refund).toBe('none') // a cancelled refund does not count
    const fw = view(f.id).certification!
    expect(fw).toMatchObject({ timeLimit: null, studyFindings: [], abroad: null, duplicates: [], programme: null })
    expect(fw.related).toEqual([expect.objectContaining({ id: c.id, stateLabel: '暂不认证' })])
    expect(view(r.id).certification!.timeLimit).toEqual({ workingDays: DEFAULT_TIME_LIMITS.otherDays, basis: '复核，按其他国家（地区）' })
  })
})

describe('employment registration', () => {
  const employment = (subtype: string, form: object, opts: { applicantId?: number; submittedAt?: string; state?: string } = {}) =>
    addCertCase(store, { type: 'employment_registration', subtype, state: opts.state ?? 'submitted', form, applicantId: opts.applicantId ?? addApplicant(store, { birthDate: '1996-08-12' }), submittedAt: opts.submittedAt })

  it('shows the eligibility rows with the certification found among the issued certificates', () => {
    const applicantId = addApplicant(store, { birthDate: '1981-10-09' })
    const c = cert(applicantId, degreeForm({ level: 'master' }), 'foreign', 'certified')
    addIssuedCertificate(store, c.id, '留认证字〔2026〕第000456号')
    // Submitted 8 Oct 2027 00:30 in Beijing: the two years from the first return (2025-10-08) are up on 8 Oct; aged 45 until 9 Oct.
    const e = employment('non_beijing_settlement', employmentSample({ certificationNumber: '留认证字〔2026〕第000456号' }), { applicantId, submittedAt: '2027-10-07T16:30:00Z' })
    const w = view(e.id).employment!
    expect(w.eligibility.map((r) => [r.key, r.status])).toEqual([
      ['degree', 'passed'],
      ['days_abroad', 'passed'],
      ['return_window', 'passed'],
      ['age', 'passed'],
      ['prior_employment', 'passed'],
      ['employment', 'passed'],
      ['identity', 'passed']
    ])
    expect(w.eligibility[0].data).toBe('硕士，认证书编号 留认证字〔2026〕第000456号')
    expect(w.eligibility[2].data).toContain('申请日期 2027-10-08')
    expect(w).toMatchObject({ eligibilityNote: null, workingDays: 50 })
    expect(w.outputs).toEqual([
      { docType: 'settlement_letter', label: '落户介绍信' },
      { docType: 'employment_report_card', label: '就业报到证' },
      { docType: 'household_entry_form', label: '入户人员基本情况表' }
    ])
    // A void certificate is no certificate: the number needs checking by hand.
    addIssuedCertificate(store, c.id, '留认证字〔2026〕第000457号', 'void')
    const voided = employment('non_beijing_settlement', employmentSample({ certificationNumber: '留认证字〔2026〕第000457号', socialInsuranceMonths: 2, identityConsistent: null }), { applicantId, submittedAt: '2027-10-08T16:30:00Z' })
    expect(view(voided.id).employment!.eligibility.map((r) => [r.key, r.status])).toEqual([
      ['degree', 'needs_evidence'],
      ['days_abroad', 'passed'],
      ['return_window', 'failed'],
      ['age', 'failed'],
      ['prior_employment', 'passed'],
      ['employment', 'failed'],
      ['identity', 'needs_evidence']
    ])
  })

  it('has no rows for the other kinds, only the note; a joint-programme report letter in 7 days', () => {
    const w = view(employment('joint_programme', employmentSample({ degreeLevel: 'bachelor' })).id).employment!
    expect(w.eligibility).toEqual([])
    expect(w.eligibilityNote).toContain('中外合作办学就业报到')
    expect(w.workingDays).toBe(7)
    expect(w.outputs).toEqual([{ docType: 'employment_report_letter', label: '就业报到证明信' }])
  })

  it('runs the 50 / 10 / 7 working-day clock from arrival, pauses it for supplements, and approval issues the kind’s letters', () => {
    const calendar = loadCalendar(store)
    const def = caseTypeDef('employment_registration')!
    const arrive = (subtype: string, form: object) =>
      clockAfter(calendar, def, { state: null, clockStartedOn: null, clockDays: null, deadlineOn: null }, 'submitted', '2026-08-03', { subtype, form: form as Record<string, unknown>, input: {}, timeLimits: DEFAULT_TIME_LIMITS })
    // From Mon 3 Aug 2026: 7 → 12 Aug; 10 → 17 Aug; 50 → 16 Oct (Sun 20 Sep and Sat 10 Oct worked; 25 Sep, 1–7 Oct off).
    expect(arrive('beijing_employment', employmentSample())).toEqual({ clockStartedOn: '2026-08-03', clockDays: 7, deadlineOn: '2026-08-12' })
    expect(arrive('non_beijing_settlement', employmentSample({ degreeLevel: 'doctor' }))).toEqual({ clockStartedOn: '2026-08-03', clockDays: 10, deadlineOn: '2026-08-17' })
    const master = arrive('non_beijing_settlement', employmentSample())
    expect(master).toEqual({ clockStartedOn: '2026-08-03', clockDays: 50, deadlineOn: '2026-10-16' })

    clock.set('2026-08-10T02:00:00Z')
    const form = employmentSample({ certificationNumber: '留认证字〔2026〕第000456号' })
    const paused = addCertCase(store, {
      type: 'employment_registration', subtype: 'non_beijing_settlement', state: 'submitted', form, applicantId: addApplicant(store),
      submittedAt: '2026-08-03T02:00:00Z', clock: { startedOn: master.clockStartedOn!, days: master.clockDays, deadlineOn: master.deadlineOn }
    })
    const v = s.cases.claim(paused.id, reviewer).version
    const d = s.cases.act(paused.id, 'request_supplements', v, { reasons: [{ material: 'social_insurance', text: '请补充在用人单位最近三个月的连续实缴社保记录' }] }, reviewer).detail
    // Spent 4 5 6 7 10 Aug: 45 left.
    expect(d.state).toBe('awaiting_supplements')
    expect(d.deadline).toMatchObject({ date: null, paused: { since: '2026-08-10', daysLeft: 45 } })

    // Settling outside Beijing (not where the hukou is): 落户介绍信 and 就业报到证, in that order.
    // (The non-Beijing kind's 入户人员基本情况表 needs the applicant's ethnicity, which cases/letters.ts does not read yet.)
    const outside = employmentSample({ settleTo: '河北省石家庄市长安区', employer: { name: '石家庄市第一医院', creditCode: '', city: '河北省石家庄市' } })
    const approved = addCertCase(store, { type: 'employment_registration', subtype: 'outside_beijing_settlement', state: 'submitted', form: outside, applicantId: addApplicant(store), clock: { startedOn: '2026-08-03', days: 7, deadlineOn: '2026-08-12' } })
    const v2 = s.cases.claim(approved.id, reviewer).version
    const done = s.cases.act(approved.id, 'approve', v2, { reportTo: '石家庄市第一医院' }, reviewer)
    expect(done.detail.state).toBe('approved')
    expect(done.detail.documents.map((x) => x.docType)).toEqual(['settlement_letter', 'employment_report_card'])
    expect(done.documentIds).toHaveLength(2)
    expect(done.detail.deadline.date).toBeNull()
    expect(done.detail.events.at(-1)!.data).toMatchObject({ reportTo: '石家庄市第一医院', documentIds: done.documentIds })
  })
})
