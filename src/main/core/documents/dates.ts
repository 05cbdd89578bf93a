import type { IsoDate } from '../../../shared/domain/calendar'

/** Dates as Chinese official documents print them. */

const DIGITS = '〇一二三四五六七八九'

function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]
  const tens = Math.floor(n / 10)
  return (tens > 1 ? DIGITS[tens] : '') + '十' + (n % 10 ? DIGITS[n % 10] : '')
}

/** `2026-11-23` → `二〇二六年十一月二十三日` (成文日期 as printed under the seal). */
export function chineseDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number)
  const year = [...String(y)].map((c) => DIGITS[Number(c)]).join('')
  return `${year}年${chineseNumber(m)}月${chineseNumber(d)}日`
}

/** `1999-01-05` → `1999年1月5日` (dates inside the body use Arabic numerals). */
export function arabicDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}
