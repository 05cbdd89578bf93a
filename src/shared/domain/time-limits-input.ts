import type { z } from 'zod'
import type { Role } from './roles'
import { timeLimits, type TimeLimits } from './certification-deadlines'

/** Who maintains the certification time-limit table 认证工作时限分类表 (desk and exchange service). */
export const TIME_LIMIT_KEEPERS: readonly Role[] = ['supervisor', 'admin']

/**
 * The table as a supervisor saves it: the domain schema plus "one row per country (whole country) and
 * per country + institution" — a second row for the same pair is refused, naming both rows.
 */
export const timeLimitsInput = timeLimits.superRefine((t, ctx) => {
  const seen = new Map<string, number>()
  t.rows.forEach((r, i) => {
    const key = `${r.country.trim()}\u0000${r.institution.trim()}`
    const first = seen.get(key)
    if (first === undefined) {
      seen.set(key, i)
      return
    }
    const what = r.institution.trim() ? `${r.country.trim()}·${r.institution.trim()}` : `${r.country.trim()}（全国）`
    ctx.addIssue({ code: 'custom', path: ['rows', i, 'institution'], message: `第 ${i + 1} 行与第 ${first + 1} 行重复：${what}` })
  })
})

/** The table with who last changed it (null: the defaults, never edited). */
export interface TimeLimitsView {
  limits: TimeLimits
  updatedAt: string | null
  updatedBy: string | null
}

const FIELD_LABEL: Record<string, string> = {
  country: '国家/地区',
  institution: '院校',
  workingDays: '工作日',
  otherDays: '其他国家（地区）',
  jointProgrammeDays: '中外合作办学',
  greenChannelDays: '绿色通道'
}

/** The first issue in Chinese, saying where: `第 3 行·工作日：工作日数不能超过 60`. */
export function timeLimitsMessage(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return '时限表有误'
  const [head, index, field] = issue.path
  if (head === 'rows' && typeof index === 'number') {
    if (issue.code === 'custom') return issue.message
    return `第 ${index + 1} 行·${FIELD_LABEL[String(field)] ?? String(field ?? '')}：${issue.message}`
  }
  if (head === 'rows') return `时限表：${issue.message}`
  return `${FIELD_LABEL[String(head)] ?? String(head ?? '时限表')}：${issue.message}`
}
