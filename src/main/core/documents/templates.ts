import type { DocumentType } from '../../../shared/domain/case-type'
import type { LetterFinish } from './marks'
import { renderTransferNotice, type TransferNoticeData } from './transfer-notice'

/**
 * Every letter template, in one place: the document type's renderer. A letter's draft and its final
 * (sealed, signed) version are rendered from the same stored `data` (issued_documents.data), so the
 * print console can finish a letter any desk drafted.
 */
export interface LetterTemplate<D = unknown> {
  docType: DocumentType
  /** Renders the letter (synchronously, one A4 page or more) as a draft or as the final letter. */
  render(data: D, finish: LetterFinish): Buffer
  /** File name of the PDF, e.g. `调档通知单-CD20261123000001.pdf`. */
  fileName(data: D, caseNumber: string): string
}

const template = <D>(t: LetterTemplate<D>): LetterTemplate<unknown> => t as LetterTemplate<unknown>

export const TEMPLATES: Partial<Record<DocumentType, LetterTemplate<unknown>>> = {
  transfer_notice: template<TransferNoticeData>({
    docType: 'transfer_notice',
    render: renderTransferNotice,
    fileName: (_d, caseNumber) => `调档通知单-${caseNumber}.pdf`
  })
}

export function letterTemplate(docType: string): LetterTemplate<unknown> {
  const t = Object.hasOwn(TEMPLATES, docType) ? TEMPLATES[docType as DocumentType] : undefined
  if (!t) throw new Error(`no template for document type ${docType}`)
  return t
}
