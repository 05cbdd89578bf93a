import { describe, expect, it } from 'vitest'
import { addDays, parseIso, statutoryDay, WorkingCalendar } from './calendar'

/**
 * The deadline engine against the State Council's holiday notices (国务院办公厅关于部分节假日安排的通知):
 * for 2025 and for 2026. Every expected date below was counted by hand
 * from the notice (weekday of each date written beside it), not computed by the code under test, and the
 * notices were checked against the `chinese-days` data the calendar uses: they agree.
 *
 * The counting rule (DOMAIN.md): the clock starts on day S and counts from the next working day, so
 * addWorkingDays(S, n) is the n-th working day after S; workingDaysUntil(T, D) counts the working days in (T, D].
 * A pause on day P with deadline D keeps remaining = workingDaysUntil(P, D); resuming on R gives the new
 * deadline addWorkingDays(R, remaining).
 */
const cal = new WorkingCalendar()

/** Each day in [from, to]: a working day per the notice (make-up days work; holidays and other weekends do not). */
function expectNotice(from: string, to: string, holidays: string[], makeUp: string[]): void {
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const dow = parseIso(d).getUTCDay()
    const expected = makeUp.includes(d) || (!holidays.includes(d) && dow !== 0 && dow !== 6)
    expect({ d, working: cal.isWorkingDay(d) }).toEqual({ d, working: expected })
  }
}
const range = (from: string, to: string): string[] => {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}

describe('2025 Spring Festival: Jan 28 (Tue) – Feb 4 (Tue) off; make-up Sun Jan 26 and Sat Feb 8', () => {
  it('matches the notice day by day, January 20 to February 16', () => {
    expectNotice('2025-01-20', '2025-02-16', range('2025-01-28', '2025-02-04'), ['2025-01-26', '2025-02-08'])
    expect(statutoryDay('2025-01-26')).toEqual({ working: true, name: '春节' })
    expect(statutoryDay('2025-01-28')).toEqual({ working: false, name: '春节' })
  })

  it('counts from the day before the holiday (Mon Jan 27): 5 working days end Mon Feb 10', () => {
    // Wed Feb 5 (1), Thu 6 (2), Fri 7 (3), Sat 8 make-up (4), [Sun 9 off], Mon 10 (5)
    expect(cal.addWorkingDays('2025-01-27', 5)).toBe('2025-02-10')
    expect(cal.workingDaysUntil('2025-01-27', '2025-02-10')).toBe(5)
    // Tue Jan 28 … Tue Feb 4 are off: the first working day after the eve is Wed Feb 5
    expect(cal.addWorkingDays('2025-01-27', 1)).toBe('2025-02-05')
  })

  it('10 working days from Fri Jan 24 end Thu Feb 13, the make-up Sunday counted', () => {
    // Sun Jan 26 make-up (1), Mon 27 (2), Wed Feb 5 (3), Thu 6 (4), Fri 7 (5), Sat 8 make-up (6), Mon 10 (7), Tue 11 (8), Wed 12 (9), Thu 13 (10)
    expect(cal.addWorkingDays('2025-01-24', 10)).toBe('2025-02-13')
    // a clock started on the ordinary Saturday before: its first working day is the make-up Sunday
    expect(cal.addWorkingDays('2025-01-25', 1)).toBe('2025-01-26')
  })

  it('a clock started on the make-up Saturday Feb 8 counts from Mon Feb 10', () => {
    // Mon 10 (1), Tue 11 (2), Wed 12 (3)
    expect(cal.addWorkingDays('2025-02-08', 3)).toBe('2025-02-12')
  })
})

