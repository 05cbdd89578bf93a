import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WorkingCalendar } from '../../src/shared/domain/calendar'
import { clockAfter } from '../../src/shared/domain/case-clock'
import { caseTypeDef } from '../../src/shared/domain/case-types'
import { DEFAULT_TIME_LIMITS } from '../../src/shared/domain/certification-deadlines'
import type { CertificationFacts } from '../../src/shared/domain/certificate-rules'
import type { DegreeCertificationForm, EmploymentForm } from '../../src/shared/domain/certification-forms'
import { firstFailure } from '../../src/shared/domain/certificate-rules'
import { refundChecks, rereviewChecks } from '../../src/shared/domain/certification-requests'
import { eligibilityChecks } from '../../src/shared/domain/employment-rules'
import { employmentWorkbench } from '../../src/main/core/cases/employment-workbench'
import type { CaseRow } from '../../src/main/core/cases/detail'
import { tempStore } from '../../src/main/core/testing/fixtures'
import { ensureDemoData } from './ensure'
import { generateDemo } from './generate'
import { seedStaff } from './staff'

const TODAY = '2026-11-23'
const calendar = new WorkingCalendar()
type Row = Record<string, unknown> & { id: string; case_number: string; type: string; subtype: string; state: string; form: string }

let store: ReturnType<typeof tempStore>
let cases: Row[]
const all = <T = Row>(q: string, ...args: unknown[]): T[] => store.sqlite.prepare(q).all(...args) as T[]
const of = (type: string, state?: string) => cases.filter((c) => c.type === type && (!state || c.state === state))
const form = <T>(c: Row): T => JSON.parse(c.form) as T
const officeDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10)

beforeAll(() => {
  store = tempStore()
  // As the standalone demo and the e2e harness make it: 120 cases, letters issued.
  ensureDemoData(store, { cases: 120, today: TODAY })
  cases = all('SELECT * FROM cases')
}, 180_000)
afterAll(() => store.dispose())

/** The facts the rules read, gathered from the demo store like the desk and the exchange service do. */
function factsOf(number: string, applicantId: unknown, self: string): CertificationFacts | null {
  const cert = cases.find((c) => c.case_number === number && c.type === 'degree_certification')
  if (!cert) return null
  const result = all<{ at: string; action: string; data: string }>("SELECT at, action, data FROM case_events WHERE case_id = ? AND action IN ('certify', 'defer', 'refuse') ORDER BY id DESC", cert.id)[0]
  const naming = (type: string) => cases.filter((c) => c.type === type && c.id !== self && form<{ certificationCaseNumber?: string }>(c).certificationCaseNumber === number)
  return {
    caseNumber: number,
    applicantMatches: cert.applicant_id === applicantId,
    state: cert.state,
    resultOn: result ? officeDate(result.at) : null,
    refusalCode: result?.action === 'refuse' ? String(JSON.parse(result.data).reasonCode) : null,
    paidOn: officeDate(form<DegreeCertificationForm>(cert).payment.paidAt),
    refunds: naming('certification_refund').filter((c) => !['cancelled', 'rejected'].includes(c.state)).map((c) => ({ caseNumber: c.case_number, state: c.state })),
    rereviews: naming('certification_rereview').filter((c) => !['certified', 'deferred', 'refused', 'not_accepted', 'cancelled'].includes(c.state)).map((c) => ({ caseNumber: c.case_number, state: c.state }))
  }
}

