import type { z } from 'zod'
import type { Store } from '../store'
import { dropLetter, recordNumberVoid } from '../documents/number-voids'
import { parseArchiveNumber } from '../../../shared/domain/numbers'
import { explainRejection, mutationLabel } from './attention'
import { NOT_HELD, QUARANTINE_CODES, quarantineRow } from './quarantine'
import type { pushResponseSchema } from './wire'

/** A pending outbox row, as the case service wrote it (args are the desk's, see `toWire`). */
export interface OutboxRow {
  seq: number
  id: string
  caseId: string | null
  name: string
  args: Record<string, unknown>
  baseVersion: number | null
}

/** The document an action issued, as the exchange service records it. */
export interface WireDocument {
  docType: string
  number: string
  verificationCode: string
  sha256: string
  fileName: string
  issuedAt: string
  /** The template's input, so any desk can render the final letter (absent for letters from before it was kept). */
  data?: unknown
}

export interface WireMutation {
  seq: number
  id: string
  name: string
  args: Record<string, unknown>
  baseVersion: number | null
  leaseToken?: number
  /** The id of the claim earlier in the same push whose lease this decision presents (PROTOCOL.md, Push). */
  leaseFrom?: string
}

export type MutationResult = z.infer<typeof pushResponseSchema>['results'][number]

export const MAX_BATCH = 100

/**
 * Whose rows a push may send: the desk staff id of the clerk signed in at the exchange service (their
 * own rows and rows without an actor, from before actors were recorded), `null` when that clerk is not
 * known here (rows without an actor only), `undefined` for every pending row.
 */
export type Pusher = number | null | undefined

const pusherFilter = (pusher: Pusher): string => (pusher === undefined ? '' : ' AND (actor_id IS NULL OR actor_id = ?)')
const pusherArgs = (pusher: Pusher): (number | null)[] => (pusher === undefined ? [] : [pusher])

/** Pending rows in `seq` order (≤ `limit`), only those `pusher` may send, none held behind a set-aside row (quarantine.ts). */
export function readPending(store: Store, limit: number, pusher?: Pusher): OutboxRow[] {
  return (
    store.sqlite
      .prepare(`SELECT seq, id, case_id, name, args, base_version FROM outbox WHERE status = 'pending' AND ${NOT_HELD}${pusherFilter(pusher)} ORDER BY seq LIMIT ?`)
      .all(...pusherArgs(pusher), limit) as { seq: number; id: string; case_id: string | null; name: string; args: string; base_version: number | null }[]
  ).map((r) => ({ seq: r.seq, id: r.id, caseId: r.case_id, name: r.name, args: JSON.parse(r.args) as Record<string, unknown>, baseVersion: r.base_version }))
}

/** Pending rows of other staff than `pusher` (they wait for their own clerk's session). */
export function countPendingOthers(store: Store, pusher: number | null): number {
  return (
    store.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND actor_id IS NOT NULL AND actor_id IS NOT ?").get(pusher) as { n: number }
  ).n
}

/**
 * The server refuses a `seq` not above the highest it recorded for this desk, so the rows of other staff
 * that wait before rows `pusher` is about to send move to the end of the queue (new `seq`s, their order
 * kept, in one transaction). A moved row that already reached the server is still recognised by its `id`.
 */
export function deferOthers(store: Store, pusher: number | null): number {
  const sql = store.sqlite
  return sql.transaction(() => {
    const others = "status = 'pending' AND actor_id IS NOT NULL AND actor_id IS NOT ?"
    const mine = sql.prepare("SELECT max(seq) AS s FROM outbox WHERE status = 'pending' AND (actor_id IS NULL OR actor_id IS ?)").get(pusher) as { s: number | null }
    if (mine.s === null || !sql.prepare(`SELECT 1 FROM outbox WHERE ${others} AND seq < ?`).get(pusher, mine.s)) return 0
    const waiting = sql.prepare(`SELECT seq FROM outbox WHERE ${others} ORDER BY seq`).all(pusher) as { seq: number }[]
    moveToEnd(sql, waiting.map((w) => w.seq))
    return waiting.length
  })()
}

