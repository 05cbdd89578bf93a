import { randomUUID } from 'node:crypto'
import type { QuarantinedItem } from '../../../shared/api/quarantine-channels'
import type { StaffSession } from '../../../shared/api/types'
import { DomainError } from '../../../shared/result'
import type { Clock } from '../clock'
import { recordStaffEvent } from '../staff/repo'
import type { Store } from '../store'
import { mutationLabel } from './attention'
import { moveToEnd, type MutationResult, type OutboxRow, settleRefusedLetter } from './outbox'
import { getState, setState } from './state'

/**
 * Quarantine (暂存): a mutation the exchange service cannot take — refused as malformed (per row:
 * `MALFORMED`, or `MUTATION_TAKEN` when its seq/id belongs to another desk or staff member; per request:
 * `400 VALIDATION` for a batch narrowed down to it), or failing with a server error `FAULTS_TO_QUARANTINE` times
 * in a row as the first row — is set aside with status `quarantined` (kept, never deleted, with why and the
 * service's answer in `result.quarantine`) and an attention item, so the rest of the queue moves on.
 *
 * Held rows (our choice): later rows about the same case (or, for register changes without a case, the same
 * archive) depend on it — a decision needs its claim, a signing its letter — so they stay `pending` but are not
 * sent while it is set aside. Rows of other cases go on. Rows of the same case already answered in the same
 * batch as a refused row keep the service's answer (it decided them).
 *
 * An administrator then retries it (back to `pending` with what it held, at new `seq`s above every row ever
 * sent — the service refuses a seq not above the highest it recorded — keeping its id, so a row the service did
 * record in an answer that was lost is answered from that record; only a row whose refusal the service recorded
 * goes under a new id, since that id would be answered with the same refusal) or discards it (status
 * `discarded`, kept; settled like a refusal: its letters dropped and their numbers void; what it held is sent
 * and judged by the service). Both are audited in `staff_events` with the reason.
 */
export const FAULTS_TO_QUARANTINE = 3

/** Per-mutation rejection codes that set the row aside (the row, not the case, is at fault; PROTOCOL.md Push). */
export const QUARANTINE_CODES: readonly string[] = ['MALFORMED', 'MUTATION_TAKEN']

/** What the rows a set-aside row holds have in common with it: the case, else the archive (register changes). */
const subject = (t: string) => `coalesce(${t}.case_id, 'archive:' || json_extract(${t}.args, '$.archiveNumber'))`

/** SQL condition on `outbox`: the row is not held behind a set-aside row. */
export const NOT_HELD = `NOT EXISTS (SELECT 1 FROM outbox q WHERE q.status = 'quarantined' AND q.seq < outbox.seq AND ${subject('q')} = ${subject('outbox')})`

export type QuarantineCause =
  | { kind: 'refused'; result: MutationResult & { status: 'rejected' } }
  | { kind: 'malformed' | 'fault'; status: number; code: string; message: string; failures?: number }

interface QuarantineRecord {
  quarantine: { cause: QuarantineCause['kind']; at: string; reason: string; failures?: number; answer: QuarantinedItem['answer']; rejected?: unknown }
  decisions?: { kind: 'retried' | 'discarded'; reason: string; by: string; at: string }[]
  decision?: { kind: 'discarded'; reason: string; by: string; at: string }
  previousIds?: string[]
}

const trimEnd = (s: string): string => s.replace(/[。；;.\s]+$/u, '')

function why(cause: QuarantineCause): string {
  if (cause.kind === 'refused') return `交换服务认为此操作的数据有误（${trimEnd(cause.result.message)}）`
  if (cause.kind === 'malformed') return `交换服务拒收此操作（${cause.status}：${trimEnd(cause.message)}）`
  return `交换服务处理此操作时连续 ${cause.failures ?? FAULTS_TO_QUARANTINE} 次出错（${cause.status}：${trimEnd(cause.message)}）`
}

const caseTypeOf = (sql: Store['sqlite'], caseId: string | null): string | null =>
  caseId ? ((sql.prepare('SELECT type FROM cases WHERE id = ?').get(caseId) as { type: string } | undefined)?.type ?? null) : null

const labelOf = (sql: Store['sqlite'], row: Pick<OutboxRow, 'name' | 'args' | 'caseId'>) => mutationLabel(row.name, row.args, caseTypeOf(sql, row.caseId))

