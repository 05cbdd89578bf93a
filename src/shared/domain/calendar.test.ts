import { describe, expect, it } from 'vitest'
import { DomainError } from '../result'
import { WorkingCalendar } from './calendar'

const cal = new WorkingCalendar()

describe('working-day calendar (statutory notice of 2025 National Day + Mid-Autumn)', () => {
  it('treats the make-up Sunday 2025-09-28 and Saturday 2025-10-11 as working days', () => {
    expect(cal.isWorkingDay('2025-09-28')).toBe(true)
    expect(cal.isWorkingDay('2025-10-11')).toBe(true)
    expect(cal.isWorkingDay('2025-10-12')).toBe(false)
  })

  it('treats 2025-10-01 … 2025-10-08 as holidays, weekdays included', () => {
    for (let d = 1; d <= 8; d++) expect(cal.isWorkingDay(`2025-10-0${d}`)).toBe(false)
    expect(cal.isWorkingDay('2025-10-09')).toBe(true)
  })

  it('counts 5 working days from the day after the clock starts, across the holiday', () => {
    // Fri 26 Sep → Sun 28 (make-up), Mon 29, Tue 30, Thu 9 Oct, Fri 10 Oct
    expect(cal.addWorkingDays('2025-09-26', 5)).toBe('2025-10-10')
    // Tue 30 Sep → Thu 9, Fri 10, Sat 11 (make-up), Mon 13, Tue 14
    expect(cal.addWorkingDays('2025-09-30', 5)).toBe('2025-10-14')
    // submitted on a holiday: counting starts at the first working day after it
    expect(cal.addWorkingDays('2025-10-03', 1)).toBe('2025-10-09')
  })

  it('counts remaining working days, 0 on the day and negative when overdue', () => {
    expect(cal.workingDaysUntil('2025-09-30', '2025-10-10')).toBe(2)
    expect(cal.workingDaysUntil('2025-10-10', '2025-10-10')).toBe(0)
    expect(cal.workingDaysUntil('2025-10-13', '2025-10-11')).toBe(-1)
    expect(cal.workingDaysUntil('2025-10-09', '2025-09-30')).toBe(-1)
    // Thursday's deadline: on Sunday only Friday has passed; on Monday two working days have
    expect(cal.workingDaysUntil('2025-11-23', '2025-11-20')).toBe(-1)
    expect(cal.workingDaysUntil('2025-11-24', '2025-11-20')).toBe(-2)
    // due yesterday, today a holiday: still overdue
    expect(cal.workingDaysUntil('2025-10-01', '2025-09-30')).toBe(-1)
  })

  it('applies office overrides over the package data', () => {
    const office = new WorkingCalendar([{ date: '2025-10-09', kind: 'holiday', note: '办公室调整' }])
    expect(office.addWorkingDays('2025-09-30', 1)).toBe('2025-10-10')
  })

  it('refuses to guess beyond the known calendar', () => {
    expect(cal.knownYears()).toContain(2026)
    const err = (() => {
      try {
        cal.addWorkingDays('2026-12-28', 5)
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(DomainError)
    expect((err as DomainError).code).toBe('CALENDAR_NOT_COVERED')
    expect((err as DomainError).message).toContain('2027')
  })

  it('accepts a year the office has entered by hand', () => {
    const office = new WorkingCalendar([{ date: '2027-01-01', kind: 'holiday', note: '元旦' }], [2027])
    expect(office.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04')
  })
})
