import type Database from 'better-sqlite3'
import { archiveEffectOf, depositNote, drawsArchiveNumber, planArchiveEffect } from '../../../shared/domain/archive-effects'
import type { ActionDef } from '../../../shared/domain/case-type'
import { ARCHIVE_NUMBER, formatArchiveNumber } from '../../../shared/domain/numbers'
import { nextNumber } from '../documents/numbering'
import { archiveOfApplicant, insertCustody } from './repo'

export interface EffectContext {
  action: ActionDef
  /** The action's validated input. */
  input: Record<string, unknown>
  caseId: string
  applicantId: number
  actorName: string
  /** The action's instant (ISO) and the office's today. */
  at: string
  today: string
}

/**
 * What a case action records in the archive register (shared/domain/archive-effects.ts decides, the
 * exchange service does the same): the archive's status, custodian and shelf, a new archive number when it
 * is deposited (drawn from the desk's counter or number block: never reused), and a chain-of-custody entry.
 * Runs inside the action's transaction; returns what the case event keeps (`archiveNumber`).
 */
export function applyArchiveEffect(sql: Database.Database, ctx: EffectContext): { archiveNumber?: string } {
  const effect = archiveEffectOf(ctx.action, ctx.input)
  const numbers = drawsArchiveNumber(ctx.action, ctx.input)
  if (!effect && !numbers) return {}
  const before = archiveOfApplicant(sql, ctx.applicantId)
  const current = before
    ? { status: before.status, archiveNumber: before.archive_number, shelfLocation: before.shelf_location, custodian: before.custodian }
    : null
  const plan = planArchiveEffect(effect ?? 'deposited', ctx.input, current)
  let archiveNumber: string | undefined
  if (numbers) {
    const year = Number(ctx.today.slice(0, 4))
    archiveNumber = formatArchiveNumber(year, nextNumber(sql, ARCHIVE_NUMBER, year))
  }
  const archiveId = before
    ? before.id
    : Number(sql.prepare("INSERT INTO archives (applicant_id, status, updated_at) VALUES (?, 'not_in', ?)").run(ctx.applicantId, ctx.at).lastInsertRowid)
  const set: Record<string, string | null> = {}
  if (plan.set.status !== undefined) set.status = plan.set.status
  if (plan.set.custodian !== undefined) set.custodian = plan.set.custodian
  if (plan.set.shelfLocation !== undefined) set.shelf_location = plan.set.shelfLocation
  if (archiveNumber) set.archive_number = archiveNumber
  const cols = Object.keys(set)
  sql.prepare(`UPDATE archives SET ${[...cols.map((c) => `${c} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ?`).run(...cols.map((c) => set[c]), ctx.at, archiveId)
  insertCustody(sql, {
    archiveId,
    at: ctx.at,
    ...plan.entry,
    note: plan.entry.note || (archiveNumber ? depositNote(archiveNumber) : ''),
    caseId: ctx.caseId,
    actorName: ctx.actorName
  })
  return archiveNumber ? { archiveNumber } : {}
}
