import type Database from 'better-sqlite3'
import type { Store } from '../store'
import { prep } from './prepared'
import { setState } from './state'
import { knownStaffId, localStaffId } from './staff'
import type { PullPage, Snapshot } from './wire'

/** A blob row without its body yet (zero-length `data`, see `blobs.ts`): the body is fetched lazily by hash. */
export const stubBlob = (sql: Database.Database, sha256: string, size: number): void => {
  prep(sql, "INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, x'')").run(sha256, size)
}

/** Ids of issued documents that pending `case.act` mutations still have to push. */
const pendingDocumentIds = (sql: Database.Database): Set<number> =>
  new Set(
    (
      prep(sql, "SELECT json_extract(args, '$.documentId') AS d FROM outbox WHERE status = 'pending' AND name = 'case.act' AND json_extract(args, '$.documentId') IS NOT NULL")
        .all() as { d: number }[]
    ).map((r) => r.d)
  )

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
const UPSERT_ARCHIVE = `INSERT INTO archives (applicant_id, archive_number, status) VALUES (?, ?, ?)
  ON CONFLICT(applicant_id) DO UPDATE SET archive_number = excluded.archive_number, status = excluded.status, updated_at = ?`
const UPSERT_CASE = `INSERT INTO cases (id, case_number, type, subtype, state, applicant_id, search_text, form, assignee_id, claimed_at, submitted_at,
  clock_started_on, deadline_on, version, round, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(id) DO UPDATE SET case_number = excluded.case_number, type = excluded.type, subtype = excluded.subtype,
  state = excluded.state, applicant_id = excluded.applicant_id, search_text = excluded.search_text, form = excluded.form,
  assignee_id = excluded.assignee_id, claimed_at = excluded.claimed_at, submitted_at = excluded.submitted_at,
  clock_started_on = excluded.clock_started_on, deadline_on = excluded.deadline_on, version = excluded.version,
  round = excluded.round, updated_at = excluded.updated_at`
const UPSERT_DOCUMENT = `INSERT INTO issued_documents (case_id, doc_type, number, verification_code, sha256, file_name, issued_by_id, issued_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(number) DO UPDATE SET case_id = excluded.case_id, doc_type = excluded.doc_type, verification_code = excluded.verification_code,
  sha256 = excluded.sha256, file_name = excluded.file_name, issued_by_id = excluded.issued_by_id, issued_at = excluded.issued_at
  RETURNING id`
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

  if (snap.archive) {
    const archiveNumber = snap.archive.archiveNumber ?? null
    if (archiveNumber) prep(sql, 'UPDATE archives SET archive_number = NULL WHERE archive_number = ? AND applicant_id <> ?').run(archiveNumber, applicantId)
    prep(sql, UPSERT_ARCHIVE).run(applicantId, archiveNumber, snap.archive.status, now.toISOString())
  } else {
    // An archive number given here by an action the server never accepted is not real.
    prep(sql, "UPDATE archives SET archive_number = NULL, status = 'not_in' WHERE applicant_id = ? AND archive_number IS NOT NULL").run(applicantId)
  }

  // The lease holder is the assignee while the lease runs; an expired claim shows as unclaimed.
  const leaseLive = !!c.assignee && !!c.leaseExpiresAt && new Date(c.leaseExpiresAt) > now
  const assigneeId = leaseLive && c.assignee ? localStaffId(sql, c.assignee) : null
  const lastClaim = [...snap.events].reverse().find((e) => e.action === 'claim')
  const updatedAt = snap.events.at(-1)?.at ?? c.submittedAt
  const searchText = [a.name, a.idNumber, a.mobile, c.caseNumber].join(' ')
  const claimedAt = assigneeId === null ? null : (lastClaim?.at ?? updatedAt)
  prep(sql, UPSERT_CASE).run(c.id, c.caseNumber, c.type, c.subtype, c.state, applicantId, searchText, JSON.stringify(c.form ?? {}), assigneeId,
    claimedAt, c.submittedAt, c.clockStartedOn ?? null, c.deadlineOn ?? null, c.version, c.round, updatedAt)

  if (leaseLive && typeof c.leaseToken === 'number') {
    prep(sql, UPSERT_LEASE).run(c.id, c.leaseToken, c.leaseExpiresAt)
  } else prep(sql, 'DELETE FROM leases WHERE case_id = ?').run(c.id)

  const documentIds = applyDocuments(sql, snap)
  applyAttachments(sql, snap)

  prep(sql, 'DELETE FROM case_events WHERE case_id = ?').run(c.id)
  const insertEvent = prep(sql, INSERT_EVENT)
  for (const e of snap.events) {
    const data = { ...((e.data ?? {}) as Record<string, unknown>) }
    // The event names the server's document id; the desk opens its own row of the same letter.
    if (typeof data.documentId === 'number') data.documentId = documentIds.get(data.documentId) ?? null
    const actorId = e.actorId === null || e.actorId === undefined ? null : localStaffId(sql, { id: e.actorId, name: e.actor })
    insertEvent.run(c.id, e.at, actorId, e.actor, e.action, e.fromState ?? null, e.toState ?? null, JSON.stringify(e.reasons ?? []), e.note ?? '', JSON.stringify(data))
  }
}