/** An attention item about a mutation, opened (again) with this message. */
function tell(sql: Store['sqlite'], row: Pick<OutboxRow, 'id' | 'caseId'>, code: string, message: string, at: string): void {
  sql
    .prepare(
      `INSERT INTO attention (case_id, mutation_id, code, message, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(mutation_id) DO UPDATE SET code = excluded.code, message = excluded.message, created_at = excluded.created_at, resolved_at = NULL, resolution = NULL`
    )
    .run(row.caseId, row.id, code, message, at)
}

/** Sets a pending row aside (the caller's transaction, or its own statement) and tells the clerk. */
export function quarantineRow(store: Store, row: OutboxRow, cause: QuarantineCause, now: Date): void {
  const sql = store.sqlite
  const at = now.toISOString()
  const answer: QuarantinedItem['answer'] =
    cause.kind === 'refused' ? { status: 'rejected', code: cause.result.code, message: cause.result.message } : { status: cause.status, code: cause.code, message: cause.message }
  const before = sql.prepare('SELECT result FROM outbox WHERE id = ?').get(row.id) as { result: string | null } | undefined
  const kept = before?.result ? (JSON.parse(before.result) as Partial<QuarantineRecord>) : {}
  const record: QuarantineRecord = {
    ...(kept.decisions ? { decisions: kept.decisions } : {}),
    ...(kept.previousIds ? { previousIds: kept.previousIds } : {}),
    quarantine: {
      cause: cause.kind,
      at,
      reason: why(cause),
      answer,
      ...(cause.kind === 'fault' ? { failures: cause.failures } : {}),
      ...(cause.kind === 'refused' ? { rejected: cause.result } : {})
    }
  }
  sql.transaction(() => {
    if (!sql.prepare("UPDATE outbox SET status = 'quarantined', result = ? WHERE id = ? AND status = 'pending'").run(JSON.stringify(record), row.id).changes) return
    const after = row.caseId || row.args.archiveNumber ? '；此业务之后的操作也暂不发送' : ''
    tell(sql, row, 'QUARANTINED', `${why(cause)}，已暂存，等待系统管理员处理${after}；您的“${labelOf(sql, row)}”暂未生效`, at)
    if (readFault(store)?.id === row.id) setState(store, 'pushFault', null)
  })()
}

/** The first row's consecutive server errors (sync_state `pushFault`): it is sent alone until it gets an answer. */
export function readFault(store: Store): { id: string; failures: number } | null {
  const raw = getState(store, 'pushFault')
  return raw ? (JSON.parse(raw) as { id: string; failures: number }) : null
}

/** One more server error of row `id` as the first row; answers how many in a row. */
export function noteFault(store: Store, id: string): number {
  const was = readFault(store)
  const failures = was?.id === id ? was.failures + 1 : 1
  setState(store, 'pushFault', JSON.stringify({ id, failures }))
  return failures
}

export const clearFault = (store: Store): void => setState(store, 'pushFault', null)

interface RawRow {
  seq: number
  id: string
  case_id: string | null
  name: string
  args: string
  base_version: number | null
  actor_id: number | null
  created_at: string
  result: string | null
}
const toRow = (r: RawRow): OutboxRow => ({ seq: r.seq, id: r.id, caseId: r.case_id, name: r.name, args: JSON.parse(r.args) as Record<string, unknown>, baseVersion: r.base_version })

/** The pending rows held behind a set-aside row, in seq order. */
function heldBehind(sql: Store['sqlite'], r: RawRow): number[] {
  const archive = (JSON.parse(r.args) as { archiveNumber?: unknown }).archiveNumber
  const key = r.case_id ?? (typeof archive === 'string' ? `archive:${archive}` : null)
  if (key === null) return []
  return (sql.prepare(`SELECT seq FROM outbox WHERE status = 'pending' AND seq > ? AND ${subject('outbox')} = ? ORDER BY seq`).all(r.seq, key) as { seq: number }[]).map((x) => x.seq)
}

function itemOf(sql: Store['sqlite'], r: RawRow): QuarantinedItem {
  const q = (JSON.parse(r.result ?? '{}') as Partial<QuarantineRecord>).quarantine
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_id ? ((sql.prepare('SELECT case_number FROM cases WHERE id = ?').get(r.case_id) as { case_number: string } | undefined)?.case_number ?? null) : null,
    label: labelOf(sql, toRow(r)),
    actorName: r.actor_id === null ? null : ((sql.prepare('SELECT display_name FROM staff WHERE id = ?').get(r.actor_id) as { display_name: string } | undefined)?.display_name ?? null),
    createdAt: r.created_at,
    quarantinedAt: q?.at ?? r.created_at,
    reason: q?.reason ?? '',
    answer: q?.answer ?? { status: 'rejected', code: 'UNKNOWN', message: '' },
    held: heldBehind(sql, r).length
  }
}

