import { type IsoDate, officeDateOf } from '../../shared/domain/calendar'

/** The office's clock: an instant and the office-local date (Asia/Shanghai). Injected so tests can fix it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) })

export function officeToday(clock: Clock): IsoDate {
  return officeDateOf(clock.now())
}
