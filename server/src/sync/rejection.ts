import { RULE_CODES, type RuleCode } from '../../../src/shared/domain/certificate-rules'
import { DomainError } from '../../../src/shared/result'

/** Codes a business rejection of a mutation may carry (PROTOCOL.md, Push). */
export type RejectCode =
  | 'VERSION_CONFLICT'
  | 'LEASE_LOST'
  | 'CLAIMED_BY_OTHER'
  | 'NOT_CLAIMED'
  /** A decision presents the lease of an earlier claim (`leaseFrom`) that was refused or is not this desk's: not applied. */
  | 'CLAIM_NOT_APPLIED'
  | 'ILLEGAL_TRANSITION'
  | 'FORBIDDEN'
  | 'VALIDATION'
  /** The mutation itself cannot be read (its name, args or numbers; a value the database refuses as data; a seq out of order): the desk sets it aside. */
  | 'MALFORMED'
  /** Its seq or id is already recorded for another desk or staff member: the desk sets it aside. */
  | 'MUTATION_TAKEN'
  | 'NOT_FOUND'
  | 'NUMBER_NOT_RESERVED'
  /** A letter number whose year is not the service's (the desk's clock; shared/domain/service-time.ts). */
  | 'NUMBER_YEAR'
  | RuleCode

/** A business rejection: stored with the mutation, and the desk's queue moves on. */
export class Rejection extends Error {
  constructor(
    readonly code: RejectCode,
    message: string
  ) {
    super(message)
    this.name = 'Rejection'
  }
}

const FROM_DOMAIN: Partial<Record<DomainError['code'], RejectCode>> = {
  VALIDATION: 'VALIDATION',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  NOT_CLAIMED: 'NOT_CLAIMED',
  CLAIMED_BY_OTHER: 'CLAIMED_BY_OTHER',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  CALENDAR_NOT_COVERED: 'VALIDATION',
  CORRUPT_FILE: 'VALIDATION',
  // A case type's rule refuses with its own code (archive and certification rules alike).
  ...(Object.fromEntries(RULE_CODES.map((c) => [c, c])) as Record<RuleCode, RuleCode>)
}

/** The rejection an error stands for, or undefined for a server fault (5xx: the desk retries later). */
export function asRejection(e: unknown): Rejection | undefined {
  if (e instanceof Rejection) return e
  if (e instanceof DomainError) {
    const code = FROM_DOMAIN[e.code]
    return code ? new Rejection(code, e.message) : undefined
  }
  return undefined
}
