import type { DocumentType } from '../../../shared/domain/case-type'
import type { LetterFinish } from './marks'
import { type CertificateData, renderCustodyCertificate, renderPoliticalReviewCertificate } from './certificate'
import { type MaterialReceiptData, renderMaterialReceipt } from './material-receipt'
import { renderTransferNotice, type TransferNoticeData } from './transfer-notice'
import { renderTransferRequestLetter, type TransferRequestLetterData } from './transfer-request-letter'
import { type PaymentReceiptData, renderPaymentReceipt } from './payment-receipt'
import { type CertificationCertificateData, certificateTitle, renderCertificationCertificate } from './certification-certificate'
import { type DeferralNoticeData, type RefusalNoticeData, renderDeferralNotice, renderRefusalNotice } from './certification-notices'
import { type EmploymentReportLetterData, renderEmploymentReportLetter, renderSettlementLetter, type SettlementLetterData } from './employment-letters'
import { type EmploymentReportCardData, type HouseholdEntryFormData, renderEmploymentReportCard, renderHouseholdEntryForm } from './employment-forms'

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

/** What each document type's template renders from (stored as issued_documents.data). */
export interface LetterDataOf {
  transfer_notice: TransferNoticeData
  transfer_request_letter: TransferRequestLetterData
  material_receipt: MaterialReceiptData
  custody_certificate: CertificateData
  political_review_certificate: CertificateData
  payment_receipt: PaymentReceiptData
  certification_certificate: CertificationCertificateData
  deferral_notice: DeferralNoticeData
  refusal_notice: RefusalNoticeData
  settlement_letter: SettlementLetterData
  employment_report_card: EmploymentReportCardData
  household_entry_form: HouseholdEntryFormData
  employment_report_letter: EmploymentReportLetterData
}

export const TEMPLATES: { [T in DocumentType]: LetterTemplate<unknown> } = {
  transfer_notice: template<LetterDataOf['transfer_notice']>({
    docType: 'transfer_notice',
    render: renderTransferNotice,
    fileName: (_d, caseNumber) => `调档通知单-${caseNumber}.pdf`
  }),
  transfer_request_letter: template<LetterDataOf['transfer_request_letter']>({
    docType: 'transfer_request_letter',
    render: renderTransferRequestLetter,
    fileName: (_d, caseNumber) => `调档函-${caseNumber}.pdf`
  }),
  material_receipt: template<LetterDataOf['material_receipt']>({
    docType: 'material_receipt',
    render: renderMaterialReceipt,
    // A case may file materials more than once: each receipt is told apart by its number.
    fileName: (d, caseNumber) => `档案材料签收回执单-${caseNumber}-${serial(d.number)}.pdf`
  }),
  custody_certificate: template<LetterDataOf['custody_certificate']>({
    docType: 'custody_certificate',
    render: renderCustodyCertificate,
    fileName: (_d, caseNumber) => `存档证明-${caseNumber}.pdf`
  }),
  political_review_certificate: template<LetterDataOf['political_review_certificate']>({
    docType: 'political_review_certificate',
    render: renderPoliticalReviewCertificate,
    fileName: (_d, caseNumber) => `政审证明-${caseNumber}.pdf`
  }),
  payment_receipt: template<LetterDataOf['payment_receipt']>({
    docType: 'payment_receipt',
    render: renderPaymentReceipt,
    fileName: (_d, caseNumber) => `学历学位认证费用收讫证明-${caseNumber}.pdf`
  }),
  certification_certificate: template<LetterDataOf['certification_certificate']>({
    docType: 'certification_certificate',
    render: renderCertificationCertificate,
    // A re-review issues a new certificate on its own case; the number tells two of one case apart.
    fileName: (d, caseNumber) => `${certificateTitle(d.jointProgramme !== null)}-${caseNumber}-${serial(d.number)}.pdf`
  }),
  deferral_notice: template<LetterDataOf['deferral_notice']>({
    docType: 'deferral_notice',
    render: renderDeferralNotice,
    fileName: (d, caseNumber) => `暂不认证通知单-${caseNumber}-${serial(d.number)}.pdf`
  }),
  refusal_notice: template<LetterDataOf['refusal_notice']>({
    docType: 'refusal_notice',
    render: renderRefusalNotice,
    fileName: (d, caseNumber) => `不予认证通知单-${caseNumber}-${serial(d.number)}.pdf`
  }),
  settlement_letter: template<LetterDataOf['settlement_letter']>({
    docType: 'settlement_letter',
    render: renderSettlementLetter,
    fileName: (_d, caseNumber) => `落户介绍信-${caseNumber}.pdf`
  }),
  employment_report_card: template<LetterDataOf['employment_report_card']>({
    docType: 'employment_report_card',
    render: renderEmploymentReportCard,
    fileName: (_d, caseNumber) => `就业报到证-${caseNumber}.pdf`
  }),
  household_entry_form: template<LetterDataOf['household_entry_form']>({
    docType: 'household_entry_form',
    render: renderHouseholdEntryForm,
    fileName: (_d, caseNumber) => `入户人员基本情况表-${caseNumber}.pdf`
  }),
  employment_report_letter: template<LetterDataOf['employment_report_letter']>({
    docType: 'employment_report_letter',
    render: renderEmploymentReportLetter,
    fileName: (_d, caseNumber) => `就业报到证明信-${caseNumber}.pdf`
  })
}

/** `留档收字〔2026〕第000123号` → `2026-000123`. */
const serial = (number: string): string => {
  const m = /〔(\d{4})〕第(\d+)号/.exec(number)
  return m ? `${m[1]}-${m[2]}` : number
}

export function letterTemplate(docType: string): LetterTemplate<unknown> {
  const t = Object.hasOwn(TEMPLATES, docType) ? TEMPLATES[docType as DocumentType] : undefined
  if (!t) throw new Error(`no template for document type ${docType}`)
  return t
}
