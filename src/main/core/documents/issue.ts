import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { requireDeskClock } from '../sync/clock-offset'

export interface IssueDocumentInput {
  caseId: string
  docType: string
  fileName: string
  pdf: Buffer
  /** The formatted letter number, e.g. `留档调字〔2026〕第000123号` (unique). */
  number: string
  /** `XXXX-XXXX` (unique). */
  verificationCode: string
  issuedById: number | null
  /** ISO timestamp (UTC). */
  issuedAt: string
  /**
   * The template's input the PDF was rendered from (JSON-safe): the print console renders the final,
   * sealed letter from it. Stored as JSON in `issued_documents.data`; the letter starts as a `draft`.
   */
  data?: unknown
}

/**
 * Stores an issued PDF: its body in `blobs` (content-addressed, shared if identical) and its
 * `issued_documents` row. Must run inside the caller's transaction (with the numbering and the
 * case event), so nothing is half-issued.
 */
export function issueDocument(sqlite: Database.Database, input: IssueDocumentInput): { id: number; sha256: string } {
  if (!sqlite.inTransaction) throw new Error('issueDocument must be called inside a transaction')
  requireDeskClock(sqlite) // a desk whose clock is off drafts no letter (CLOCK_SKEW; sync/clock-offset.ts)
  const sha256 = createHash('sha256').update(input.pdf).digest('hex')
  sqlite.prepare('INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)').run(sha256, input.pdf.length, input.pdf)
  const { lastInsertRowid } = sqlite
    .prepare(
      `INSERT INTO issued_documents (case_id, doc_type, number, verification_code, sha256, file_name, issued_by_id, issued_at, status, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?)`
    )
    .run(
      input.caseId,
      input.docType,
      input.number,
      input.verificationCode,
      sha256,
      input.fileName,
      input.issuedById,
      input.issuedAt,
      input.data === undefined ? null : JSON.stringify(input.data)
    )
  return { id: Number(lastInsertRowid), sha256 }
}
