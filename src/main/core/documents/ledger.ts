import type { DocumentStatus, Ledger, LedgerRow } from '../../../shared/api/documents'
import { counterKey, formatDocumentNumber, NUMBER_PREFIXES, parseDocumentNumber } from '../../../shared/domain/numbers'
import type { DocumentType } from '../../../shared/domain/case-type'
import { DomainError } from '../../../shared/result'
import { type Access, inScope } from '../../../shared/domain/staff'
import type { Store } from '../store'

/**
 * The number ledger of one counter (a document type in a year): every serial from 1 to the highest this
 * desk knows of, each with the letter that carries it, or why none does — a recorded void (with its
 * reason), still unused in this desk's blocks, or a gap this desk has no record of (honestly said so).
 */
export const GAP_OTHER_DESK = '号段在其他窗口，本机无记录'
export const GAP_DRAWN_HERE = '本机号段内已取用，但本机没有相应的文书记录'
export const GAP_STANDALONE = '本机无记录'

/** `me`: a letter of a case type out of the account's reach keeps its number and status, not its case or applicant. */
export function numberLedger(store: Store, docType: string, year: number, me: Access): Ledger {
  if (!Object.hasOwn(NUMBER_PREFIXES, docType)) throw new DomainError('VALIDATION', `未知的文书类型：${docType}`)
  const counter = counterKey(docType as DocumentType, year)
  const sql = store.sqlite
  const letters = new Map<number, LedgerRow>()
  const rows = sql
    .prepare(
      `SELECT d.id, d.number, d.status, d.issued_at, d.voided_at, d.void_reason, c.case_number, c.type, a.name
       FROM issued_documents d JOIN cases c ON c.id = d.case_id JOIN applicants a ON a.id = c.applicant_id
       WHERE d.doc_type = ? AND instr(d.number, ?) > 0`
    )
    .all(docType, `〔${year}〕`) as { id: number; number: string; status: DocumentStatus; issued_at: string; voided_at: string | null; void_reason: string | null; case_number: string; type: string; name: string }[]
  for (const r of rows) {
    const visible = inScope(me, r.type)
    const serial = parseDocumentNumber(docType, r.number)?.serial
    if (serial === undefined) continue
    const ended = r.status === 'void' || r.status === 'revoked'
    letters.set(serial, {
      serial,
      number: r.number,
      status: r.status,
      documentId: visible ? r.id : null,
      caseNumber: visible ? r.case_number : null,
      applicantName: visible ? r.name : null,
      at: ended ? (r.voided_at ?? r.issued_at) : r.issued_at,
      reason: ended ? r.void_reason : null
    })
  }
  const voids = new Map(
    (sql.prepare('SELECT serial, reason, at FROM number_voids WHERE counter = ?').all(counter) as { serial: number; reason: string; at: string }[]).map((v) => [v.serial, v])
  )
  const blocks = sql.prepare('SELECT first, last, next FROM number_blocks WHERE counter = ?').all(counter) as { first: number; last: number; next: number }[]
  const counted = (sql.prepare('SELECT last FROM document_counters WHERE key = ?').get(counter) as { last: number } | undefined)?.last ?? 0
  const highest = Math.max(0, counted, ...letters.keys(), ...voids.keys(), ...blocks.map((b) => b.last))
  const out: LedgerRow[] = []
  for (let serial = 1; serial <= highest; serial++) {
    const letter = letters.get(serial)
    if (letter) {
      out.push(letter)
      continue
    }
    const base = { serial, number: formatDocumentNumber(docType, year, serial), documentId: null, caseNumber: null, applicantName: null }
    const v = voids.get(serial)
    if (v) {
      out.push({ ...base, status: 'number_void', at: v.at, reason: v.reason })
      continue
    }
    const block = blocks.find((b) => b.first <= serial && serial <= b.last)
    if (block && serial >= block.next) out.push({ ...base, status: 'unused', at: null, reason: null })
    else out.push({ ...base, status: 'gap', at: null, reason: block ? GAP_DRAWN_HERE : serial <= counted ? GAP_STANDALONE : GAP_OTHER_DESK })
  }
  return { docType, year, rows: out }
}
