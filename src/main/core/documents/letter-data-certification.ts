import type { DocumentType } from '../../../shared/domain/case-type'
import { isIsoDate } from '../../../shared/domain/calendar'
import { DEGREE_LEVELS, type DegreeLevel, EMPLOYMENT_KINDS, type EmploymentKind } from '../../../shared/domain/certification-forms'
import { type CertificationCertificateData, standardOpinion } from './certification-certificate'
import { REFUSAL_REASONS, type RefusalReasonCode } from './certification-notices'
import { addMonths } from './desk-letters'
import { REPORT_CARD_MONTHS } from './employment-forms'
import type { EmploymentLetterBase } from './employment-letters'
import type { LetterDataContext } from './letter-data'
import { header, missing, text } from './letter-data-common'
import { parseFormJson } from '../cases/form'
import type { LetterDataOf } from './templates'

/**
 * The data of the certification office's and the employment desk's letters, from the case's form (degree
 * certification / employment registration, certification-forms.ts), the applicant and the action's input.
 * A re-review's result reads the degree from the certification it re-reviews (`ctx.relatedCase`).
 */

type Builder<T extends DocumentType> = (ctx: LetterDataContext) => LetterDataOf[T]

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})
const idType = (ctx: LetterDataContext): string => text(ctx.applicant.id_type) || '居民身份证'

/** The degree certification's form: this case's, or for a re-review the certification's it is about. */
function certificationForm(ctx: LetterDataContext): { form: Record<string, unknown>; subtype: string } {
  const own = parseFormJson(ctx.caseRow.form)
  if (Object.keys(obj(own.degree)).length > 0 || !ctx.relatedCase) return { form: own, subtype: ctx.caseRow.subtype }
  return { form: parseFormJson(ctx.relatedCase.form), subtype: ctx.relatedCase.subtype }
}

const DEGREE_FIELDS = ['institution', 'country', 'degreeName', 'major', 'startOn', 'endOn', 'awardedOn'] as const
const DEGREE_LABELS: Record<(typeof DEGREE_FIELDS)[number], string> = {
  institution: '颁证院校',
  country: '国家（地区）',
  degreeName: '学位名称',
  major: '专业',
  startOn: '入学日期',
  endOn: '毕业日期',
  awardedOn: '授予日期'
}

function degree(docType: DocumentType, ctx: LetterDataContext) {
  const { form, subtype } = certificationForm(ctx)
  const d = obj(form.degree)
  for (const f of DEGREE_FIELDS) {
    const v = text(d[f])
    if (!v || (f.endsWith('On') && !isIsoDate(v))) throw missing(docType, `申请中缺少${DEGREE_LABELS[f]}或格式有误`)
  }
  const joint = subtype === 'joint_programme'
  const code = text(form.programmeCode)
  if (joint && !code) throw missing(docType, '中外合作办学认证申请中缺少合作办学项目编号')
  return {
    degree: {
      institution: text(d.institution),
      institutionEn: text(d.institutionEn),
      country: text(d.country),
      degreeName: text(d.degreeName),
      major: text(d.major),
      startOn: text(d.startOn),
      endOn: text(d.endOn),
      awardedOn: text(d.awardedOn),
      diplomaNumber: text(d.diplomaNumber)
    },
    jointProgramme: joint ? { code } : null,
    form
  }
}

