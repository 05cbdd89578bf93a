import { DomainError } from '../result'
import type { IsoDate, WorkingCalendar } from './calendar'
import { runningDeadline } from './case-clock'
import { caseTypeDef } from './case-types'

/**
 * Where the running clock of a state ends: `clockDays` (or the state's fixed number) working days after the
 * clock starts; null when no clock runs in the state.
 */
export function deadlineFor(calendar: WorkingCalendar, type: string, state: string, clockStart: IsoDate, clockDays: number | null = null): IsoDate | null {
  return runningDeadline(calendar, caseTypeDef(type), state, { clockStartedOn: clockStart, clockDays, deadlineOn: null })
}

/**
 * The deadline to store when a clock starts; null when its end lies beyond the known calendar, so
 * the clerk's action still goes through and the deadline shows as not computable (desk and exchange service alike).
 */
export function storedDeadline(calendar: WorkingCalendar, type: string, state: string, clockStart: IsoDate, clockDays: number | null = null): IsoDate | null {
  try {
    return deadlineFor(calendar, type, state, clockStart, clockDays)
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CALENDAR_NOT_COVERED') return null
    throw e
  }
}
