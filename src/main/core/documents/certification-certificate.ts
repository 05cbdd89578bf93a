import type { IsoDate } from '../../../shared/domain/calendar'
import type { DegreeInfo } from '../../../shared/domain/certification-forms'
import { arabicDate } from './dates'
import { arabicMonth, CERTIFICATION_DESK, checkDates, clause, deskOffice, type LetterHead, studyPeriod } from './desk-letters'
import { type FormRow, renderFormLetter } from './form-letter'
import { sexLabel } from './layout'
import type { LetterFinish } from './marks'

/**
 * 国（境）外学历学位认证书 (and, for a Sino-foreign joint programme, 中外合作办学学历学位认证书): the
 * certification office's finding that a degree is genuine and which Chinese degree it corresponds to.
 * The holder, the degree as the application gives it, the opinion 认证意见, a box for the photo.
 */
export interface CertificationCertificateData extends LetterHead {
  holder: {
    name: string
    sex: 'male' | 'female'
    birthDate: IsoDate
    /** 居民身份证, 护照, … */
    idType: string
    idNumber: string
    /** The passport used while studying, when known. */
    passportNumber: string | null
  }
  degree: Pick<DegreeInfo, 'institution' | 'institutionEn' | 'country' | 'degreeName' | 'major' | 'startOn' | 'endOn' | 'awardedOn' | 'diplomaNumber'>
  /** The joint programme's number in the register (中外合作办学项目), or null for a foreign degree. */
  jointProgramme: { code: string } | null
  /** The Chinese degree it corresponds to, e.g. 硕士学位. */
  equivalence: string
  /** 认证意见 as printed (the standard wording when the reviewer gave none). */
  opinion: string
  note: string | null
}

/** `理学硕士` → `理学硕士学位`; a Latin name in quotes: `“Master of Science”学位`. */
function degreeWords(name: string): string {
  const n = name.trim()
  if (/[A-Za-z]/.test(n)) return `“${n}”学位`
  return n.endsWith('学位') ? n : `${n}学位`
}

/**
 * The standard 认证意见: 经认证，××于××年××月在××国××大学获得的××学位证书真实有效，该学位与我国××相对应。
 * (joint programmes name the programme and the study period instead of the country).
 */
export function standardOpinion(d: Pick<CertificationCertificateData, 'holder' | 'degree' | 'jointProgramme' | 'equivalence'>): string {
  const g = d.degree
  const equivalence = clause(d.equivalence)
  const where = d.jointProgramme
    ? `${studyPeriod(g.startOn, g.endOn)}就读${g.institution}中外合作办学项目（项目编号：${d.jointProgramme.code}），于${arabicMonth(g.awardedOn)}`
    : `${arabicMonth(g.awardedOn)}在${g.country}${g.institution}`
  return `经认证，${d.holder.name}于${where}获得的${degreeWords(g.degreeName)}证书真实有效，该学位与我国${equivalence}相对应。`
}

export function certificateTitle(jointProgramme: boolean): string {
  return jointProgramme ? '中外合作办学学历学位认证书' : '国（境）外学历学位认证书'
}

export function renderCertificationCertificate(data: CertificationCertificateData, finish: LetterFinish): Buffer {
  const { holder: h, degree: g } = data
  checkDates(data.issuedOn, h.birthDate, g.startOn, g.endOn, g.awardedOn)
  if (!data.opinion.trim()) throw new Error('a certificate needs its opinion')
  const title = certificateTitle(data.jointProgramme !== null)
  const person: FormRow[] = [
    ['姓名', h.name, '性别', sexLabel(h.sex)],
    ['出生日期', arabicDate(h.birthDate)],
    [h.idType === '居民身份证' ? '身份证号码' : '证件号码', h.idType === '居民身份证' ? h.idNumber : `${h.idType} ${h.idNumber}`],
    ...(h.passportNumber ? [['护照号码', h.passportNumber] as FormRow] : [])
  ]
  const rows: FormRow[] = [
    ...person,
    ['颁证院校', g.institution],
    ...(g.institutionEn.trim() ? [['院校外文名称', g.institutionEn.trim()] as FormRow] : []),
    data.jointProgramme ? ['国家（地区）', g.country, '办学形式', '中外合作办学'] : ['国家（地区）', g.country],
    ...(data.jointProgramme ? [['合作办学项目', `项目编号：${data.jointProgramme.code}`] as FormRow] : []),
    // A long degree name or major gets a row of its own rather than three lines in half a row.
    ...(g.degreeName.length + g.major.length > 28 ? ([['学位名称', g.degreeName], ['专业', g.major]] as FormRow[]) : [['学位名称', g.degreeName, '专业', g.major] as FormRow]),
    ['学习期间', studyPeriod(g.startOn, g.endOn), '授予日期', arabicDate(g.awardedOn)],
    ...(g.diplomaNumber.trim() ? [['证书编号', g.diplomaNumber.trim()] as FormRow] : []),
    ['认证意见', data.opinion.trim()],
    ...(data.note?.trim() ? [['备注', data.note.trim()] as FormRow] : [])
  ]
  return renderFormLetter(
    {
      ...data,
      office: deskOffice(data.office, CERTIFICATION_DESK),
      numberLine: `认证书编号：${data.number}`,
      title,
      subject: `${title}（${h.name}，${g.institution}，业务编号 ${data.caseNumber}）`,
      noun: '认证书',
      rows,
      photo: { rows: person.length },
      tooLong: '认证书内容过长，无法排入一页，请精简认证意见或备注'
    },
    finish
  )
}