const COLUMNS = 'seq, id, case_id, name, args, base_version, actor_id, created_at, result'

/** Set-aside rows, oldest first, as the administrator's list shows them. */
export function listQuarantined(store: Store): QuarantinedItem[] {
  const sql = store.sqlite
  return (sql.prepare(`SELECT ${COLUMNS} FROM outbox WHERE status = 'quarantined' ORDER BY seq`).all() as RawRow[]).map((r) => itemOf(sql, r))
}

function requireQuarantined(sql: Store['sqlite'], id: string): RawRow {
  const r = sql.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ? AND status = 'quarantined'`).get(id) as RawRow | undefined
  if (!r) throw new DomainError('NOT_FOUND', '该暂存操作不存在或已处理')
  return r
}

/** The audit line: which case, what, whose, and the administrator's reason. */
function audit(sql: Store['sqlite'], r: RawRow, kind: 'outbox_retried' | 'outbox_discarded', reason: string, me: StaffSession, at: string): void {
  const item = itemOf(sql, r)
  const what = `${item.caseNumber ? `业务 ${item.caseNumber} 的` : ''}“${item.label}”（${item.actorName ?? '未记录经办人'}办理，操作编号 ${r.id}）`
  recordStaffEvent(sql, { at, actor: me, staffId: r.actor_id ?? me.id, kind, detail: `${what}；原因：${reason}` })
}

/** Puts a set-aside row back in the queue, with what it held, after every row ever sent. Answers the rows still set aside. */
export function retryQuarantined(store: Store, clock: Clock, id: string, reason: string, me: StaffSession): QuarantinedItem[] {
  const sql = store.sqlite
  const at = clock.now().toISOString()
  sql.transaction(() => {
    const r = requireQuarantined(sql, id)
    audit(sql, r, 'outbox_retried', reason, me, at)
    const record = JSON.parse(r.result ?? '{}') as QuarantineRecord
    // The service recorded its refusal under this id and would answer it again from the record: a new id.
    const newId = record.quarantine?.cause === 'refused' ? randomUUID() : r.id
    const { quarantine, ...rest } = record
    const next = {
      ...rest,
      lastQuarantine: quarantine,
      decisions: [...(record.decisions ?? []), { kind: 'retried', reason, by: me.displayName, at }],
      ...(newId === r.id ? {} : { previousIds: [...(record.previousIds ?? []), r.id] })
    }
    moveToEnd(sql, [r.seq, ...heldBehind(sql, r)])
    sql.prepare("UPDATE outbox SET status = 'pending', id = ?, result = ? WHERE id = ?").run(newId, JSON.stringify(next), r.id)
    sql.prepare("UPDATE attention SET resolved_at = ?, resolution = 'retried' WHERE mutation_id = ? AND resolved_at IS NULL").run(at, r.id)
    if (readFault(store)?.id === r.id) clearFault(store)
  })()
  return listQuarantined(store)
}

/**
 * Gives a set-aside row up: kept as `discarded` with the decision, settled like a refusal (its letters dropped,
 * numbers void), the clerk told; what it held goes back in the queue after every row sent (the service judges it).
 */
export function discardQuarantined(store: Store, clock: Clock, id: string, reason: string, me: StaffSession): QuarantinedItem[] {
  const sql = store.sqlite
  const now = clock.now()
  const at = now.toISOString()
  sql.transaction(() => {
    const r = requireQuarantined(sql, id)
    audit(sql, r, 'outbox_discarded', reason, me, at)
    const row = toRow(r)
    const record = JSON.parse(r.result ?? '{}') as QuarantineRecord
    const decision = { kind: 'discarded' as const, reason, by: me.displayName, at }
    sql
      .prepare("UPDATE outbox SET status = 'discarded', result = ? WHERE id = ?")
      .run(JSON.stringify({ ...record, decisions: [...(record.decisions ?? []), decision], decision }), r.id)
    settleRefusedLetter(sql, row, { id: r.id, seq: r.seq, status: 'rejected', code: 'DISCARDED', message: `系统管理员已放弃此操作（${reason}）` }, now)
    moveToEnd(sql, heldBehind(sql, r)) // what is still pending after the settling
    tell(sql, row, 'DISCARDED', `${me.displayName} 已放弃暂存的此操作（原因：${reason}）；您的“${labelOf(sql, row)}”未生效`, at)
  })()
  return listQuarantined(store)
}
