import { DomainError } from '../result'
import { isIsoDate, parseIso, toIso, type IsoDate } from './calendar'
import { STUDY_STAGES, type StudyEntry, type Trip } from './certification-forms'

/**
 * The rules of the degree-certification office (seed 004, seed 001; DOMAIN.md flows 6–9), pure like the
 * archive rules (certificate-rules.ts): calendar-month arithmetic, the study history's findings and the days
 * abroad from the entry/exit records (the re-review and refund rules: certification-requests.ts).
 */

// ---------------------------------------------------------------------------------------------------
// Calendar arithmetic (calendar dates, not working days)
// ---------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000

const daysInMonth = (year: number, month1: number): number => new Date(Date.UTC(year, month1, 0)).getUTCDate()

/**
 * The same calendar date `n` months later, clamped to the last day of a shorter month:
 * 2025-01-31 + 10 → 2025-11-30, 2024-02-29 + 12 → 2025-02-28, 2025-03-15 + 10 → 2026-01-15.
 */
export function addCalendarMonths(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number)
  const index = y * 12 + (m - 1) + n
  const year = Math.floor(index / 12)
  const month1 = (index % 12) + 1
  return toIso(new Date(Date.UTC(year, month1 - 1, Math.min(d, daysInMonth(year, month1)))))
}

/** Calendar days from `from` to `to` (`to − from`; negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => Math.round((parseIso(to).getTime() - parseIso(from).getTime()) / DAY_MS)

// ---------------------------------------------------------------------------------------------------
// Study history 学习经历 (seed 004 二.3 第五步: "从高中阶段开始填写，至少填写两条经历")
// ---------------------------------------------------------------------------------------------------

export type FindingKind = 'too_few' | 'not_from_high_school' | 'reversed' | 'gap' | 'overlap'

export interface Finding {
  kind: FindingKind
  severity: 'error' | 'warning'
  /** What the reviewer reads (Chinese). */
  text: string
  /** gap: the first and last month not covered; overlap: the first and last month covered twice. */
  from?: string
  to?: string
  months?: number
}

const monthIndex = (ym: string): number => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1
const monthOf = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
const entryName = (e: StudyEntry): string => `${e.from}–${e.to} ${e.institution}（${STUDY_STAGES[e.stage]}）`

/**
 * What the reviewer should look at in a study history, sorted by `from` (then `to`):
 * - fewer than two entries, or the earliest entry not at high school (stage `high_school`): errors (seed 004);
 * - an entry ending before it starts: error;
 * - a gap: months covered by no entry between the latest end so far and the next start, flagged when it is
 *   longer than `GAP_MONTHS_ALLOWED` — the summer between school years (to 2015-06, from 2015-09: July and August,
 *   2 months) is normal and not flagged; to 2015-06, from 2015-11 (4 months) is. Warning: a gap asks for an
 *   explanation, it does not refuse.
 * - an overlap: two entries (any pair, not only neighbours) covering the same months, warning. Entries are
 *   given to the month, so a change within one month (one ends 2019-09, the next starts 2019-09) shares its
 *   boundary month and is not an overlap; sharing two or more months is. Any stage, work and language courses
 *   included, is flagged alike: the reviewer decides whether a side job or a course during a degree is fine.
 */
/** Months without an entry that need no explanation: the summer break between school years (up to a quarter). */
export const GAP_MONTHS_ALLOWED = 3

