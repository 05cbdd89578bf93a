import { eq } from 'drizzle-orm'
import { archiveEffectOf, depositNote, drawsArchiveNumber, planArchiveEffect } from '../../../src/shared/domain/archive-effects'
import type { ActionDef } from '../../../src/shared/domain/case-type'
import { ARCHIVE_NUMBER, counterKey, formatArchiveNumber, parseArchiveNumber } from '../../../src/shared/domain/numbers'
import type { Staff } from '../auth/sessions'
import { nextCounter } from '../cases/repo'
import { schema, type Db } from '../db'
import { requireReserved } from '../sync/numbers'
import { Rejection } from '../sync/rejection'
import { appendArchiveChanges, archiveOfApplicant, insertCustody } from './repo'

export interface EffectContext {
  action: ActionDef
  /** The action's validated input. */
  input: Record<string, unknown>
  caseId: string
  applicantId: number
  staff: Staff
  now: Date
  today: string
  clientId: string
  /** The archive number the desk drew from its block (desks before number blocks send none: the server draws). */
  archiveNumber?: string
}

/**
 * What a case action records in the archive register, as on the desk (src/main/core/archives/effects.ts;
 * shared/domain/archive-effects.ts decides): status, custodian, shelf, the archive number on deposit, and a
 * chain-of-custody entry. Runs in the action's transaction; returns what the case event keeps.
 */
export async function applyArchiveEffect(tx: Db, ctx: EffectContext): Promise<{ archiveNumber?: string }> {
  const effect = archiveEffectOf(ctx.action, ctx.input)
  const numbers = drawsArchiveNumber(ctx.action, ctx.input)
  if (!numbers && ctx.archiveNumber) throw new Rejection('VALIDATION', `“${ctx.action.label}”不分配档案编号`)
  if (!effect && !numbers) return {}
  const before = await archiveOfApplicant(tx, ctx.applicantId)
  const plan = planArchiveEffect(effect ?? 'deposited', ctx.input, before ?? null)
  const archiveNumber = numbers ? await drawNumber(tx, ctx) : undefined
  const t = schema.archives
  const set = { ...plan.set, ...(archiveNumber ? { archiveNumber } : {}), updatedAt: ctx.now }
  let archiveId: number
  if (before) {
    archiveId = before.id
    await tx.update(t).set(set).where(eq(t.id, archiveId))
  } else {
    const [row] = await tx.insert(t).values({ applicantId: ctx.applicantId, status: 'not_in', ...set }).returning({ id: t.id })
    archiveId = row.id
  }
  await insertCustody(tx, {
    archiveId,
    at: ctx.now,
    ...plan.entry,
    note: plan.entry.note || (archiveNumber ? depositNote(archiveNumber) : ''),
    caseId: ctx.caseId,
    actorId: ctx.staff.id,
    actorName: ctx.staff.displayName
  })
  // Desks that mirror the holder's other cases (not this one) see the archive change too.
  await appendArchiveChanges(tx, ctx.applicantId, ctx.caseId)
  return archiveNumber ? { archiveNumber } : {}
}

/** 档案编号: the desk's, from one of its blocks and unused; or `D` + year + serial from the server's counter. */
async function drawNumber(tx: Db, ctx: EffectContext): Promise<string> {
  const fromDesk = ctx.archiveNumber
  if (!fromDesk) {
    const year = Number(ctx.today.slice(0, 4))
    return formatArchiveNumber(year, await nextCounter(tx, counterKey(ARCHIVE_NUMBER, year)))
  }
  await requireReserved(tx, ctx.clientId, parseArchiveNumber(fromDesk), fromDesk)
  const [used] = await tx.select({ id: schema.archives.id }).from(schema.archives).where(eq(schema.archives.archiveNumber, fromDesk))
  if (used) throw new Rejection('VALIDATION', `档案编号 ${fromDesk} 已被使用`)
  return fromDesk
}
