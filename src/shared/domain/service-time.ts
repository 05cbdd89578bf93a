import { officeDateOf } from './calendar'

/**
 * Official facts take the exchange service's time (PROTOCOL.md, Server time): a letter is issued, signed
 * and voided when the service records it, and its number's year is the service's. A desk measures how far
 * its own clock is from the service's; beyond this it is told so and refused letters.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000

/**
 * Days into a new year during which a letter numbered in the old year is still accepted, when the desk says
 * it issued it in the old year (a desk offline over New Year pushes its 31 December letters on 2 January).
 */
export const NEW_YEAR_GRACE_DAYS = 7

/**
 * The highest serial of a number series (per kind and year). Letter and archive numbers print six digits
 * (第000123号, D2026000123) and parse any width; ten million a year is three orders of magnitude beyond an
 * office's output, keeps every serial an INT4 and far below 2^53, and stops a forged or poisoned counter.
 */
export const COUNTER_CEILING = 9_999_999

const DAY_MS = 86_400_000

/** `本机时钟比交换服务慢 400 天` / `快 7 分钟` (`offsetMs` = service − desk). */
export function clockSkewText(offsetMs: number): string {
  const abs = Math.abs(offsetMs)
  const amount = abs >= 2 * DAY_MS ? `${Math.round(abs / DAY_MS)} 天` : abs >= 2 * 3_600_000 ? `${Math.round(abs / 3_600_000)} 小时` : `${Math.max(1, Math.round(abs / 60_000))} 分钟`
  return `本机时钟比交换服务${offsetMs > 0 ? '慢' : '快'} ${amount}`
}
const officeYear = (at: Date): number => Number(officeDateOf(at).slice(0, 4))

/**
 * The years whose number blocks the service hands out at `now`: its office year (and the neighbouring one
 * within the clock tolerance around New Year), and in December next year's too (desks keep a stock).
 */
export function openNumberYears(now: Date): number[] {
  const years = new Set([officeYear(now), officeYear(new Date(now.getTime() - MAX_CLOCK_SKEW_MS)), officeYear(new Date(now.getTime() + MAX_CLOCK_SKEW_MS))])
  if (officeDateOf(now).slice(5, 7) === '12') years.add(officeYear(now) + 1)
  return [...years].sort()
}

/**
 * Why a letter numbered in `numberYear` may not be issued when it reaches the service at `arrival` (the
 * desk says it issued it at `deskSays`), or null. Accepted: the service's office year at arrival (± the
 * clock tolerance), or the previous year within NEW_YEAR_GRACE_DAYS of New Year when the desk says it
 * issued the letter in that year.
 */
export function letterYearProblem(numberYear: number, arrival: Date, deskSays: Date): string | null {
  const t = arrival.getTime()
  const now = officeYear(arrival)
  if (numberYear === now) return null
  if ([t - MAX_CLOCK_SKEW_MS, t + MAX_CLOCK_SKEW_MS].some((x) => officeYear(new Date(x)) === numberYear)) return null
  const graceYear = officeYear(new Date(t - NEW_YEAR_GRACE_DAYS * DAY_MS))
  if (numberYear === now - 1 && graceYear === numberYear && officeYear(deskSays) === numberYear) return null
  return `文书编号的年份（${numberYear}）与交换服务的当前年份（${now}）不符：本机时钟可能不准，请校准系统时间后作废此编号并重新出具`
}