export function studyHistoryFindings(entries: readonly StudyEntry[]): Finding[] {
  const sorted = [...entries].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
  const findings: Finding[] = []
  if (sorted.length < 2) {
    findings.push({ kind: 'too_few', severity: 'error', text: `学习经历应从高中阶段开始填写，至少两条，现有 ${sorted.length} 条` })
  }
  if (sorted.length && sorted[0].stage !== 'high_school') {
    findings.push({ kind: 'not_from_high_school', severity: 'error', text: `学习经历应从高中阶段开始填写，最早一条为“${entryName(sorted[0])}”` })
  }
  for (const e of sorted) {
    if (e.to < e.from) findings.push({ kind: 'reversed', severity: 'error', text: `“${e.institution}”的结束年月 ${e.to} 早于开始年月 ${e.from}`, from: e.from, to: e.to })
  }
  const valid = sorted.filter((e) => e.to >= e.from)
  let coveredTo = -Infinity
  let last: StudyEntry | null = null
  for (const e of valid) {
    const start = monthIndex(e.from)
    if (last) {
      const gap = start - coveredTo - 1
      if (gap > GAP_MONTHS_ALLOWED) {
        findings.push({
          kind: 'gap',
          severity: 'warning',
          text: `${monthOf(coveredTo + 1)} 至 ${monthOf(start - 1)} 共 ${gap} 个月没有学习或工作经历（“${last.institution}”之后、“${e.institution}”之前），请核实`,
          from: monthOf(coveredTo + 1),
          to: monthOf(start - 1),
          months: gap
        })
      }
    }
    if (monthIndex(e.to) > coveredTo) {
      coveredTo = monthIndex(e.to)
      last = e
    }
  }
  for (let i = 0; i < valid.length; i++) {
    for (let j = i + 1; j < valid.length; j++) {
      const a = valid[i]
      const b = valid[j]
      const first = Math.max(monthIndex(a.from), monthIndex(b.from))
      const lastShared = Math.min(monthIndex(a.to), monthIndex(b.to))
      const months = lastShared - first + 1
      if (months >= 2) {
        findings.push({
          kind: 'overlap',
          severity: 'warning',
          text: `“${entryName(a)}”与“${entryName(b)}”在 ${monthOf(first)} 至 ${monthOf(lastShared)} 重叠 ${months} 个月，请核实`,
          from: monthOf(first),
          to: monthOf(lastShared),
          months
        })
      }
    }
  }
  return findings
}

// ---------------------------------------------------------------------------------------------------
// Days abroad 在国（境）外天数, from the entry/exit records 出入境记录
// ---------------------------------------------------------------------------------------------------

export interface StayDays {
  exitOn: IsoDate
  /** null: still abroad (counted up to `until`). */
  entryOn: IsoDate | null
  /** The days of this stay that count (up to `until`). */
  days: number
}

/**
 * Days spent abroad, from the entry/exit records.
 *
 * Counting rule: a stay counts the calendar days from the exit date to the entry date, the exit day counted
 * and the entry day not — i.e. `entryOn − exitOn` (left 2020-01-01, back 2020-01-02: 1 day; out and back on
 * the same day: 0). A stay with no entry yet (still abroad) counts up to `until` the same way (`until − exitOn`).
 * Only days before `until` count: a stay still running at `until` is cut there (`until − exitOn`), and a stay
 * that starts on or after `until` counts 0 (e.g. the employment rule counts up to the first return after the
 * studies, and later trips do not count). Stays are returned sorted by exit date.
 *
 * Invalid records throw `DomainError('VALIDATION')`: a date that is not a date, an entry before its exit, and
 * records that overlap (an exit before the previous stay's entry, or a second stay while one has no entry;
 * leaving again on the day of coming back is not an overlap).
 */
export function daysAbroad(trips: readonly Trip[], until: IsoDate): { days: number; trips: StayDays[] } {
  for (const t of trips) {
    if (!isIsoDate(t.exitOn) || (t.entryOn !== null && !isIsoDate(t.entryOn))) {
      throw new DomainError('VALIDATION', `出入境记录日期格式有误（出境 ${t.exitOn}，入境 ${t.entryOn ?? '未入境'}）`)
    }
    if (t.entryOn !== null && t.entryOn < t.exitOn) {
      throw new DomainError('VALIDATION', `出入境记录有误：入境日期 ${t.entryOn} 早于出境日期 ${t.exitOn}`)
    }
  }
  const sorted = [...trips].sort((a, b) => a.exitOn.localeCompare(b.exitOn) || (a.entryOn ?? '9999').localeCompare(b.entryOn ?? '9999'))
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]
    const next = sorted[i]
    if (prev.entryOn === null || next.exitOn < prev.entryOn) {
      throw new DomainError(
        'VALIDATION',
        `出入境记录有误：${next.exitOn} 出境时，上一次出境（${prev.exitOn}）${prev.entryOn === null ? '尚无入境记录' : `至 ${prev.entryOn} 才入境`}，记录重叠`
      )
    }
  }
  const stays = sorted.map((t): StayDays => {
    const end = t.entryOn === null || t.entryOn > until ? until : t.entryOn
    return { exitOn: t.exitOn, entryOn: t.entryOn, days: Math.max(0, daysBetween(t.exitOn, end)) }
  })
  return { days: stays.reduce((sum, s) => sum + s.days, 0), trips: stays }
}
