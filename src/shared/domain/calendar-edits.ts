import { DomainError } from '../result'
import { isBuiltInYear, isIsoDate, type IsoDate, type OverrideKind, type WorkingCalendar } from './calendar'
import { deadlineFor } from './deadline'

/**
 * The supervisor's edits of the office calendar (节假日设置) and their rules — one implementation for the
 * desk working alone and the exchange service (the authority when there is one).
 */
export type CalendarEdit =
  | { op: 'set'; date: IsoDate; kind: OverrideKind; note: string }
  | { op: 'remove'; date: IsoDate }
  | { op: 'declare'; year: number; note: string }

/** What the rules need to know of the calendar as it is (for the edit's date or year). */
export interface CalendarFacts {
  /** An office override exists on the edit's date. */
  overrideExists: boolean
  /** Office overrides in the edit's year. */
  overridesInYear: number
  /** The edit's year is declared as entered (a year the package lacks). */
  declared: boolean
}

export const MIN_YEAR = 2000
export const MAX_YEAR = 2100

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new DomainError('VALIDATION', `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`)
}

/** The year of a valid date; VALIDATION otherwise. */
export function checkDate(date: string): number {
  if (!isIsoDate(date)) throw new DomainError('VALIDATION', `日期无效：${date}（格式应为 YYYY-MM-DD）`)
  const year = Number(date.slice(0, 4))
  checkYear(year)
  return year
}

/** The year an edit is about. */
export const editYear = (e: CalendarEdit): number => (e.op === 'declare' ? e.year : Number(e.date.slice(0, 4)))

/** Checks an edit against the office's rules (Chinese DomainErrors); returns it with its note trimmed. */
export function checkCalendarEdit(e: CalendarEdit, facts: CalendarFacts): CalendarEdit {
  switch (e.op) {
    case 'set': {
      checkDate(e.date)
      if (e.kind !== 'workday' && e.kind !== 'holiday') throw new DomainError('VALIDATION', '请选择上班或休息')
      const note = e.note.trim()
      if (note.length > 100) throw new DomainError('VALIDATION', '说明不能超过 100 个字')
      return { ...e, note }
    }
    case 'remove': {
      const year = checkDate(e.date)
      if (!facts.overrideExists) throw new DomainError('NOT_FOUND', `${e.date} 没有办公室调整，无需删除`)
      // A declared year the package lacks must never end up with no entries (a silent Mon–Fri guess).
      if (!isBuiltInYear(year) && facts.declared && facts.overridesInYear === 1) {
        throw new DomainError('VALIDATION', `${year} 年已确认录入完毕，不能删除该年最后一条安排；请先录入其他日期再删除`)
      }
      return e
    }
    case 'declare': {
      checkYear(e.year)
      if (isBuiltInYear(e.year)) throw new DomainError('VALIDATION', `${e.year} 年的法定节假日安排已内置，无需确认；个别日期可单独调整`)
      const note = e.note.trim()
      if (note.length > 200) throw new DomainError('VALIDATION', '说明不能超过 200 个字')
      if (facts.overridesInYear === 0) {
        throw new DomainError('VALIDATION', `${e.year} 年尚未录入任何放假或调休上班日期，请先按国务院办公厅通知逐日录入，再确认本年度安排已录入完毕`)
      }
      return { ...e, note }
    }
  }
}

export interface RunningClock {
  id: string
  type: string
  state: string
  clockStartedOn: IsoDate
  clockDays: number | null
  deadlineOn: IsoDate | null
}

/** The running clocks whose deadline moves under `calendar`, and how many still cannot be computed. */
export function recomputeDeadlines(calendar: WorkingCalendar, running: RunningClock[]): { changed: { id: string; deadlineOn: IsoDate | null }[]; unresolved: number } {
  const changed: { id: string; deadlineOn: IsoDate | null }[] = []
  let unresolved = 0
  for (const c of running) {
    let next: IsoDate | null
    try {
      next = deadlineFor(calendar, c.type, c.state, c.clockStartedOn, c.clockDays)
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
      unresolved++
      continue
    }
    if (next !== c.deadlineOn) changed.push({ id: c.id, deadlineOn: next })
  }
  return { changed, unresolved }
}
