import type Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import type { DocumentStatus } from '../../../shared/api/documents'
import type { StaffSession } from '../../../shared/api/types'
import { DOCUMENT_LABEL } from '../../../shared/domain/numbers'
import type { OfficeInfo } from '../../../shared/domain/office'
import { DomainError } from '../../../shared/result'
import type { Clock } from '../clock'
import type { Store } from '../store'
import { prep } from '../store/prepared'
import { requireDeskClock } from '../sync/clock-offset'
import type { SigningKey } from './cms'
import { fontsDir } from './fonts'
import type { LetterTask, WarmUpTask } from './letter-worker'
import type { BatchKey, SignatureInfo } from './sign'
import { letterTemplate, TEMPLATES } from './templates'

/**
 * A letter's life after an action drafted it: a supervisor signs it (the final letter — sealed, digitally
 * signed — rendered from the same stored data as the draft) or voids it, with a reason. Each change is one
 * transaction of the letter's row, an event on its case and an outbox mutation (`document.sign`,
 * `document.void`; PROTOCOL.md) — the case itself does not change (no version bump: no clerk's queued
 * decision is refused because a letter of the case was signed).
 */
export interface LetterRow {
  id: number
  case_id: string
  doc_type: string
  number: string
  verification_code: string
  sha256: string
  file_name: string
  status: DocumentStatus
  data: string | null
  signed_sha256: string | null
  signed_at: string | null
  issued_at: string
}

export const docLabel = (docType: string): string => (DOCUMENT_LABEL as Record<string, string>)[docType] ?? '文书'

export function getLetter(sql: Database.Database, id: number): LetterRow {
  const row = prep(
    sql,
    'SELECT id, case_id, doc_type, number, verification_code, sha256, file_name, status, data, signed_sha256, signed_at, issued_at FROM issued_documents WHERE id = ?'
  ).get(id) as LetterRow | undefined
  if (!row) throw new DomainError('NOT_FOUND', '找不到该文书，可能已被删除或作废重出')
  return row
}

const STATUS_WORD: Record<DocumentStatus, string> = { draft: '草稿', issued: '已签章', void: '已作废', revoked: '已撤销' }

/** A letter that is not a draft any more cannot be signed. */
function requireDraft(d: LetterRow): void {
  if (d.status === 'draft') return
  if (d.status === 'issued') throw new DomainError('ILLEGAL_TRANSITION', `${d.number} 已签章，无需再次签章`)
  throw new DomainError('ILLEGAL_TRANSITION', `${d.number} ${STATUS_WORD[d.status]}，不能签章`)
}

/** The case event a letter's change leaves (the case's history shows it). */
export function appendLetterEvent(sql: Database.Database, d: LetterRow, at: string, me: StaffSession, action: string, note: string, extra: Record<string, unknown> = {}): void {
  prep(sql, 'INSERT INTO case_events (case_id, at, actor_id, actor_name, action, note, data) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    d.case_id, at, me.id, me.displayName, action, note, JSON.stringify({ documentId: d.id, number: d.number, ...extra })
  )
}

/** An outbox mutation about a letter (pushed under the actor's own session, like the case service's). */
export function queueLetterMutation(sql: Database.Database, caseId: string | null, name: string, args: Record<string, unknown>, actorId: number | null): void {
  prep(sql, 'INSERT INTO outbox (id, case_id, name, args, base_version, actor_id) VALUES (?, ?, ?, ?, NULL, ?)').run(randomUUID(), caseId, name, JSON.stringify(args), actorId)
}

export interface SignContext {
  store: Store
  clock: Clock
  office: () => OfficeInfo
}

/** A draft checked for signing, with what renders, seals and signs it (letter-worker.ts: in the letter pool). */
export interface DraftToSign {
  letter: LetterRow
  task: LetterTask
}

/**
 * Checks a draft for signing and says how to render its final letter from its stored data, signed with the
 * office key at the clock's time now. Refused (for this letter only) when it is not a draft or has no data.
 */
