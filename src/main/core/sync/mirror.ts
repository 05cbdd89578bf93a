import type Database from 'better-sqlite3'
import type { Store } from '../store'
import { applyArchive } from '../archives/mirror'
import { prep } from './prepared'
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
 * Writes one case as the server has it (server state wins; pending local mutations stay queued in the
 * outbox and are not re-applied). Runs inside the caller's transaction.
 */
export function applySnapshot(sql: Database.Database, snap: Snapshot, now: Date): void {
  const { case: c, applicant: a } = snap
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
  } else prep(sql, 'DELETE FROM leases WHERE case_id = ?').run(c.id)

  const documentIds = applyDocuments(sql, snap, now)
  applyAttachments(sql, snap)

  prep(sql, 'DELETE FROM case_events WHERE case_id = ?').run(c.id)
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

/** Attachment metadata kept in step by content (row ids stay stable across pulls); bodies come later by hash. */
function applyAttachments(sql: Database.Database, snap: Snapshot): void {
  const caseId = snap.case.id
  const key = (r: { sha256: string; materialCode: string; fileName: string }) => `${r.sha256}|${r.materialCode}|${r.fileName}`
  const existing = (
    prep(sql, 'SELECT id, sha256, material_code, file_name FROM attachments WHERE case_id = ? ORDER BY id').all(caseId) as {
      id: number
      sha256: string
      material_code: string
      file_name: string
    }[]
  ).map((r) => ({ id: r.id, key: key({ sha256: r.sha256, materialCode: r.material_code, fileName: r.file_name }) }))
  const wanted = new Map(snap.attachments.map((a) => [key(a), a]))
  for (const r of existing) {
    if (wanted.has(r.key)) wanted.delete(r.key)
    else prep(sql, 'DELETE FROM attachments WHERE id = ?').run(r.id)
  }
  for (const a of wanted.values()) {
    stubBlob(sql, a.sha256, a.size)
    prep(sql, 'INSERT INTO attachments (case_id, material_code, file_name, mime, size, sha256) VALUES (?, ?, ?, ?, ?, ?)')
      .run(caseId, a.materialCode, a.fileName, a.mime, a.size, a.sha256)
  }
}

/** One page of changes in ONE transaction, with the cursor it brings (so a crash never skips or half-applies a page). */
export function applyPage(store: Store, page: PullPage, now: Date): void {
  store.sqlite.transaction(() => {
    for (const ch of page.changes) applySnapshot(store.sqlite, ch.snapshot, now)
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
