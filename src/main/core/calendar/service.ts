import type { CalendarChange, CalendarDay, CalendarMonth, StaffSession } from '../../../shared/api/types'
import { isBuiltInYear, isIsoDate, type IsoDate, type OverrideKind, parseIso, statutoryDay } from '../../../shared/domain/calendar'
import { DomainError } from '../../../shared/result'
import { deadlineFor } from '../cases/deadline'
import type { Clock } from '../clock'
import type { Store } from '../store'
import { loadCalendar } from './load'

export interface CalendarServiceDeps {
  store: Store
  clock: Clock
}

const MIN_YEAR = 2000
const MAX_YEAR = 2100

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new DomainError('VALIDATION', `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`)
  }
}

function checkDate(date: string): number {
  if (!isIsoDate(date)) throw new DomainError('VALIDATION', `日期无效：${date}（格式应为 YYYY-MM-DD）`)
  const year = Number(date.slice(0, 4))
  checkYear(year)
  return year
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * The office's holiday calendar (节假日设置): a month as deadlines see it, and the supervisor's edits —
 * single-day overrides of the official notice and declaring a year the package lacks as entered. Each
 * edit is one transaction that also recomputes the stored deadline of every case whose clock runs.
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

  /** Applies `edit`, then recomputes every running clock with the new calendar — all in one transaction. */
  function change(actor: StaffSession, edit: () => void): CalendarChange {
    const at = clock.now().toISOString()
    const counts = sql.transaction(() => {
      edit()
      const calendar = loadCalendar(store)
      const running = sql.prepare('SELECT id, type, state, clock_started_on, deadline_on FROM cases WHERE clock_started_on IS NOT NULL').all() as {
        id: string
        type: string
        state: string
        clock_started_on: IsoDate
        deadline_on: IsoDate | null
      }[]
      const update = sql.prepare('UPDATE cases SET deadline_on = ? WHERE id = ?')
      let recomputed = 0
      let unresolved = 0
      for (const c of running) {
        let next: IsoDate | null
        try {
          next = deadlineFor(calendar, c.type, c.state, c.clock_started_on)
        } catch (e) {
          if (!(e instanceof DomainError)) throw e
          unresolved++
          continue
        }
        if (next !== c.deadline_on) {
          update.run(next, c.id)
          recomputed++
        }
      }
      return { recomputed, unresolved }
    })()
    return { ...counts, actor: actor.displayName, at }
  }

  function setOverride(date: IsoDate, kind: OverrideKind, note: string, actor: StaffSession): CalendarChange {
    checkDate(date)
    if (kind !== 'workday' && kind !== 'holiday') throw new DomainError('VALIDATION', '请选择上班或休息')
    const text = note.trim()
    if (text.length > 100) throw new DomainError('VALIDATION', '说明不能超过 100 个字')
    return change(actor, () => {
      sql
        .prepare('INSERT INTO calendar_overrides (date, kind, note) VALUES (?, ?, ?) ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, note = excluded.note')
        .run(date, kind, text)
    })
  }

  function removeOverride(date: IsoDate, actor: StaffSession): CalendarChange {
    const year = checkDate(date)
    return change(actor, () => {
      if (!sql.prepare('SELECT 1 FROM calendar_overrides WHERE date = ?').get(date)) {
        throw new DomainError('NOT_FOUND', `${date} 没有办公室调整，无需删除`)
      }
      // A declared year the package lacks must never end up with no entries (a silent Mon–Fri guess).
      if (!isBuiltInYear(year) && isDeclared(year) && overridesInYear(year) === 1) {
        throw new DomainError('VALIDATION', `${year} 年已确认录入完毕，不能删除该年最后一条安排；请先录入其他日期再删除`)
      }
      sql.prepare('DELETE FROM calendar_overrides WHERE date = ?').run(date)
    })
  }

  function declareYear(year: number, note: string, actor: StaffSession): CalendarChange {
    checkYear(year)
    if (isBuiltInYear(year)) throw new DomainError('VALIDATION', `${year} 年的法定节假日安排已内置，无需确认；个别日期可单独调整`)
    const text = note.trim()
    if (text.length > 200) throw new DomainError('VALIDATION', '说明不能超过 200 个字')
    return change(actor, () => {
      if (overridesInYear(year) === 0) {
        throw new DomainError('VALIDATION', `${year} 年尚未录入任何放假或调休上班日期，请先按国务院办公厅通知逐日录入，再确认本年度安排已录入完毕`)
      }
      sql.prepare('INSERT INTO calendar_years (year, note) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET note = excluded.note').run(year, text)
    })
  }

  return { month, setOverride, removeOverride, declareYear }
}

export type CalendarService = ReturnType<typeof createCalendarService>
