import type { Deadline } from '../../../shared/api/types'
import type { IsoDate, WorkingCalendar } from '../../../shared/domain/calendar'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { deadlineFor } from '../../../shared/domain/deadline'
import { DomainError } from '../../../shared/result'

export { deadlineFor, storedDeadline } from '../../../shared/domain/deadline'

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
