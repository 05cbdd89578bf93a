import { z } from 'zod'
import { int4, safeLine, safeText } from '../api/wire-safe'
import { isIsoDate } from './calendar'

/**
 * The applicant's forms of the certification office and the employment-registration desk (seeds 001, 004):
 * degree certification, re-review, refund and employment registration. Checked when they arrive from the
 * portal (formSchema) and read by the rules (certification-rules.ts, employment-rules.ts) and the letters.
 * Strict: unknown keys are refused; strings refuse NUL, lone surrogates and control characters (wire-safe.ts).
 */
const date = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD')
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '年月格式应为 YYYY-MM')
const text = (max: number, what: string) => safeLine(max, 1, `请填写${what}`)
/** An optional line: '' when left empty. */
const line = (max: number) => safeLine(max, 0)

export const STUDY_STAGES = { high_school: '高中', associate: '专科', bachelor: '本科', master: '硕士研究生', doctor: '博士研究生', language: '语言/预科', postdoc: '博士后', work: '工作', other: '其他' } as const
export type StudyStage = keyof typeof STUDY_STAGES

/** One entry of the study history, from high school on (at least two). */
export const studyEntry = z.object({
  from: month,
  to: month,
  institution: text(100, '学校或单位'),
  country: text(40, '国家或地区'),
  stage: z.enum(Object.keys(STUDY_STAGES) as [StudyStage, ...StudyStage[]]),
  degree: line(40).default('')
}).strict()
export type StudyEntry = z.infer<typeof studyEntry>

/** One stay abroad from the entry/exit records 出入境记录: left on `exitOn`, came back on `entryOn` (null: still abroad). */
export const trip = z.object({ exitOn: date, entryOn: date.nullable() }).strict()
export type Trip = z.infer<typeof trip>

export const DEGREE_LEVELS = { associate: '副学士/专科', bachelor: '学士', master: '硕士', doctor: '博士' } as const
export type DegreeLevel = keyof typeof DEGREE_LEVELS

export const degreeInfo = z.object({
  institution: text(120, '颁证院校（中文）'),
  institutionEn: line(160).default(''),
  country: text(40, '国家或地区'),
  level: z.enum(Object.keys(DEGREE_LEVELS) as [DegreeLevel, ...DegreeLevel[]]),
  degreeName: text(60, '学位名称'),
  major: text(60, '专业'),
  startOn: date,
  endOn: date,
  awardedOn: date,
  diplomaNumber: line(60).default('')
}).strict()
export type DegreeInfo = z.infer<typeof degreeInfo>

/** The 360 CNY paid online (银联) before the application reaches the office. */
export const payment = z.object({
  amount: int4(1),
  paidAt: z.string().datetime({ offset: true }),
  transactionId: text(40, '支付流水号'),
  cardTail: z.string().regex(/^\d{4}$/, '银行卡尾号为 4 位数字')
}).strict()
export type Payment = z.infer<typeof payment>

/** 绿色通道 conditions for doctorates (seed 001). */
export const GREEN_CHANNEL_CONDITIONS = {
  talent_programme: '符合省、部级以上单位发布的海外引才计划条件',
  top_university_hire: '为世界一流大学或一流学科已确定招聘的人才',
  urgent_exam: '国家公务员考试、司法考试等重要考试前夕须使用认证书报考且时限紧迫'
} as const
export type GreenChannelCondition = keyof typeof GREEN_CHANNEL_CONDITIONS

export const degreeCertificationForm = z.object({
  degree: degreeInfo,
  studyHistory: z.array(studyEntry).min(2, '学习经历从高中阶段开始填写，至少两条').max(20),
  trips: z.array(trip).max(60).default([]),
  payment,
  greenChannel: z.enum(Object.keys(GREEN_CHANNEL_CONDITIONS) as [GreenChannelCondition, ...GreenChannelCondition[]]).nullable().default(null),
  /** Joint programmes: the programme's number in the register (中外合作办学项目). */
  programmeCode: line(40).nullable().default(null)
}).strict()
export type DegreeCertificationForm = z.infer<typeof degreeCertificationForm>

/** 复核: the certification it is about, the reason, and up to 50 JPG supplements (attachments). */
export const REREVIEW_REASONS = { result_disputed: '对认证结论有异议', new_materials: '补充了认证时未提交的材料', data_error: '认证书信息有误' } as const
export const rereviewForm = z.object({
  certificationCaseNumber: text(30, '原认证申请编号'),
  reason: z.enum(Object.keys(REREVIEW_REASONS) as [keyof typeof REREVIEW_REASONS, ...(keyof typeof REREVIEW_REASONS)[]]),
  reasonText: safeText(500, 1, '请填写复核原因说明')
}).strict()
export type RereviewForm = z.infer<typeof rereviewForm>

export const bankAccount = z.object({
  accountName: text(40, '收款人姓名'),
  bankName: text(60, '开户银行'),
  accountNumber: z.string().regex(/^\d{12,30}$/, '银行卡号应为 12–30 位数字')
}).strict()
export type BankAccount = z.infer<typeof bankAccount>

/** 退费: the certification, the reason; bank details when more than 10 months have passed since payment. */
export const refundForm = z.object({
  certificationCaseNumber: text(30, '原认证申请编号'),
  reason: safeText(300, 1, '请填写退费原因'),
  bank: bankAccount.nullable().default(null)
}).strict()
export type RefundForm = z.infer<typeof refundForm>

export const EMPLOYMENT_KINDS = {
  non_beijing_settlement: '非北京籍在京就业落户',
  beijing_employment: '京籍在京就业',
  outside_beijing_settlement: '京外就业落户',
  joint_programme: '中外合作办学就业报到'
} as const
export type EmploymentKind = keyof typeof EMPLOYMENT_KINDS

export const employmentForm = z.object({
  degreeLevel: z.enum(Object.keys(DEGREE_LEVELS) as [DegreeLevel, ...DegreeLevel[]]),
  /** 国(境)外学历学位认证书编号; empty when the route is a domestic doctorate + postdoc abroad. */
  certificationNumber: line(40).default(''),
  domesticDoctorPostdoc: z.boolean().default(false),
  institution: text(120, '毕业院校'),
  country: text(40, '国家或地区'),
  trips: z.array(trip).max(60).default([]),
  /** The first return after the studies ended 学业结束后首次回国. */
  firstReturnOn: date,
  preDepartureEmployment: z.enum(['none', 'ended', 'ongoing']),
  employer: z.object({ name: text(100, '用人单位名称'), creditCode: line(18).default(''), city: text(40, '用人单位所在地') }).strict(),
  socialInsuranceMonths: z.number().int().min(0).max(600).default(0),
  publicInstitutionLetter: z.boolean().default(false),
  /** Name and ID number the same as while abroad (passport, diploma). */
  identityConsistent: z.boolean().nullable().default(null),
  hukou: z.object({ region: text(60, '户籍所在地'), kind: z.enum(['family', 'collective']) }).strict(),
  settleTo: line(100).default(''),
  workingAtHukouPlace: z.boolean().default(false)
}).strict()
export type EmploymentForm = z.infer<typeof employmentForm>