export function draftToSign(ctx: SignContext, id: number, key: BatchKey): DraftToSign {
  requireDeskClock(ctx.store.sqlite) // signed at the service's time: not from a desk whose clock is off
  const d = getLetter(ctx.store.sqlite, id)
  requireDraft(d)
  if (!d.data) throw new DomainError('VALIDATION', `${d.number} 由早期版本生成，未保存生成正式文书所需的数据，无法签章；请作废后重新出具`)
  try {
    letterTemplate(d.doc_type)
  } catch {
    throw new DomainError('VALIDATION', `没有“${docLabel(d.doc_type)}”的文书模板，无法签章`)
  }
  const signature = signatureOf(ctx.office(), d, key.signerName)
  const task: LetterTask = { docType: d.doc_type, data: d.data, signature, signedAt: ctx.clock.now().getTime(), key: signingKeyOf(key), fontsDir: fontsDir() }
  return { letter: d, task }
}

/** What a letter's signature dictionary says: the signer (the certificate's name, else the office), the letter, where. */
const signatureOf = (office: OfficeInfo, d: Pick<LetterRow, 'doc_type' | 'number'>, signerName: string): SignatureInfo => ({
  name: signerName || office.name,
  reason: `${docLabel(d.doc_type)} ${d.number}`,
  location: office.address,
  contactInfo: office.phone
})

/** The draft `id` as the letter pool will render it, for its threads to get ready with (none when it cannot be signed). */
export function letterToWarm(ctx: SignContext, id: number): WarmUpTask['letter'] {
  const d = prep(ctx.store.sqlite, "SELECT doc_type, number, data FROM issued_documents WHERE id = ? AND status = 'draft' AND data IS NOT NULL").get(id) as
    | Pick<LetterRow, 'doc_type' | 'number' | 'data'>
    | undefined
  if (!d?.data || !Object.hasOwn(TEMPLATES, d.doc_type)) return undefined
  return { docType: d.doc_type, data: d.data, signature: signatureOf(ctx.office(), d, '') }
}

/** Only what signing needs crosses to a worker thread (not node-forge's view of the certificates). */
const signingKeyOf = ({ id, privateKey, certificates }: BatchKey): SigningKey => ({ id, privateKey, certificates })

/** Stores a signed letter (one transaction): the letter is then `issued`, with an event and a push. */
export function storeSignedLetter(ctx: SignContext, draft: DraftToSign, signed: { pdf: Buffer; sha256: string }, me: StaffSession): void {
  const sql = ctx.store.sqlite
  const { letter: d } = draft
  const at = new Date(draft.task.signedAt).toISOString()
  sql.transaction(() => {
    // Voided (or signed by a pull) while this letter was being rendered: nothing is stored.
    requireDraft(getLetter(sql, d.id))
    prep(sql, 'INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)').run(signed.sha256, signed.pdf.length, signed.pdf)
    prep(sql, "UPDATE issued_documents SET status = 'issued', signed_sha256 = ?, signed_at = ?, signed_by_id = ? WHERE id = ?").run(signed.sha256, at, me.id, d.id)
    appendLetterEvent(sql, d, at, me, 'document_signed', `签章：${docLabel(d.doc_type)} ${d.number}`)
    queueLetterMutation(sql, d.case_id, 'document.sign', { number: d.number, signedSha256: signed.sha256, signedAt: at }, me.id)
  })()
}

/** Voids a draft or a signed letter, with the reason; a voided letter is never signed or printed again. */
export function voidLetter(ctx: { store: Store; clock: Clock }, id: number, reason: string, me: StaffSession): void {
  const sql = ctx.store.sqlite
  requireDeskClock(sql)
  const at = ctx.clock.now().toISOString()
  sql.transaction(() => {
    const d = getLetter(sql, id)
    if (d.status === 'void' || d.status === 'revoked') throw new DomainError('ILLEGAL_TRANSITION', `${d.number} ${STATUS_WORD[d.status]}，不能再作废`)
    sql.prepare("UPDATE issued_documents SET status = 'void', voided_at = ?, voided_by_id = ?, void_reason = ? WHERE id = ?").run(at, me.id, reason, id)
    appendLetterEvent(sql, d, at, me, 'document_voided', `作废：${docLabel(d.doc_type)} ${d.number}（${reason}）`, { reason })
    queueLetterMutation(sql, d.case_id, 'document.void', { number: d.number, reason, at }, me.id)
  })()
}
