import type { ComponentType } from 'react'
import type { CaseDetail } from '../../../shared/api/types'
import { caseTypeDef } from '../../../shared/domain/case-types'
import DegreeCertificationFormView from './certification/DegreeCertificationFormView'
import EmploymentFormView from './certification/EmploymentFormView'
import RefundFormView from './certification/RefundFormView'
import RereviewFormView from './certification/RereviewFormView'
import ApplicantCard from './forms/ApplicantCard'
import CertificateFormView from './forms/CertificateFormView'
import DepositFormView from './forms/DepositFormView'
import IntakeFormView from './forms/IntakeFormView'
import MaterialFilingFormView from './forms/MaterialFilingFormView'
import TransferOutFormView from './forms/TransferOutFormView'

/** Each case type's form, read-only (its definition lives in shared/domain/case-types). */
const FORMS: Record<string, ComponentType<{ detail: CaseDetail }>> = {
  archive_deposit: DepositFormView,
  archive_transfer_out: TransferOutFormView,
  archive_intake: IntakeFormView,
  material_filing: MaterialFilingFormView,
  certificate_request: CertificateFormView,
  degree_certification: DegreeCertificationFormView,
  certification_rereview: RereviewFormView,
  certification_refund: RefundFormView,
  employment_registration: EmploymentFormView
}

/**
 * The applicant and the application's form, with full (unmasked) values for the clerk handling it. Where the
 * type has archive rules (certificates, transfer out, filing) the request and its checklist come first.
 */
export default function ApplicationForm({ detail }: { detail: CaseDetail }) {
  const Form = FORMS[detail.type]
  const form = Form && <Form detail={detail} />
  const applicant = <ApplicantCard a={detail.applicant} />
  return caseTypeDef(detail.type)?.rules ? (
    <>
      {form}
      {applicant}
    </>
  ) : (
    <>
      {applicant}
      {form}
    </>
  )
}
