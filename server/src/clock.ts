import { type IsoDate, officeDateOf } from '../../src/shared/domain/calendar'

/** The server clock (leases, deadlines, event times); injected so tests can move it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock tests can set and advance. */
export function testClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(iso).getTime()
  return { now: () => new Date(t), set: (s) => void (t = new Date(s).getTime()), advance: (ms) => void (t += ms) }
}

/** The office-local date (Asia/Shanghai) of the clock's instant. */
export const officeToday = (clock: Clock): IsoDate => officeDateOf(clock.now())

const officeClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** The office-local time of day (Asia/Shanghai) of an instant, `HH:mm`. */
export const officeTime = (at: Date): string => officeClock.format(at)