/** Gives these rows new `seq`s, in this order, above every seq this outbox ever used (the caller's transaction). */
export function moveToEnd(sql: Store['sqlite'], seqs: number[]): void {
  if (!seqs.length) return
  // AUTOINCREMENT never reuses a seq; neither do we — nor one the service recorded (`serverSeq`, e.g. after a restore here).
  let next = (
    sql
      .prepare(
        `SELECT max(coalesce((SELECT max(seq) FROM outbox), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0),
         coalesce((SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'serverSeq'), 0)) AS s`
      )
      .get() as { s: number }
  ).s
  const move = sql.prepare('UPDATE outbox SET seq = ? WHERE seq = ?')
  for (const seq of seqs) move.run(++next, seq)
  sql.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'").run(next)
}

/**
 * The next batch to push (≤ `limit`, `seq` order, only rows `pusher` may send). A claim and the decisions of
 * its case behind it travel together: each decision names the claim (`leaseFrom`, see `toWireBatch`) and the
 * service presents the lease that claim is granted.
 */
export function pendingBatch(store: Store, limit = MAX_BATCH, pusher?: Pusher): OutboxRow[] {
  return readPending(store, limit, pusher)
}

/** The desk's ids of the letters a `case.act` row issued, in order: `documentIds`, or an older row's single `documentId`. */
export function actDocumentIds(args: Record<string, unknown>): number[] {
  if (Array.isArray(args.documentIds)) return args.documentIds.filter((d): d is number => typeof d === 'number')
  return typeof args.documentId === 'number' ? [args.documentId] : []
}

/** The issued documents a `case.act` row refers to (by the desk's ids), in order; a letter no longer on the desk is left out. */
export function documentsOf(store: Store, row: OutboxRow): WireDocument[] {
  if (row.name !== 'case.act') return []
  const get = store.sqlite.prepare('SELECT doc_type, number, verification_code, sha256, file_name, issued_at, data FROM issued_documents WHERE id = ?')
  return actDocumentIds(row.args).flatMap((id) => {
    const d = get.get(id) as { doc_type: string; number: string; verification_code: string; sha256: string; file_name: string; issued_at: string; data: string | null } | undefined
    if (!d) return []
    const doc: WireDocument = { docType: d.doc_type, number: d.number, verificationCode: d.verification_code, sha256: d.sha256, fileName: d.file_name, issuedAt: d.issued_at }
    if (d.data !== null) doc.data = JSON.parse(d.data)
    return [doc]
  })
}

/** The file bodies a row needs at the exchange service before it is pushed: the letter an action drafted, or a signed letter. */
export function blobsOf(store: Store, row: OutboxRow): string[] {
  if (row.name === 'document.sign' && typeof row.args.signedSha256 === 'string') return [row.args.signedSha256]
  return documentsOf(store, row).map((d) => d.sha256)
}

/** The protocol's form of a row: `case.act` carries the letters themselves (`documents`) instead of the desk's row ids; decisions carry the lease token. */
export function toWire(store: Store, row: OutboxRow): WireMutation {
  let args = row.args
  if (row.name === 'case.act') {
    const { documentId: _documentId, documentIds: _documentIds, ...rest } = row.args
    const documents = documentsOf(store, row)
    args = documents.length > 0 ? { ...rest, documents } : rest
  }
  const lease = row.caseId
    ? (store.sqlite.prepare('SELECT lease_token FROM leases WHERE case_id = ?').get(row.caseId) as { lease_token: number } | undefined)
    : undefined
  const wire: WireMutation = { seq: row.seq, id: row.id, name: row.name, args, baseVersion: row.baseVersion }
  // Decisions on a case present the lease token; a letter's signing, voiding or printing needs no claim.
  if ((row.name === 'case.act' || row.name === 'case.release') && lease) wire.leaseToken = lease.lease_token
  return wire
}

/**
 * A batch in the protocol's form. A decision or release behind a claim of its case in the same batch cannot know
 * the token yet: it names that claim (`leaseFrom`) instead of presenting the token the desk may still hold from an
 * earlier lease; behind a release of its case it presents none (the lease ended). The rest as `toWire`.
 */
