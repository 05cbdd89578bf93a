import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveDepositForm } from '../../src/shared/api/types'
import { WorkingCalendar } from '../../src/shared/domain/calendar'
import type { CaseTypeDef } from '../../src/shared/domain/case-type'
import { CASE_TYPES, caseTypeDef } from '../../src/shared/domain/case-types'
import { archiveDeposit } from '../../src/shared/domain/case-types/archive-deposit'
import { certificateChecks, firstFailure } from '../../src/shared/domain/certificate-rules'
import { birthDateFromId, checkResidentId, isMainlandMobile, sexFromId } from '../../src/shared/domain/identity'
import { tempStore } from '../../src/main/core/testing/fixtures'
import { generateDemo, type GenerateResult } from './generate'
import { seedStaff } from './staff'

const TODAY = '2026-11-23'
const OFFICE_TYPES = ['degree_certification', 'certification_rereview', 'certification_refund', 'employment_registration']
const defOf = (c: Row): CaseTypeDef => caseTypeDef(String(c.type))!
const calendar = new WorkingCalendar()

type Row = Record<string, unknown>
let store: ReturnType<typeof tempStore>
let result: GenerateResult
let cases: Row[]
const all = (q: string, ...args: unknown[]): Row[] => store.sqlite.prepare(q).all(...args) as Row[]

beforeAll(() => {
  store = tempStore()
  seedStaff(store)
  result = generateDemo(store, { cases: 300, seed: 7, today: TODAY })
  cases = all('SELECT * FROM cases')
}, 120_000)
afterAll(() => store.dispose())

