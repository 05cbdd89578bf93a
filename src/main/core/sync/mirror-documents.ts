import type Database from 'better-sqlite3'
import { dropLetter } from '../documents/number-voids'
import { actDocumentIds } from './outbox'
import { prep } from '../store/prepared'
import { knownStaffId, localStaffId } from './staff'
import type { Snapshot } from './wire'

/**
 * A case's letters as the exchange service has them (server state wins): number, file, the template's
 * data, and the lifecycle — signed (by whom, the signed file), voided or revoked (why, when) — and every
 * print. Prints this desk recorded that are still queued are kept on top of the server's.
 */
type SnapshotDocument = Snapshot['documents'][number]

/** A blob row without its body yet (zero-length `data`, see `blobs.ts`): the body is fetched lazily by hash. */
export const stubBlob = (sql: Database.Database, sha256: string, size: number): void => {
  prep(sql, "INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, x'')").run(sha256, size)
}

/** Ids of issued documents that pending `case.act` mutations still have to push (`documentIds`, or an older row's `documentId`). */
export const pendingDocumentIds = (sql: Database.Database): Set<number> =>
  new Set(
    (
      prep(
        sql,
        `SELECT j.value AS d FROM outbox o, json_each(o.args, '$.documentIds') j WHERE o.status = 'pending' AND o.name = 'case.act' AND j.value IS NOT NULL
         UNION SELECT json_extract(args, '$.documentId') FROM outbox WHERE status = 'pending' AND name = 'case.act' AND json_extract(args, '$.documentId') IS NOT NULL`
      ).all() as { d: number }[]
    ).map((r) => r.d)
  )

/** The pending `case.act` that issued the desk's letter `id`. */
const PENDING_ACT_OF = `SELECT id, case_id, actor_id, args FROM outbox WHERE status = 'pending' AND name = 'case.act'
  AND (json_extract(args, '$.documentId') = ? OR EXISTS (SELECT 1 FROM json_each(outbox.args, '$.documentIds') j WHERE j.value = ?))`

const UPSERT_DOCUMENT = `INSERT INTO issued_documents (case_id, doc_type, number, verification_code, sha256, file_name, issued_by_id, issued_at,
  status, data, signed_sha256, signed_at, signed_by_id, voided_at, void_reason, voided_by_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(number) DO UPDATE SET case_id = excluded.case_id, doc_type = excluded.doc_type, verification_code = excluded.verification_code,
  sha256 = excluded.sha256, file_name = excluded.file_name, issued_by_id = excluded.issued_by_id, issued_at = excluded.issued_at,
  status = excluded.status, data = coalesce(excluded.data, issued_documents.data), signed_sha256 = excluded.signed_sha256,
  signed_at = excluded.signed_at, signed_by_id = excluded.signed_by_id, voided_at = excluded.voided_at, void_reason = excluded.void_reason,
  voided_by_id = excluded.voided_by_id
  RETURNING id`

const staffRef = (sql: Database.Database, ref: { id: number; name: string } | null | undefined): number | null => (ref ? localStaffId(sql, ref) : null)

function upsertDocument(sql: Database.Database, caseId: string, d: SnapshotDocument): number {
  const status = d.status ?? 'draft'
  const ended = status === 'void' || status === 'revoked'
  if (d.signedSha256) stubBlob(sql, d.signedSha256, 0)
  const row = prep(sql, UPSERT_DOCUMENT).get(
    caseId, d.docType, d.number, d.verificationCode, d.sha256, d.fileName, knownStaffId(sql, d.issuedById), d.issuedAt,
    status, d.data === undefined || d.data === null ? null : JSON.stringify(d.data), d.signedSha256 ?? null, d.signedAt ?? null,
    staffRef(sql, d.signedBy), ended ? (d.statusAt ?? null) : null, ended ? (d.statusReason ?? null) : null, ended ? staffRef(sql, d.statusBy) : null
  ) as { id: number }
  return row.id
}

