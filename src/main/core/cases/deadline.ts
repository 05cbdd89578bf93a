import type { Deadline } from '../../../shared/api/types'
import type { IsoDate, WorkingCalendar } from '../../../shared/domain/calendar'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { DomainError } from '../../../shared/result'

/** The deadline as shown to staff: date, working days left, or the reason it cannot be computed. */
export function describeDeadline(
  calendar: WorkingCalendar,
  today: IsoDate,
  type: string,
  state: string,
  deadlineOn: IsoDate | null
): Deadline {
  const label = caseTypeDef(type)?.states[state]?.clock?.label
  if (!deadlineOn) return { date: null, remaining: null, label }
  try {
    return { date: deadlineOn, remaining: calendar.workingDaysUntil(today, deadlineOn), label }
  } catch (e) {
    if (e instanceof DomainError) return { date: deadlineOn, remaining: null, error: e.message, label }
    throw e
  }
}

/** Where the clock of a state ends, if the state has one: `workingDays` after the clock starts. */
export function deadlineFor(calendar: WorkingCalendar, type: string, state: string, clockStart: IsoDate): IsoDate | null {
  const clock = caseTypeDef(type)?.states[state]?.clock
  return clock ? calendar.addWorkingDays(clockStart, clock.workingDays) : null
}