describe('generateDemo (300 cases)', () => {
  it('makes one applicant and one archive per case and reports the counts', () => {
    expect(result.cases).toBe(300)
    expect(cases).toHaveLength(300)
    expect(all('SELECT id FROM applicants')).toHaveLength(result.applicants)
    // The archive office's applicants have an archive row; the certification office's and employment desk's do not.
    expect(all('SELECT id FROM archives')).toHaveLength(cases.filter((c) => !OFFICE_TYPES.includes(String(c.type))).length)
    expect(result.applicants).toBeLessThan(300)
    expect(all('SELECT id FROM attachments')).toHaveLength(result.attachments)
    expect(all('SELECT id FROM issued_documents')).toHaveLength(0)
  })

  it('gives every applicant a valid resident ID that matches sex and birth date, and mainland mobiles', () => {
    const applicants = all('SELECT * FROM applicants')
    expect(new Set(applicants.map((a) => a.id_number)).size).toBe(applicants.length)
    for (const a of applicants) {
      const id = String(a.id_number)
      expect(checkResidentId(id), id).toBeNull()
      expect(sexFromId(id)).toBe(a.sex)
      expect(birthDateFromId(id)).toBe(a.birth_date)
      expect(isMainlandMobile(String(a.mobile))).toBe(true)
      expect(isMainlandMobile(String(a.contact_mobile))).toBe(true)
      expect(String(a.email)).toMatch(/^[\w.]+@[\w.]+$/)
      expect(String(a.household_region).split('/')).toHaveLength(3)
      expect(String(a.passport_number)).toMatch(/^[EC]\d{8}$/)
    }
  })

  it('mixes every case type of the archive office, deposits most, each case in a state of its type', () => {
    const archiveCases = cases.filter((c) => !OFFICE_TYPES.includes(String(c.type)))
    const share = (type: string) => archiveCases.filter((c) => c.type === type).length / archiveCases.length
    expect(share('archive_deposit')).toBeGreaterThan(0.45)
    expect(share('archive_deposit')).toBeLessThan(0.65)
    for (const type of Object.keys(CASE_TYPES).filter((t) => !OFFICE_TYPES.includes(t))) expect(share(type), type).toBeGreaterThan(0.04)
    // The certification office and the employment desk: about a quarter of the cases, every type present.
    const office = cases.length - archiveCases.length
    expect(office / cases.length).toBeGreaterThan(0.15)
    expect(office / cases.length).toBeLessThan(0.4)
    for (const type of OFFICE_TYPES) expect(cases.some((c) => c.type === type), type).toBe(true)
    for (const c of cases) expect(Object.keys(defOf(c).states)).toContain(c.state)
    const depositStates = new Set(cases.filter((c) => c.type === 'archive_deposit').map((c) => c.state))
    expect([...depositStates].sort()).toEqual(Object.keys(archiveDeposit.states).sort())
    for (const s of ['pending', 'approved', 'rejected', 'awaiting_dispatch', 'transferred_out', 'filed']) expect(cases.some((c) => c.state === s), s).toBe(true)
    const open = cases.filter((c) => defOf(c).states[String(c.state)].open).length
    expect(open / cases.length).toBeGreaterThan(0.5)
  })

  it('keeps deadlines consistent: a clock state has deadline = 5 working days after the clock start', () => {
    const remaining = new Set<number>()
    for (const c of cases) {
      const clock = defOf(c).states[String(c.state)].clock
      if (defOf(c).states[String(c.state)].pause) {
        // Paused (case-clock.ts): since the pause began, the working days left kept, no deadline.
        expect(c.deadline_on).toBeNull()
        expect(Number(c.clock_days)).toBeGreaterThanOrEqual(0)
        expect(c.clock_started_on).not.toBeNull()
        continue
      }
      if (!clock) {
        expect(c.clock_started_on).toBeNull()
        expect(c.deadline_on).toBeNull()
        continue
      }
      const days = typeof clock.workingDays === 'number' ? clock.workingDays : Number(c.clock_days)
      // A deadline in a year the calendar does not cover yet (a 50-day employment review into 2027) is stored as null.
      if (c.deadline_on === null) {
        expect(() => calendar.addWorkingDays(String(c.clock_started_on), days)).toThrow(/尚未录入/)
        continue
      }
      expect(c.deadline_on).toBe(calendar.addWorkingDays(String(c.clock_started_on), days))
      remaining.add(Math.sign(calendar.workingDaysUntil(TODAY, String(c.deadline_on))))
    }
    expect([...remaining].sort()).toEqual([-1, 0, 1]) // some overdue, some due today, some ahead
  })

  it('stores real files: blobs exist, SHA-256 matches, PDFs and JPGs are what they say, each < 1 MB', () => {
    const rows = all('SELECT a.*, b.data, b.size AS blob_size, c.type FROM attachments a JOIN cases c ON c.id = a.case_id LEFT JOIN blobs b ON b.sha256 = a.sha256')
    for (const r of rows) {
      const material = defOf(r).materials.find((m) => m.code === r.material_code)
      const data = r.data as Buffer
      expect(data, String(r.file_name)).toBeInstanceOf(Buffer)
      expect(createHash('sha256').update(data).digest('hex')).toBe(r.sha256)
      expect(r.size).toBe(data.length)
      expect(r.blob_size).toBe(data.length)
      expect(data.length).toBeLessThan(1024 * 1024)
      expect(material, String(r.material_code)).toBeDefined()
      expect(material!.accept).toContain(r.mime)
      if (r.mime === 'application/pdf') expect(data.subarray(0, 4).toString('latin1')).toBe('%PDF')
      else expect([...data.subarray(0, 2)]).toEqual([0xff, 0xd8])
    }
    for (const c of cases) {
      const have = new Set(rows.filter((r) => r.case_id === c.id).map((r) => r.material_code))
      for (const m of defOf(c).materials.filter((x) => x.required)) expect(have.has(m.code)).toBe(true)
    }
    expect(rows.some((r) => r.material_code === 'intro_letter')).toBe(true)
    expect(rows.some((r) => r.material_code === 'transfer_request_letter')).toBe(true)
    expect(rows.some((r) => r.mime === 'image/jpeg')).toBe(true)
    expect(rows.some((r) => r.material_code === 'translation')).toBe(true)
  })

  it('records histories that replay through the state machine to the case state and version', () => {
    const staffIds = new Set(all('SELECT id FROM staff').map((s) => s.id))
    const applicantName = new Map(all('SELECT c.id, a.name FROM cases c JOIN applicants a ON a.id = c.applicant_id').map((r) => [r.id, r.name]))
    for (const c of cases) {
      const events = all('SELECT * FROM case_events WHERE case_id = ? ORDER BY id', c.id)
      const def = defOf(c)
      expect(events[0]).toMatchObject({ action: 'submit', actor_id: null, actor_name: applicantName.get(c.id), to_state: def.initialState })
      let state = def.initialState
      let changes = 0
      let previousAt = ''
      for (const e of events.slice(1)) {
        expect(String(e.at) > previousAt).toBe(true)
        previousAt = String(e.at)
        if (e.action === 'claim') {
          expect(staffIds.has(e.actor_id)).toBe(true)
          continue
        }
        const action = def.actions[String(e.action)]
        expect(action, String(e.action)).toBeDefined()
        expect(e.from_state).toBe(state)
        expect(action.from).toContain(state)
        if (action.roles.includes('applicant')) expect(e.actor_id).toBeNull()
        else expect(staffIds.has(e.actor_id)).toBe(true)
        if (e.to_state !== state) changes++
        state = String(e.to_state)
      }
      expect(state).toBe(c.state)
      expect(c.version).toBe(changes + 1)
      expect(c.updated_at).toBe(events[events.length - 1].at)
    }
  })

  it('fills forms, search text and numbers the way the app reads them', () => {
    const numbers = new Set<string>()
    for (const c of cases) {
      const def = defOf(c)
      expect(Object.keys(def.subtypes)).toContain(c.subtype)
      const form = JSON.parse(String(c.form)) as unknown
      if (def.formSchema) expect(def.formSchema(String(c.subtype)).safeParse(form).success, String(c.form)).toBe(true)
      if (c.type === 'archive_deposit') {
        const f = form as ArchiveDepositForm
        expect(f.cv[0].role).toBe('高中')
        expect(f.overseas.length).toBeGreaterThan(0)
        expect(f.custodian.length).toBeGreaterThan(4)
        expect(f.agreementAccepted).toBe(true)
      }
      expect(String(c.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(String(c.case_number)).toMatch(/^CD\d{8}\d{6}$/)
      numbers.add(String(c.case_number))
      const a = all('SELECT name, id_number, mobile FROM applicants WHERE id = ?', c.applicant_id)[0]
      expect(c.search_text).toBe([a.name, a.id_number, a.mobile, c.case_number].join(' '))
      if (!def.states[String(c.state)].open) expect(c.assignee_id).toBeNull()
    }
    expect(numbers.size).toBe(cases.length)
    const deposits = cases.filter((c) => c.type === 'archive_deposit')
    expect(deposits.filter((c) => c.subtype === 'outbound').length / deposits.length).toBeGreaterThan(0.55)
    expect(cases.some((c) => c.assignee_id !== null)).toBe(true)
  })

  it('gives the other types’ applicants archives that fit seed 003: in storage, unit or individual, some in arrears or dismissed', () => {
    const held = all(
      `SELECT ar.*, c.type, c.state, c.id AS case_id FROM cases c JOIN archives ar ON ar.applicant_id = c.applicant_id
       WHERE c.type IN ('archive_transfer_out', 'material_filing', 'certificate_request')`
    )
    for (const ar of held) {
      expect(ar.status).toBe(ar.state === 'transferred_out' ? 'transferred_out' : 'in_storage')
      expect(String(ar.archive_number)).toMatch(/^D20(1[89]|2[0-5])\d{6}$/)
      expect(String(ar.fees_paid_until)).toMatch(/^\d{4}-\d{2}$/)
      if (ar.category === 'unit') expect(String(ar.employer).length).toBeGreaterThan(3)
      else expect(ar.employer).toBeNull()
      if (ar.status === 'in_storage') expect(String(ar.shelf_location)).toMatch(/^[A-D]-\d{2}-0[1-6]$/)
    }
    expect(held.some((ar) => ar.category === 'unit')).toBe(true)
    expect(held.some((ar) => ar.category === 'individual' && String(ar.fees_paid_until) < '2026-01')).toBe(true)
    // What was approved passed the rules; what still waits mostly does (a few archives changed since).
    const checks = (ar: Row) => {
      const materials = all('SELECT material_code FROM attachments WHERE case_id = ?', ar.case_id).map((r) => String(r.material_code))
      const archive = { archiveNumber: String(ar.archive_number), status: 'in_storage' as const, category: ar.category as 'unit', employer: ar.employer as string | null, feesPaidUntil: ar.fees_paid_until as string, dismissalDate: ar.dismissal_date as string | null }
      return firstFailure(certificateChecks({ today: TODAY, arrearsCutoff: '2026-01', archive, materials, earlierPending: [] }))
    }
    const certificates = held.filter((ar) => ar.type === 'certificate_request')
    for (const ar of certificates.filter((x) => x.state === 'approved')) expect(checks(ar)).toBeUndefined()
    const pending = certificates.filter((x) => x.state === 'pending')
    expect(pending.filter((ar) => checks(ar)).length).toBeLessThan(pending.length / 3)
  })

  it('gives deposited cases an archive in storage with a number, and moves the counters past every number', () => {
    const deposited = all("SELECT ar.* FROM cases c JOIN archives ar ON ar.applicant_id = c.applicant_id WHERE c.state = 'deposited'")
    expect(deposited.length).toBeGreaterThan(0)
    for (const ar of deposited) {
      expect(ar.status).toBe('in_storage')
      expect(String(ar.archive_number)).toMatch(/^D2026\d{6}$/)
      expect(String(ar.shelf_location)).toMatch(/^[A-D]-\d{2}-0[1-6]$/)
    }
    for (const { key, last } of all("SELECT key, last FROM document_counters WHERE key LIKE 'archive_number:%'")) {
      const year = String(key).split(':')[1]
      expect(all(`SELECT id FROM archives WHERE archive_number LIKE 'D${year}%'`)).toHaveLength(Number(last))
    }
    expect(all("SELECT last FROM document_counters WHERE key = 'archive_number:2026'")[0].last).toBe(deposited.length)
    const waiting = cases.filter((c) => ['archive_deposit', 'archive_intake'].includes(String(c.type)) && c.state !== 'deposited').length
    expect(all("SELECT id FROM archives WHERE status = 'not_in'")).toHaveLength(waiting)
  })

  it('refuses to add demo cases to a store that already has cases', () => {
    expect(() => generateDemo(store, { cases: 1, today: TODAY })).toThrow(/空的案件库/)
  })
})
