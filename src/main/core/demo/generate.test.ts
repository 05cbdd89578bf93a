import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveDepositForm } from '../../../shared/api/types'
import { WorkingCalendar } from '../../../shared/domain/calendar'
import { archiveDeposit } from '../../../shared/domain/case-types/archive-deposit'
import { birthDateFromId, checkResidentId, isMainlandMobile, sexFromId } from '../../../shared/domain/identity'
import { tempStore } from '../testing/fixtures'
import { generateDemo, type GenerateResult } from './generate'
import { seedStaff } from './staff'

const TODAY = '2026-11-23'
const def = archiveDeposit
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
    expect(all('SELECT id FROM archives')).toHaveLength(300)
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

  it('puts cases in every state of the definition, most in the work queues', () => {
    const states = new Set(cases.map((c) => c.state))
    expect([...states].sort()).toEqual(Object.keys(def.states).sort())
    const open = cases.filter((c) => def.states[c.state as keyof typeof def.states].open).length
    expect(open / cases.length).toBeGreaterThan(0.5)
  })

  it('keeps deadlines consistent: a clock state has deadline = 5 working days after the clock start', () => {
    const remaining = new Set<number>()
    for (const c of cases) {
      const clock = def.states[c.state as keyof typeof def.states].clock
      if (!clock) {
        expect(c.clock_started_on).toBeNull()
        expect(c.deadline_on).toBeNull()
        continue
      }
      expect(c.deadline_on).toBe(calendar.addWorkingDays(String(c.clock_started_on), clock.workingDays))
      remaining.add(Math.sign(calendar.workingDaysUntil(TODAY, String(c.deadline_on))))
    }
    expect([...remaining].sort()).toEqual([-1, 0, 1]) // some overdue, some due today, some ahead
  })

  it('stores real files: blobs exist, SHA-256 matches, PDFs and JPGs are what they say, each < 1 MB', () => {
    const rows = all('SELECT a.*, b.data, b.size AS blob_size FROM attachments a LEFT JOIN blobs b ON b.sha256 = a.sha256')
    const codes = new Set(def.materials.map((m) => m.code))
    for (const r of rows) {
      const data = r.data as Buffer
      expect(data, String(r.file_name)).toBeInstanceOf(Buffer)
      expect(createHash('sha256').update(data).digest('hex')).toBe(r.sha256)
      expect(r.size).toBe(data.length)
      expect(r.blob_size).toBe(data.length)
      expect(data.length).toBeLessThan(1024 * 1024)
      expect(codes.has(String(r.material_code))).toBe(true)
      if (r.mime === 'application/pdf') expect(data.subarray(0, 4).toString('latin1')).toBe('%PDF')
      else expect([...data.subarray(0, 2)]).toEqual([0xff, 0xd8])
    }
    const required = def.materials.filter((m) => m.required).map((m) => m.code)
    for (const c of cases) {
      const have = new Set(rows.filter((r) => r.case_id === c.id).map((r) => r.material_code))
      for (const code of required) expect(have.has(code)).toBe(true)
    }
    expect(rows.some((r) => r.mime === 'image/jpeg')).toBe(true)
    expect(rows.some((r) => r.material_code === 'translation')).toBe(true)
  })

  it('records histories that replay through the state machine to the case state and version', () => {
    const staffIds = new Set(all('SELECT id FROM staff').map((s) => s.id))
    const applicantName = new Map(all('SELECT c.id, a.name FROM cases c JOIN applicants a ON a.id = c.applicant_id').map((r) => [r.id, r.name]))
    for (const c of cases) {
      const events = all('SELECT * FROM case_events WHERE case_id = ? ORDER BY id', c.id)
      expect(events[0]).toMatchObject({ action: 'submit', actor_id: null, actor_name: applicantName.get(c.id), to_state: 'submitted' })
      let state = 'submitted'
      let changes = 0
      let previousAt = ''
      for (const e of events.slice(1)) {
        expect(String(e.at) > previousAt).toBe(true)
        previousAt = String(e.at)
        if (e.action === 'claim') {
          expect(staffIds.has(e.actor_id)).toBe(true)
          continue
        }
        const action = def.actions[e.action as keyof typeof def.actions]
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
      const form = JSON.parse(String(c.form)) as ArchiveDepositForm
      expect(form.cv[0].role).toBe('高中')
      expect(form.overseas.length).toBeGreaterThan(0)
      expect(form.custodian.length).toBeGreaterThan(4)
      expect(form.agreementAccepted).toBe(true)
      expect(String(c.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(String(c.case_number)).toMatch(/^CD\d{8}\d{6}$/)
      numbers.add(String(c.case_number))
      expect(c.type).toBe('archive_deposit')
      expect(['outbound', 'returning']).toContain(c.subtype)
      const a = all('SELECT name, id_number, mobile FROM applicants WHERE id = ?', c.applicant_id)[0]
      expect(c.search_text).toBe([a.name, a.id_number, a.mobile, c.case_number].join(' '))
      if (!def.states[c.state as keyof typeof def.states].open) expect(c.assignee_id).toBeNull()
    }
    expect(numbers.size).toBe(cases.length)
    expect(cases.filter((c) => c.subtype === 'outbound').length / cases.length).toBeGreaterThan(0.55)
    expect(cases.some((c) => c.assignee_id !== null)).toBe(true)
  })

  it('gives deposited cases an archive in storage with a number, and moves the counter past them', () => {
    const deposited = all("SELECT ar.* FROM cases c JOIN archives ar ON ar.applicant_id = c.applicant_id WHERE c.state = 'deposited'")
    expect(deposited.length).toBeGreaterThan(0)
    for (const ar of deposited) {
      expect(ar.status).toBe('in_storage')
      expect(String(ar.archive_number)).toMatch(/^D\d{10}$/)
      expect(String(ar.shelf_location)).toMatch(/^[A-D]区-\d{2}架-\d层$/)
    }
    const counter = all("SELECT last FROM document_counters WHERE key = 'archive_number:2026'")[0]
    expect(counter.last).toBe(deposited.length)
    expect(all("SELECT id FROM archives WHERE status = 'not_in'")).toHaveLength(300 - deposited.length)
  })

  it('refuses to add demo cases to a store that already has cases', () => {
    expect(() => generateDemo(store, { cases: 1, today: TODAY })).toThrow(/空的案件库/)
  })
})
