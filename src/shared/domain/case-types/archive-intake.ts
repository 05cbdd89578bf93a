import { z } from 'zod'
import { safeLine } from '../../api/wire-safe'
import type { CaseTypeDef } from '../case-type'
import { archiveDeposit, archiveSignInInput } from './archive-deposit'
import { applicantActions, applicationStates, none, notAccepted, reasonsInput, returnForChanges } from './common'

/**
 * 档案接收 — DOMAIN.md flow 3 (seed 002): by household registration (city and district) or by the current
 * employer's location; the chosen custodian unit; approval issues the 调档函 to the present holder; then
 * the archive arrives and is signed in, reviewed and deposited as in an archive deposit.
 */
export type ArchiveIntakeState =
  | 'submitted'
  | 'returned'
  | 'not_accepted'
  | 'cancelled'
  | 'awaiting_archive'
  | 'archive_review'
  | 'supplements_needed'
  | 'deposited'

export type ArchiveIntakeAction =
  | 'approve'
  | 'return_for_changes'
  | 'not_accepted'
  | 'archive_sign_in'
  | 'deposit'
  | 'request_supplements'
  | 'supplements_received'
  | 'resubmit'
  | 'cancel'

const text = (max: number, message: string) => safeLine(max, 2, message)
const optional = (max: number) => safeLine(max, 0).optional()

const common = {
  custodianUnit: text(100, '请选择申请档案保管单位'),
  currentHolder: text(100, '请填写现档案所在单位全称'),
  currentHolderAddress: optional(200)
}

/** 按户籍地: the city and district of the household registration are required. */
export const intakeByHousehold = z.object({
  ...common,
  city: text(40, '按户籍地办理须选择所在市'),
  district: text(40, '按户籍地办理须选择所在区'),
  employerName: optional(100),
  employerLocation: optional(100)
}).strict()

/** 按现工作单位所在地: the employer's name and location are required. */
export const intakeByEmployer = z.object({
  ...common,
  city: optional(40),
  district: optional(40),
  employerName: text(100, '按现工作单位所在地办理须填写现工作单位名称'),
  employerLocation: text(100, '按现工作单位所在地办理须填写现工作单位所在地')
}).strict()

export type ArchiveIntakeForm = z.infer<typeof intakeByHousehold> | z.infer<typeof intakeByEmployer>

type SignIn = z.infer<typeof archiveSignInInput>

export const archiveIntake: CaseTypeDef<ArchiveIntakeState, ArchiveIntakeAction> = {
  type: 'archive_intake',
  label: '档案接收',
  subtypes: { household: '按户籍地', employer: '按现工作单位所在地' },
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
      issues: 'transfer_request_letter',
      confirm: '确认审核通过并生成调档函？',
      notice: '您的档案接收申请已审核通过，请下载打印调档函，交现档案所在单位将档案密封后以机要方式寄送我中心。',
      primary: true
    },
    return_for_changes: returnForChanges('档案接收申请'),
    not_accepted: notAccepted('档案接收申请'),
    archive_sign_in: {
      label: '档案签收',
      from: ['awaiting_archive'],
      to: ((input: SignIn) => (input.stubPresent ? 'archive_review' : 'awaiting_archive')) as (input: never) => ArchiveIntakeState,
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: archiveSignInInput,
      form: 'archive_sign_in',
      clockStartField: 'receivedOn',
      keepsClaim: true,
      archiveEffect: ((input: SignIn) => (input.stubPresent ? 'received' : 'returned_to_sender')) as (input: never) => 'received' | 'returned_to_sender',
      notice: ((input: SignIn) =>
        input.stubPresent
          ? '您的档案已由我中心签收，进入档案审核。'
          : '寄来的档案袋未附调档函回执联，已按规定退回寄件单位。请联系现档案所在单位附回执联后重新寄送。') as (input: never) => string,
      primary: true
    },
    deposit: {
      label: '档案审核通过（存入）',
      from: ['archive_review'],
      to: 'deposited',
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: none,
      form: 'none',
      assignsArchiveNumber: true,
      archiveEffect: 'deposited',
      confirm: '确认档案审核通过并存入（将生成档案编号）？',
      notice: '您的档案已审核通过并存入我中心，档案编号：{archiveNumber}。',
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
      notice: '您的档案审核需要补充以下材料，请联系原档案所在单位补寄：{reasons}'
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
    ...applicantActions<ArchiveIntakeState>({ resubmit: ['returned'], cancel: ['submitted'], to: 'submitted', cancelled: 'cancelled' })
  },
  materials: [
    { code: 'id_card', label: '身份证正反面', required: true, accept: ['application/pdf', 'image/jpeg'] },
    { code: 'household_register', label: '户口簿（户主页及本人页）', required: false, accept: ['application/pdf', 'image/jpeg'] },
    { code: 'employment_proof', label: '劳动合同或单位在职证明', required: false, accept: ['application/pdf', 'image/jpeg'] },
    { code: 'supplementary', label: '补充材料', required: false, accept: ['application/pdf', 'image/jpeg'] }
  ],
  sections: { applicant: '申请人信息', conditions: '办理条件', custodian: '档案保管单位', holder: '现档案所在单位', archive: '档案材料', general: '原因' },
  reasonChecklist: {
    applicant: ['个人信息与证件不一致', '联系电话有误'],
    conditions: ['户籍地不在本保管单位服务范围', '现工作单位所在地不在本保管单位服务范围', '所在市、区选择有误', '现工作单位名称应填写全称'],
    custodian: ['选择的档案保管单位有误'],
    holder: ['现档案所在单位应填写全称', '档案在个人手中，不予接收，请先转至人才服务机构'],
    id_card: ['身份证已过期', '未同时上传正反面', '图片不清晰'],
    household_register: ['户口簿信息不完整', '户籍地与所选条件不符'],
    employment_proof: ['劳动合同已过期', '单位证明未加盖公章']
  },
  supplementChecklist: archiveDeposit.supplementChecklist,
  formSchema: (subtype) => (subtype === 'employer' ? intakeByEmployer : intakeByHousehold)
}