describe('2025 National Day + Mid-Autumn: Oct 1 (Wed) – Oct 8 (Wed) off; make-up Sun Sep 28 and Sat Oct 11', () => {
  it('matches the notice day by day, September 22 to October 19', () => {
    expectNotice('2025-09-22', '2025-10-19', range('2025-10-01', '2025-10-08'), ['2025-09-28', '2025-10-11'])
    expect(statutoryDay('2025-10-06')).toEqual({ working: false, name: '中秋' })
  })

  it('a clock started on the make-up Sunday Sep 28: 10 working days end Fri Oct 17', () => {
    // Mon 29 (1), Tue 30 (2), Thu Oct 9 (3), Fri 10 (4), Sat 11 make-up (5), Mon 13 (6), Tue 14 (7), Wed 15 (8), Thu 16 (9), Fri 17 (10)
    expect(cal.addWorkingDays('2025-09-28', 10)).toBe('2025-10-17')
  })

  it('a clock started on the make-up Saturday Oct 11: 5 working days end Fri Oct 17; Fri Oct 10 + 1 is that Saturday', () => {
    // Mon 13 (1), Tue 14 (2), Wed 15 (3), Thu 16 (4), Fri 17 (5)
    expect(cal.addWorkingDays('2025-10-11', 5)).toBe('2025-10-17')
    expect(cal.addWorkingDays('2025-10-10', 1)).toBe('2025-10-11')
  })

  it('counts remaining days across the holiday', () => {
    // (Sat Sep 27, Thu Oct 9]: Sun 28, Mon 29, Tue 30, Thu Oct 9
    expect(cal.workingDaysUntil('2025-09-27', '2025-10-09')).toBe(4)
    expect(cal.workingDaysUntil('2025-09-30', '2025-10-09')).toBe(1)
  })
})

describe('2026 Spring Festival: Feb 15 (Sun) – Feb 23 (Mon) off; make-up Sat Feb 14 and Sat Feb 28', () => {
  it('matches the notice day by day, February 9 to March 8', () => {
    expectNotice('2026-02-09', '2026-03-08', range('2026-02-15', '2026-02-23'), ['2026-02-14', '2026-02-28'])
  })

  it('10 working days from Thu 2026-02-12 end Wed 2026-03-04', () => {
    // Fri Feb 13 (1), Sat 14 make-up (2), [Feb 15–23 off], Tue 24 (3), Wed 25 (4), Thu 26 (5), Fri 27 (6), Sat 28 make-up (7),
    // [Sun Mar 1], Mon 2 (8), Tue 3 (9), Wed 4 (10)
    expect(cal.addWorkingDays('2026-02-12', 10)).toBe('2026-03-04')
    expect(cal.workingDaysUntil('2026-02-12', '2026-03-04')).toBe(10)
  })

  it('a clock started on the make-up Saturday Feb 14, the day before the holiday, counts from Tue Feb 24; 5 days end on the make-up Saturday Feb 28', () => {
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24')
    // Tue 24 (1), Wed 25 (2), Thu 26 (3), Fri 27 (4), Sat 28 make-up (5)
    expect(cal.addWorkingDays('2026-02-14', 5)).toBe('2026-02-28')
    // the eve is Fri Feb 13 for a weekday clock: its first working day is the make-up Saturday
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14')
  })

  it('a pause spanning the holiday keeps the remaining working days', () => {
    // clock from Thu Feb 5, 10 days: Fri 6 (1), Mon 9 (2), Tue 10 (3), Wed 11 (4), Thu 12 (5), Fri 13 (6), Sat 14 (7), Tue 24 (8), Wed 25 (9), Thu 26 (10)
    const deadline = cal.addWorkingDays('2026-02-05', 10)
    expect(deadline).toBe('2026-02-26')
    // paused Tue Feb 10 (supplements asked): remaining (Feb 10, Feb 26] = Wed 11, Thu 12, Fri 13, Sat 14, Tue 24, Wed 25, Thu 26 = 7
    const remaining = cal.workingDaysUntil('2026-02-10', deadline)
    expect(remaining).toBe(7)
    // resumed Wed Feb 25: Thu 26 (1), Fri 27 (2), Sat 28 make-up (3), Mon Mar 2 (4), Tue 3 (5), Wed 4 (6), Thu 5 (7)
    expect(cal.addWorkingDays('2026-02-25', remaining)).toBe('2026-03-05')
  })

  it('a pause from the eve to the first working day after the holiday', () => {
    // paused Sat Feb 14 (make-up) with deadline Thu Feb 26: remaining (Feb 14, Feb 26] = Tue 24, Wed 25, Thu 26 = 3
    const remaining = cal.workingDaysUntil('2026-02-14', '2026-02-26')
    expect(remaining).toBe(3)
    // resumed Tue Feb 24: Wed 25 (1), Thu 26 (2), Fri 27 (3)
    expect(cal.addWorkingDays('2026-02-24', remaining)).toBe('2026-02-27')
  })
})

