import { DomainError } from '../result'
import type { IsoDate } from './calendar'
import type { DocumentType } from './case-type'
import { DEGREE_LEVELS, EMPLOYMENT_KINDS, type DegreeLevel, type EmploymentForm, type EmploymentKind } from './certification-forms'
import { addCalendarMonths, daysAbroad } from './certification-rules'

/**
 * The employment-registration desk's rules 就业报到/落户 (seed 001 五(3) 受理条件, 十一(3) 办理时限,
 * 十二.3 结果名称; DOMAIN.md flow 9). Pure: the caller gives the form, the applicant's birth date, the day
 * the application came in, and the certification the form's number names (looked up in the register).
 */

export type EligibilityKey = 'degree' | 'days_abroad' | 'return_window' | 'age' | 'prior_employment' | 'employment' | 'identity'

export interface EligibilityRow {
  key: EligibilityKey
  /** The condition as the checklist names it (学历学位, 在外学习时间 …). */
  label: string
  /** `needs_evidence`: the data cannot decide it; the reviewer checks the materials. */
  status: 'passed' | 'failed' | 'needs_evidence'
  /** The data the row used (Chinese). */
  data: string
}

export interface EligibilityInput {
  kind: EmploymentKind
  form: EmploymentForm
  /** The applicant's birth date (from the applicant record). */
  birthDate: IsoDate
  /** The day the employer submitted the application (通过用人单位提交申请的时间). */
  applicationOn: IsoDate
  /** The certification the form's `certificationNumber` names, from the register; null when none was found. */
  certification: { number: string; level: DegreeLevel } | null
}

/** Seed 001 五(3).2: 在国（境）外学习 360 天（含）以上. */
export const MIN_DAYS_ABROAD = 360
/** Seed 001 五(3).4: 年龄 45 周岁（含）以下. */
export const MAX_AGE = 45
/** Seed 001 五(3).6: 不低于三个月的社保缴费记录. */
export const MIN_INSURANCE_MONTHS = 3

/**
 * Full years of age (周岁) on a day: the years since birth, less one when the birthday has not yet come that
 * year. The birthday itself completes the year: born 1980-03-15, on 2026-03-15 46, on 2026-03-14 45. Someone
 * born on 29 February completes the year on 1 March in a year without one (on 28 February not yet).
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years
}

/**
 * The last day to apply after the first return — seed 001 五(3).3 "学业结束后首次回国，到通过用人单位提交申请的
 * 时间不超过两年": the same calendar date two years later, that day included (a return on 29 February: 28 February).
 */
export const returnDeadline = (firstReturnOn: IsoDate): IsoDate => addCalendarMonths(firstReturnOn, 24)

const row = (key: EligibilityKey, label: string, status: EligibilityRow['status'], data: string): EligibilityRow => ({ key, label, status, data })

/**
 * The conditions an application is checked against, one row each with the data it used.
 *
 * `non_beijing_settlement` 非北京籍在京就业落户 — seed 001 五(3) 受理条件 1–7, in that order:
 * 1. degree: a master's or doctorate abroad with its certification (the register's record of the form's number:
 *    its level decides); or a domestic doctorate with a postdoc abroad (`domesticDoctorPostdoc`), which needs
 *    evidence (the seed: the domestic record must be found on 学信网, and the postdoc papers are materials). A
 *    number the register does not know needs evidence (the certificate is checked by hand); no number fails.
 * 2. days abroad: `daysAbroad` of the trips up to `firstReturnOn` (exit day counted, entry day not); 360 passes,
 *    359 fails. No trips recorded, or records that do not add up (overlaps, entry before exit), need evidence.
 * 3. at most two years from the first return to the application: up to the same calendar date two years later.
 * 4. age 45 or under on the application day (`ageOn`): the day before the 46th birthday passes, the birthday fails.
 * 5. no employment in China before leaving, or ended: `ongoing` fails.
 * 6. employment with at least 3 months of social insurance, or a 事业编制 letter. Decision: 3 months or more, or the
 *    letter, pass; 1–2 months reported fail (a record shorter than the seed's three months); 0 months — the form's
 *    default, i.e. nothing reported — needs evidence: the last three months' 《北京市社会保险个人权益记录》 is a
 *    required material (seed 001 六.7) and the reviewer reads it there.
 * 7. name and ID the same as while abroad: `identityConsistent` true passes, false fails, null (not yet checked)
 *    needs evidence.
 *
 * The other kinds (京籍在京就业, 京外就业落户, 中外合作办学就业报到): the seed lists no conditions for them ("相关要求…
 * 请进入服务大厅——就业报到…查看"), only materials (六.12–16), so no row applies and the list is empty: the reviewer
 * judges by the materials (`eligibilityNote` says so for the checklist).
 */
export function eligibilityChecks(input: EligibilityInput): EligibilityRow[] {
  if (input.kind !== 'non_beijing_settlement') return []
  const { form } = input
  return [
    degreeRow(form, input.certification),
    daysAbroadRow(form),
    returnWindowRow(form.firstReturnOn, input.applicationOn),
    ageRow(input.birthDate, input.applicationOn),
    priorEmploymentRow(form.preDepartureEmployment),
    employmentRow(form),
    identityRow(form.identityConsistent)
  ]
}

/** What the checklist says when a kind has no eligibility rows (null when it has). */
export function eligibilityNote(kind: EmploymentKind): string | null {
  if (kind === 'non_beijing_settlement') return null
  return `${EMPLOYMENT_KINDS[kind]}：办事指南未列受理条件，按申请材料审核`
}