/** 受理: the payment the portal recorded, the payer, the green channel. */
const paymentReceipt: Builder<'payment_receipt'> = (ctx) => {
  const doc = 'payment_receipt'
  const { form, subtype } = certificationForm(ctx)
  const p = obj(form.payment)
  const amount = p.amount
  if (typeof amount !== 'number' || !(amount > 0)) throw missing(doc, '申请中没有缴费金额', '请核对在线支付记录')
  const paidAt = text(p.paidAt)
  if (!paidAt || Number.isNaN(new Date(paidAt).getTime())) throw missing(doc, '申请中没有有效的支付时间', '请核对在线支付记录')
  if (!text(p.transactionId)) throw missing(doc, '申请中没有支付流水号', '请核对在线支付记录')
  if (!/^\d{4}$/.test(text(p.cardTail))) throw missing(doc, '申请中没有银行卡尾号', '请核对在线支付记录')
  return {
    ...header(ctx),
    payer: { name: ctx.applicant.name, idType: idType(ctx), idNumber: ctx.applicant.id_number },
    service: subtype === 'joint_programme' ? '中外合作办学学历学位认证' : '国（境）外学历学位认证',
    amount,
    paidAt,
    transactionId: text(p.transactionId),
    cardTail: text(p.cardTail),
    greenChannel: ctx.input.greenChannel === true
  }
}

/** 出具认证书: `{ equivalence, opinion, note }`; an empty opinion gets the standard wording. */
const certificationCertificate: Builder<'certification_certificate'> = (ctx) => {
  const doc = 'certification_certificate'
  const equivalence = text(ctx.input.equivalence)
  if (!equivalence) throw missing(doc, '未填写对应的我国学历学位', '请填写后再出具')
  const a = ctx.applicant
  if (!isIsoDate(a.birth_date)) throw missing(doc, '申请人信息中缺少出生日期', '请核对申请人信息')
  const { degree: g, jointProgramme } = degree(doc, ctx)
  const holder = { name: a.name, sex: a.sex, birthDate: a.birth_date, idType: idType(ctx), idNumber: a.id_number, passportNumber: text(a.passport_number) || null }
  const base: Omit<CertificationCertificateData, 'opinion'> = { ...header(ctx), holder, degree: g, jointProgramme, equivalence, note: text(ctx.input.note) || null }
  return { ...base, opinion: text(ctx.input.opinion) || standardOpinion(base) }
}

function notice(docType: 'deferral_notice' | 'refusal_notice', ctx: LetterDataContext) {
  const { degree: g, jointProgramme } = degree(docType, ctx)
  const reason = text(ctx.input.reason)
  if (!reason) throw missing(docType, '未填写具体原因', '请填写后再办理')
  return {
    ...header(ctx),
    applicant: { name: ctx.applicant.name, idType: idType(ctx), idNumber: ctx.applicant.id_number },
    degree: { institution: g.institution, country: g.country, degreeName: g.degreeName },
    jointProgramme: jointProgramme !== null,
    reason,
    note: text(ctx.input.note) || null
  }
}

const deferralNotice: Builder<'deferral_notice'> = (ctx) => ({ ...notice('deferral_notice', ctx), reasonCode: text(ctx.input.reasonCode) || 'other' })

const refusalNotice: Builder<'refusal_notice'> = (ctx) => {
  const code = text(ctx.input.reasonCode)
  if (!Object.hasOwn(REFUSAL_REASONS, code)) throw missing('refusal_notice', '未选择不予认证的原因类别', '请选择后再办理')
  return { ...notice('refusal_notice', ctx), reasonCode: code as RefusalReasonCode }
}

