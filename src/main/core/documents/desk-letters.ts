import { isIsoDate, type IsoDate } from '../../../shared/domain/calendar'
import type { OfficeInfo } from '../../../shared/domain/office'

/**
 * What the letters of the certification office (学历学位认证处) and of the employment-registration desk
 * (留学回国人员就业落户处) share: the department and e-mail printed on them (seed 001; OfficeInfo holds the
 * archive office's, and there are no settings for these desks), and the common pieces of their data.
 */

export interface Desk {
  department: string
  email: string
}

export const CERTIFICATION_DESK: Desk = { department: '学历学位认证处', email: 'renzheng@cscse.edu.cn' }
export const EMPLOYMENT_DESK: Desk = { department: '留学回国人员就业落户处', email: 'jylh@cscse.edu.cn' }

/** The applicant-facing portal 留学e网通 服务大厅 (seed 001), where re-reviews and refunds are applied for. */
export const PORTAL = '“留学e网通”服务大厅（zwfw.cscse.edu.cn）'

/** The office as the desk's letters print it: its name, address and phone, the desk's department and e-mail. */
export const deskOffice = (office: OfficeInfo, desk: Desk): OfficeInfo => ({ ...office, department: desk.department, email: desk.email })

/** The head of every letter's data: who issues it, its number and code, when, for which case. */
export interface LetterHead {
  office: OfficeInfo
  number: string
  verificationCode: string
  issuedOn: IsoDate
  caseNumber: string
}

export function checkDates(...dates: (string | null | undefined)[]): void {
  for (const d of dates) if (d !== null && d !== undefined && !isIsoDate(d)) throw new Error(`invalid date ${d}`)
}

/** `2023-09-01` → `2023年9月` (study periods and award months). */
export function arabicMonth(date: IsoDate): string {
  const [y, m] = date.split('-').map(Number)
  return `${y}年${m}月`
}

/** `2023年9月至2025年6月`. */
export const studyPeriod = (from: IsoDate, to: IsoDate): string => `${arabicMonth(from)}至${arabicMonth(to)}`

const beijingTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23'
})

/** An ISO instant in Beijing time: `2026-11-20T06:32:05Z` → `2026年11月20日 14:32:05`. */
export function beijingDateTime(instant: string): string {
  const t = new Date(instant)
  if (Number.isNaN(t.getTime())) throw new Error(`invalid time ${instant}`)
  const p = Object.fromEntries(beijingTime.formatToParts(t).map((x) => [x.type, x.value]))
  return `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}:${p.second}`
}

/** Adds calendar months (the day clamped to the month's end): `2026-11-30` + 3 → `2027-02-28`. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number)
  const index = y * 12 + (m - 1) + months
  const [ny, nm] = [Math.floor(index / 12), (index % 12) + 1]
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate()
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}` as IsoDate
}

/** Trailing punctuation dropped, so a sentence built around a text is stopped once. */
export const clause = (s: string): string => s.trim().replace(/[。.；;，,]+$/, '')
