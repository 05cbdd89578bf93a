import { DomainError } from '../result'
import type { IsoDate, WorkingCalendar } from './calendar'
import { caseTypeDef } from './case-types'

/** Where the clock of a state ends, if the state has one: `workingDays` after the clock starts. */
export function deadlineFor(calendar: WorkingCalendar, type: string, state: string, clockStart: IsoDate): IsoDate | null {
  const clock = caseTypeDef(type)?.states[state]?.clock
  return clock ? calendar.addWorkingDays(clockStart, clock.workingDays) : null
}

/**
 * The deadline to store when a clock starts; null when its end lies beyond the known calendar, so
 * the clerk's action still goes through and the deadline shows as not computable (desk and exchange service alike).
 */
export function storedDeadline(calendar: WorkingCalendar, type: string, state: string, clockStart: IsoDate): IsoDate | null {
  try {
    return deadlineFor(calendar, type, state, clockStart)
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CALENDAR_NOT_COVERED') return null
    throw e
  }
}
