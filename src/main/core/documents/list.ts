import type { DocumentHistoryEntry, DocumentPage, DocumentRow, DocumentStatus } from '../../../shared/api/documents'
import { CASE_TYPES } from '../../../shared/domain/case-types'
import { type Access, caseTypesOf } from '../../../shared/domain/staff'
import { DomainError } from '../../../shared/result'
import { requireWorksOn } from '../cases/detail'
import type { Store } from '../store'
import { docLabel } from './lifecycle'

/** The print console's lists: the queue of letters by status, and one letter's own history. */
export interface DocumentQuery {
  status: 'draft' | 'issued' | 'void' | 'all'
  docType: string
  search: string
  page: number
  pageSize: number
}

/** Refuses (FORBIDDEN, no detail) when any of these letters belongs to a case type out of the account's reach. */
export function requireLettersInScope(store: Store, ids: readonly number[], me: Access): void {
  const types = store.sqlite.prepare('SELECT DISTINCT c.type FROM issued_documents d JOIN cases c ON c.id = d.case_id WHERE d.id = ?')
  for (const id of new Set(ids)) {
    const row = types.get(id) as { type: string } | undefined
    if (row) requireWorksOn(row.type, me)
  }
}

const SELECT = `SELECT d.id, d.case_id, c.case_number, d.doc_type, d.number, d.verification_code, d.status, a.name AS applicant_name,
  d.issued_at, si.display_name AS issued_by, d.signed_at, ss.display_name AS signed_by, d.voided_at, d.void_reason,
  (SELECT count(*) FROM document_prints p WHERE p.number = d.number) AS prints
  FROM issued_documents d JOIN cases c ON c.id = d.case_id JOIN applicants a ON a.id = c.applicant_id
  LEFT JOIN staff si ON si.id = d.issued_by_id LEFT JOIN staff ss ON ss.id = d.signed_by_id`

interface Row {
  id: number
  case_id: string
  case_number: string
  doc_type: string
  number: string
  verification_code: string
  status: DocumentStatus
  applicant_name: string
  issued_at: string
  issued_by: string | null
  signed_at: string | null
  signed_by: string | null
  voided_at: string | null
  void_reason: string | null
  prints: number
}

const toRow = (r: Row): DocumentRow => ({
  id: r.id,
  caseId: r.case_id,
  caseNumber: r.case_number,
  docType: r.doc_type,
  docLabel: docLabel(r.doc_type),
  number: r.number,
  verificationCode: r.verification_code,
  status: r.status,
  applicantName: r.applicant_name,
  issuedAt: r.issued_at,
  issuedBy: r.issued_by,
  signedAt: r.signed_at,
  signedBy: r.signed_by,
  voidedAt: r.voided_at,
  voidReason: r.void_reason,
  prints: r.prints
})

/** Drafts oldest first (the queue to work through); signed and voided letters newest first. */
const ORDER: Record<DocumentQuery['status'], string> = {
  draft: 'd.issued_at ASC, d.id ASC',
  issued: 'd.signed_at DESC, d.id DESC',
  void: 'coalesce(d.voided_at, d.issued_at) DESC, d.id DESC',
  all: 'd.issued_at DESC, d.id DESC'
}

export function listDocuments(store: Store, q: DocumentQuery, me: Access): DocumentPage {
  const types = caseTypesOf(me)
  if (!types.length) return { rows: [], total: 0, page: q.page, pageSize: q.pageSize }
  const where: string[] = []
  const params: Record<string, unknown> = {}
  if (types.length < Object.keys(CASE_TYPES).length) {
    where.push(`c.type IN (${types.map((_t, n) => `@type${n}`).join(',')})`)
    types.forEach((t, n) => (params[`type${n}`] = t))
  }
  if (q.status === 'void') where.push("d.status IN ('void', 'revoked')")
  else if (q.status !== 'all') {
    where.push('d.status = @status')
    params.status = q.status
  }
  if (q.docType) {
    where.push('d.doc_type = @docType')
    params.docType = q.docType
  }
  if (q.search) {
    where.push("(d.number LIKE @like ESCAPE '\\' OR c.case_number LIKE @like ESCAPE '\\' OR a.name LIKE @like ESCAPE '\\' OR d.verification_code LIKE @like ESCAPE '\\')")
    params.like = `%${q.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
  }
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : ''
  const sql = store.sqlite
  const total = (
    sql.prepare(`SELECT count(*) AS n FROM issued_documents d JOIN cases c ON c.id = d.case_id JOIN applicants a ON a.id = c.applicant_id${filter}`).get(params) as {
      n: number
    }
  ).n
  const rows = sql
    .prepare(`${SELECT}${filter} ORDER BY ${ORDER[q.status]} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) as Row[]
  return { rows: rows.map(toRow), total, page: q.page, pageSize: q.pageSize }
}

/** One letter as the print console shows it. */
export function documentRow(store: Store, id: number): DocumentRow {
  const r = store.sqlite.prepare(`${SELECT} WHERE d.id = ?`).get(id) as Row | undefined
  if (!r) throw new DomainError('NOT_FOUND', '找不到该文书')
  return toRow(r)
}

/** Issued, signed, printed / reprinted / saved, voided: one letter's history, oldest first. */
export function documentHistory(store: Store, id: number, me: Access): DocumentHistoryEntry[] {
  const sql = store.sqlite
  const d = sql
    .prepare(
      `SELECT d.number, d.status, c.type, d.issued_at, si.display_name AS issued_by, d.signed_at, ss.display_name AS signed_by,
         d.voided_at, sv.display_name AS voided_by, d.void_reason
       FROM issued_documents d JOIN cases c ON c.id = d.case_id LEFT JOIN staff si ON si.id = d.issued_by_id
       LEFT JOIN staff ss ON ss.id = d.signed_by_id LEFT JOIN staff sv ON sv.id = d.voided_by_id WHERE d.id = ?`
    )
    .get(id) as
    | { number: string; status: DocumentStatus; type: string; issued_at: string; issued_by: string | null; signed_at: string | null; signed_by: string | null; voided_at: string | null; voided_by: string | null; void_reason: string | null }
    | undefined
  if (!d) throw new DomainError('NOT_FOUND', '找不到该文书')
  requireWorksOn(d.type, me)
  const entries: DocumentHistoryEntry[] = [{ at: d.issued_at, actor: d.issued_by ?? '', kind: 'issued', reason: '', printer: null }]
  if (d.signed_at) entries.push({ at: d.signed_at, actor: d.signed_by ?? '', kind: 'signed', reason: '', printer: null })
  const prints = sql.prepare('SELECT kind, reason, printer, at, actor_name FROM document_prints WHERE number = ? ORDER BY at, id').all(d.number) as {
    kind: 'print' | 'reprint' | 'save'
    reason: string
    printer: string | null
    at: string
    actor_name: string
  }[]
  for (const p of prints) entries.push({ at: p.at, actor: p.actor_name, kind: p.kind, reason: p.reason, printer: p.printer })
  if ((d.status === 'void' || d.status === 'revoked') && d.voided_at) {
    entries.push({ at: d.voided_at, actor: d.voided_by ?? '', kind: d.status, reason: d.void_reason ?? '', printer: null })
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at))
}
