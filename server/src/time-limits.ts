import { randomUUID } from 'node:crypto'
import { eq, inArray } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { DEFAULT_TIME_LIMITS, timeLimits as timeLimitsSchema } from '../../src/shared/domain/certification-deadlines'
import { TIME_LIMIT_KEEPERS, type TimeLimitsView, timeLimitsInput, timeLimitsMessage } from '../../src/shared/domain/time-limits-input'
import type { Staff } from './auth/sessions'
import type { AppContext } from './context'
import { schema, type Db } from './db'
import { HttpError } from './errors'
import { INITIAL_OFFICE } from './office'

/**
 * The certification time-limit table 认证工作时限分类表, kept with the office settings in `server_meta`
 * (`timeLimits`: JSON of {limits, updatedAt, updatedBy}) and versioned with them: a save gives
 * `officeVersion` a new value, so every desk's next pull fetches it. Supervisors and administrators edit it.
 */
const parse = (value: string | undefined): Omit<TimeLimitsView, never> => {
  if (value) {
    const stored = JSON.parse(value) as Partial<TimeLimitsView>
    const limits = timeLimitsSchema.safeParse(stored.limits)
    if (limits.success) return { limits: limits.data, updatedAt: stored.updatedAt ?? null, updatedBy: stored.updatedBy ?? null }
  }
  return { limits: structuredClone(DEFAULT_TIME_LIMITS), updatedAt: null, updatedBy: null }
}

/** The table (the defaults when never saved). */
export async function loadTimeLimits(db: Db): Promise<TimeLimitsView> {
  const [row] = await db.select({ value: schema.serverMeta.value }).from(schema.serverMeta).where(eq(schema.serverMeta.key, 'timeLimits'))
  return parse(row?.value)
}

/** The table with the office version it belongs to (what `GET /sync/time-limits` answers). */
export async function timeLimitsWithVersion(db: Db): Promise<TimeLimitsView & { version: string }> {
  const rows = await db.select().from(schema.serverMeta).where(inArray(schema.serverMeta.key, ['timeLimits', 'officeVersion']))
  const value = (key: string) => rows.find((r) => r.key === key)?.value
  return { version: value('officeVersion') ?? INITIAL_OFFICE, ...parse(value('timeLimits')) }
}

const body = z.object({ limits: z.unknown() })

/** Replaces the table (supervisors, administrators): checked row by row, a duplicate country/institution refused. */
export async function saveTimeLimits(tx: Db, staff: Staff, raw: unknown, now: Date): Promise<TimeLimitsView & { version: string }> {
  if (!TIME_LIMIT_KEEPERS.includes(staff.role)) throw new HttpError(403, 'FORBIDDEN', '只有科长或系统管理员可以修改认证工作时限表')
  const outer = body.safeParse(raw)
  const parsed = timeLimitsInput.safeParse(outer.success ? outer.data.limits : undefined)
  if (!parsed.success) throw new HttpError(400, 'VALIDATION', timeLimitsMessage(parsed.error))
  const view: TimeLimitsView = { limits: parsed.data, updatedAt: now.toISOString(), updatedBy: staff.displayName }
  const version = randomUUID()
  for (const [key, value] of [['timeLimits', JSON.stringify(view)], ['officeVersion', version]]) {
    await tx.insert(schema.serverMeta).values({ key, value }).onConflictDoUpdate({ target: schema.serverMeta.key, set: { value } })
  }
  return { version, ...view }
}

export function registerTimeLimits(app: FastifyInstance, ctx: AppContext): void {
  app.get('/sync/time-limits', async () => timeLimitsWithVersion(ctx.sdb.db))
  app.post('/sync/time-limits', async (req) => ctx.sdb.tx((tx) => saveTimeLimits(tx, req.staff!, req.body, ctx.clock.now())))
}