describe('the demo’s certification office and employment desk (120 cases, letters issued)', () => {
  it('has degree certifications waiting to be accepted: UK, USA, others, a joint programme, a green-channel doctorate', () => {
    const waiting = of('degree_certification', 'submitted').map((c) => form<DegreeCertificationForm>(c))
    const countries = new Set(waiting.map((f) => f.degree.country))
    for (const c of ['英国', '美国', '日本']) expect(countries.has(c), c).toBe(true)
    expect(of('degree_certification', 'submitted').some((c) => c.subtype === 'joint_programme' && /^[A-Z]{3}\d{2}/.test(String(form<DegreeCertificationForm>(c).programmeCode)))).toBe(true)
    expect(waiting.some((f) => f.greenChannel !== null && f.degree.level === 'doctor')).toBe(true)
    for (const f of waiting) {
      expect(f.studyHistory[0].stage).toBe('high_school')
      expect(f.payment.amount).toBe(360)
    }
  })

  it('has certifications in review with various deadlines (one overdue), paused for a foreign reply (one overdue) and for supplements', () => {
    const review = of('degree_certification', 'in_review')
    expect(review.some((c) => String(c.deadline_on) < TODAY)).toBe(true)
    expect(review.some((c) => String(c.deadline_on) >= TODAY)).toBe(true)
    for (const c of review) expect(c.deadline_on).toBe(calendar.addWorkingDays(String(c.clock_started_on), Number(c.clock_days)))
    const foreign = of('degree_certification', 'awaiting_foreign')
    const replyDue = foreign.map((c) => JSON.parse(all<{ data: string }>("SELECT data FROM case_events WHERE case_id = ? AND action = 'send_verification' ORDER BY id DESC", c.id)[0].data).replyDueOn as string)
    expect(replyDue.some((d) => d < TODAY)).toBe(true)
    expect(replyDue.some((d) => d >= TODAY)).toBe(true)
    const paused = [...foreign, ...of('degree_certification', 'awaiting_supplements')]
    expect(of('degree_certification', 'awaiting_supplements').length).toBeGreaterThan(0)
    for (const c of paused) {
      expect(c.deadline_on).toBeNull()
      expect(Number(c.clock_days)).toBeGreaterThanOrEqual(0)
      // The days left when the pause began: the clock's length less the working days spent since acceptance.
      const accepted = all<{ at: string; data: string }>("SELECT at, data FROM case_events WHERE case_id = ? AND action = 'accept'", c.id)[0]
      expect(Number(c.clock_days)).toBeLessThanOrEqual(20)
      expect(accepted).toBeDefined()
    }
  })

  it('has every result with its letter, a refusal for false materials among them; accepted ones have their receipt', () => {
    for (const state of ['certified', 'deferred', 'refused']) expect(of('degree_certification', state).length, state).toBeGreaterThan(0)
    expect(of('degree_certification', 'refused').some((c) => all("SELECT id FROM case_events WHERE case_id = ? AND action = 'refuse' AND data LIKE '%false_materials%'", c.id).length)).toBe(true)
    const docs = all<{ case_id: string; doc_type: string }>('SELECT case_id, doc_type FROM issued_documents')
    const has = (c: Row, t: string) => docs.some((d) => d.case_id === c.id && d.doc_type === t)
    const letter = { certified: 'certification_certificate', deferred: 'deferral_notice', refused: 'refusal_notice' } as const
    for (const state of ['certified', 'deferred', 'refused'] as const) {
      for (const c of of('degree_certification', state)) expect(has(c, letter[state]), c.case_number).toBe(true)
    }
    for (const c of of('degree_certification', 'in_review')) expect(has(c, 'payment_receipt')).toBe(true)
  })

  it('has a re-review within the window and a refund pending, both passing their rules against the certification they name', () => {
    const rereviews = of('certification_rereview', 'submitted')
    const refunds = of('certification_refund', 'submitted')
    expect(rereviews.length).toBeGreaterThan(0)
    expect(refunds.length).toBeGreaterThan(0)
    for (const r of rereviews) {
      const f = form<{ certificationCaseNumber: string; reason: string; reasonText: string }>(r)
      const facts = { today: TODAY, requestedOn: officeDate(String(r.submitted_at)), arrearsCutoff: '2026-01', archive: null, materials: [], earlierPending: [] }
      expect(firstFailure(rereviewChecks({ ...facts, form: f, certification: factsOf(f.certificationCaseNumber, r.applicant_id, r.id) })), r.case_number).toBeUndefined()
    }
    for (const r of refunds) {
      const f = form<{ certificationCaseNumber: string; bank: null }>(r)
      const facts = { today: TODAY, requestedOn: officeDate(String(r.submitted_at)), arrearsCutoff: '2026-01', archive: null, materials: [], earlierPending: [] }
      expect(firstFailure(refundChecks({ ...facts, form: f, certification: factsOf(f.certificationCaseNumber, r.applicant_id, r.id) })), r.case_number).toBeUndefined()
      expect(Number(r.clock_days)).toBe(15)
    }
  })

  it('has employment registrations of the four kinds: a non-Beijing master 359 days abroad fails that row, another passes every row', () => {
    const kinds = new Set(of('employment_registration').map((c) => c.subtype))
    expect([...kinds].sort()).toEqual(['beijing_employment', 'joint_programme', 'non_beijing_settlement', 'outside_beijing_settlement'])
    const rows = of('employment_registration', 'submitted')
      .filter((c) => c.subtype === 'non_beijing_settlement')
      .map((c) => ({ c, rows: employmentWorkbench(store, c as unknown as CaseRow).eligibility }))
    const short = rows.find((r) => r.rows.find((x) => x.key === 'days_abroad')?.data.includes('在外 359 天'))
    expect(short?.rows.find((x) => x.key === 'days_abroad')?.status).toBe('failed')
    expect(rows.some((r) => r.rows.length === 7 && r.rows.every((x) => x.status === 'passed'))).toBe(true)
    // The same rules straight from the form (the birth date as registered).
    const f = form<EmploymentForm>(short!.c)
    expect(eligibilityChecks({ kind: 'non_beijing_settlement', form: f, birthDate: '1995-01-01', applicationOn: f.firstReturnOn, certification: null })[1].status).toBe('failed')
  })
})

