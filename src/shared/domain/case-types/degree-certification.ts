import { z } from 'zod'
import type { CaseTypeDef } from '../case-type'
import { type DegreeCertificationForm, degreeCertificationForm, GREEN_CHANNEL_CONDITIONS } from '../certification-forms'
import { certificationRefundChecks } from '../certification-requests'
import {
  CERTIFICATION_SUPPLEMENTS,
  certificationClock,
  isoDateInput,
  material,
  PAUSE_FOR_SUPPLEMENTS,
  resultStates,
  reviewActions
} from './certification-common'
import { applicantActions, notAccepted, returnForChanges } from './common'

/**
 * 国(境)外学历学位认证 — DOMAIN.md flow 6 (seeds 001, 004). The application reaches the office paid (360 CNY);
 * 受理 issues the 收讫证明 and starts the clock by country category (or the green channel); the clock pauses
 * while the foreign institution is asked (境外核查) and while the applicant supplements; the result is one of
 * 认证书 / 暂不认证通知单 / 不予认证通知单, drafted here and signed in the print console.
 */
export type DegreeCertificationState =
  | 'submitted'
  | 'returned'
  | 'not_accepted'
  | 'in_review'
  | 'awaiting_foreign'
  | 'awaiting_supplements'
  | 'certified'
  | 'deferred'
  | 'refused'
  | 'cancelled'

export const VERIFICATION_REASONS = {
  institution: '等待颁证院校核查反馈',
  agency: '等待境外核查机构反馈'
} as const

export const VERIFICATION_OUTCOMES = { confirmed: '核实无误', not_confirmed: '院校不予确认', no_record: '查无此人/查无此证' } as const

const sendVerification = z.object({
  reasonCode: z.enum(['institution', 'agency'], { message: '请选择核查对象类别' }),
  recipient: z.string().trim().min(2, '请填写核查对象（院校或机构名称）').max(120),
  channel: z.enum(['email', 'post', 'platform'], { message: '请选择发送方式' }),
  replyDueOn: isoDateInput,
  note: z.string().trim().max(500).default('')
})

const verificationReply = z.object({
  outcome: z.enum(['confirmed', 'not_confirmed', 'no_record'], { message: '请选择核查结果' }),
  note: z.string().trim().max(500).default('')
})

const acceptInput = z.object({ greenChannel: z.boolean().default(false) })

/** The green channel only for doctorates who asked for it with one of the listed conditions (seed 001). */
function greenChannelCheck(c: { form: Record<string, unknown>; input: Record<string, unknown> }): string | null {
  if (c.input.greenChannel !== true) return null
  const f = c.form as Partial<DegreeCertificationForm>
  if (!f.greenChannel || !Object.hasOwn(GREEN_CHANNEL_CONDITIONS, f.greenChannel)) return '申请人未申请绿色通道，不能开通'
  if (f.degree?.level !== 'doctor') return '绿色通道仅适用于博士学位获得者'
  return null
}

const review = reviewActions('学历学位认证')

export const degreeCertification: CaseTypeDef<DegreeCertificationState> = {
  type: 'degree_certification',
  label: '学历学位认证',
  mainlandMobile: true, // seed 004: 手机号码仅限国（境）内
  subtypes: { foreign: '国(境)外学历学位认证', joint_programme: '中外合作办学学历学位认证' },
  initialState: 'submitted',
  states: {
    submitted: { label: '已缴费待受理', color: 'blue', open: true },
    returned: { label: '退回修改', color: 'orange', open: false },
    not_accepted: { label: '不予受理', color: 'default', open: false, final: true },
    in_review: { label: '认证评估中', color: 'geekblue', open: true, clock: { workingDays: certificationClock, label: '认证' } },
    awaiting_foreign: { label: '境外核查中', color: 'purple', open: true, pause: { label: '等待境外核查反馈', reasons: VERIFICATION_REASONS } },
    awaiting_supplements: { label: '等待补充材料', color: 'gold', open: false, pause: PAUSE_FOR_SUPPLEMENTS },
    ...resultStates,
    cancelled: { label: '已取消', color: 'default', open: false, final: true }
  },
  actions: {
    accept: {
      label: '受理',
      from: ['submitted'],
      to: 'in_review',
      roles: ['reviewer', 'supervisor'],
      requiresClaim: true,
      input: acceptInput,
      form: 'accept_certification',
      check: greenChannelCheck,
      issues: 'payment_receipt',
      keepsClaim: true,
      keepsInput: true,
      notice: '您的学历学位认证申请已受理，进入认证评估，请在个人中心查看预计完成时间；认证费用收讫证明可在“我的支付”中打印。',
      primary: true
    },
    return_for_changes: { ...returnForChanges('学历学位认证申请'), roles: ['reviewer', 'supervisor'] },
    not_accepted: { ...notAccepted('学历学位认证申请'), roles: ['reviewer', 'supervisor'] },
    send_verification: {
      label: '发起境外核查',
      from: ['in_review'],
      to: 'awaiting_foreign',
      roles: ['reviewer', 'supervisor'],
      requiresClaim: true,
      input: sendVerification,
      form: 'send_verification',
      keepsInput: true,
      // The reviewer who asked records the answer (a supervisor may release the case to someone else).
      keepsClaim: true,
      notice: '您的认证申请已进入境外核查，正在等待颁证院校或核查机构反馈，期间认证时限暂停计算。'
    },
    record_verification: {
      label: '登记核查反馈',
      from: ['awaiting_foreign'],
      to: 'in_review',
      roles: ['reviewer', 'supervisor'],
      requiresClaim: true,
      input: verificationReply,
      form: 'verification_reply',
      keepsInput: true,
      keepsClaim: true,
      notice: '境外核查已反馈，您的认证申请继续评估，认证时限恢复计算。'
    },
    ...review,
    ...applicantActions<DegreeCertificationState>({ resubmit: ['returned'], cancel: ['submitted', 'returned'], to: 'submitted', cancelled: 'cancelled' })
  },
  materials: [
    material('diploma', '学位证书/高等教育文凭', true),
    material('transcript', '成绩单', false),
    material('passport', '留学期间使用的护照（或通行证）', false),
    material('entry_exit', '出入境记录', false),
    material('id_card', '身份证正反面（合作办学境外学习不足180天）', false),
    material('photo', '近期标准证件照', true, ['image/jpeg']),
    material('authorisation', '文凭证书核查授权声明', true),
    material('green_channel_proof', '绿色通道证明材料', false),
    material('other', '其他材料', false)
  ],
  sections: { applicant: '申请人信息', degree: '学位信息', study: '学习经历', trips: '出入境记录', payment: '缴费信息', general: '其他' },
  reasonChecklist: {
    diploma: ['学位证书扫描件不完整或不清晰', '上传的不是学位证书'],
    photo: ['照片不符合证件照要求'],
    authorisation: ['核查授权声明未签署'],
    study: ['学习经历未从高中阶段开始填写', '学习经历存在未说明的时间空档'],
    degree: ['学位信息与证书不一致']
  },
  supplementChecklist: CERTIFICATION_SUPPLEMENTS,
  // A refund requested or done stops the office's work on the certification (certification-rules.ts).
  rules: { check: certificationRefundChecks, at: ['accept', 'send_verification', 'record_verification', 'certify', 'defer', 'refuse', 'request_supplements'] },
  formSchema: () => degreeCertificationForm
}
