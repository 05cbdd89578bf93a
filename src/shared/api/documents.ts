import type { OfficeInfo } from '../domain/office'

/** The print console's and the admin settings' shapes (channels `documents.*`, `jobs.*`, `settings.*`). */

export type DocumentStatus = 'draft' | 'issued' | 'void' | 'revoked'

/** One letter in the print console's queue or a case's document list. */
export interface DocumentRow {
  id: number
  caseId: string
  caseNumber: string
  docType: string
  docLabel: string
  number: string
  verificationCode: string
  status: DocumentStatus
  applicantName: string
  issuedAt: string
  issuedBy: string | null
  signedAt: string | null
  signedBy: string | null
  voidedAt: string | null
  voidReason: string | null
  /** Times printed or saved (first print and reprints). */
  prints: number
}

export interface DocumentPage {
  rows: DocumentRow[]
  total: number
  page: number
  pageSize: number
}

/** One entry of a letter's own history: issued, signed, printed, reprinted (with reason), saved, voided. */
export interface DocumentHistoryEntry {
  at: string
  actor: string
  kind: 'issued' | 'signed' | 'print' | 'reprint' | 'save' | 'void' | 'revoked'
  reason: string
  printer: string | null
}

/** A long job (signing a batch, merging or printing many letters): polled with `jobs.status`, stopped with `jobs.cancel`. */
export interface JobStatus {
  id: string
  kind: 'sign' | 'merge' | 'print' | 'programmes_import'
  state: 'running' | 'done' | 'cancelled' | 'failed'
  total: number
  done: number
  /** Letters that could not be processed, each with the reason in Chinese. */
  failures: { id: number; number: string; message: string }[]
  /** Set when the job failed as a whole (e.g. the passphrase was wrong). */
  error: { code: string; message: string } | null
  /** A merge or print job's merged PDF, fetched with `jobs.output` once `done`. */
  hasOutput: boolean
}

/** One number of a counter in the ledger: the letter that carries it, or why no valid letter does. */
export interface LedgerRow {
  serial: number
  number: string
  /** `unused`: drawn into one of this desk's blocks but not yet used; `gap`: no record here (explained by `reason`). */
  status: DocumentStatus | 'unused' | 'gap' | 'number_void'
  documentId: number | null
  caseNumber: string | null
  applicantName: string | null
  at: string | null
  reason: string | null
}

export interface Ledger {
  docType: string
  year: number
  rows: LedgerRow[]
}

/** The office's signing certificate as the admin configured it (the P12 is stored, its passphrase never). */
export interface SigningCertificate {
  subject: string
  issuer: string
  serialNumber: string
  validFrom: string
  validTo: string
  /** SHA-256 fingerprint of the certificate (hex, colon-separated). */
  fingerprint: string
  configuredAt: string
  configuredBy: string
}

export interface OfficeSettings extends OfficeInfo {
  /**
   * Certificate requests: an individual archive whose fees are paid only up to a month before this
   * `YYYY-MM` is in arrears (欠费) and gets no certificate.
   */
  arrearsCutoff: string
}