export function toWireBatch(store: Store, rows: OutboxRow[]): WireMutation[] {
  const lastLeaseRow = new Map<string, OutboxRow>()
  return rows.map((row) => {
    const wire = toWire(store, row)
    if (row.caseId === null) return wire
    const before = lastLeaseRow.get(row.caseId)
    if (row.name === 'case.claim' || row.name === 'case.release') lastLeaseRow.set(row.caseId, row)
    if (!before || (row.name !== 'case.act' && row.name !== 'case.release')) return wire
    delete wire.leaseToken
    if (before.name === 'case.claim') wire.leaseFrom = before.id
    return wire
  })
}

/**
 * Records the server's answers in one transaction: each row applied or rejected with its result; a
 * claim's lease token kept, dropped when the lease ended; a rejection becomes an attention item explaining it.
 * A `MALFORMED`/`MUTATION_TAKEN` refusal (the row itself is at fault) sets the row aside instead (quarantine.ts: kept
 * for an administrator to retry or discard; nothing settled yet). Rows without an answer stay pending.
 */
export function recordResults(
  store: Store,
  rows: OutboxRow[],
  results: MutationResult[],
  now: Date,
  myName: string | null = null
): { applied: number; rejected: number; quarantined: number } {
  const sql = store.sqlite
  const byId = new Map(rows.map((r) => [r.id, r]))
  const counts = { applied: 0, rejected: 0, quarantined: 0 }
  const openItemOf = (caseId: string) =>
    sql
      .prepare(
        `SELECT a.mutation_id AS mutationId, o.seq, o.result FROM attention a JOIN outbox o ON o.id = a.mutation_id
         WHERE a.case_id = ? AND a.resolved_at IS NULL AND o.status = 'rejected' AND o.result IS NOT NULL ORDER BY a.id LIMIT 1`
      )
      .get(caseId) as { mutationId: string; seq: number; result: string } | undefined
  const heldBehindQuarantine = (id: string) => !!sql.prepare(`SELECT 1 FROM outbox WHERE id = ? AND NOT (${NOT_HELD})`).get(id)
  sql.transaction(() => {
    for (const result of results) {
      const row = byId.get(result.id)
      if (!row) continue
      if (result.status === 'rejected' && QUARANTINE_CODES.includes(result.code)) {
        counts.quarantined++
        quarantineRow(store, row, { kind: 'refused', result }, now)
        continue
      }
      // A decision whose claim (earlier in the batch) was just set aside waits with it: the service did not record
      // the refusal, and the decision goes again, same id, behind the claim if an administrator retries it.
      if (result.status === 'rejected' && result.code === 'CLAIM_NOT_APPLIED' && heldBehindQuarantine(row.id)) continue
      sql.prepare("UPDATE outbox SET status = ?, result = ? WHERE id = ? AND status = 'pending'").run(result.status, JSON.stringify(result), row.id)
      const caseExists = row.caseId !== null && !!sql.prepare('SELECT 1 FROM cases WHERE id = ?').get(row.caseId)
      if (result.status === 'applied') {
        counts.applied++
        if (!caseExists || !row.name.startsWith('case.')) continue
        // A claim (or an action that keeps the claim) brings the token back; anything else ended the lease.
        if (typeof result.leaseToken === 'number') {
          sql
            .prepare('INSERT INTO leases (case_id, lease_token) VALUES (?, ?) ON CONFLICT(case_id) DO UPDATE SET lease_token = excluded.lease_token')
            .run(row.caseId, result.leaseToken)
        } else sql.prepare('DELETE FROM leases WHERE case_id = ?').run(row.caseId)
        continue
      }
      counts.rejected++
      settleRefusedLetter(sql, row, result, now)
      const caseType = caseExists ? (sql.prepare('SELECT type FROM cases WHERE id = ?').get(row.caseId) as { type: string }).type : null
      const mine = mutationLabel(row.name, row.args, caseType)
      // One open item per case: a refused claim and the decision queued behind it (pushed in the next
      // batch) are one story, told from its first refusal, naming every step that did not take effect.
      const open = row.caseId === null ? undefined : openItemOf(row.caseId)
      if (open && open.mutationId !== row.id) {
        const steps = (sql.prepare("SELECT name, args FROM outbox WHERE case_id = ? AND status = 'rejected' AND seq >= ? ORDER BY seq").all(row.caseId, open.seq) as { name: string; args: string }[])
          .map((r) => mutationLabel(r.name, JSON.parse(r.args) as Record<string, unknown>, caseType))
        const first = JSON.parse(open.result) as Parameters<typeof explainRejection>[0]
        sql.prepare('UPDATE attention SET message = ? WHERE mutation_id = ?').run(explainRejection(first, { mine: steps.join('”和“'), caseType, now, myName }), open.mutationId)
        continue
      }
      const message = explainRejection(result, { mine, caseType, now, myName })
      sql
        .prepare('INSERT INTO attention (case_id, mutation_id, code, message, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(mutation_id) DO NOTHING')
        .run(row.caseId, row.id, result.code, message, now.toISOString())
    }
  })()
  return counts
}

