import { anyOf } from '../any-of'
import type { ArchiveCategory, ArchiveStatus, CustodyKind } from '../../../src/shared/domain/archive'
import { schema, type Db } from '../db'
import { custodyOf } from './repo'

/** The archive as a case snapshot carries it (PROTOCOL.md, Pull): the whole record and its chain of custody. */
export interface SnapshotArchive {
  archiveNumber: string | null
  status: ArchiveStatus
  category: ArchiveCategory
  employer: string | null
  feesPaidUntil: string | null
  dismissalDate: string | null
  shelfLocation: string | null
  custodian: string | null
  updatedAt: string
  custody: {
    at: string
    kind: CustodyKind
    fromPlace: string | null
    toPlace: string | null
    trackingNumber: string | null
    caseId: string | null
    actorId: number | null
    actor: string
    note: string
  }[]
}

/** The archives of these applicants with their custody chains, in two queries. */
export async function loadArchives(db: Db, applicantIds: number[]): Promise<Map<number, SnapshotArchive>> {
  const out = new Map<number, SnapshotArchive>()
  if (!applicantIds.length) return out
  const archives = await db.select().from(schema.archives).where(anyOf(schema.archives.applicantId, 'int4', applicantIds))
  const custody = await custodyOf(db, archives.map((a) => a.id))
  for (const a of archives) {
    out.set(a.applicantId, {
      archiveNumber: a.archiveNumber,
      status: a.status,
      category: a.category,
      employer: a.employer,
      feesPaidUntil: a.feesPaidUntil,
      dismissalDate: a.dismissalDate,
      shelfLocation: a.shelfLocation,
      custodian: a.custodian,
      updatedAt: a.updatedAt.toISOString(),
      custody: []
    })
  }
  const byId = new Map(archives.map((a) => [a.id, out.get(a.applicantId)!]))
  for (const e of custody) {
    byId.get(e.archiveId)?.custody.push({
      at: e.at.toISOString(),
      kind: e.kind as CustodyKind,
      fromPlace: e.fromPlace,
      toPlace: e.toPlace,
      trackingNumber: e.trackingNumber,
      caseId: e.caseId,
      actorId: e.actorId,
      actor: e.actorName,
      note: e.note
    })
  }
  return out
}
