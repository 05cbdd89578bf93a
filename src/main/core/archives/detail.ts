import type Database from 'better-sqlite3'
import type { ArchiveDetail } from '../../../shared/api/archives'
import type { StaffSession } from '../../../shared/api/types'
import { CUSTODY_KIND_LABEL, type CustodyKind } from '../../../shared/domain/archive'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { inScope } from '../../../shared/domain/staff'
import { usesNumberBlocks } from '../documents/numbering'
import { keyOf, requireArchive } from './repo'

/**
 * Register changes of this archive still waiting in the outbox (not yet confirmed by the exchange service);
 * 0 on a desk that has never worked with one (nothing there waits for anything).
 */
export function pendingArchiveMutations(sql: Database.Database, key: { idType: string; idNumber: string }): number {
  if (!usesNumberBlocks(sql)) return 0
  return (
    sql
      .prepare(
        `SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND name LIKE 'archive.%'
         AND json_extract(args, '$.idType') = ? AND json_extract(args, '$.idNumber') = ?`
      )
      .get(key.idType, key.idNumber) as { n: number }
  ).n
}

/** 档案查询's detail: the full record (unmasked, for the keeper), the chain of custody and the holder's cases. */
export function getArchiveDetail(sql: Database.Database, id: number, me: StaffSession): ArchiveDetail {
  const ar = requireArchive(sql, id)
  const a = sql.prepare('SELECT id, name, sex, id_type, id_number, birth_date, mobile FROM applicants WHERE id = ?').get(ar.applicant_id) as {
    id: number
    name: string
    sex: 'male' | 'female'
    id_type: string
    id_number: string
    birth_date: string
    mobile: string
  }
  const custody = sql
    .prepare(
      `SELECT e.id, e.at, e.kind, e.from_place, e.to_place, e.tracking_number, e.case_id, c.case_number, e.actor_name, e.note
       FROM archive_custody e LEFT JOIN cases c ON c.id = e.case_id WHERE e.archive_id = ? ORDER BY e.id`
    )
    .all(id) as {
    id: number
    at: string
    kind: CustodyKind
    from_place: string | null
    to_place: string | null
    tracking_number: string | null
    case_id: string | null
    case_number: string | null
    actor_name: string
    note: string
  }[]
  const cases = sql
    .prepare('SELECT id, case_number, type, subtype, state, submitted_at FROM cases WHERE applicant_id = ? ORDER BY submitted_at DESC')
    .all(ar.applicant_id) as { id: string; case_number: string; type: string; subtype: string; state: string; submitted_at: string }[]
  return {
    id: ar.id,
    archiveNumber: ar.archive_number,
    status: ar.status,
    category: ar.category,
    employer: ar.employer,
    feesPaidUntil: ar.fees_paid_until,
    dismissalDate: ar.dismissal_date,
    shelfLocation: ar.shelf_location,
    custodian: ar.custodian,
    updatedAt: ar.updated_at,
    applicant: { id: a.id, name: a.name, sex: a.sex, idType: a.id_type, idNumber: a.id_number, birthDate: a.birth_date, mobile: a.mobile },
    custody: custody.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      kindLabel: CUSTODY_KIND_LABEL[e.kind] ?? e.kind,
      fromPlace: e.from_place,
      toPlace: e.to_place,
      trackingNumber: e.tracking_number,
      caseId: e.case_id,
      caseNumber: e.case_number,
      actor: e.actor_name,
      note: e.note
    })),
    // The holder's cases this account works on (the others are not shown at all).
    cases: cases
      .filter((c) => !!caseTypeDef(c.type) && inScope(me, c.type))
      .map((c) => ({ id: c.id, caseNumber: c.case_number, type: c.type, subtype: c.subtype, state: c.state, submittedAt: c.submitted_at, canOpen: true })),
    pendingSync: pendingArchiveMutations(sql, keyOf(sql, ar))
  }
}
