import type { Deadline } from '../../../shared/api/types'
import type { IsoDate, WorkingCalendar } from '../../../shared/domain/calendar'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { DomainError } from '../../../shared/result'

export interface ClockFields {
  type: string
  state: string
  clockStartedOn: IsoDate | null
  deadlineOn: IsoDate | null
}

/**
 * The deadline as shown to staff: date, working days left, or why it cannot be computed. A clock
 * that runs without a stored deadline is one whose end lies beyond the known calendar: the error
 * says so (never a Mon–Fri guess) until the office enters that year.
 */
export function describeDeadline(calendar: WorkingCalendar, today: IsoDate, c: ClockFields): Deadline {
  const label = caseTypeDef(c.type)?.states[c.state]?.clock?.label
  if (!label) return { date: null, remaining: null }
  try {
    const date = c.deadlineOn ?? (c.clockStartedOn ? deadlineFor(calendar, c.type, c.state, c.clockStartedOn) : null)
    return { date, remaining: date ? calendar.workingDaysUntil(today, date) : null, label }
  } catch (e) {
    if (e instanceof DomainError) return { date: c.deadlineOn, remaining: null, error: e.message, label }
    throw e
  }
}

/** Where the clock of a state ends, if the state has one: `workingDays` after the clock starts. */
export function deadlineFor(calendar: WorkingCalendar, type: string, state: string, clockStart: IsoDate): IsoDate | null {
  const clock = caseTypeDef(type)?.states[state]?.clock
  return clock ? calendar.addWorkingDays(clockStart, clock.workingDays) : null
}

/**
 * The deadline to store when a clock starts; null when its end lies beyond the known calendar, so
 * the clerk's action still goes through and the deadline shows as not computable.
 */
export function storedDeadline(calendar: WorkingCalendar, type: string, state: string, clockStart: IsoDate): IsoDate | null {
  try {
    return deadlineFor(calendar, type, state, clockStart)
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CALENDAR_NOT_COVERED') return null
    throw e
  }
}
