import { CERTIFICATION_DESK, checkDates, clause, deskOffice, type LetterHead, PORTAL } from './desk-letters'
import { officeSelf, renderTextLetter } from './layout'
import type { LetterFinish } from './marks'

/**
 * The certification results other than the certificate (seed 001, 004): 暂不认证通知单 (not certified for now:
 * re-review within a year, or a refund that ends the certification) and 不予认证通知单 (refused; false
 * materials: the fee is not refunded). Addressed to the applicant.
 */
interface CertificationNoticeBase extends LetterHead {
  applicant: { name: string; idType: string; idNumber: string }
  degree: { institution: string; country: string; degreeName: string }
  jointProgramme: boolean
  /** 附注, e.g. which materials to prepare for a re-review. */
  note: string | null
}

export interface DeferralNoticeData extends CertificationNoticeBase {
  /** The reviewer's reason code (kept with the letter; the text is printed). */
  reasonCode: string
  reason: string
}

export const REFUSAL_REASONS = {
  false_materials: '申请人提交的认证材料经核查不真实',
  not_higher_education: '所申请认证的证书不属于国（境）外高等教育学历学位证书',
  unrecognised_institution: '颁证机构不属于所在国家（地区）认可的高等教育机构',
  other: ''
} as const
export type RefusalReasonCode = keyof typeof REFUSAL_REASONS

export interface RefusalNoticeData extends CertificationNoticeBase {
  reasonCode: RefusalReasonCode
  reason: string
}

/** 您（身份证号码：…）申请认证的英国伦敦大学学院理学硕士学位证书（业务编号：…） */
function subject(d: CertificationNoticeBase): string {
  const g = d.degree
  const name = /[A-Za-z]/.test(g.degreeName) ? `“${g.degreeName.trim()}”` : g.degreeName.trim()
  const id = d.applicant.idType === '居民身份证' ? `身份证号码：${d.applicant.idNumber}` : `${d.applicant.idType}号码：${d.applicant.idNumber}`
  const programme = d.jointProgramme ? '中外合作办学项目' : ''
  return `您（${id}）申请认证的${g.country}${g.institution}${programme}${name}证书（业务编号：${d.caseNumber}）`
}

function contact(d: CertificationNoticeBase): string {
  return `如有疑问，请发送电子邮件至${CERTIFICATION_DESK.email}，或致电${d.office.phone}（周一至周四8:30—16:30，周五8:30—12:30）。`
}

const REREVIEW = `如对认证结果有异议，可自本通知单出具之日起一年内，登录${PORTAL}提出复核申请，复核无需重复缴费。`

export function renderDeferralNotice(data: DeferralNoticeData, finish: LetterFinish): Buffer {
  checkDates(data.issuedOn)
  if (!data.reason.trim()) throw new Error('a deferral needs its reason')
  const we = officeSelf(data.office)
  return renderTextLetter(
    {
      ...data,
      office: deskOffice(data.office, CERTIFICATION_DESK),
      title: '暂不认证通知单',
      subject: `暂不认证通知（${data.applicant.name}，业务编号 ${data.caseNumber}）`,
      noun: '通知单',
      text: {
        addressee: data.applicant.name,
        paragraphs: [
          `${subject(data)}，经审核，因${clause(data.reason)}，${we}暂不能对该证书作出认证结论，现予暂不认证。`,
          `您可在补齐相关材料或核查条件具备后，自本通知单出具之日起一年内，登录${PORTAL}提出复核申请，复核无需重复缴费。`,
          '认证结果为暂不认证的，可申请退还认证费用；申请退费后将直接退出认证程序，不能再申请复核。如需复核，请暂缓申请退费。',
          contact(data),
          '特此通知。'
        ]
      },
      note: data.note?.trim() || undefined,
      tooLong: '暂不认证通知单内容过长，无法排入一页，请精简暂不认证原因或附注'
    },
    finish
  )
}

export function renderRefusalNotice(data: RefusalNoticeData, finish: LetterFinish): Buffer {
  checkDates(data.issuedOn)
  if (!Object.hasOwn(REFUSAL_REASONS, data.reasonCode)) throw new Error(`unknown refusal reason ${data.reasonCode}`)
  const reason = clause(data.reason)
  if (data.reasonCode === 'other' && !reason) throw new Error('a refusal for another reason needs its text')
  const we = officeSelf(data.office)
  const label = REFUSAL_REASONS[data.reasonCode]
  const why = label && reason ? `${label}（${reason}）` : label || reason
  return renderTextLetter(
    {
      ...data,
      office: deskOffice(data.office, CERTIFICATION_DESK),
      title: '不予认证通知单',
      subject: `不予认证通知（${data.applicant.name}，业务编号 ${data.caseNumber}）`,
      noun: '通知单',
      text: {
        addressee: data.applicant.name,
        paragraphs: [
          `${subject(data)}，经审核，${why}。根据《国（境）外学历学位认证办法》，${we}对该证书不予认证。`,
          ...(data.reasonCode === 'false_materials' ? ['因提供虚假材料导致不予认证的，已缴纳的认证费用不予退还。'] : []),
          REREVIEW,
          contact(data),
          '特此通知。'
        ]
      },
      note: data.note?.trim() || undefined,
      tooLong: '不予认证通知单内容过长，无法排入一页，请精简不予认证原因'
    },
    finish
  )
}
