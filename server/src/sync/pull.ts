import { and, asc, eq, gt, inArray, lte, max, notExists, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { type Access, caseTypesOf } from '../../../src/shared/domain/staff'
import { INITIAL_STAFF } from '../admin/records'
import { INITIAL_CALENDAR } from '../calendar/edit'
import { INITIAL_OFFICE } from '../office'
import { INITIAL_PROGRAMMES } from '../programmes'
import { loadSnapshots, type CaseSnapshot } from '../cases/snapshot'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { HttpError, parseInput } from '../errors'

/** The database's epoch and the versions desks follow (one read of server_meta per pull). */
async function serverMeta(db: Db): Promise<{ epoch: string; calendarVersion: string; officeVersion: string; programmesVersion: string; staffVersion: string }> {
  const rows = await db
    .select()
    .from(schema.serverMeta)
    .where(inArray(schema.serverMeta.key, ['epoch', 'calendarVersion', 'officeVersion', 'programmesVersion', 'staffVersion']))
  const value = (key: string) => rows.find((r) => r.key === key)?.value
  return {
    epoch: value('epoch')!,
    calendarVersion: value('calendarVersion') ?? INITIAL_CALENDAR,
    officeVersion: value('officeVersion') ?? INITIAL_OFFICE,
    programmesVersion: value('programmesVersion') ?? INITIAL_PROGRAMMES,
    staffVersion: value('staffVersion') ?? INITIAL_STAFF
  }
}

const pullQuery = z.object({
  cursor: z
    .string()
    .regex(/^(|[0-9a-f-]{36}:\d{1,18})$/, '游标格式应为 <epoch>:<seq>')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500)
})

export interface PullResult {
  cursor: string
  /** The office calendar's version: a desk holding another fetches `GET /sync/calendar`. */
  calendarVersion: string
  /** The office settings' version: a desk holding another fetches `GET /sync/office`. */
  officeVersion: string
  /** The joint-programme register's version: a desk holding another fetches `GET /sync/programmes`. */
  programmesVersion: string
  /** The staff directory's version: a desk holding another fetches `GET /sync/staff`. */
  staffVersion: string
  changes: { seq: number; caseId: string; snapshot: CaseSnapshot }[]
  more: boolean
}

/**
 * A page of the log: a case's latest change in (since, head], in seq order. Read along the log from the cursor
 * (its primary key), keeping a change only when no later change of its case (≤ head) follows — not grouped
 * over the whole rest of the log on every page, which made a first pull of N changes cost N²/limit.
 */
export function pageQuery(db: Db, since: number, headSeq: number, scopes: string[], limit: number) {
  const c = schema.changes
  const later = alias(c, 'later')
  const superseded = db
    .select({ one: sql`1` })
    .from(later)
    .where(and(eq(later.caseId, c.caseId), gt(later.seq, c.seq), lte(later.seq, headSeq), inArray(later.scope, scopes)))
  return db
    .select({ caseId: c.caseId, seq: c.seq })
    .from(c)
    .where(and(gt(c.seq, since), lte(c.seq, headSeq), inArray(c.scope, scopes), notExists(superseded)))
    .orderBy(asc(c.seq))
    .limit(limit)
}

/** The latest change per case since the cursor, in log order, of the case types the staff member works on (`caseTypesOf`). */
export async function pull(db: Db, access: Access, cursor: string | undefined, limit: number): Promise<PullResult> {
  const { epoch, ...versions } = await serverMeta(db)
  const [head] = await db.select({ seq: max(schema.changes.seq) }).from(schema.changes)
  const headSeq = Number(head?.seq ?? 0)
  let since = 0
  if (cursor) {
    const [cursorEpoch, seq] = cursor.split(':')
    since = Number(seq)
    if (cursorEpoch !== epoch) throw new HttpError(409, 'RESYNC', '交换服务的数据已恢复或重建，请重新同步全部业务（本机待上传的操作会保留）')
    if (since > headSeq) throw new HttpError(409, 'RESYNC', '同步游标超出了交换服务的记录，请重新同步全部业务（本机待上传的操作会保留）')
  }
  const scopes = caseTypesOf(access)
  if (!scopes.length) return { cursor: `${epoch}:${headSeq}`, ...versions, changes: [], more: false }
  const rows = await pageQuery(db, since, headSeq, scopes, limit + 1)
  const more = rows.length > limit
  const page = rows.slice(0, limit).map((r) => ({ caseId: r.caseId, seq: Number(r.seq) }))
  const snapshots = await loadSnapshots(
    db,
    page.map((r) => r.caseId)
  )
  return {
    cursor: `${epoch}:${more ? page[page.length - 1].seq : headSeq}`,
    ...versions,
    changes: page.map((r) => ({ seq: r.seq, caseId: r.caseId, snapshot: snapshots.get(r.caseId)! })),
    more
  }
}

export function registerPull(app: FastifyInstance, ctx: AppContext): void {
  app.get('/sync/pull', async (req) => {
    const q = parseInput(pullQuery, req.query)
    return pull(ctx.sdb.db, req.staff!, q.cursor, q.limit)
  })
}
