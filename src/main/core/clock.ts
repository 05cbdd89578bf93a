import type { IsoDate } from '../../shared/domain/calendar'

/** The office's clock: an instant and the office-local date (Asia/Shanghai). Injected so tests can fix it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) })

const officeDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

export function officeToday(clock: Clock): IsoDate {
  return officeDate.format(clock.now())
}
