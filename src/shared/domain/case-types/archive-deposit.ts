import { z } from 'zod'
import type { ArchiveEffect, CaseTypeDef } from '../case-type'
import { isIsoDate } from '../calendar'
import { archiveDepositForm } from '../archive-deposit-form'
import { applicantActions, applicationStates, none, notAccepted, reasonsInput, returnForChanges } from './common'

/** 存档申请 — DOMAIN.md flow 1 (seeds 000, 001). */
export type ArchiveDepositState =
  | 'submitted'
  | 'returned'
  | 'not_accepted'
  | 'cancelled'
  | 'awaiting_archive'
  | 'archive_review'
  | 'supplements_needed'
  | 'deposited'

export type ArchiveDepositAction =
  | 'approve'
  | 'return_for_changes'
  | 'not_accepted'
  | 'archive_sign_in'
  | 'approve_archive'
  | 'request_supplements'
  | 'supplements_received'
  | 'resubmit'
  | 'cancel'

const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD')

export const archiveSignInInput = z.object({
  receivedOn: isoDate,
  sender: z.string().trim().min(2, '请填写寄件单位').max(100),
  trackingNumber: z.string().trim().min(4, '请填写机要/EMS 单号').max(40),
  stubPresent: z.boolean()
})

export const archiveDeposit: CaseTypeDef<ArchiveDepositState, ArchiveDepositAction> = {
  type: 'archive_deposit',
  label: '存档申请',
  mainlandMobile: true, // seed 000: 手机号码仅限国（境）内
  subtypes: { outbound: '出国存档', returning: '回国存档' },
  initialState: 'submitted',
  states: {
    ...applicationStates(),
    awaiting_archive: { label: '待档案寄达', color: 'cyan', open: true },
    archive_review: { label: '档案审核中', color: 'geekblue', open: true, clock: { workingDays: 5, label: '档案审核' } },
    supplements_needed: { label: '待补充材料', color: 'gold', open: true },
    deposited: { label: '已存入', color: 'green', open: false, final: true }
  },
  actions: {
    approve: {
      label: '审核通过',
      from: ['submitted'],
      to: 'awaiting_archive',
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: none,
      form: 'none',
      issues: 'transfer_notice',
      confirm: '确认审核通过并生成调档通知单？',
      notice: '您的存档申请已审核通过，请下载调档通知单，将下联沿虚线剪下贴于密封的档案袋封面，由现档案保管机构以机要方式寄送。',
      primary: true
    },
    return_for_changes: returnForChanges('存档申请'),
    not_accepted: notAccepted('存档申请'),
    archive_sign_in: {
      label: '档案签收',
      from: ['awaiting_archive'],
      to: ((input: z.infer<typeof archiveSignInInput>) => (input.stubPresent ? 'archive_review' : 'awaiting_archive')) as (
        input: never
      ) => ArchiveDepositState,
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: archiveSignInInput,
      form: 'archive_sign_in',
      // An envelope without the transfer notice's stub goes back to the sender unopened.
      archiveEffect: ((input: z.infer<typeof archiveSignInInput>) => (input.stubPresent ? 'received' : 'returned_to_sender')) as (input: never) => ArchiveEffect,
      clockStartField: 'receivedOn',
      keepsClaim: true,
      notice: ((input: z.infer<typeof archiveSignInInput>) =>
        input.stubPresent
          ? '您的档案已由我处签收，进入档案审核。'
          : '您的档案袋未贴调档通知单下联，已按规定退回寄件单位。请联系现档案保管机构将下联贴于密封的档案袋封面后重新寄送。') as (
        input: never
      ) => string,
      primary: true
    },
    approve_archive: {
      label: '档案审核通过',
      from: ['archive_review'],
      to: 'deposited',
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: none,
      form: 'none',
      assignsArchiveNumber: true,
      archiveEffect: 'deposited',
      confirm: '确认档案审核通过并存入（将生成档案编号）？',
      notice: '您的档案已审核通过并存入，档案编号：{archiveNumber}。',
      primary: true
    },
    request_supplements: {
      label: '需补充材料',
      from: ['archive_review'],
      to: 'supplements_needed',
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: reasonsInput,
      form: 'reasons',
      notice: '您的档案审核需要补充以下材料，请联系原档案保管机构或所在学校补寄：{reasons}'
    },
    supplements_received: {
      label: '补充材料已收到',
      from: ['supplements_needed'],
      to: 'archive_review',
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: none,
      form: 'none',
      keepsClaim: true,
      notice: '您补寄的档案材料已收到，档案继续审核。'
    },
    ...applicantActions<ArchiveDepositState>({ resubmit: ['returned'], cancel: ['submitted'], to: 'submitted', cancelled: 'cancelled' })
  },
  materials: [
    { code: 'id_card', label: '身份证正反面', required: true, accept: ['application/pdf'] },
    { code: 'passport', label: '护照个人信息页（赴港澳：通行证）', required: true, accept: ['application/pdf'] },
    { code: 'visa', label: '学生签证页（赴港澳：学生签注页）', required: true, accept: ['application/pdf'] },
    { code: 'admission', label: '录取通知书/在读证明/注册证明', required: true, accept: ['application/pdf'] },
    { code: 'translation', label: '中文翻译件（非英语材料）', required: false, accept: ['application/pdf'] },
    { code: 'supplementary', label: '补充材料', required: false, accept: ['application/pdf', 'image/jpeg'] }
  ],
  sections: { applicant: '申请人信息', cv: '国内个人履历', overseas: '国外留学经历', custodian: '现档案保管机构', archive: '档案材料', general: '原因' },
  reasonChecklist: {
    applicant: ['个人信息与证件不一致', '户籍所在地填写不完整', '联系人信息有误'],
    cv: ['国内个人履历未从高中填起', '履历时间不连续', '有工作经历，不属于受理范围'],
    overseas: ['国外留学经历填写不完整', '院校名称应填写中文全称', '认证书编号有误（未认证请填“无”）'],
    custodian: ['现档案保管机构名称不准确，应填写全称', '档案保管在个人手中，不予接收，请先转至人才服务机构'],
    id_card: ['身份证已过期', '未同时上传正反面', '图片不清晰'],
    passport: ['护照个人信息页不清晰', '上传的不是护照个人信息页'],
    visa: ['签证已过期', '不是学生签证'],
    admission: ['录取通知书不清晰', '非英语材料缺少中文翻译件'],
    translation: ['翻译件缺少翻译机构盖章']
  },
  supplementChecklist: {
    archive: [
      '缺少高中学籍材料',
      '缺少大学成绩单',
      '缺少高校毕业生登记表',
      '党员材料不全（入党志愿书、转正申请书等）',
      '缺少学位证书、毕业证书复印件',
      '档案袋密封不完整'
    ]
  },
  formSchema: () => archiveDepositForm
}
