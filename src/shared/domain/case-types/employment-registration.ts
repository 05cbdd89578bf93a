import { z } from 'zod'
import type { ActionDef, CaseTypeDef } from '../case-type'
import { type EmploymentForm, employmentForm, type EmploymentKind } from '../certification-forms'
import { employmentOutputs, employmentWorkingDays } from '../employment-rules'
import { material, PAUSE_FOR_SUPPLEMENTS } from './certification-common'
import { applicantActions, notAccepted, reasonsInput } from './common'

/**
 * 就业报到/落户 — DOMAIN.md flow 9 (seed 001): four kinds; non-Beijing settlement is checked against the
 * eligibility rules (employment-rules.ts, shown row by row); review within 50 (master) / 10 (doctor) working
 * days for non-Beijing settlement and 7 for the other kinds, paused while the applicant supplements; approval
 * issues the kind's letters (落户介绍信, 就业报到证, 入户人员基本情况表, 就业报到证明信).
 */
export type EmploymentState = 'submitted' | 'awaiting_supplements' | 'approved' | 'not_accepted' | 'cancelled'

const approveInput = z.object({
  reportTo: z.string().trim().min(2, '请填写报到（接收）单位').max(100),
  note: z.string().trim().max(500).default('')
})

const STAFF = ['reviewer', 'supervisor'] as const

export const employmentRegistration: CaseTypeDef<EmploymentState> = {
  type: 'employment_registration',
  label: '就业报到/落户',
  subtypes: {
    non_beijing_settlement: '非北京籍在京就业落户',
    beijing_employment: '京籍在京就业',
    outside_beijing_settlement: '京外就业落户',
    joint_programme: '中外合作办学就业报到'
  },
  initialState: 'submitted',
  states: {
    submitted: {
      label: '待审核',
      color: 'blue',
      open: true,
      clock: { workingDays: (c) => employmentWorkingDays(c.subtype as EmploymentKind, (c.form as Partial<EmploymentForm>).degreeLevel ?? 'master'), label: '就业报到审核' }
    },
    awaiting_supplements: { label: '等待补充材料', color: 'gold', open: false, pause: PAUSE_FOR_SUPPLEMENTS },
    approved: { label: '审核通过', color: 'green', open: false, final: true },
    not_accepted: { label: '不予受理', color: 'default', open: false, final: true },
    cancelled: { label: '已取消', color: 'default', open: false, final: true }
  },
  actions: {
    approve: {
      label: '审核通过',
      from: ['submitted'],
      to: 'approved',
      roles: STAFF,
      requiresClaim: true,
      input: approveInput,
      form: 'report_to',
      keepsInput: true,
      issues: (subtype, form) => employmentOutputs(subtype as EmploymentKind, form as EmploymentForm),
      confirm: '确认审核通过并生成报到、落户文书？',
      notice: '您的就业报到申请已审核通过，请按通知领取或下载相关文书并按时办理报到、落户手续。',
      primary: true
    },
    request_supplements: {
      label: '通知补充材料',
      from: ['submitted'],
      to: 'awaiting_supplements',
      roles: STAFF,
      requiresClaim: true,
      input: reasonsInput,
      form: 'reasons',
      notice: '您的就业报到申请需要补充材料，请一次性补充以下内容（补充期间审核时限暂停计算）：{reasons}'
    },
    supplement: { label: '补充材料', from: ['awaiting_supplements'], to: 'submitted', roles: ['applicant'], requiresClaim: false, input: z.object({}).strict(), form: 'none' },
    not_accepted: { ...notAccepted('就业报到申请'), roles: STAFF } as ActionDef<EmploymentState>,
    ...(({ cancel }) => ({ cancel }))(applicantActions<EmploymentState>({ resubmit: [], cancel: ['submitted', 'awaiting_supplements'], to: 'submitted', cancelled: 'cancelled' }))
  },
  materials: [
    material('acceptance_letter', '单位接收函/单位接收函（事业编制）', true),
    material('admission_or_transcript', '国外院校录取通知书或成绩单', false),
    material('social_insurance', '近三个月社会保险个人权益记录', false),
    material('custody_certificate', '档案保管证明', false),
    material('hukou', '户口本首页及本人页（或集体户口页）', true),
    material('study_statement', '个人留学经历声明', false),
    material('prior_study', '前置学习经历或境外工作证明', false),
    material('other', '审核中补充的其他材料', false)
  ],
  sections: { applicant: '申请人信息', eligibility: '落户条件', employer: '用人单位', hukou: '户籍', general: '其他' },
  reasonChecklist: {},
  supplementChecklist: {
    social_insurance: ['请补充在用人单位最近三个月的连续实缴社保记录'],
    acceptance_letter: ['单位接收函未加盖公章', '劳动合同剩余有效期不足6个月'],
    custody_certificate: ['请补充在京档案保管机构出具的档案保管证明'],
    hukou: ['请补充户口本本人页背面'],
    general: ['请补充出入境记录以核实在外学习时间']
  },
  formSchema: () => employmentForm
}
