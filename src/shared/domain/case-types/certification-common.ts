import { z } from 'zod'
import { isIsoDate } from '../calendar'
import type { ActionDef, ClockContext, MaterialDef, StateDef } from '../case-type'
import { certificationDays } from '../certification-deadlines'
import type { DegreeCertificationForm } from '../certification-forms'
import { reasonsInput } from './common'

/**
 * Pieces the certification office's case types share (degree certification and its re-review): the clock by
 * country category, the paused states, supplements, and the three results with their letters (seeds 001, 004).
 */
type Result = 'certified' | 'deferred' | 'refused'
type Review = 'in_review' | 'awaiting_supplements'

const REVIEWERS = ['reviewer', 'supervisor'] as const

/** The certification's working days: green channel, the time-limit table by country (or institution), joint programmes. */
export function certificationClock(c: ClockContext): number {
  // A stored form of the wrong shape reads as missing here (never a crash): strings only.
  const degree = (c.form as Partial<DegreeCertificationForm>).degree as Record<string, unknown> | null | undefined
  const text = (v: unknown): string => (typeof v === 'string' ? v : '')
  return certificationDays(c.timeLimits, {
    subtype: c.subtype,
    country: text(degree?.country),
    institution: text(degree?.institution),
    greenChannel: c.input.greenChannel === true
  }).workingDays
}

export const PAUSE_FOR_SUPPLEMENTS = { label: '等待申请人补充材料', reasons: { applicant_supplements: '等待申请人补充材料' } }

export const resultStates = {
  certified: { label: '已出具认证书', color: 'green', open: false, final: true },
  deferred: { label: '暂不认证', color: 'orange', open: false, final: true },
  refused: { label: '不予认证', color: 'red', open: false, final: true }
} satisfies Record<Result, StateDef>

export const DEFERRAL_REASONS = {
  no_reply: '颁证院校或核查机构未反馈核查结果',
  supplements_missing: '申请人未按要求补充有关材料',
  study_doubtful: '学习经历或学习方式尚待核实',
  other: '其他原因'
} as const

/** `false_materials`: no refund, ever (seed 004 五、1). */
export const REFUSAL_REASONS = {
  false_materials: '提供虚假材料',
  not_higher_education: '所持证书不属于国（境）外高等教育学历学位证书',
  unrecognised_institution: '颁证机构未获所在国家（地区）认可',
  other: '其他原因'
} as const

const codedReason = (codes: Record<string, string>) =>
  z.object({
    reasonCode: z.enum(Object.keys(codes) as [string, ...string[]], { message: '请选择原因类别' }),
    reason: z.string().trim().min(2, '请填写具体原因').max(500),
    note: z.string().trim().max(500).default('')
  })

export const certifyInput = z.object({
  equivalence: z.string().trim().min(2, '请填写对应的我国学历学位').max(40),
  opinion: z.string().trim().max(600).default(''),
  note: z.string().trim().max(500).default('')
})

/** 请申请人补充材料 (one notice listing everything), the applicant's supplements, and the three results. */
export function reviewActions(what: string) {
  const result = (to: Result, over: Partial<ActionDef<Review | Result>>): ActionDef<Review | Result> => ({
    label: '',
    from: ['in_review'],
    to,
    roles: REVIEWERS,
    requiresClaim: true,
    input: z.object({}),
    form: 'none',
    // The result's data (equivalence, reason code) stays in the event: the refund rules read a refusal's code.
    keepsInput: true,
    ...over
  })
  return {
    request_supplements: {
      label: '通知补充材料',
      from: ['in_review'],
      to: 'awaiting_supplements',
      roles: REVIEWERS,
      requiresClaim: true,
      input: reasonsInput,
      form: 'reasons',
      notice: `您的${what}需要补充材料，请一次性补充以下内容（补充期间认证时限暂停计算）：{reasons}`
    } as ActionDef<Review | Result>,
    supplement: { label: '补充材料', from: ['awaiting_supplements'], to: 'in_review', roles: ['applicant'], requiresClaim: false, input: z.object({}).strict(), form: 'none' } as ActionDef<
      Review | Result
    >,
    certify: result('certified', {
      label: '出具认证书',
      input: certifyInput,
      form: 'certify',
      issues: 'certification_certificate',
      confirm: '确认认证通过并生成认证书？',
      notice: `您的${what}已完成，结果为出具认证书，请登录个人中心查看并下载电子认证书。`,
      primary: true
    }),
    defer: result('deferred', {
      label: '暂不认证',
      input: codedReason(DEFERRAL_REASONS),
      form: 'coded_reason',
      reasonCodes: DEFERRAL_REASONS,
      issues: 'deferral_notice',
      confirm: '确认暂不认证并生成暂不认证通知单？',
      notice: `您的${what}结果为暂不认证，原因：{reasons}。您可在获得认证结果的一年内申请复核。`
    }),
    refuse: result('refused', {
      label: '不予认证',
      input: codedReason(REFUSAL_REASONS),
      form: 'coded_reason',
      reasonCodes: REFUSAL_REASONS,
      issues: 'refusal_notice',
      confirm: '不予认证是终局结论，确认生成不予认证通知单？',
      notice: `您的${what}结果为不予认证，原因：{reasons}。`,
      danger: true
    })
  }
}

export const isoDateInput = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD')

/** Reasons offered when asking for supplements, per material. */
export const CERTIFICATION_SUPPLEMENTS: Record<string, readonly string[]> = {
  diploma: ['学位证书扫描件不清晰，请重新上传', '请补充学位证书的官方翻译件'],
  transcript: ['请补充完整的成绩单', '成绩单未显示学位授予信息'],
  passport: ['请补充留学期间使用的全部护照（含签证页）'],
  entry_exit: ['请补充完整的出入境记录'],
  photo: ['照片不符合要求，请上传近期标准证件照'],
  general: ['请补充在外学习期间的注册或在读证明', '请配合联系颁证院校出具学历核实函']
}

export const JPG_PDF = ['application/pdf', 'image/jpeg'] as const
export const material = (code: string, label: string, required: boolean, accept: readonly string[] = JPG_PDF, maxFiles?: number): MaterialDef => ({
  code,
  label,
  required,
  accept,
  ...(maxFiles ? { maxFiles } : {})
})