/** The letter's prints: the server's, then those this desk recorded and has not pushed yet. */
function applyPrints(sql: Database.Database, d: SnapshotDocument, prints: NonNullable<SnapshotDocument['prints']>): void {
  prep(sql, 'DELETE FROM document_prints WHERE number = ?').run(d.number)
  const insert = prep(sql, 'INSERT INTO document_prints (number, kind, reason, printer, at, actor_id, actor_name) VALUES (?, ?, ?, ?, ?, ?, ?)')
  for (const p of prints) insert.run(d.number, p.kind, p.reason, p.printer ?? null, p.at, knownStaffId(sql, p.actorId), p.actor)
  const queued = prep(
    sql,
    `SELECT o.args, o.actor_id, s.display_name FROM outbox o LEFT JOIN staff s ON s.id = o.actor_id
     WHERE o.status = 'pending' AND o.name = 'document.print' AND json_extract(o.args, '$.number') = ? ORDER BY o.seq`
  ).all(d.number) as { args: string; actor_id: number | null; display_name: string | null }[]
  for (const q of queued) {
    const a = JSON.parse(q.args) as { kind: string; reason: string; printer: string | null; at: string }
    insert.run(d.number, a.kind, a.reason, a.printer, a.at, q.actor_id, q.display_name ?? '')
  }
}

/** Upserts the case's letters by number; returns server document id → desk row id. */
export function applyDocuments(sql: Database.Database, snap: Snapshot, now: Date, pending: Set<number> = pendingDocumentIds(sql)): Map<number, number> {
  const caseId = snap.case.id
  const ids = new Map<number, number>()
  for (const d of snap.documents) {
    stubBlob(sql, d.sha256, 0)
    // The number is the server's now: a local letter of another case that still holds it never went through.
    const holder = prep(sql, 'SELECT id, case_id, number FROM issued_documents WHERE number = ? OR verification_code = ?').all(d.number, d.verificationCode) as {
      id: number
      case_id: string
      number: string
    }[]
    for (const h of holder.filter((h) => h.case_id !== caseId)) dropLocalDocument(sql, h.id, pending.has(h.id), h.number !== d.number, now)
    ids.set(d.id, upsertDocument(sql, caseId, d))
    if (d.prints) applyPrints(sql, d, d.prints)
  }
  const keep = new Set([...ids.values(), ...pending])
  for (const r of prep(sql, 'SELECT id FROM issued_documents WHERE case_id = ?').all(caseId) as { id: number }[]) {
    if (!keep.has(r.id)) prep(sql, 'DELETE FROM issued_documents WHERE id = ?').run(r.id)
  }
  return ids
}

/**
 * A local letter whose number or verification code the server gave to another letter: removed. If its
 * action is still queued, that action is settled here as rejected (the server would refuse it) with an
 * attention item, and the other letters it issued are dropped too (their numbers void). Its number is
 * void (and the server told) unless the number itself now carries the other letter.
 */
function dropLocalDocument(sql: Database.Database, id: number, pending: boolean, numberFree: boolean, now: Date): void {
  let actorId: number | null = null
  let siblings: number[] = []
  if (pending) {
    const m = prep(sql, PENDING_ACT_OF).get(id, id) as { id: string; case_id: string | null; actor_id: number | null; args: string }
    actorId = m.actor_id
    siblings = actDocumentIds(JSON.parse(m.args) as Record<string, unknown>).filter((other) => other !== id)
    const message = '本机出具的文书编号已被其他窗口使用，此文书作废；您的办理未生效，请刷新后重新办理'
    prep(sql, "UPDATE outbox SET status = 'rejected', result = ? WHERE id = ?").run(JSON.stringify({ status: 'rejected', code: 'VALIDATION', message, local: true }), m.id)
    prep(sql, "INSERT INTO attention (case_id, mutation_id, code, message) VALUES (?, ?, 'VALIDATION', ?) ON CONFLICT(mutation_id) DO NOTHING").run(m.case_id, m.id, message)
  }
  const at = now.toISOString()
  for (const other of siblings) dropLetter(sql, other, { reason: '同一操作出具的另一份文书编号已被使用，此文书未生效', at, voidNumber: true, push: { actorId } })
  dropLetter(sql, id, {
    reason: '此文号的文书验证码与交换服务上的另一份文书重复，文书未生效',
    at,
    voidNumber: numberFree,
    push: numberFree ? { actorId } : null
  })
}
