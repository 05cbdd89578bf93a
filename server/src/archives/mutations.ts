import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { archiveKey, archiveMoveFields, archiveUpdateFields, checkArchiveMove, checkArchiveUpdate, describeChanges } from '../../../src/shared/domain/archive'
import { registerRefusal } from '../../../src/shared/domain/staff'
import type { Staff } from '../auth/sessions'
import { type Clock, officeToday } from '../clock'
import { schema, type Db } from '../db'
import { checkInput } from '../errors'
import type { Applied } from '../sync/mutations'
import { Rejection } from '../sync/rejection'
import { appendArchiveChanges, archiveByKey, insertCustody } from './repo'

const moveArgs = archiveKey.extend(archiveMoveFields.shape)
const updateArgs = archiveKey.extend(archiveUpdateFields.shape)

export const ARCHIVE_MUTATIONS = ['archive.move', 'archive.update'] as const
const NAMES = ARCHIVE_MUTATIONS
export const isArchiveMutation = (name: string): name is (typeof NAMES)[number] => (NAMES as readonly string[]).includes(name)


function parse<S extends z.ZodType>(s: S, args: unknown): z.output<S> {
  const r = checkInput(s, args)
  if (!r.ok) throw new Rejection('VALIDATION', r.message)
  return r.value
}

/**
 * The register's own mutations (PROTOCOL.md, Push): `archive.move` (移架) and `archive.update` (修改存档信息),
 * by clerks and supervisors, checked by the same rules as on the desk, each with its custody entry, and
 * appended to the change log through the holder's cases so every desk pulls the new record.
 */
export async function applyArchiveMutation(tx: Db, clock: Clock, staff: Staff, name: (typeof NAMES)[number], args: unknown): Promise<Applied> {
  const refusal = registerRefusal(staff)
  if (refusal) throw new Rejection('FORBIDDEN', refusal)
  const now = clock.now()
  const t = schema.archives
  if (name === 'archive.move') {
    const a = parse(moveArgs, args)
    const { archive, applicantId } = await archiveByKey(tx, a)
    const { toShelf, kind } = checkArchiveMove(archive, a.toShelf)
    await tx.update(t).set({ shelfLocation: toShelf, updatedAt: now }).where(eq(t.id, archive.id))
    await insertCustody(tx, entry(archive.id, now, staff, { kind, fromPlace: archive.shelfLocation, toPlace: toShelf, note: a.note }))
    return applied(tx, applicantId)
  }
  const a = parse(updateArgs, args)
  const { archive, applicantId } = await archiveByKey(tx, a)
  const changes = checkArchiveUpdate(archive, a, officeToday(clock))
  // Another desk already made the same change: nothing to record.
  if (!changes.length) return applied(tx, applicantId)
  const values = Object.fromEntries(changes.map((c) => [c.field, c.to]))
  await tx.update(t).set({ ...values, updatedAt: now }).where(eq(t.id, archive.id))
  const note = describeChanges(changes) + (a.note ? `（${a.note}）` : '')
  await insertCustody(tx, entry(archive.id, now, staff, { kind: 'updated', fromPlace: null, toPlace: null, note }))
  return applied(tx, applicantId)
}

const entry = (archiveId: number, at: Date, staff: Staff, e: { kind: 'shelved' | 'moved' | 'updated'; fromPlace: string | null; toPlace: string | null; note: string }) => ({
  archiveId,
  at,
  ...e,
  trackingNumber: null,
  caseId: null,
  actorId: staff.id,
  actorName: staff.displayName
})

/** An archive has no version of its own: desks follow it through the pulled snapshots. */
async function applied(tx: Db, applicantId: number): Promise<Applied> {
  const { caseId, changeSeq } = await appendArchiveChanges(tx, applicantId)
  return { caseId, version: 0, changeSeq }
}
