import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import { DomainError } from '../result'

/** An ISO date `YYYY-MM-DD` (local office date, no time zone). */
export type IsoDate = string

export type OverrideKind = 'workday' | 'holiday'
export interface CalendarOverride {
  date: IsoDate
  kind: OverrideKind
  note: string
}

const statutoryHolidays = new Set(Object.keys(data.holidays))
const statutoryWorkdays = new Set(Object.keys(data.workdays))
/** Years whose official notice `chinese-days` carries. */
const packageYears = new Set([...statutoryHolidays, ...statutoryWorkdays].map((d) => Number(d.slice(0, 4))))

/** Whether `chinese-days` carries the official notice for this year (the office need not enter it). */
export const isBuiltInYear = (year: number): boolean => packageYears.has(year)

/**
 * The official notice's entry for a date: a statutory holiday (`working: false`) or a make-up working
 * day 调休 (`working: true`), with the holiday's Chinese name (e.g. 国庆节); null for an ordinary day.
 */
export function statutoryDay(date: IsoDate): { working: boolean; name: string } | null {
  const holiday = (data.holidays as Record<string, string>)[date]
  const workday = (data.workdays as Record<string, string>)[date]
  const entry = holiday ?? workday
  if (!entry) return null
  const [english, chinese] = entry.split(',')
  return { working: !holiday, name: chinese || english }
}

const officeDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

/** The office-local (Asia/Shanghai) date of an instant, e.g. when a result was given or a fee paid. */
export const officeDateOf = (at: Date | string): IsoDate => officeDateFormat.format(typeof at === 'string' ? new Date(at) : at)

const officeTimeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** The office-local time of day (Asia/Shanghai) of an instant, `HH:mm`. */
export const officeTimeOf = (at: Date): string => officeTimeFormat.format(at)

export const isIsoDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && toIso(parseIso(s)) === s

export function parseIso(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d))
}

export function toIso(date: Date): IsoDate {
  return date.toISOString().slice(0, 10)
}

export function addDays(date: IsoDate, n: number): IsoDate {
  const d = parseIso(date)
  d.setUTCDate(d.getUTCDate() + n)
  return toIso(d)
}

/**
 * The statutory working-day calendar: `chinese-days` data plus the office's override table.
 * A year is known when the package publishes it or the office has declared it (`extraYears`, from
 * the calendar-years table) after entering that year's official notice as overrides. A date in an
 * unknown year is an explicit `CALENDAR_NOT_COVERED` error, never a silent Mon–Fri guess.
 */
export class WorkingCalendar {
  private readonly overrides = new Map<IsoDate, OverrideKind>()
  private readonly years: Set<number>

  constructor(overrides: CalendarOverride[] = [], extraYears: number[] = []) {
    for (const o of overrides) this.overrides.set(o.date, o.kind)
    this.years = new Set([...packageYears, ...extraYears])
  }

  knownYears(): number[] {
    return [...this.years].sort((a, b) => a - b)
  }

  isWorkingDay(date: IsoDate): boolean {
    const year = Number(date.slice(0, 4))
    if (!this.years.has(year)) {
      throw new DomainError(
        'CALENDAR_NOT_COVERED',
        `${year} 年的节假日安排尚未录入，无法计算工作日，请主管在“节假日设置”中补录该年安排`
      )
    }
    const override = this.overrides.get(date)
    if (override) return override === 'workday'
    if (statutoryHolidays.has(date)) return false
    if (statutoryWorkdays.has(date)) return true
    const dow = parseIso(date).getUTCDay()
    return dow !== 0 && dow !== 6
  }

  /** The n-th working day after `start` (the clock starts counting on the next working day). */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    let d = start
    let left = n
    while (left > 0) {
      d = addDays(d, 1)
      if (this.isWorkingDay(d)) left--
    }
    return d
  }

  /**
   * Working days from `today` to `deadline`: 0 when the deadline is today; when overdue, minus the
   * working days that have passed since it, (deadline, today], and at least -1.
   */
  workingDaysUntil(today: IsoDate, deadline: IsoDate): number {
    const [from, to] = deadline >= today ? [today, deadline] : [deadline, today]
    let count = 0
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++
    return deadline >= today ? count : -Math.max(count, 1)
  }
}