/** Upserts the case's letters by number; returns server document id → desk row id. */
function applyDocuments(sql: Database.Database, snap: Snapshot): Map<number, number> {
  const caseId = snap.case.id
  const pending = pendingDocumentIds(sql)
  const ids = new Map<number, number>()
  for (const d of snap.documents) {
    stubBlob(sql, d.sha256, 0)
    // The number is the server's now: a local letter of another case that still holds it never went through.
    const holder = prep(sql, 'SELECT id, case_id FROM issued_documents WHERE number = ? OR verification_code = ?').all(d.number, d.verificationCode) as { id: number; case_id: string }[]
    for (const h of holder.filter((h) => h.case_id !== caseId)) dropLocalDocument(sql, h.id, pending.has(h.id))
    const row = prep(sql, UPSERT_DOCUMENT).get(caseId, d.docType, d.number, d.verificationCode, d.sha256, d.fileName, knownStaffId(sql, d.issuedById), d.issuedAt) as { id: number }
    ids.set(d.id, row.id)
  }
  const keep = new Set([...ids.values(), ...pending])
  for (const r of prep(sql, 'SELECT id FROM issued_documents WHERE case_id = ?').all(caseId) as { id: number }[]) {
    if (!keep.has(r.id)) prep(sql, 'DELETE FROM issued_documents WHERE id = ?').run(r.id)
  }
  return ids
}

/**
 * A local letter whose number the server gave to another letter: removed. If its action is still
 * queued, that action is settled here as rejected (the server would refuse the number) with an attention item.
 */
function dropLocalDocument(sql: Database.Database, id: number, pending: boolean): void {
  if (pending) {
    const m = prep(sql, "SELECT id, case_id FROM outbox WHERE status = 'pending' AND name = 'case.act' AND json_extract(args, '$.documentId') = ?")
      .get(id) as { id: string; case_id: string | null }
    const message = '本机出具的文书编号已被其他窗口使用，此文书作废；您的办理未生效，请刷新后重新办理'
    prep(sql, "UPDATE outbox SET status = 'rejected', result = ? WHERE id = ?").run(JSON.stringify({ status: 'rejected', code: 'VALIDATION', message, local: true }), m.id)
    prep(sql, "INSERT INTO attention (case_id, mutation_id, code, message) VALUES (?, ?, 'VALIDATION', ?) ON CONFLICT(mutation_id) DO NOTHING").run(m.case_id, m.id, message)
  }
  prep(sql, 'DELETE FROM issued_documents WHERE id = ?').run(id)
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
      DELETE FROM archives WHERE applicant_id NOT IN (SELECT applicant_id FROM cases);
      DELETE FROM applicants WHERE id NOT IN (SELECT applicant_id FROM cases);`)
    setState(store, 'cursor', null)
  })()
}
