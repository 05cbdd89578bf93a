import type { CaseTypeDef } from '../case-type'
import { archiveDeposit } from './archive-deposit'
import { archiveIntake } from './archive-intake'
import { archiveTransferOut } from './archive-transfer-out'
import { certificateRequest } from './certificate-request'
import { materialFiling } from './material-filing'

/** Every case type the desk knows; adding a business type is adding a definition here. */
export const CASE_TYPES: Record<string, CaseTypeDef> = {
  archive_deposit: archiveDeposit as unknown as CaseTypeDef,
  archive_transfer_out: archiveTransferOut as unknown as CaseTypeDef,
  archive_intake: archiveIntake as unknown as CaseTypeDef,
  material_filing: materialFiling as unknown as CaseTypeDef,
  certificate_request: certificateRequest as unknown as CaseTypeDef
}

export function caseTypeDef(type: string): CaseTypeDef | undefined {
  return Object.hasOwn(CASE_TYPES, type) ? CASE_TYPES[type] : undefined
}
