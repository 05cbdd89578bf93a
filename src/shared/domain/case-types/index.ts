import type { CaseTypeDef } from '../case-type'
import { archiveDeposit } from './archive-deposit'

/** Every case type the desk knows; adding a business type is adding a definition here. */
export const CASE_TYPES: Record<string, CaseTypeDef> = {
  archive_deposit: archiveDeposit as unknown as CaseTypeDef
}

export function caseTypeDef(type: string): CaseTypeDef | undefined {
  return Object.hasOwn(CASE_TYPES, type) ? CASE_TYPES[type] : undefined
}
