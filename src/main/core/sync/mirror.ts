import type Database from 'better-sqlite3'
import type { Store } from '../store'
import { applyArchive } from '../archives/mirror'
import { withSearchBatch } from '../cases/search-batch'
import { prep } from '../store/prepared'
import { setState } from './state'
import { localStaffId } from './staff'
import { applyDocuments, pendingDocumentIds, stubBlob } from './mirror-documents'
import type { PullPage, Snapshot } from './wire'

export { stubBlob }

const UPSERT_APPLICANT = `INSERT INTO applicants (name, sex, nationality, id_type, id_number, id_valid_from, id_valid_to, birth_date, ethnicity, political_status,
  marital_status, fertility_status, household_region, mobile, email, contact_name, contact_mobile, passport_number)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(id_type, id_number) DO UPDATE SET name = excluded.name, sex = excluded.sex, nationality = excluded.nationality,
  id_valid_from = excluded.id_valid_from, id_valid_to = excluded.id_valid_to, birth_date = excluded.birth_date,
  ethnicity = excluded.ethnicity, political_status = excluded.political_status, marital_status = excluded.marital_status,
  fertility_status = excluded.fertility_status, household_region = excluded.household_region, mobile = excluded.mobile,
  email = excluded.email, contact_name = excluded.contact_name, contact_mobile = excluded.contact_mobile,
  passport_number = excluded.passport_number
  RETURNING id`
const UPSERT_CASE = `INSERT INTO cases (id, case_number, type, subtype, state, applicant_id, search_text, form, assignee_id, claimed_at, submitted_at,
  clock_started_on, clock_days, deadline_on, version, round, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(id) DO UPDATE SET case_number = excluded.case_number, type = excluded.type, subtype = excluded.subtype,
  state = excluded.state, applicant_id = excluded.applicant_id, search_text = excluded.search_text, form = excluded.form,
  assignee_id = excluded.assignee_id, claimed_at = excluded.claimed_at, submitted_at = excluded.submitted_at,
  clock_started_on = excluded.clock_started_on, clock_days = excluded.clock_days, deadline_on = excluded.deadline_on, version = excluded.version,
  round = excluded.round, updated_at = excluded.updated_at`
const UPSERT_LEASE = `INSERT INTO leases (case_id, lease_token, expires_at) VALUES (?, ?, ?)
  ON CONFLICT(case_id) DO UPDATE SET lease_token = excluded.lease_token, expires_at = excluded.expires_at`