describe('the demo’s clocks', () => {
  it('run, pause and resume as shared/domain/case-clock.ts does: replaying each history gives the stored clock', () => {
    const office = cases.filter((c) => ['degree_certification', 'certification_rereview', 'certification_refund', 'employment_registration'].includes(c.type))
    for (const c of office) {
      const def = caseTypeDef(c.type)!
      let clock = { state: null as string | null, clockStartedOn: null as string | null, clockDays: null as number | null, deadlineOn: null as string | null }
      for (const e of all<{ at: string; action: string; to_state: string | null; data: string }>('SELECT at, action, to_state, data FROM case_events WHERE case_id = ? ORDER BY id', c.id)) {
        if (e.action === 'claim' || !e.to_state) continue
        const next = clockAfter(calendar, def, clock, e.to_state, officeDate(e.at), { subtype: c.subtype, form: form(c), input: JSON.parse(e.data), timeLimits: DEFAULT_TIME_LIMITS })
        clock = { state: e.to_state, ...next }
      }
      expect({ clockStartedOn: c.clock_started_on, clockDays: c.clock_days, deadlineOn: c.deadline_on }, `${c.type} ${c.state} ${c.case_number}`).toEqual({
        clockStartedOn: clock.clockStartedOn,
        clockDays: clock.clockDays,
        deadlineOn: clock.deadlineOn
      })
    }
  })
})

describe('the certification demo is deterministic', () => {
  it('gives the same cases for the same seed', () => {
    const run = () => {
      const s = tempStore()
      seedStaff(s)
      generateDemo(s, { cases: 60, today: TODAY, seed: 5, renderLimit: 0, poolSize: 2 })
      const rows = s.sqlite.prepare("SELECT case_number, type, state, form, deadline_on, clock_days FROM cases WHERE type NOT LIKE 'archive%' ORDER BY case_number").all()
      s.dispose()
      return rows
    }
    const first = run()
    expect(first.length).toBeGreaterThan(15)
    expect(run()).toEqual(first)
  }, 60_000)
})
