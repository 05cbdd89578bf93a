import type { Deadline } from '../../../shared/api/types'
import type { IsoDate, WorkingCalendar } from '../../../shared/domain/calendar'
import { expectedIfResumed } from '../../../shared/domain/case-clock'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { deadlineFor } from '../../../shared/domain/deadline'
import { DomainError } from '../../../shared/result'

export { deadlineFor, storedDeadline } from '../../../shared/domain/deadline'

export interface ClockFields {
  type: string
  state: string
  clockStartedOn: IsoDate | null
  clockDays: number | null
  deadlineOn: IsoDate | null
}

/**
 * The deadline as shown to staff: date, working days left, or why it cannot be computed. A clock
 * that runs without a stored deadline is one whose end lies beyond the known calendar: the error
 * says so (never a Mon–Fri guess) until the office enters that year. A paused clock shows the days
 * left and where it would end if the case resumed today.
 */
export function describeDeadline(calendar: WorkingCalendar, today: IsoDate, c: ClockFields): Deadline {
  const state = caseTypeDef(c.type)?.states[c.state]
  if (state?.pause && c.clockStartedOn) {
    let expectedOn: IsoDate | null = null
    try {
      expectedOn = expectedIfResumed(calendar, c, today)
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
    }
    return { date: null, remaining: null, label: '时限暂停', paused: { since: c.clockStartedOn, label: state.pause.label, daysLeft: c.clockDays, expectedOn } }
  }
  const label = state?.clock?.label
  if (!label) return { date: null, remaining: null }
  try {
    const date = c.deadlineOn ?? (c.clockStartedOn ? deadlineFor(calendar, c.type, c.state, c.clockStartedOn, c.clockDays) : null)
    return { date, remaining: date ? calendar.workingDaysUntil(today, date) : null, label }
  } catch (e) {
    if (e instanceof DomainError) return { date: c.deadlineOn, remaining: null, error: e.message, label }
    throw e
  }
}
