import type { CaseTypeDef } from '../case-type'
import { archiveDeposit } from './archive-deposit'
import { archiveIntake } from './archive-intake'
import { archiveTransferOut } from './archive-transfer-out'
import { certificateRequest } from './certificate-request'
import { certificationRefund } from './certification-refund'
import { certificationRereview } from './certification-rereview'
import { degreeCertification } from './degree-certification'
import { employmentRegistration } from './employment-registration'
import { materialFiling } from './material-filing'

/** Every case type the desk knows; adding a business type is adding a definition here. */
export const CASE_TYPES: Record<string, CaseTypeDef> = {
  archive_deposit: archiveDeposit as unknown as CaseTypeDef,
  archive_transfer_out: archiveTransferOut as unknown as CaseTypeDef,
  archive_intake: archiveIntake as unknown as CaseTypeDef,
  material_filing: materialFiling as unknown as CaseTypeDef,
  certificate_request: certificateRequest as unknown as CaseTypeDef,
  degree_certification: degreeCertification as unknown as CaseTypeDef,
  certification_rereview: certificationRereview as unknown as CaseTypeDef,
  certification_refund: certificationRefund as unknown as CaseTypeDef,
  employment_registration: employmentRegistration as unknown as CaseTypeDef
}

export function caseTypeDef(type: string): CaseTypeDef | undefined {
  return Object.hasOwn(CASE_TYPES, type) ? CASE_TYPES[type] : undefined
}
