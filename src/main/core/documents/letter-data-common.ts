import type { DocumentType } from '../../../shared/domain/case-type'
import { DOCUMENT_LABEL } from '../../../shared/domain/numbers'
import { DomainError } from '../../../shared/result'
import type { LetterDataContext } from './letter-data'

/** Pieces every letter-data builder uses (letter-data.ts, letter-data-certification.ts). */

/** The data a letter lacks: a VALIDATION error in Chinese saying which letter and what to do. */
export const missing = (docType: DocumentType, what: string, then = '请退回申请人补充'): DomainError =>
  new DomainError('VALIDATION', `${what}，无法生成${DOCUMENT_LABEL[docType]}，${then}`)

export const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '')

/** The letter's head: office, number, verification code, date, case number. */
export const header = (ctx: LetterDataContext) => ({
  office: ctx.office,
  number: ctx.number,
  verificationCode: ctx.verificationCode,
  issuedOn: ctx.issuedOn,
  caseNumber: ctx.caseRow.case_number
})
