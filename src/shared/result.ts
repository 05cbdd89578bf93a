import type { RuleCode } from './domain/certificate-rules'

/** The error codes a caller can rely on; `message` is the Chinese text shown to the user. */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'BAD_CREDENTIALS'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'NOT_CLAIMED'
  | 'CLAIMED_BY_OTHER'
  | 'VERSION_CONFLICT'
  | 'CALENDAR_NOT_COVERED'
  | 'CORRUPT_FILE'
  | 'NUMBERS_EXHAUSTED'
  | 'TOO_MANY_ATTEMPTS'
  | 'OFFLINE'
  /** Signed in with a temporary password: only `auth.changePassword` until it is changed. */
  | 'PASSWORD_CHANGE_REQUIRED'
  /** Nobody can sign in yet: the first administrator is to be created (the desk's first start). */
  | 'SETUP_REQUIRED'
  /** Changing the exchange service's address while unsent work is queued, without saying so. */
  | 'PENDING_WORK'
  /** Refusals by a case type's rules (archive, re-review, refund): domain/certificate-rules.ts `RULE_CODES`. */
  | RuleCode
  /** The office signing certificate: none configured, a wrong passphrase, expired (or not yet valid). */
  | 'NO_CERTIFICATE'
  | 'BAD_PASSPHRASE'
  | 'CERT_EXPIRED'
  /** The desk's clock is more than a few minutes off the exchange service's: no letters until it is set right. */
  | 'CLOCK_SKEW'
  /** A reprint without its reason. */
  | 'REASON_REQUIRED'
  /** The desk's store is damaged: only the recovery channels answer (core/store/runtime.ts). */
  | 'STORE_DAMAGED'
  /** The desk's store is being upgraded after an update (migrations, in a worker): only `recovery.status` answers. */
  | 'STORE_UPGRADING'
  | 'INTERNAL'

export interface AppError {
  code: ErrorCode
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } })

/** Thrown inside services; turned into a `Result` at the API boundary. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'DomainError'
  }
}
