import type { IsoDate } from '../../../shared/domain/calendar'
import { DEGREE_LEVELS, type DegreeLevel } from '../../../shared/domain/certification-forms'
import { arabicDate } from './dates'
import { checkDates, clause, deskOffice, EMPLOYMENT_DESK, type LetterHead } from './desk-letters'
import { officeSelf, renderTextLetter, sexLabel } from './layout'
import type { LetterFinish } from './marks'

/**
 * The employment-registration desk's letters (seed 001, 留学回国人员就业落户): the person and their studies
 * as every output shows them, the 落户介绍信 (to the hukou office where the person settles) and the
 * 就业报到证明信 (joint-programme graduates, to the employer). The forms are in employment-forms.ts.
 */
export interface EmploymentPerson {
  name: string
  sex: 'male' | 'female'
  birthDate: IsoDate
  idNumber: string
}

export interface EmploymentStudy {
  degreeLevel: DegreeLevel
  institution: string
  country: string
  /** 国(境)外学历学位认证书编号; empty for a domestic doctorate + postdoc abroad. */
  certificationNumber: string
  domesticDoctorPostdoc: boolean
}

/** What every employment letter is made from. */
export interface EmploymentLetterBase extends LetterHead {
  person: EmploymentPerson
  study: EmploymentStudy
  employer: { name: string; creditCode: string; city: string }
  /** 报到单位 / 接收单位 (the approval's input). */
  reportTo: string
  /** 非北京籍在京就业落户, 京籍在京就业, 京外就业落户, 中外合作办学就业报到 */
  kindLabel: string
  note: string | null
}

export interface SettlementLetterData extends EmploymentLetterBase {
  /** Where the hukou goes (落户地址). */
  settleTo: string
  /** 户籍所在地 now. */
  hukouOrigin: string
}

export type EmploymentReportLetterData = EmploymentLetterBase

/** 硕士 → 硕士学位; 副学士/专科 → 副学士/专科学历学位. */
export const degreeText = (level: DegreeLevel): string => (level === 'associate' ? `${DEGREE_LEVELS[level]}学历学位` : `${DEGREE_LEVELS[level]}学位`)

/** The certification number, or — when there is none (domestic doctorate + postdoc). */
export const certificationNo = (s: EmploymentStudy): string => s.certificationNumber.trim() || '—'

/** 在英国伦敦大学学院学习，获得硕士学位，其国(境)外学历学位经我中心认证（认证书编号：…） */
export function studySentence(s: EmploymentStudy, we: string): string {
  if (s.domesticDoctorPostdoc) return `出国前已获得国内博士学位，在${s.country}${s.institution}从事博士后研究工作`
  const certified = s.certificationNumber.trim() ? `，其国（境）外学历学位经${we}认证（认证书编号：${s.certificationNumber.trim()}）` : ''
  return `在${s.country}${s.institution}学习，获得${degreeText(s.degreeLevel)}${certified}`
}

const personText = (p: EmploymentPerson): string => `${p.name}（${sexLabel(p.sex)}，出生日期：${arabicDate(p.birthDate)}，身份证号码：${p.idNumber}）`

export function checkEmployment(d: EmploymentLetterBase): void {
  checkDates(d.issuedOn, d.person.birthDate)
  if (!Object.hasOwn(DEGREE_LEVELS, d.study.degreeLevel)) throw new Error(`unknown degree level ${d.study.degreeLevel}`)
  if (!d.reportTo.trim()) throw new Error('an employment letter needs the unit to report to')
}

/** The validity printed on the 落户介绍信. */
export const SETTLEMENT_VALIDITY = '本介绍信自开具之日起三个月内有效'

/**
 * 落户介绍信: the desk introduces the returnee to the public-security hukou office of the place they settle
 * in (not issued to a person working where their hukou already is).
 */
export function renderSettlementLetter(data: SettlementLetterData, finish: LetterFinish): Buffer {
  checkEmployment(data)
  if (!data.settleTo.trim()) throw new Error('a settlement letter needs where the hukou goes')
  const we = officeSelf(data.office)
  const e = data.employer
  const settleTo = clause(data.settleTo)
  return renderTextLetter(
    {
      ...data,
      office: deskOffice(data.office, EMPLOYMENT_DESK),
      title: '落户介绍信',
      subject: `留学回国人员落户介绍信（${data.person.name}，业务编号 ${data.caseNumber}）`,
      noun: '介绍信',
      text: {
        addressee: `${settleTo}所在地公安机关户政管理部门`,
        paragraphs: [
          `兹介绍留学回国人员${personText(data.person)}前往${settleTo}办理落户手续。`,
          `该同志${studySentence(data.study, we)}。回国后被${e.name}（${e.city}）录用，经${we}审核，符合${data.kindLabel}条件，同意其落户。原户籍所在地：${clause(data.hukouOrigin)}。`,
          `联系电话：${data.office.phone}　电子邮箱：${EMPLOYMENT_DESK.email}`,
          // Last: a short line, so the seal reaching up into the line above the 署名 covers nothing.
          '请予接洽并办理落户手续为盼。'
        ]
      },
      note: [SETTLEMENT_VALIDITY, data.note?.trim()].filter(Boolean).join('；'),
      tooLong: '落户介绍信内容过长，无法排入一页，请核对落户地址、工作单位名称和备注'
    },
    finish
  )
}

/** 就业报到证明信: a joint-programme graduate reports to the employer (中外合作办学就业报到). */
export function renderEmploymentReportLetter(data: EmploymentReportLetterData, finish: LetterFinish): Buffer {
  checkEmployment(data)
  const we = officeSelf(data.office)
  const s = data.study
  const p = data.person
  const certified = s.certificationNumber.trim() ? `，其学历学位经${we}认证（认证书编号：${s.certificationNumber.trim()}）` : ''
  const reportTo = clause(data.reportTo)
  const elsewhere = reportTo === data.employer.name.trim() ? '' : `，报到单位：${reportTo}`
  return renderTextLetter(
    {
      ...data,
      office: deskOffice(data.office, EMPLOYMENT_DESK),
      title: '就业报到证明信',
      subject: `中外合作办学就业报到证明信（${p.name}，业务编号 ${data.caseNumber}）`,
      noun: '证明信',
      text: {
        addressee: data.employer.name,
        paragraphs: [
          `兹证明${personText(p)}系中外合作办学项目毕业生，在${s.institution}（${s.country}）完成学业，获得${degreeText(s.degreeLevel)}${certified}。`,
          `经${we}审核，该同志已办理中外合作办学就业报到手续，同意其到贵单位就业${elsewhere}。请贵单位按有关规定办理接收手续。`,
          `联系电话：${data.office.phone}　电子邮箱：${EMPLOYMENT_DESK.email}`,
          '特此证明。'
        ]
      },
      note: data.note?.trim() || undefined,
      tooLong: '就业报到证明信内容过长，无法排入一页，请核对单位名称和备注'
    },
    finish
  )
}
