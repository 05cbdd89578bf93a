import { z } from 'zod'
import { safeLine, safeText } from '../../api/wire-safe'
import type { CaseTypeDef } from '../case-type'
import { isIsoDate } from '../calendar'
import { archiveCheck } from '../certificate-rules'
import { applicantActions, applicationStates, none, notAccepted, returnForChanges } from './common'

/** 档案转出 — DOMAIN.md flow 2 (seeds 000, 002): the receiving agency's 调档函 in, the archive out by 机要/EMS. */
export type TransferOutState = 'submitted' | 'returned' | 'not_accepted' | 'cancelled' | 'awaiting_dispatch' | 'transferred_out'
export type TransferOutAction = 'approve' | 'return_for_changes' | 'not_accepted' | 'dispatch' | 'resubmit' | 'cancel'

/** The applicant's form. */
export const transferOutForm = z
  .object({
    receivingAgency: safeLine(100, 2, '请填写接收单位全称'),
    receivingAddress: safeLine(200, 2, '请填写接收单位地址'),
    reason: safeText(200, 0).optional()
  })
  .strict()
export type TransferOutForm = z.infer<typeof transferOutForm>

export const DISPATCH_CHANNELS = { confidential: '机要', ems: 'EMS' } as const

export const dispatchInput = z.object({
  sentOn: z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD'),
  channel: z.enum(['confidential', 'ems'], '请选择寄送方式'),
  trackingNumber: z.string('请填写机要/EMS 单号').trim().min(4, '请填写机要/EMS 单号').max(40),
  receivingAgency: z.string('请填写接收单位').trim().min(2, '请填写接收单位').max(100)
})
export type DispatchInput = z.infer<typeof dispatchInput>

export const archiveTransferOut: CaseTypeDef<TransferOutState, TransferOutAction> = {
  type: 'archive_transfer_out',
  label: '档案转出',
  mainlandMobile: true, // seed 000: 手机号码仅限国（境）内
  subtypes: { standard: '档案转出' },
  initialState: 'submitted',
  states: {
    ...applicationStates(),
    awaiting_dispatch: { label: '待转递', color: 'cyan', open: true, clock: { workingDays: 5, label: '档案转递' } },
    transferred_out: { label: '已转出', color: 'green', open: false, final: true }
  },
  actions: {
    approve: {
      label: '审核通过',
      from: ['submitted'],
      to: 'awaiting_dispatch',
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: none,
      form: 'none',
      keepsClaim: true,
      confirm: '确认调档函无误、审核通过？（档案须在库）',
      notice: '您的档案转出申请已审核通过，我中心将尽快以机要方式将档案转递至接收单位。',
      primary: true
    },
    return_for_changes: returnForChanges('档案转出申请'),
    not_accepted: notAccepted('档案转出申请'),
    dispatch: {
      label: '档案转递',
      from: ['awaiting_dispatch'],
      to: 'transferred_out',
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: dispatchInput,
      form: 'dispatch',
      clockStartField: 'sentOn',
      archiveEffect: 'transferred_out',
      confirm: '确认档案已寄出？登记后档案状态为“已转出”。',
      notice: ((i: DispatchInput) =>
        `您的档案已于 ${i.sentOn} 以${DISPATCH_CHANNELS[i.channel]}方式（单号 ${i.trackingNumber}）转递至 ${i.receivingAgency}，请留意接收单位的签收。`) as (
        input: never
      ) => string,
      primary: true
    },
    ...applicantActions<TransferOutState>({ resubmit: ['returned'], cancel: ['submitted'], to: 'submitted', cancelled: 'cancelled' })
  },
  materials: [
    { code: 'transfer_request_letter', label: '接收单位调档函', required: true, accept: ['application/pdf', 'image/jpeg'] },
    { code: 'id_card', label: '身份证正反面', required: true, accept: ['application/pdf', 'image/jpeg'] },
    { code: 'supplementary', label: '补充材料', required: false, accept: ['application/pdf', 'image/jpeg'] }
  ],
  sections: { applicant: '申请人信息', receiving: '接收单位', archive: '档案', general: '原因' },
  reasonChecklist: {
    applicant: ['个人信息与证件不一致', '联系电话有误'],
    receiving: ['接收单位名称应填写全称，并与调档函一致', '接收单位地址不完整（请写明邮政编码）'],
    transfer_request_letter: [
      '调档函不清晰',
      '调档函未加盖接收单位公章',
      '调档函已超过有效期',
      '调档函抬头不是我中心',
      '调档函上的姓名或身份证号与申请人不一致'
    ],
    id_card: ['身份证已过期', '未同时上传正反面', '图片不清晰']
  },
  supplementChecklist: {},
  rules: { check: (f) => [archiveCheck(f.archive, '申请档案转出')], at: ['approve', 'dispatch'] },
  formSchema: () => transferOutForm
}