/**
 * The exchange service's record of this desk ends at `serverLastSeq`, below rows it had answered: it was
 * restored from an older backup. Rows it had applied since go back to pending (same seq and id, so the
 * decisions are applied again — or refused, and explained, if the case moved on meanwhile); rows it had
 * refused stay refused (the clerk was told). Returns how many rows will be sent again.
 */
export function rewindLostHistory(store: Store, serverLastSeq: number): number {
  return store.sqlite.prepare("UPDATE outbox SET status = 'pending', result = NULL WHERE status = 'applied' AND seq > ?").run(serverLastSeq).changes
}

/**
 * What a refusal means for a letter. A refused action's letter never became valid: it is removed here (what
 * was queued about it settled as not applied) and its number recorded as void — and pushed as `number.void`,
 * unless the number was not this desk's to use (`NUMBER_NOT_RESERVED`), so the exchange service's ledger
 * explains it too. A refused signing or voiding is undone (see inside).
 */
export function settleRefusedLetter(sql: Store['sqlite'], row: OutboxRow, result: MutationResult & { status: 'rejected' }, now: Date): void {
  // A signing or voiding the server refused for its own sake (not because the letter moved on — that state
  // comes with the next pull) did not happen: the letter is as it was.
  if (result.code !== 'ILLEGAL_TRANSITION' && row.name === 'document.sign') {
    sql
      .prepare("UPDATE issued_documents SET status = 'draft', signed_sha256 = NULL, signed_at = NULL, signed_by_id = NULL WHERE number = ? AND status = 'issued' AND signed_sha256 = ?")
      .run(row.args.number, row.args.signedSha256)
  }
  if (result.code !== 'ILLEGAL_TRANSITION' && row.name === 'document.void') {
    sql
      .prepare(
        `UPDATE issued_documents SET status = CASE WHEN signed_sha256 IS NULL THEN 'draft' ELSE 'issued' END, voided_at = NULL, voided_by_id = NULL,
         void_reason = NULL WHERE number = ? AND status = 'void' AND voided_at = ?`
      )
      .run(row.args.number, row.args.at)
  }
  if (row.name !== 'case.act') return
  const { archiveNumber } = row.args
  const actor = sql.prepare('SELECT actor_id FROM outbox WHERE id = ?').get(row.id) as { actor_id: number | null }
  const push = result.code === 'NUMBER_NOT_RESERVED' ? null : { actorId: actor.actor_id }
  const at = now.toISOString()
  // Every letter the refused action drafted never went through: dropped, its number void.
  for (const id of actDocumentIds(row.args)) dropLetter(sql, id, { reason: `交换服务未接受出具此文书的操作：${result.message}`, at, voidNumber: true, push })
  // Likewise an archive number the refused action drew.
  const archive = typeof archiveNumber === 'string' ? parseArchiveNumber(archiveNumber) : null
  if (archive) recordNumberVoid(sql, { ...archive, reason: `交换服务未接受分配此档案编号的操作：${result.message}`, at }, push)
}
