import { DomainError } from '../result'
import type { IsoDate, WorkingCalendar } from './calendar'
import type { CaseTypeDef, ClockContext, StateDef } from './case-type'

/**
 * The working-day clock of a case, the same on the desk and at the exchange service. Three columns hold it:
 * - running (the state has `clock`): `clockStartedOn` S, `clockDays` N, `deadlineOn` = the N-th working day after S;
 * - paused (the state has `pause`): `clockStartedOn` = the day the pause began, `clockDays` = the working days
 *   that were left then, `deadlineOn` null — the expected completion moves with every day the pause lasts;
 * - none: all null.
 * Resuming (paused → running) starts a clock of the days that were left; any other clock starts afresh.
 */
export interface CaseClock {
  clockStartedOn: IsoDate | null
  clockDays: number | null
  deadlineOn: IsoDate | null
}

const NONE: CaseClock = { clockStartedOn: null, clockDays: null, deadlineOn: null }

/** A calendar answer, or null when the date lies beyond the known calendar (the deadline then shows as not computable). */
function covered<T>(f: () => T): T | null {
  try {
    return f()
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CALENDAR_NOT_COVERED') return null
    throw e
  }
}

/** The working days of a state's clock for this case. */
export function clockWorkingDays(state: StateDef, ctx: ClockContext): number | null {
  const days = state.clock?.workingDays
  if (days === undefined) return null
  return typeof days === 'function' ? days(ctx) : days
}

/** The working days left on a running clock on `day` (0 when due or overdue). */
export function daysLeft(calendar: WorkingCalendar, c: CaseClock, day: IsoDate): number | null {
  if (c.deadlineOn) return covered(() => Math.max(0, calendar.workingDaysUntil(day, c.deadlineOn!)))
  if (c.clockStartedOn === null || c.clockDays === null) return null
  const started = c.clockStartedOn
  const spent = covered(() => (day > started ? calendar.workingDaysUntil(started, day) : 0))
  return spent === null ? null : Math.max(0, c.clockDays - spent)
}

/**
 * Whether moving to `to` starts, pauses or resumes a clock — only then the calendar and the time-limit table are
 * needed; otherwise the clock is kept (same state) or stopped (`clockKeptOrStopped`).
 */
export const clockMoves = (def: CaseTypeDef, from: string | null, to: string): boolean => from !== to && !!(def.states[to]?.clock || def.states[to]?.pause)

/** The clock after a move that does not start, pause or resume one: the same state keeps it, any other stops it. */
export const clockKeptOrStopped = (from: CaseClock & { state: string | null }, to: string): CaseClock =>
  from.state === to ? { clockStartedOn: from.clockStartedOn, clockDays: from.clockDays, deadlineOn: from.deadlineOn } : NONE

/** The clock after a case moves from `from` (its state and clock) to state `to`, the move dated `start`. */
export function clockAfter(
  calendar: WorkingCalendar,
  def: CaseTypeDef,
  from: CaseClock & { state: string | null },
  to: string,
  start: IsoDate,
  ctx: ClockContext
): CaseClock {
  if (!clockMoves(def, from.state, to)) return clockKeptOrStopped(from, to)
  const next = def.states[to]
  const prev = from.state === null ? undefined : def.states[from.state]
  if (next?.clock) {
    const resumed = prev?.pause && from.clockDays !== null
    const days = resumed ? from.clockDays! : clockWorkingDays(next, ctx)
    if (days === null) return NONE
    return { clockStartedOn: start, clockDays: days, deadlineOn: covered(() => calendar.addWorkingDays(start, days)) }
  }
  if (next?.pause) {
    if (prev?.pause) return { clockStartedOn: start, clockDays: from.clockDays, deadlineOn: null }
    if (prev?.clock) return { clockStartedOn: start, clockDays: daysLeft(calendar, from, start) ?? from.clockDays, deadlineOn: null }
  }
  return NONE
}

/** The deadline of a running clock from its start and length (a calendar edit recomputes it); null when not running. */
export function runningDeadline(calendar: WorkingCalendar, def: CaseTypeDef | undefined, state: string, c: CaseClock): IsoDate | null {
  const s = def?.states[state]
  if (!s?.clock || !c.clockStartedOn) return null
  const days = c.clockDays ?? (typeof s.clock.workingDays === 'number' ? s.clock.workingDays : null)
  return days === null ? null : calendar.addWorkingDays(c.clockStartedOn, days)
}

/** Where a paused clock would end if the case resumed on `day` (what the reviewer and the portal are shown). */
export function expectedIfResumed(calendar: WorkingCalendar, c: CaseClock, day: IsoDate): IsoDate | null {
  if (c.clockDays === null) return null
  return covered(() => calendar.addWorkingDays(day, c.clockDays!))
}
