import { describe, expect, it } from 'vitest'
import { WorkingCalendar } from './calendar'
import { clockAfter, daysLeft, expectedIfResumed, runningDeadline } from './case-clock'
import type { CaseTypeDef, ClockContext } from './case-type'
import { caseTypeDef } from './case-types'
import { DEFAULT_TIME_LIMITS } from './certification-deadlines'

const calendar = new WorkingCalendar()
const def = caseTypeDef('degree_certification') as CaseTypeDef
const uk = { degree: { country: '英国', institution: '伦敦大学学院', level: 'master' } }
const ctx = (form: Record<string, unknown> = uk, input: Record<string, unknown> = {}): ClockContext => ({ subtype: 'foreign', form, input, timeLimits: DEFAULT_TIME_LIMITS })
const none = { state: null, clockStartedOn: null, clockDays: null, deadlineOn: null }

describe('the certification clock', () => {
  it('starts with the country category of the time-limit table', () => {
    // Accepted Monday 2026-03-02: 15 working days (UK) → Mar 3–6, 9–13, 16–20, 23 → Monday 2026-03-23 (no holiday in between).
    expect(clockAfter(calendar, def, { ...none, state: 'submitted' }, 'in_review', '2026-03-02', ctx())).toEqual({
      clockStartedOn: '2026-03-02',
      clockDays: 15,
      deadlineOn: '2026-03-23'
    })
    const usa = { degree: { country: '美国', institution: '哥伦比亚大学' } }
    expect(clockAfter(calendar, def, { ...none, state: 'submitted' }, 'in_review', '2026-03-02', ctx(usa)).clockDays).toBe(10)
    const japan = { degree: { country: '日本', institution: '东京大学' } }
    expect(clockAfter(calendar, def, { ...none, state: 'submitted' }, 'in_review', '2026-03-02', ctx(japan)).clockDays).toBe(20)
    expect(clockAfter(calendar, def, { ...none, state: 'submitted' }, 'in_review', '2026-03-02', ctx(uk, { greenChannel: true })).clockDays).toBe(5)
  })

  it('pauses over Mid-Autumn and National Day 2026 and resumes with the working days that were left', () => {
    // 国办发明电〔2025〕7号: Mid-Autumn Sep 25–27, National Day Oct 1–7 off; make-up workdays Sun Sep 20 and Sat Oct 10.
    // Running since Mon 2026-09-14 for 15 days: 15, 16, 17, 18, (Sun) 20, 21, 22, 23, 24, 28, 29, 30, Oct 8, 9, (Sat) 10.
    const running = clockAfter(calendar, def, { ...none, state: 'submitted' }, 'in_review', '2026-09-14', ctx())
    expect(running.deadlineOn).toBe('2026-10-10')
    // Paused on Thu 2026-09-24 (sent to the university): left = Sep 28, 29, 30, Oct 8, 9, 10 = 6 working days.
    const paused = clockAfter(calendar, def, { ...running, state: 'in_review' }, 'awaiting_foreign', '2026-09-24', ctx())
    expect(paused).toEqual({ clockStartedOn: '2026-09-24', clockDays: 6, deadlineOn: null })
    // While paused the expected end moves with the day: resumed on Sep 30 it would end Oct 8, 9, 10, 12, 13, 14 → Oct 14.
    expect(expectedIfResumed(calendar, paused, '2026-09-30')).toBe('2026-10-14')
    // The answer comes on Fri 2026-10-09: Sat Oct 10 (make-up), 12, 13, 14, 15, 16 → Fri 2026-10-16.
    const resumed = clockAfter(calendar, def, { ...paused, state: 'awaiting_foreign' }, 'in_review', '2026-10-09', ctx())
    expect(resumed).toEqual({ clockStartedOn: '2026-10-09', clockDays: 6, deadlineOn: '2026-10-16' })
    // A calendar edit recomputes the resumed clock from its own start and length, not the category's 15.
    expect(runningDeadline(calendar, def, 'in_review', resumed)).toBe('2026-10-16')
  })

  it('keeps the days left from one pause to the next and never goes below zero', () => {
    const paused = { state: 'awaiting_foreign', clockStartedOn: '2026-05-06', clockDays: 4, deadlineOn: null }
    expect(clockAfter(calendar, def, paused, 'awaiting_supplements', '2026-05-20', ctx())).toEqual({ clockStartedOn: '2026-05-20', clockDays: 4, deadlineOn: null })
    // Overdue when paused: nothing left; resuming makes it due that day.
    const overdue = { state: 'in_review', clockStartedOn: '2026-03-02', clockDays: 15, deadlineOn: '2026-03-23' }
    const p = clockAfter(calendar, def, overdue, 'awaiting_supplements', '2026-03-25', ctx())
    expect(p.clockDays).toBe(0)
    expect(clockAfter(calendar, def, { ...p, state: 'awaiting_supplements' }, 'in_review', '2026-04-01', ctx()).deadlineOn).toBe('2026-04-01')
  })

  it('stops at a result and leaves an unchanged state alone', () => {
    const running = { state: 'in_review', clockStartedOn: '2026-03-02', clockDays: 15, deadlineOn: '2026-03-23' }
    expect(clockAfter(calendar, def, running, 'certified', '2026-03-10', ctx())).toEqual({ clockStartedOn: null, clockDays: null, deadlineOn: null })
    expect(clockAfter(calendar, def, running, 'in_review', '2026-03-10', ctx())).toEqual({ clockStartedOn: '2026-03-02', clockDays: 15, deadlineOn: '2026-03-23' })
  })

  it('stores no deadline beyond the known calendar but keeps the length, and counts the days left without one', () => {
    const year = Math.max(...calendar.knownYears())
    const late = clockAfter(calendar, def, { ...none, state: 'submitted' }, 'in_review', `${year}-12-28`, ctx())
    expect(late).toEqual({ clockStartedOn: `${year}-12-28`, clockDays: 15, deadlineOn: null })
    expect(daysLeft(calendar, { clockStartedOn: '2026-03-02', clockDays: 15, deadlineOn: null }, '2026-03-06')).toBe(11)
  })

  it('keeps the fixed clocks of the archive types as they were', () => {
    const deposit = caseTypeDef('archive_deposit') as CaseTypeDef
    // 5 working days from Fri 2026-02-13: Sat Feb 14 (make-up), then the Spring Festival Feb 15–23, Mon 24, 25, 26, 27 → Fri 2026-02-27.
    expect(clockAfter(calendar, deposit, none, 'submitted', '2026-02-13', ctx({}))).toEqual({ clockStartedOn: '2026-02-13', clockDays: 5, deadlineOn: '2026-02-27' })
    expect(runningDeadline(calendar, deposit, 'submitted', { clockStartedOn: '2026-02-13', clockDays: null, deadlineOn: null })).toBe('2026-02-27')
  })
})