describe('2026 National Day: Oct 1 (Thu) – Oct 7 (Wed) off; make-up Sun Sep 20 and Sat Oct 10 (Mid-Autumn Sep 25–27 off too)', () => {
  it('matches the notice day by day, September 14 to October 18', () => {
    // 中秋节 Fri Sep 25 – Sun Sep 27 is a separate holiday of the same notice (no make-up day of its own)
    expectNotice('2026-09-14', '2026-10-18', [...range('2026-09-25', '2026-09-27'), ...range('2026-10-01', '2026-10-07')], ['2026-09-20', '2026-10-10'])
    expect(statutoryDay('2026-09-20')).toEqual({ working: true, name: '国庆节' })
    expect(statutoryDay('2026-09-25')).toEqual({ working: false, name: '中秋' })
  })

  it('10 working days from Fri Sep 18 end Fri Oct 9', () => {
    // Sun Sep 20 make-up (1), Mon 21 (2), Tue 22 (3), Wed 23 (4), Thu 24 (5), [Fri 25 中秋, weekend], Mon 28 (6), Tue 29 (7), Wed 30 (8),
    // [Oct 1–7 off], Thu Oct 8 (9), Fri 9 (10)
    expect(cal.addWorkingDays('2026-09-18', 10)).toBe('2026-10-09')
  })

  it('a clock started on the make-up Sunday Sep 20: 5 working days end Mon Sep 28', () => {
    // Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4), Mon 28 (5)
    expect(cal.addWorkingDays('2026-09-20', 5)).toBe('2026-09-28')
  })

  it('a clock started the day before the holiday (Wed Sep 30): 3 days end on the make-up Saturday Oct 10, 5 on Tue Oct 13', () => {
    // Thu Oct 8 (1), Fri 9 (2), Sat 10 make-up (3), Mon 12 (4), Tue 13 (5)
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10')
    expect(cal.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13')
    // and from the make-up Saturday itself: Mon 12 (1)
    expect(cal.addWorkingDays('2026-10-10', 1)).toBe('2026-10-12')
  })

  it('a pause spanning Mid-Autumn and National Day keeps the remaining working days', () => {
    // clock from Tue Sep 22, 15 days: Wed 23 (1), Thu 24 (2), Mon 28 (3), Tue 29 (4), Wed 30 (5), Thu Oct 8 (6), Fri 9 (7),
    // Sat 10 make-up (8), Mon 12 (9), Tue 13 (10), Wed 14 (11), Thu 15 (12), Fri 16 (13), Mon 19 (14), Tue 20 (15)
    const deadline = cal.addWorkingDays('2026-09-22', 15)
    expect(deadline).toBe('2026-10-20')
    // paused Thu Sep 24 (waiting for the foreign institution): 2 days used, 13 left
    const remaining = cal.workingDaysUntil('2026-09-24', deadline)
    expect(remaining).toBe(13)
    // resumed Fri Oct 9: Sat 10 (1), Mon 12 (2), Tue 13 (3), Wed 14 (4), Thu 15 (5), Fri 16 (6), Mon 19 (7), Tue 20 (8),
    // Wed 21 (9), Thu 22 (10), Fri 23 (11), Mon 26 (12), Tue 27 (13)
    expect(cal.addWorkingDays('2026-10-09', remaining)).toBe('2026-10-27')
  })

  it('counts an overdue deadline by the working days passed since it, the holiday not counted', () => {
    // deadline Wed Sep 30, today Thu Oct 8: (Sep 30, Oct 8] has only Oct 8 → −1; today Sat Oct 10: Oct 8, 9, 10 → −3
    expect(cal.workingDaysUntil('2026-10-08', '2026-09-30')).toBe(-1)
    expect(cal.workingDaysUntil('2026-10-10', '2026-09-30')).toBe(-3)
    // still inside the holiday: nothing has passed, and overdue is at least −1
    expect(cal.workingDaysUntil('2026-10-05', '2026-09-30')).toBe(-1)
  })
})
