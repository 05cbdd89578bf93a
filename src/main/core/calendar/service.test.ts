import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import { DomainError } from '../../../shared/result'
import { createApiHandler, createServicesOn, type Services, type SessionSlot } from '../api'
import { deadlineFor } from '../cases/deadline'
import { fixedClock } from '../clock'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { loadCalendar } from './load'

let store: ReturnType<typeof tempStore>
let s: Services
let supervisor: StaffSession

/** A case whose 5-working-day review clock started on `clockStart`, with the deadline stored then. */
function runningCase(clockStart: string, deadlineOn: string | null): string {
  const id = addCase(store, { state: 'submitted', deadlineOn })
  store.sqlite.prepare('UPDATE cases SET clock_started_on = ? WHERE id = ?').run(clockStart, id)
  return id
}

const deadlineOf = (id: string) => (store.sqlite.prepare('SELECT deadline_on FROM cases WHERE id = ?').get(id) as { deadline_on: string | null }).deadline_on

function errorOf(fn: () => unknown): DomainError {
  try {
    fn()
  } catch (e) {
    if (e instanceof DomainError) return e
    throw e
  }
  throw new Error('expected a DomainError')
}

beforeEach(() => {
  store = tempStore()
  s = createServicesOn(store, fixedClock('2025-10-09T02:00:00Z'))
  supervisor = addStaff(store, 'super1', 'supervisor', '赵主管')
})
afterEach(() => store.dispose())

describe('month view', () => {
  it('names statutory holidays and make-up working days, and marks weekends and weekdays', () => {
    const m = s.calendarService.month(2025, 10)
    expect(m).toMatchObject({ year: 2025, month: 10, known: true, builtIn: true, declared: false, yearOverrides: 0 })
    expect(m.days).toHaveLength(31)
    const day = (date: string) => m.days.find((d) => d.date === date)
    expect(day('2025-10-01')).toEqual({ date: '2025-10-01', working: false, source: 'statutory', note: '国庆节' })
    expect(day('2025-10-11')).toMatchObject({ working: true, source: 'statutory' })
    expect(day('2025-10-12')).toEqual({ date: '2025-10-12', working: false, source: 'weekend', note: '' })
    expect(day('2025-10-13')).toEqual({ date: '2025-10-13', working: true, source: 'weekday', note: '' })
    expect(s.calendarService.month(2024, 2).days).toHaveLength(29)
  })

  it('shows an unknown year without guessing which days are worked', () => {
    const m = s.calendarService.month(2027, 1)
    expect(m).toMatchObject({ known: false, builtIn: false, declared: false })
    expect(m.days.every((d) => d.working === null)).toBe(true)
    expect(m.days[0]).toMatchObject({ date: '2027-01-01', source: 'weekday' })
  })

  it('refuses years outside 2000–2100 and invalid dates', () => {
    expect(errorOf(() => s.calendarService.month(1999, 1)).code).toBe('VALIDATION')
    expect(errorOf(() => s.calendarService.setOverride('2025-02-30', 'holiday', '', supervisor)).code).toBe('VALIDATION')
    expect(errorOf(() => s.calendarService.setOverride('2101-01-01', 'holiday', '', supervisor)).code).toBe('VALIDATION')
  })
})

describe('overrides recompute running deadlines', () => {
  it('moves a running deadline when a day becomes a holiday, and back when the override is removed', () => {
    const id = runningCase('2025-09-30', '2025-10-14')
    const idle = addCase(store, { state: 'deposited', deadlineOn: null })
    const r = s.calendarService.setOverride('2025-10-13', 'holiday', '临时停电闭馆', supervisor)
    expect(r).toMatchObject({ recomputed: 1, unresolved: 0, actor: '赵主管', at: '2025-10-09T02:00:00.000Z' })
    expect(deadlineOf(id)).toBe('2025-10-15')
    expect(deadlineOf(idle)).toBeNull()
    const day = s.calendarService.month(2025, 10).days.find((d) => d.date === '2025-10-13')
    expect(day).toEqual({ date: '2025-10-13', working: false, source: 'override', kind: 'holiday', note: '临时停电闭馆' })

    expect(s.calendarService.removeOverride('2025-10-13', supervisor)).toMatchObject({ recomputed: 1 })
    expect(deadlineOf(id)).toBe('2025-10-14')
    expect(s.calendarService.month(2025, 10).days.find((d) => d.date === '2025-10-13')?.source).toBe('weekday')
    expect(errorOf(() => s.calendarService.removeOverride('2025-10-13', supervisor)).code).toBe('NOT_FOUND')
  })

  it('changes nothing when the edit fails (one transaction)', () => {
    const id = runningCase('2025-09-30', '2025-10-14')
    expect(errorOf(() => s.calendarService.declareYear(2027, '', supervisor)).code).toBe('VALIDATION')
    expect(deadlineOf(id)).toBe('2025-10-14')
  })
})

