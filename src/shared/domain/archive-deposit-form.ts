import { z } from 'zod'
import { safeLine } from '../api/wire-safe'
import { isIsoDate } from './calendar'

/**
 * The archive deposit's form 存档申请 (seed 000, both subtypes 出国存档 / 回国存档): the domestic CV before going
 * abroad 出国（境）前国内个人履历 (required; in order, from high school on — or junior/primary school for someone
 * who did not attend a domestic high school), the study abroad 国（境）外留学经历 (in order; the certification
 * number, or 无), the full name of the current custodian 现档案保管机构全称 (printed on the 调档通知单) and the
 * consent to the 人事档案调转协议 (the portal cannot submit without it). The applicant's own data is the
 * application's `applicant`, not part of the form. Field names are the desk's (shared/api/types.ts ArchiveDepositForm).
 */

/** 何年何月: `YYYY-MM` (what the portal sends), or a full date `YYYY-MM-DD` from a date picker. */
export const yearMonth = (what: string) =>
  z
    .string(`请填写${what}`)
    .refine((s) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s) || isIsoDate(s), `${what}格式应为 YYYY-MM（或 YYYY-MM-DD）`)

export const DEPOSIT_LIMITS = { cvEntries: 20, overseasEntries: 10 } as const

/** from ≤ to in every entry, and the entries in the order of their start (按时间先后). */
function ordered<T extends { from: string; to: string }>(list: T[], ctx: z.RefinementCtx, what: string): void {
  list.forEach((e, i) => {
    if (e.from > e.to) ctx.addIssue({ code: 'custom', path: [i, 'to'], message: `${what}第 ${i + 1} 条的起止时间有误（开始晚于结束）` })
    if (i > 0 && list[i - 1].from > e.from) ctx.addIssue({ code: 'custom', path: [i, 'from'], message: `${what}应按时间先后顺序填写（第 ${i + 1} 条早于第 ${i} 条）` })
  })
}

/** One line of the domestic CV: 何年何月至何年何月, 何学校或何工作单位, 学历或职务. */
export const cvEntry = z
  .object({
    from: yearMonth('履历开始年月'),
    to: yearMonth('履历结束年月'),
    organisation: safeLine(100, 1, '请填写学校或工作单位'),
    role: safeLine(40, 1, '请填写学历或职务')
  })
  .strict()

/** One line of the study abroad: 何年何月至何年何月, 院校名称（中）, 学位, 国（境）外学历学位认证书号 (or 无). */
export const overseasStudy = z
  .object({
    from: yearMonth('留学开始年月'),
    to: yearMonth('留学结束年月'),
    institution: safeLine(100, 1, '请填写院校中文名称'),
    degree: safeLine(40, 1, '请填写学位'),
    certificationNumber: safeLine(60, 1, '请填写认证书编号（未办理认证请填“无”）')
  })
  .strict()

export const archiveDepositForm = z
  .object({
    cv: z
      .array(cvEntry, '国内个人履历应为列表')
      .min(1, '请填写出国（境）前国内个人履历（从高中填起）')
      .max(DEPOSIT_LIMITS.cvEntries, `国内个人履历最多 ${DEPOSIT_LIMITS.cvEntries} 条`)
      .superRefine((list, ctx) => ordered(list, ctx, '国内个人履历')),
    overseas: z
      .array(overseasStudy, '国外留学经历应为列表')
      .max(DEPOSIT_LIMITS.overseasEntries, `国外留学经历最多 ${DEPOSIT_LIMITS.overseasEntries} 条`)
      .superRefine((list, ctx) => ordered(list, ctx, '国外留学经历'))
      .default([]),
    custodian: safeLine(100, 2, '请填写现档案保管机构全称'),
    custodianAddress: safeLine(200, 0).optional(),
    agreementAccepted: z.literal(true, '须阅读并同意《人事档案调转协议》')
  })
  .strict()

export type ArchiveDepositFormParsed = z.infer<typeof archiveDepositForm>
