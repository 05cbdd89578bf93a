import { z } from 'zod'

/**
 * How many working days a degree certification takes (seed 001, 办理时限): by country/region category —
 * 10 (USA, Canada, most joint programmes), 15 (UK, France, Italy, Australia, New Zealand, most of Singapore),
 * 20 (everywhere else) — with rows for single institutions (the Singapore exceptions), and the shorter
 * green channel 绿色通道 for doctorates. The supervisor maintains the table (kept at the exchange service
 * with the office settings); these are the defaults.
 */
export const timeLimitRow = z.object({
  country: z.string().trim().min(1, '请填写国家或地区').max(40),
  /** Empty: the whole country; otherwise one institution of it (Chinese name as on the application). */
  institution: z.string().trim().max(120).default(''),
  workingDays: z.number().int().min(1, '工作日数至少为 1').max(60, '工作日数不能超过 60')
})
export type TimeLimitRow = z.infer<typeof timeLimitRow>

export const timeLimits = z.object({
  rows: z.array(timeLimitRow).max(500),
  otherDays: z.number().int().min(1).max(60),
  jointProgrammeDays: z.number().int().min(1).max(60),
  greenChannelDays: z.number().int().min(1).max(60)
})
export type TimeLimits = z.infer<typeof timeLimits>

const rows = (days: number, countries: string[]): TimeLimitRow[] => countries.map((country) => ({ country, institution: '', workingDays: days }))

export const DEFAULT_TIME_LIMITS: TimeLimits = {
  rows: [...rows(10, ['美国', '加拿大']), ...rows(15, ['英国', '法国', '意大利', '澳大利亚', '新西兰', '新加坡'])],
  otherDays: 20,
  jointProgrammeDays: 10,
  /** Not in the seed ("加快认证进程"): the office's own figure, editable. */
  greenChannelDays: 5
}

export interface CertificationDays {
  workingDays: number
  /** Why this many, for the reviewer: 类别“英国” / 其他国家（地区）/ 绿色通道. */
  basis: string
}

/** The working days of a certification's clock: green channel, institution row, country row, joint programme, others. */
export function certificationDays(limits: TimeLimits, c: { subtype: string; country: string; institution: string; greenChannel: boolean }): CertificationDays {
  if (c.greenChannel) return { workingDays: limits.greenChannelDays, basis: '绿色通道' }
  const country = c.country.trim()
  const institution = c.institution.trim()
  const own = limits.rows.find((r) => r.country === country && r.institution !== '' && r.institution === institution)
  if (own) return { workingDays: own.workingDays, basis: `${own.country}·${own.institution}` }
  if (c.subtype === 'joint_programme') return { workingDays: limits.jointProgrammeDays, basis: '中外合作办学' }
  const row = limits.rows.find((r) => r.country === country && r.institution === '')
  if (row) return { workingDays: row.workingDays, basis: `类别“${row.country}”` }
  return { workingDays: limits.otherDays, basis: '其他国家（地区）' }
}