describe('a year beyond the package', () => {
  it('errors until the office enters the notice and declares the year, then computes the deadline', () => {
    expect(errorOf(() => deadlineFor(loadCalendar(store), 'archive_deposit', 'submitted', '2026-12-28')).code).toBe('CALENDAR_NOT_COVERED')
    const id = runningCase('2026-12-28', null)

    const first = s.calendarService.setOverride('2027-01-01', 'holiday', '元旦', supervisor)
    expect(first).toMatchObject({ recomputed: 0, unresolved: 1 })
    expect(deadlineOf(id)).toBeNull()
    expect(s.calendarService.month(2027, 1)).toMatchObject({ known: false, yearOverrides: 1 })
    expect(s.calendarService.month(2027, 1).days[0]).toMatchObject({ working: null, source: 'override', kind: 'holiday', note: '元旦' })

    const declared = s.calendarService.declareYear(2027, '国办发明电〔2026〕×号', supervisor)
    expect(declared).toMatchObject({ recomputed: 1, unresolved: 0, actor: '赵主管' })
    // Tue 29, Wed 30, Thu 31, (Fri 1 Jan 元旦, weekend), Mon 4, Tue 5
    expect(deadlineOf(id)).toBe('2027-01-05')
    expect(s.calendarService.month(2027, 1)).toMatchObject({ known: true, declared: true })
    expect(s.calendarService.month(2027, 1).days[3]).toMatchObject({ date: '2027-01-04', working: true, source: 'weekday' })
  })

  it('refuses to declare a year with no entries, a built-in year, or to empty a declared year', () => {
    const empty = errorOf(() => s.calendarService.declareYear(2027, '', supervisor))
    expect(empty.code).toBe('VALIDATION')
    expect(empty.message).toContain('2027 年尚未录入')
    expect(s.calendarService.month(2027, 1).declared).toBe(false)
    expect(errorOf(() => s.calendarService.declareYear(2025, '', supervisor)).code).toBe('VALIDATION')

    s.calendarService.setOverride('2027-01-01', 'holiday', '元旦', supervisor)
    s.calendarService.declareYear(2027, '', supervisor)
    expect(errorOf(() => s.calendarService.removeOverride('2027-01-01', supervisor)).message).toContain('最后一条')
    s.calendarService.setOverride('2027-02-08', 'holiday', '春节', supervisor)
    expect(s.calendarService.removeOverride('2027-01-01', supervisor)).toMatchObject({ recomputed: 0 })
  })
})

describe('through the API boundary', () => {
  let handle: ReturnType<typeof createApiHandler>
  let slot: SessionSlot
  beforeEach(() => {
    handle = createApiHandler(s, () => {})
    slot = { staff: null }
    addStaff(store, 'clerk1', 'clerk', '张敏')
  })

  it('lets any staff member read a month but only supervisors and admins change the calendar', async () => {
    await handle('auth.signIn', { username: 'clerk1', password: 'secret-pass' }, slot)
    expect(await handle('calendar.month', { year: 2025, month: 10 }, slot)).toMatchObject({ ok: true, value: { known: true } })
    expect(await handle('calendar.setOverride', { date: '2025-10-13', kind: 'holiday', note: '' }, slot)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    expect(await handle('calendar.declareYear', { year: 2027, note: '' }, slot)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    await handle('auth.signIn', { username: 'super1', password: 'secret-pass' }, slot)
    expect(await handle('calendar.setOverride', { date: '2025-10-13', kind: 'holiday', note: 'x'.repeat(101) }, slot)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' }
    })
    expect(await handle('calendar.setOverride', { date: '2025-10-13', kind: 'holiday' }, slot)).toMatchObject({
      ok: true,
      value: { recomputed: 0, actor: '赵主管' }
    })
    expect(await handle('calendar.declareYear', { year: 2028 }, slot)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await handle('calendar.removeOverride', { date: '2025-10-13' }, slot)).toMatchObject({ ok: true })
  })
})