/** The employment form's person, studies, employer and the approval's 报到单位. */
function employment(docType: DocumentType, ctx: LetterDataContext): EmploymentLetterBase & { form: Record<string, unknown> } {
  const form = parseFormJson(ctx.caseRow.form)
  const level = text(form.degreeLevel)
  if (!Object.hasOwn(DEGREE_LEVELS, level)) throw missing(docType, '申请中缺少学历学位层次')
  const [institution, country] = [text(form.institution), text(form.country)]
  if (!institution || !country) throw missing(docType, '申请中缺少毕业院校或国家（地区）')
  const e = obj(form.employer)
  if (!text(e.name) || !text(e.city)) throw missing(docType, '申请中缺少用人单位名称或所在地')
  const reportTo = text(ctx.input.reportTo)
  if (!reportTo) throw missing(docType, '未填写报到（接收）单位', '请填写后再办理')
  const a = ctx.applicant
  if (!isIsoDate(a.birth_date)) throw missing(docType, '申请人信息中缺少出生日期', '请核对申请人信息')
  const domesticDoctorPostdoc = form.domesticDoctorPostdoc === true
  const needsCertification = ctx.caseRow.subtype === 'non_beijing_settlement' && !domesticDoctorPostdoc
  if (needsCertification && !text(form.certificationNumber)) throw missing(docType, '申请中缺少国（境）外学历学位认证书编号')
  return {
    ...header(ctx),
    person: { name: a.name, sex: a.sex, birthDate: a.birth_date, idNumber: a.id_number },
    study: { degreeLevel: level as DegreeLevel, institution, country, certificationNumber: text(form.certificationNumber), domesticDoctorPostdoc },
    employer: { name: text(e.name), creditCode: text(e.creditCode), city: text(e.city) },
    reportTo,
    kindLabel: EMPLOYMENT_KINDS[ctx.caseRow.subtype as EmploymentKind] ?? ctx.caseRow.subtype,
    note: text(ctx.input.note) || null,
    form
  }
}

function settlement(docType: 'settlement_letter' | 'household_entry_form', ctx: LetterDataContext) {
  const { form, ...base } = employment(docType, ctx)
  if (form.workingAtHukouPlace === true) throw missing(docType, '申请人在现户籍所在地工作，不办理落户', '请核对申请')
  const settleTo = text(form.settleTo)
  if (!settleTo) throw missing(docType, '申请中缺少落户地址')
  const hukou = obj(form.hukou)
  if (!text(hukou.region)) throw missing(docType, '申请中缺少户籍所在地')
  return { base, settleTo, hukou: { region: text(hukou.region), kind: hukou.kind === 'collective' ? ('collective' as const) : ('family' as const) }, form }
}

const settlementLetter: Builder<'settlement_letter'> = (ctx) => {
  const s = settlement('settlement_letter', ctx)
  return { ...s.base, settleTo: s.settleTo, hukouOrigin: s.hukou.region }
}

const householdEntryForm: Builder<'household_entry_form'> = (ctx) => {
  const doc = 'household_entry_form'
  const s = settlement(doc, ctx)
  const ethnicity = text(ctx.applicant.ethnicity)
  if (!ethnicity) throw missing(doc, '申请人信息中缺少民族', '请核对申请人信息')
  const politicalStatus = text(ctx.applicant.political_status)
  if (!politicalStatus) throw missing(doc, '申请人信息中缺少政治面貌', '请核对申请人信息')
  const firstReturnOn = text(s.form.firstReturnOn)
  if (!isIsoDate(firstReturnOn)) throw missing(doc, '申请中缺少学业结束后首次回国日期')
  return { ...s.base, person: { ...s.base.person, ethnicity, politicalStatus }, firstReturnOn, settleTo: s.settleTo, hukouOrigin: s.hukou.region, hukouKind: s.hukou.kind }
}

const employmentReportCard: Builder<'employment_report_card'> = (ctx) => {
  const { form, ...base } = employment('employment_report_card', ctx)
  return { ...base, settleTo: form.workingAtHukouPlace === true ? '' : text(form.settleTo), reportBy: addMonths(ctx.issuedOn, REPORT_CARD_MONTHS) }
}

const employmentReportLetter: Builder<'employment_report_letter'> = (ctx) => {
  const { form: _form, ...base } = employment('employment_report_letter', ctx)
  return base
}

/** The builders of the certification office's and the employment desk's letters, by document type. */
export const CERTIFICATION_LETTER_DATA: { [T in DocumentType]?: Builder<T> } = {
  payment_receipt: paymentReceipt,
  certification_certificate: certificationCertificate,
  deferral_notice: deferralNotice,
  refusal_notice: refusalNotice,
  settlement_letter: settlementLetter,
  employment_report_card: employmentReportCard,
  household_entry_form: householdEntryForm,
  employment_report_letter: employmentReportLetter
}
