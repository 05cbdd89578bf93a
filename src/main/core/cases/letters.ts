import type { DocumentType } from '../../../shared/domain/case-type'
import { type IsoDate, officeDateOf } from '../../../shared/domain/calendar'
import type { OfficeInfo } from '../../../shared/domain/office'
import { DomainError } from '../../../shared/result'
import { issueDocument } from '../documents/issue'
import { type LetterApplicant, type LetterArchive, letterData } from '../documents/letter-data'
import { formatDocumentNumber, newVerificationCode, nextNumber } from '../documents/numbering'
import { letterTemplate } from '../documents/templates'
import type { Store } from '../store'
import type { CaseRow } from './detail'
import { parseFormJson } from './form'

export interface LetterContext {
  store: Store
  office: OfficeInfo
  caseRow: CaseRow
  issuedById: number | null
  issuedAt: string
  issuedOn: IsoDate
  /** The action's validated input (the materials of a receipt). */
  input: Record<string, unknown>
  /** Who acts (签收人 on a receipt). */
  actorName: string
}


/** The applicant's archive in the register, with the office date of its latest deposit (null when none). */
function archiveOf(store: Store, applicantId: number): LetterArchive | null {
  const row = store.sqlite
    .prepare(
      `SELECT archive_number, status, category, employer, fees_paid_until, custodian,
         (SELECT at FROM archive_custody c WHERE c.archive_id = a.id AND c.kind = 'deposited' ORDER BY c.at DESC, c.id DESC LIMIT 1) AS deposited_at
       FROM archives a WHERE applicant_id = ?`
    )
    .get(applicantId) as (Omit<LetterArchive, 'deposited_on'> & { deposited_at: string | null }) | undefined
  if (!row) return null
  const { deposited_at: at, ...archive } = row
  return { ...archive, deposited_on: at ? (at.length === 10 ? at : officeDateOf(at)) : null }
}

/** The certification a re-review is about (its result letters print that certification's degree), by case number. */
function relatedCertification(store: Store, caseRow: CaseRow): { case_number: string; subtype: string; form: string } | undefined {
  if (caseRow.type !== 'certification_rereview') return undefined
  const number = parseFormJson(caseRow.form).certificationCaseNumber
  if (typeof number !== 'string') return undefined
  return store.sqlite
    .prepare("SELECT case_number, subtype, form FROM cases WHERE case_number = ? AND type = 'degree_certification'")
    .get(number) as { case_number: string; subtype: string; form: string } | undefined
}

/**
 * Numbers, renders (as a draft: sealed and signed later, in the print console) and stores the letter an
 * action issues, with the data it was rendered from; runs inside the action's transaction.
 */
export function issueLetter(docType: DocumentType, ctx: LetterContext): number {
  const { store, caseRow } = ctx
  const template = letterTemplate(docType)
  const year = Number(ctx.issuedOn.slice(0, 4))
  const applicant = store.sqlite
    .prepare('SELECT name, sex, id_type, id_number, birth_date, ethnicity, political_status, passport_number FROM applicants WHERE id = ?')
    .get(caseRow.applicant_id) as LetterApplicant | undefined
  if (!applicant) throw new DomainError('NOT_FOUND', '找不到该业务的申请人')
  const number = formatDocumentNumber(docType, year, nextNumber(store.sqlite, docType, year))
  const verificationCode = newVerificationCode()
  const data = letterData(docType, {
    office: ctx.office,
    number,
    verificationCode,
    issuedOn: ctx.issuedOn,
    caseRow,
    applicant,
    archive: archiveOf(store, caseRow.applicant_id),
    input: ctx.input,
    actorName: ctx.actorName,
    relatedCase: relatedCertification(store, caseRow)
  })
  const { id } = issueDocument(store.sqlite, {
    caseId: caseRow.id,
    docType,
    fileName: template.fileName(data, caseRow.case_number),
    pdf: template.render(data, { kind: 'draft' }),
    number,
    verificationCode,
    issuedById: ctx.issuedById,
    issuedAt: ctx.issuedAt,
    data
  })
  return id
}
