import { and, asc, eq, inArray } from 'drizzle-orm'
import type { ArchiveKey, CustodyKind } from '../../../src/shared/domain/archive'
import { schema, type Db } from '../db'
import { appendChange } from '../cases/repo'
import { Rejection } from '../sync/rejection'

export type ArchiveRow = typeof schema.archives.$inferSelect

export interface CustodyInsert {
  archiveId: number
  at: Date
  kind: CustodyKind
  fromPlace: string | null
  toPlace: string | null
  trackingNumber: string | null
  caseId: string | null
  actorId: number | null
  actorName: string
  note: string
}

/** The applicant's archive, locked for the rest of the transaction. */
export async function archiveOfApplicant(tx: Db, applicantId: number): Promise<ArchiveRow | undefined> {
  const [row] = await tx.select().from(schema.archives).where(eq(schema.archives.applicantId, applicantId)).for('update')
  return row
}

/** Appends to the chain of custody (`updated` is a kind the register adds to the schema's list; the column is plain text). */
export async function insertCustody(tx: Db, e: CustodyInsert): Promise<void> {
  await tx.insert(schema.archiveCustody).values({ ...e, kind: e.kind as (typeof schema.archiveCustody.$inferInsert)['kind'] })
}

/**
 * The archive a desk's mutation names (PROTOCOL.md: by its holder's ID type and number, the desk's row ids
 * being its own), locked; the archive number, when the desk knew one, must be the server's.
 */
export async function archiveByKey(tx: Db, key: ArchiveKey): Promise<{ archive: ArchiveRow; applicantId: number }> {
  const a = schema.applicants
  const [applicant] = await tx.select({ id: a.id }).from(a).where(and(eq(a.idType, key.idType), eq(a.idNumber, key.idNumber)))
  const archive = applicant ? await archiveOfApplicant(tx, applicant.id) : undefined
  if (!applicant || !archive) throw new Rejection('NOT_FOUND', `交换服务上没有该档案（${key.archiveNumber ?? key.idNumber}），可能尚未同步`)
  if (key.archiveNumber && archive.archiveNumber !== key.archiveNumber) {
    throw new Rejection('VERSION_CONFLICT', `档案编号已变更（现为 ${archive.archiveNumber ?? '无'}），您的操作未生效，请刷新后重试`)
  }
  return { archive, applicantId: applicant.id }
}

/**
 * The archive travels inside its holder's case snapshots: every case of the applicant goes into the change
 * log so each desk mirroring one of them pulls the new record (but `exceptCaseId`, whose action appends its
 * own). Returns a case id and the last change's seq.
 */
export async function appendArchiveChanges(tx: Db, applicantId: number, exceptCaseId?: string): Promise<{ caseId: string; changeSeq: number }> {
  const cases = await tx
    .select({ id: schema.cases.id, type: schema.cases.type })
    .from(schema.cases)
    .where(eq(schema.cases.applicantId, applicantId))
    .orderBy(asc(schema.cases.submittedAt))
  let changeSeq = 0
  for (const c of cases) if (c.id !== exceptCaseId) changeSeq = await appendChange(tx, c.id, c.type)
  return { caseId: cases.at(-1)?.id ?? '', changeSeq }
}

/** Custody entries of these archives, oldest first. */
export const custodyOf = (db: Db, archiveIds: number[]) =>
  archiveIds.length
    ? db.select().from(schema.archiveCustody).where(inArray(schema.archiveCustody.archiveId, archiveIds)).orderBy(asc(schema.archiveCustody.id))
    : Promise.resolve([] as (typeof schema.archiveCustody.$inferSelect)[])
