import type Database from 'better-sqlite3'
import { parseDocumentNumber } from '../../../shared/domain/numbers'
import { queueLetterMutation } from './lifecycle'

/**
 * Numbers drawn but never on a valid letter — a letter the exchange service refused, or one dropped
 * because its verification code was taken — are recorded with the reason (`number_voids`), so the number
 * ledger explains the gap; `number.void` tells the exchange service's ledger too.
 */
export function recordNumberVoid(
  sql: Database.Database,
  v: { counter: string; serial: number; reason: string; at: string; actorName?: string },
  push: { actorId: number | null } | null
): void {
  const inserted = sql
    .prepare('INSERT INTO number_voids (counter, serial, reason, at, actor_name) VALUES (?, ?, ?, ?, ?) ON CONFLICT(counter, serial) DO NOTHING')
    .run(v.counter, v.serial, v.reason, v.at, v.actorName ?? '').changes
  if (inserted && push) queueLetterMutation(sql, null, 'number.void', { counter: v.counter, serial: v.serial, reason: v.reason }, push.actorId)
}

export interface DropOptions {
  /** Why the letter never became valid (the ledger's reason for its number). */
  reason: string
  at: string
  /** Whether its number is now void: not when the exchange service gave that number to another letter. */
  voidNumber: boolean
  /** Queue `number.void` (under this desk staff id) — not for a number outside this desk's blocks. */
  push: { actorId: number | null } | null
}

/**
 * Removes a local letter that never went through (inside the caller's transaction): what was queued
 * about it (signing, voiding, prints) is settled as not applied, and its number recorded as void.
 */
export function dropLetter(sql: Database.Database, id: number, o: DropOptions): void {
  const d = sql.prepare('SELECT doc_type, number FROM issued_documents WHERE id = ?').get(id) as { doc_type: string; number: string } | undefined
  if (!d) return
  const result = JSON.stringify({ status: 'rejected', code: 'VALIDATION', message: `${d.number} 未被交换服务接受，此操作未生效`, local: true })
  sql
    .prepare("UPDATE outbox SET status = 'rejected', result = ? WHERE status = 'pending' AND name LIKE 'document.%' AND json_extract(args, '$.number') = ?")
    .run(result, d.number)
  sql.prepare('DELETE FROM issued_documents WHERE id = ?').run(id)
  const parsed = o.voidNumber ? parseDocumentNumber(d.doc_type, d.number) : null
  if (parsed) recordNumberVoid(sql, { ...parsed, reason: o.reason, at: o.at }, o.push)
}