function degreeRow(form: EmploymentForm, cert: EligibilityInput['certification']): EligibilityRow {
  const label = '学历学位'
  if (cert) {
    const data = `${DEGREE_LEVELS[cert.level]}，认证书编号 ${cert.number}`
    if (cert.level === 'master' || cert.level === 'doctor') return row('degree', label, 'passed', data)
    return row('degree', label, 'failed', `${data}（须硕士及以上）`)
  }
  if (form.domesticDoctorPostdoc) return row('degree', label, 'needs_evidence', '国内博士学位 + 国（境）外博士后研究，须核验学信网学籍信息及博士后录取、交流合同、工作结束证明')
  if (form.certificationNumber) return row('degree', label, 'needs_evidence', `认证书编号 ${form.certificationNumber} 未在认证记录中查到，须核验认证书`)
  return row('degree', label, 'failed', '无国（境）外学历学位认证书')
}

function daysAbroadRow(form: EmploymentForm): EligibilityRow {
  const label = '在外学习时间'
  if (!form.trips.length) return row('days_abroad', label, 'needs_evidence', '未提供出入境记录')
  try {
    const { days } = daysAbroad(form.trips, form.firstReturnOn)
    const data = `截至首次回国 ${form.firstReturnOn} 在外 ${days} 天（须 ${MIN_DAYS_ABROAD} 天及以上）`
    return row('days_abroad', label, days >= MIN_DAYS_ABROAD ? 'passed' : 'failed', data)
  } catch (e) {
    if (e instanceof DomainError) return row('days_abroad', label, 'needs_evidence', e.message)
    throw e
  }
}

function returnWindowRow(firstReturnOn: IsoDate, applicationOn: IsoDate): EligibilityRow {
  const last = returnDeadline(firstReturnOn)
  return row('return_window', '回国后申请时间', applicationOn <= last ? 'passed' : 'failed', `首次回国 ${firstReturnOn}，两年截止 ${last}（含），申请日期 ${applicationOn}`)
}

function ageRow(birthDate: IsoDate, applicationOn: IsoDate): EligibilityRow {
  const age = ageOn(birthDate, applicationOn)
  return row('age', '年龄', age <= MAX_AGE ? 'passed' : 'failed', `出生日期 ${birthDate}，申请日期 ${applicationOn} 时 ${age} 周岁（须 ${MAX_AGE} 周岁及以下）`)
}

function priorEmploymentRow(value: EmploymentForm['preDepartureEmployment']): EligibilityRow {
  const label = '出国前劳动关系'
  if (value === 'none') return row('prior_employment', label, 'passed', '出国前未与国内单位建立劳动关系')
  if (value === 'ended') return row('prior_employment', label, 'passed', '出国前已与国内单位解除劳动关系')
  return row('prior_employment', label, 'failed', '出国前与国内单位的劳动关系尚未解除')
}

function employmentRow(form: EmploymentForm): EligibilityRow {
  const label = '就业与社保'
  const months = form.socialInsuranceMonths
  if (form.publicInstitutionLetter) return row('employment', label, 'passed', `事业编制，《单位接收函（事业编制）》（${form.employer.name}）`)
  if (months >= MIN_INSURANCE_MONTHS) return row('employment', label, 'passed', `${form.employer.name} 社保缴费 ${months} 个月`)
  if (months === 0) return row('employment', label, 'needs_evidence', `未填写社保缴费月数，须核验最近三个月《北京市社会保险个人权益记录》或《单位接收函（事业编制）》（${form.employer.name}）`)
  return row('employment', label, 'failed', `${form.employer.name} 社保缴费 ${months} 个月（须不少于 ${MIN_INSURANCE_MONTHS} 个月）`)
}

function identityRow(consistent: boolean | null): EligibilityRow {
  const label = '身份信息一致'
  if (consistent === true) return row('identity', label, 'passed', '姓名、身份证号码与留学期间一致')
  if (consistent === false) return row('identity', label, 'failed', '姓名、身份证号码与留学期间不一致')
  return row('identity', label, 'needs_evidence', '尚未核对姓名、身份证号码与留学期间是否一致')
}

/**
 * Working days of the review — seed 001 十一(3): 非京籍在京就业落户 硕士研究生 50, 博士研究生 10; 京籍在京就业、京外就业落户、
 * 中外合作办学就业报到 7. A non-Beijing application below a doctorate (a master's, or a level that will fail the
 * degree condition) gets the master's 50.
 */
export function employmentWorkingDays(kind: EmploymentKind, degreeLevel: DegreeLevel): number {
  if (kind !== 'non_beijing_settlement') return 7
  return degreeLevel === 'doctor' ? 10 : 50
}

/**
 * The documents the desk issues — seed 001 十二.3: 非京籍在京就业落户 落户介绍信、就业报到证、入户人员基本情况表;
 * 京籍在京就业、京外就业落户 落户介绍信（在现户籍所在地工作不开具）、就业报到证; 中外合作办学就业报到 就业报到证明信.
 */
export function employmentOutputs(kind: EmploymentKind, form: Pick<EmploymentForm, 'workingAtHukouPlace'>): DocumentType[] {
  switch (kind) {
    case 'non_beijing_settlement':
      return ['settlement_letter', 'employment_report_card', 'household_entry_form']
    case 'beijing_employment':
    case 'outside_beijing_settlement':
      return form.workingAtHukouPlace ? ['employment_report_card'] : ['settlement_letter', 'employment_report_card']
    case 'joint_programme':
      return ['employment_report_letter']
  }
}
