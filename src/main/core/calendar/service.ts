import type { CalendarChange, CalendarDay, CalendarMonth, StaffSession } from '../../../shared/api/types'
import { isBuiltInYear, type IsoDate, type OverrideKind, parseIso, statutoryDay } from '../../../shared/domain/calendar'
import { type CalendarEdit, checkCalendarEdit, checkYear, editYear, recomputeDeadlines, type RunningClock } from '../../../shared/domain/calendar-edits'
import { DomainError } from '../../../shared/result'
import type { Clock } from '../clock'
import type { Store } from '../store'
import { loadCalendar } from './load'
import { markRecompute, type Recomputed, recomputeInSlices, type SliceOptions } from './recompute'

export interface CalendarServiceDeps {
  store: Store
  clock: Clock
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The office calendar as the exchange service sends it (desks with a server keep a copy of it). */
export interface OfficeCalendar {
  version: string
  overrides: { date: IsoDate; kind: OverrideKind; note: string }[]
  years: { year: number; note: string }[]
}

/**
 * The office's holiday calendar (节假日设置): a month as deadlines see it, and the supervisor's edits —
 * single-day overrides of the official notice and declaring a year the package lacks as entered. Each
 * edit is one transaction that also recomputes the stored deadline of every case whose clock runs.
 * With an exchange service the edit is made there and this desk takes the service's calendar (`replace`).
 */
export function createCalendarService({ store, clock }: CalendarServiceDeps) {
  const sql = store.sqlite

  const overridesInYear = (year: number): number =>
    (sql.prepare('SELECT count(*) AS n FROM calendar_overrides WHERE date LIKE ?').get(`${year}-%`) as { n: number }).n
  const isDeclared = (year: number): boolean => sql.prepare('SELECT 1 FROM calendar_years WHERE year = ?').get(year) !== undefined

  function month(year: number, month: number): CalendarMonth {
    checkYear(year)
    if (!Number.isInteger(month) || month < 1 || month > 12) throw new DomainError('VALIDATION', '月份应在 1–12 之间')
    const calendar = loadCalendar(store)
    const known = calendar.knownYears().includes(year)
    const overrides = new Map(
      (
        sql.prepare('SELECT date, kind, note FROM calendar_overrides WHERE date LIKE ?').all(`${year}-${pad(month)}-%`) as {
          date: IsoDate
          kind: OverrideKind
          note: string
        }[]
      ).map((o) => [o.date, o])
    )
    const length = new Date(Date.UTC(year, month, 0)).getUTCDate()
    const days: CalendarDay[] = []
    for (let d = 1; d <= length; d++) {
      const date = `${year}-${pad(month)}-${pad(d)}`
      const working = known ? calendar.isWorkingDay(date) : null
      const override = overrides.get(date)
      const statutory = statutoryDay(date)
      const dow = parseIso(date).getUTCDay()
      if (override) days.push({ date, working, source: 'override', kind: override.kind, note: override.note })
      else if (statutory) days.push({ date, working, source: 'statutory', note: statutory.name })
      else days.push({ date, working, source: dow === 0 || dow === 6 ? 'weekend' : 'weekday', note: '' })
    }
    return { year, month, known, builtIn: isBuiltInYear(year), declared: isDeclared(year), yearOverrides: overridesInYear(year), days }
  }

  /** Applies `write`, then recomputes every running clock with the new calendar — all in one transaction. */
  function change(write: () => void): { recomputed: number; unresolved: number } {
    return sql.transaction(() => {
      write()
      const running = sql
        .prepare('SELECT id, type, state, clock_started_on AS clockStartedOn, clock_days AS clockDays, deadline_on AS deadlineOn FROM cases WHERE clock_started_on IS NOT NULL')
        .all() as RunningClock[]
      const { changed, unresolved } = recomputeDeadlines(loadCalendar(store), running)
      const update = sql.prepare('UPDATE cases SET deadline_on = ? WHERE id = ?')
      for (const c of changed) update.run(c.deadlineOn, c.id)
      return { recomputed: changed.length, unresolved }
    })()
  }

  /** Checks an edit by the office's rules and applies it here (a desk working alone). */
  function edit(raw: CalendarEdit, actor: StaffSession): CalendarChange {
    const year = editYear(raw)
    const e = checkCalendarEdit(raw, {
      overrideExists: raw.op !== 'declare' && !!sql.prepare('SELECT 1 FROM calendar_overrides WHERE date = ?').get(raw.date),
      overridesInYear: overridesInYear(year),
      declared: isDeclared(year)
    })
    const at = clock.now().toISOString()
    const counts = change(() => {
      if (e.op === 'set') {
        sql
          .prepare('INSERT INTO calendar_overrides (date, kind, note) VALUES (?, ?, ?) ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, note = excluded.note')
          .run(e.date, e.kind, e.note)
      } else if (e.op === 'remove') sql.prepare('DELETE FROM calendar_overrides WHERE date = ?').run(e.date)
      else sql.prepare('INSERT INTO calendar_years (year, note) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET note = excluded.note').run(e.year, e.note)
    })
    return { ...counts, actor: actor.displayName, at }
  }

  /** The stored calendar in the service's terms, sorted, to compare with one the service sends. */
  const stored = (): Omit<OfficeCalendar, 'version'> => ({
    overrides: sql.prepare('SELECT date, kind, note FROM calendar_overrides ORDER BY date').all() as OfficeCalendar['overrides'],
    years: sql.prepare('SELECT year, note FROM calendar_years ORDER BY year').all() as OfficeCalendar['years']
  })
  const sorted = (c: Omit<OfficeCalendar, 'version'>) =>
    JSON.stringify({
      overrides: [...c.overrides].sort((a, b) => a.date.localeCompare(b.date)).map((o) => [o.date, o.kind, o.note]),
      years: [...c.years].sort((a, b) => a.year - b.year).map((y) => [y.year, y.note])
    })

  /**
   * Takes the exchange service's calendar as this desk's. Only a calendar that differs from the stored one
   * is written, and then the running clocks are recomputed in slices (recompute.ts) — a fresh desk taking the
   * calendar it already has recomputes nothing. A recompute an interruption left unfinished goes on here.
   */
  async function replace(calendar: OfficeCalendar, slices: SliceOptions = {}): Promise<Recomputed> {
    if (sorted(calendar) !== sorted(stored())) {
      sql.transaction(() => {
        sql.exec('DELETE FROM calendar_overrides; DELETE FROM calendar_years;')
        const o = sql.prepare('INSERT INTO calendar_overrides (date, kind, note) VALUES (?, ?, ?)')
        for (const r of calendar.overrides) o.run(r.date, r.kind, r.note)
        const y = sql.prepare('INSERT INTO calendar_years (year, note) VALUES (?, ?)')
        for (const r of calendar.years) y.run(r.year, r.note)
        markRecompute(store)
      })()
    }
    return recomputeInSlices(store, slices)
  }

  const setOverride = (date: IsoDate, kind: OverrideKind, note: string, actor: StaffSession) => edit({ op: 'set', date, kind, note }, actor)
  const removeOverride = (date: IsoDate, actor: StaffSession) => edit({ op: 'remove', date }, actor)
  const declareYear = (year: number, note: string, actor: StaffSession) => edit({ op: 'declare', year, note }, actor)

  return { month, edit, replace, setOverride, removeOverride, declareYear }
}

export type CalendarService = ReturnType<typeof createCalendarService>
