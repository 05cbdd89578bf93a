import { Alert } from 'antd'
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
import ErrorBoundary from './errors/ErrorBoundary'
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
  // The applicant and the form each in a boundary of their own: one that cannot be shown leaves the other.
  // A stored form that does not match its type's schema (from before the schemas were strict): said plainly, and
  // shown as far as it can be; the desk issues no letter from it (the clerk returns it to the applicant).
  const problem = detail.formProblem && (
    <Alert type="warning" showIcon className="form-problem" data-testid="form-problem" message="不能据此出具文书，请退回申请人修改" description={detail.formProblem} />
  )
  const form = Form && (
    <>
      {problem}
      <ErrorBoundary level="panel" what="申请表" caseNumber={detail.caseNumber} resetKey={detail}>
        <Form detail={detail} />
      </ErrorBoundary>
    </>
  )
  const applicant = (
    <ErrorBoundary level="panel" what="申请人信息" caseNumber={detail.caseNumber} resetKey={detail}>
      <ApplicantCard a={detail.applicant} />
    </ErrorBoundary>
  )
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
