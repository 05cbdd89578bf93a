import type Database from 'better-sqlite3'
import type { ArchiveCategory, ArchiveKey, ArchiveStatus, CustodyKind } from '../../../shared/domain/archive'
import { DomainError } from '../../../shared/result'

/** One `archives` row as SQLite has it. */
export interface ArchiveRow {
  id: number
  applicant_id: number
  archive_number: string | null
  status: ArchiveStatus
  category: ArchiveCategory
  employer: string | null
  fees_paid_until: string | null
  dismissal_date: string | null
  shelf_location: string | null
  custodian: string | null
  updated_at: string
}

export interface CustodyInsert {
  archiveId: number
  at: string
  kind: CustodyKind
  fromPlace: string | null
  toPlace: string | null
  trackingNumber: string | null
  caseId: string | null
  actorName: string
  note: string
}

export const archiveById = (sql: Database.Database, id: number): ArchiveRow | undefined =>
  sql.prepare('SELECT * FROM archives WHERE id = ?').get(id) as ArchiveRow | undefined

export const archiveOfApplicant = (sql: Database.Database, applicantId: number): ArchiveRow | undefined =>
  sql.prepare('SELECT * FROM archives WHERE applicant_id = ?').get(applicantId) as ArchiveRow | undefined

export function requireArchive(sql: Database.Database, id: number): ArchiveRow {
  const row = archiveById(sql, id)
  if (!row) throw new DomainError('NOT_FOUND', '找不到该档案，可能已被删除或尚未同步')
  return row
}

export function insertCustody(sql: Database.Database, e: CustodyInsert): void {
  sql
    .prepare(
      `INSERT INTO archive_custody (archive_id, at, kind, from_place, to_place, tracking_number, case_id, actor_name, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(e.archiveId, e.at, e.kind, e.fromPlace, e.toPlace, e.trackingNumber, e.caseId, e.actorName, e.note)
}

/** How the exchange service knows this archive: its number, and its holder's ID type and number. */
export function keyOf(sql: Database.Database, archive: ArchiveRow): ArchiveKey {
  const a = sql.prepare('SELECT id_type, id_number FROM applicants WHERE id = ?').get(archive.applicant_id) as { id_type: string; id_number: string }
  return { archiveNumber: archive.archive_number, idType: a.id_type, idNumber: a.id_number }
}
