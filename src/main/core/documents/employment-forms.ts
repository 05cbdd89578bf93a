import type { IsoDate } from '../../../shared/domain/calendar'
import { arabicDate } from './dates'
import { checkDates, clause, deskOffice, EMPLOYMENT_DESK } from './desk-letters'
import { certificationNo, checkEmployment, degreeText, type EmploymentLetterBase } from './employment-letters'
import { type FormRow, renderFormLetter } from './form-letter'
import { sexLabel } from './layout'
import type { LetterFinish } from './marks'

/**
 * The employment-registration desk's forms (seed 001): the 就业报到证 the returnee takes to the unit they
 * report to, and the 入户人员基本情况表 that goes with the 落户介绍信 (non-Beijing hukou settling in Beijing).
 */

export interface EmploymentReportCardData extends EmploymentLetterBase {
  /** Where the hukou goes; empty: it stays where it is. */
  settleTo: string
  /** Report by this date (the card's validity). */
  reportBy: IsoDate
}

/** How long a 就业报到证 is valid (months from issue). */
export const REPORT_CARD_MONTHS = 3

export function renderEmploymentReportCard(data: EmploymentReportCardData, finish: LetterFinish): Buffer {
  checkEmployment(data)
  checkDates(data.reportBy)
  const { person: p, study: s, employer: e } = data
  const reportTo = clause(data.reportTo)
  const rows: FormRow[] = [
    ['姓名', p.name, '性别', sexLabel(p.sex)],
    ['身份证号码', p.idNumber],
    ['毕业院校', s.institution],
    ['国家（地区）', s.country, '学历学位', degreeText(s.degreeLevel)],
    ['认证书编号', certificationNo(s)],
    ['就业单位', e.name],
    ['单位所在地', e.city, '信用代码', e.creditCode.trim() || '—'],
    ['报到单位', reportTo],
    ['户口迁往', clause(data.settleTo) || '户口不迁移'],
    ['业务类别', data.kindLabel],
    ['报到期限', `${arabicDate(data.reportBy)}前`],
    ...(data.note?.trim() ? [['备注', data.note.trim()] as FormRow] : [])
  ]
  return renderFormLetter(
    {
      ...data,
      office: deskOffice(data.office, EMPLOYMENT_DESK),
      numberLine: `报到证编号：${data.number}`,
      title: '就业报到证',
      subject: `留学回国人员就业报到证（${p.name}，业务编号 ${data.caseNumber}）`,
      noun: '报到证',
      rows,
      paragraphs: [`请${p.name}同志持本证于${arabicDate(data.reportBy)}前到报到单位报到，报到单位凭本证办理接收手续。本证逾期失效。`],
      tooLong: '就业报到证内容过长，无法排入一页，请核对单位名称和备注'
    },
    finish
  )
}

export interface HouseholdEntryFormData extends EmploymentLetterBase {
  person: EmploymentLetterBase['person'] & { ethnicity: string; politicalStatus: string }
  firstReturnOn: IsoDate
  settleTo: string
  hukouOrigin: string
  hukouKind: 'family' | 'collective'
}

const HUKOU_KIND = { family: '家庭户', collective: '集体户' } as const

/** 入户人员基本情况表: the person, studies, employer, where they settle and where the hukou comes from, the desk's approval sealed. */
export function renderHouseholdEntryForm(data: HouseholdEntryFormData, finish: LetterFinish): Buffer {
  checkEmployment(data)
  checkDates(data.firstReturnOn)
  if (!data.settleTo.trim()) throw new Error('a household entry form needs where the hukou goes')
  const { person: p, study: s, employer: e } = data
  const person: FormRow[] = [
    ['姓名', p.name, '性别', sexLabel(p.sex)],
    ['出生日期', arabicDate(p.birthDate), '民族', p.ethnicity],
    ['身份证号码', p.idNumber],
    ['政治面貌', p.politicalStatus]
  ]
  const rows: FormRow[] = [
    ...person,
    ['学历学位', degreeText(s.degreeLevel), '认证书编号', certificationNo(s)],
    ['毕业院校', `${s.institution}（${s.country}）`],
    ['首次回国日期', arabicDate(data.firstReturnOn), '业务类别', data.kindLabel],
    ['工作单位', e.name],
    ['单位所在地', e.city, '信用代码', e.creditCode.trim() || '—'],
    ['拟落户地址', clause(data.settleTo)],
    ['原户籍所在地', `${clause(data.hukouOrigin)}（${HUKOU_KIND[data.hukouKind]}）`],
    ...(data.note?.trim() ? [['备注', data.note.trim()] as FormRow] : []),
    ['审核意见', `经审核，该同志符合${data.kindLabel}条件，同意办理落户手续。`]
  ]
  return renderFormLetter(
    {
      ...data,
      office: deskOffice(data.office, EMPLOYMENT_DESK),
      title: '入户人员基本情况表',
      subject: `入户人员基本情况表（${p.name}，业务编号 ${data.caseNumber}）`,
      noun: '情况表',
      rows,
      photo: { rows: person.length },
      tooLong: '入户人员基本情况表内容过长，无法排入一页，请核对单位名称、地址和备注'
    },
    finish
  )
}
