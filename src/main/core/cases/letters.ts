import type { DocumentType } from '../../../shared/domain/case-type'
import type { IsoDate } from '../../../shared/domain/calendar'
import { caseTypeDef } from '../../../shared/domain/case-types'
import type { OfficeInfo } from '../../../shared/domain/office'
import { DomainError } from '../../../shared/result'
import { issueDocument } from '../documents/issue'
import { formatDocumentNumber, newVerificationCode, nextNumber } from '../documents/numbering'
import { renderTransferNotice } from '../documents/transfer-notice'
import type { Store } from '../store'
import type { CaseRow } from './detail'

export interface LetterContext {
  store: Store
  office: OfficeInfo
  caseRow: CaseRow
  issuedById: number
  issuedAt: string
  issuedOn: IsoDate
}

/** Numbers, renders and stores the letter an action issues; runs inside the action's transaction. */
export function issueLetter(docType: DocumentType, ctx: LetterContext): number {
  const { store, caseRow } = ctx
  const year = Number(ctx.issuedOn.slice(0, 4))
  const number = formatDocumentNumber(docType, year, nextNumber(store.sqlite, docType, year))
  const verificationCode = newVerificationCode()
  const applicant = store.sqlite.prepare('SELECT name, sex, id_number, birth_date FROM applicants WHERE id = ?').get(caseRow.applicant_id) as {
    name: string
    sex: 'male' | 'female'
    id_number: string
    birth_date: string
  }
  const form = JSON.parse(caseRow.form) as { custodian?: string }
  if (docType !== 'transfer_notice') throw new DomainError('INTERNAL', `未定义的文书类型：${docType}`)
  if (!form.custodian) throw new DomainError('VALIDATION', '申请中缺少现档案保管机构全称，无法生成调档通知单，请退回申请人补充')
  const pdf = renderTransferNotice({
    office: ctx.office,
    number,
    verificationCode,
    issuedOn: ctx.issuedOn,
    custodian: form.custodian,
    applicant: { name: applicant.name, sex: applicant.sex, idNumber: applicant.id_number, birthDate: applicant.birth_date },
    caseNumber: caseRow.case_number,
    subtypeLabel: caseTypeDef(caseRow.type)?.subtypes[caseRow.subtype] ?? caseRow.subtype
  }, { kind: 'draft' }) // sealed and signed later, in the print console
  const { id } = issueDocument(store.sqlite, {
    caseId: caseRow.id,
    docType,
    fileName: `调档通知单-${caseRow.case_number}.pdf`,
    pdf,
    number,
    verificationCode,
    issuedById: ctx.issuedById,
    issuedAt: ctx.issuedAt
  })
  return id
}