const INSERT_EVENT = `INSERT INTO case_events (case_id, at, actor_id, actor_name, action, from_state, to_state, reasons, note, data)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

/**
 * What the snapshots of one transaction share: the letters pending outbox rows still push (the outbox does
 * not change within the mirror's transaction, so it is read once per slice, not once per case).
 */
export interface ApplyContext {
  pending: Set<number>
}
export const applyContext = (sql: Database.Database): ApplyContext => ({ pending: pendingDocumentIds(sql) })

/**
 * Writes one case as the server has it (server state wins; pending local mutations stay queued in the
 * outbox and are not re-applied). Runs inside the caller's transaction. A case new to this desk has no
 * rows under it yet (foreign keys): nothing of it is looked up or deleted first.
 */
export function applySnapshot(sql: Database.Database, snap: Snapshot, now: Date, ctx: ApplyContext = applyContext(sql)): void {
  const { case: c, applicant: a } = snap
  const known = prep(sql, 'SELECT 1 FROM cases WHERE id = ?').get(c.id) !== undefined
  const applicantId = (
    prep(sql, UPSERT_APPLICANT).get(a.name, a.sex, a.nationality, a.idType, a.idNumber, a.idValidFrom ?? null, a.idValidTo ?? null,
      a.birthDate, a.ethnicity, a.politicalStatus, a.maritalStatus, a.fertilityStatus, a.householdRegion, a.mobile, a.email,
      a.contactName, a.contactMobile, a.passportNumber) as { id: number }
  ).id

  // The archive record and its chain of custody, as the server has them (archives/mirror.ts).
  applyArchive(sql, applicantId, snap.archive, now)

  // The lease holder is the assignee while the lease runs; an expired claim shows as unclaimed.
  const leaseLive = !!c.assignee && !!c.leaseExpiresAt && new Date(c.leaseExpiresAt) > now
  const assigneeId = leaseLive && c.assignee ? localStaffId(sql, c.assignee) : null
  const lastClaim = [...snap.events].reverse().find((e) => e.action === 'claim')
  const updatedAt = snap.events.at(-1)?.at ?? c.submittedAt
  const searchText = [a.name, a.idNumber, a.mobile, c.caseNumber].join(' ')
  const claimedAt = assigneeId === null ? null : (lastClaim?.at ?? updatedAt)
  prep(sql, UPSERT_CASE).run(c.id, c.caseNumber, c.type, c.subtype, c.state, applicantId, searchText, JSON.stringify(c.form ?? {}), assigneeId,
    claimedAt, c.submittedAt, c.clockStartedOn ?? null, c.clockDays ?? null, c.deadlineOn ?? null, c.version, c.round, updatedAt)

  if (leaseLive && typeof c.leaseToken === 'number') {
    prep(sql, UPSERT_LEASE).run(c.id, c.leaseToken, c.leaseExpiresAt)
  } else if (known) prep(sql, 'DELETE FROM leases WHERE case_id = ?').run(c.id)

  const documentIds = snap.documents.length || known ? applyDocuments(sql, snap, now, ctx.pending) : new Map<number, number>()
  applyAttachments(sql, snap, known)

  if (known) prep(sql, 'DELETE FROM case_events WHERE case_id = ?').run(c.id)
  const insertEvent = prep(sql, INSERT_EVENT)
  for (const e of snap.events) {
    const data = { ...((e.data ?? {}) as Record<string, unknown>) }
    // The event names the server's document id; the desk opens its own row of the same letter.
    if (typeof data.documentId === 'number') data.documentId = documentIds.get(data.documentId) ?? null
    if (Array.isArray(data.documentIds)) data.documentIds = data.documentIds.map((d: unknown) => (typeof d === 'number' ? (documentIds.get(d) ?? null) : null))
    const actorId = e.actorId === null || e.actorId === undefined ? null : localStaffId(sql, { id: e.actorId, name: e.actor })
    insertEvent.run(c.id, e.at, actorId, e.actor, e.action, e.fromState ?? null, e.toState ?? null, JSON.stringify(e.reasons ?? []), e.note ?? '', JSON.stringify(data))
  }
}

/** The attachments as `[materialCode, fileName, mime, size, sha256]` rows, each content once (the JSON the statements below read). */
const attachmentRows = (snap: Snapshot): string => {
  const seen = new Set<string>()
  const rows: [string, string, string, number, string][] = []
  for (const a of snap.attachments) {
    const key = `${a.sha256}|${a.materialCode}|${a.fileName}`
    if (seen.has(key)) continue
    seen.add(key)
    rows.push([a.materialCode, a.fileName, a.mime, a.size, a.sha256])
  }
  return JSON.stringify(rows)
}
// `+`: the case's own rows are found by attachments_case, never by a file many cases share (attachments_sha256).
const SAME_CONTENT = `j.value->>4 = +attachments.sha256 AND j.value->>0 = attachments.material_code AND j.value->>1 = attachments.file_name`
/** Body stubs of the files (bodies come later by hash, blobs.ts). */
const STUB_BLOBS = `INSERT OR IGNORE INTO blobs (sha256, size, data) SELECT j.value->>4, j.value->>3, x'' FROM json_each(?) j`
const DROP_GONE = `DELETE FROM attachments WHERE case_id = ? AND NOT EXISTS (SELECT 1 FROM json_each(?) j WHERE ${SAME_CONTENT})`
const INSERT_ALL = `INSERT INTO attachments (case_id, material_code, file_name, mime, size, sha256)
  SELECT @case, j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4 FROM json_each(@rows) j`
const INSERT_NEW = `${INSERT_ALL} WHERE NOT EXISTS (SELECT 1 FROM attachments WHERE case_id = @case AND ${SAME_CONTENT}) ORDER BY j.key`

/**
 * Attachment metadata kept in step by content (row ids stay stable across pulls); bodies come later by hash.
 * Set-based: a few statements per case whatever its number of files, none for a case that has none.
 */
function applyAttachments(sql: Database.Database, snap: Snapshot, known: boolean): void {
  if (!snap.attachments.length && !known) return
  const rows = attachmentRows(snap)
  if (known) prep(sql, DROP_GONE).run(snap.case.id, rows)
  if (!snap.attachments.length) return
  prep(sql, STUB_BLOBS).run(rows)
  prep(sql, known ? INSERT_NEW : `${INSERT_ALL} ORDER BY j.key`).run({ case: snap.case.id, rows })
}

/** One page of changes in ONE transaction, with the cursor it brings (so a crash never skips or half-applies a page). */
export function applyPage(store: Store, page: PullPage, now: Date): void {
  store.sqlite.transaction(() => {
    const ctx = applyContext(store.sqlite)
    withSearchBatch(store.sqlite, () => {
      for (const ch of page.changes) applySnapshot(store.sqlite, ch.snapshot, now, ctx)
    })
    setState(store, 'cursor', page.cursor)
  })()
}

/**
 * Empties the mirror for a rebuild from `cursor=` (409 RESYNC). The outbox and blobs stay; so do the
 * cases the outbox refers to (a foreign key) and the letters pending mutations still push — the
 * fresh pull overwrites them.
 */
export function clearMirror(store: Store): void {
  const sql = store.sqlite
  sql.transaction(() => {
    const pending = [...pendingDocumentIds(sql)]
    sql.exec('DELETE FROM leases; DELETE FROM case_events; DELETE FROM attachments;')
    prep(sql, `DELETE FROM issued_documents WHERE id NOT IN (SELECT value FROM json_each(?))`).run(JSON.stringify(pending))
    sql.exec(`DELETE FROM cases WHERE id NOT IN (SELECT case_id FROM outbox WHERE case_id IS NOT NULL) AND id NOT IN (SELECT case_id FROM issued_documents);
      DELETE FROM archive_custody WHERE archive_id IN (SELECT id FROM archives WHERE applicant_id NOT IN (SELECT applicant_id FROM cases));
      DELETE FROM archives WHERE applicant_id NOT IN (SELECT applicant_id FROM cases);
      DELETE FROM applicants WHERE id NOT IN (SELECT applicant_id FROM cases);`)
    for (const key of ['cursor', 'otherCursors'] as const) setState(store, key, null)
  })()
}
