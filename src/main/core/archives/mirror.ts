import type Database from 'better-sqlite3'
import { prep } from '../store/prepared'
import type { WireArchive } from './wire'

const UPSERT_FULL = `INSERT INTO archives (applicant_id, archive_number, status, category, employer, fees_paid_until, dismissal_date, shelf_location, custodian, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(applicant_id) DO UPDATE SET archive_number = excluded.archive_number, status = excluded.status, category = excluded.category,
  employer = excluded.employer, fees_paid_until = excluded.fees_paid_until, dismissal_date = excluded.dismissal_date,
  shelf_location = excluded.shelf_location, custodian = excluded.custodian, updated_at = excluded.updated_at
  RETURNING id`
const UPSERT_LEGACY = `INSERT INTO archives (applicant_id, archive_number, status) VALUES (?, ?, ?)
  ON CONFLICT(applicant_id) DO UPDATE SET archive_number = excluded.archive_number, status = excluded.status, updated_at = ?
  RETURNING id`
const INSERT_CUSTODY = `INSERT INTO archive_custody (archive_id, at, kind, from_place, to_place, tracking_number, case_id, actor_name, note)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

/**
 * The applicant's archive as the exchange service has it (server wins, like the case): the record, and its
 * chain of custody replaced by the server's. No archive there: what this desk holds for the applicant came
 * from actions the server never accepted, and goes. Runs inside the mirror's transaction.
 */
export function applyArchive(sql: Database.Database, applicantId: number, archive: WireArchive | null | undefined, now: Date): void {
  if (!archive) {
    const local = prep(sql, 'SELECT id FROM archives WHERE applicant_id = ?').get(applicantId) as { id: number } | undefined
    if (local) {
      prep(sql, 'DELETE FROM archive_custody WHERE archive_id = ?').run(local.id)
      prep(sql, 'DELETE FROM archives WHERE id = ?').run(local.id)
    }
    return
  }
  const archiveNumber = archive.archiveNumber ?? null
  // The number is the server's now: another local archive holding it never went through.
  if (archiveNumber) prep(sql, 'UPDATE archives SET archive_number = NULL WHERE archive_number = ? AND applicant_id <> ?').run(archiveNumber, applicantId)
  const { id } = (
    archive.category === undefined
      ? prep(sql, UPSERT_LEGACY).get(applicantId, archiveNumber, archive.status, now.toISOString())
      : prep(sql, UPSERT_FULL).get(applicantId, archiveNumber, archive.status, archive.category, archive.employer ?? null, archive.feesPaidUntil ?? null,
          archive.dismissalDate ?? null, archive.shelfLocation ?? null, archive.custodian ?? null, archive.updatedAt ?? now.toISOString())
  ) as { id: number }
  if (!archive.custody) return
  prep(sql, 'DELETE FROM archive_custody WHERE archive_id = ?').run(id)
  const insert = prep(sql, INSERT_CUSTODY)
  for (const e of archive.custody) {
    insert.run(id, e.at, e.kind, e.fromPlace ?? null, e.toPlace ?? null, e.trackingNumber ?? null, e.caseId ?? null, e.actor, e.note ?? '')
  }
}
