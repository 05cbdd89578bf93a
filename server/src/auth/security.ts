import { randomUUID } from 'node:crypto'
import { eq, inArray, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { securitySettingsInput } from '../../../src/shared/api/staff'
import { DEFAULT_SECURITY, securityChangeDetail, type SecuritySettings } from '../../../src/shared/domain/staff'
import { addStaffEvent } from '../admin/records'
import type { Clock } from '../clock'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { HttpError, parseInput } from '../errors'
import { INITIAL_OFFICE } from '../office'
import type { Staff } from './sessions'

/**
 * The office's account-security settings (session idle minutes, offline sign-in days), kept with the office
 * settings in `server_meta` (`security`: JSON) and versioned with them: a save gives `officeVersion` a new
 * value, so every desk's next pull fetches them. Administrators edit them.
 */
const parse = (value: string | undefined): SecuritySettings => {
  if (value) {
    const stored = securitySettingsInput.safeParse(JSON.parse(value))
    if (stored.success) return stored.data
  }
  return { ...DEFAULT_SECURITY }
}

export async function loadSecurity(db: Db): Promise<SecuritySettings> {
  const [row] = await db.select({ value: schema.serverMeta.value }).from(schema.serverMeta).where(eq(schema.serverMeta.key, 'security'))
  return parse(row?.value)
}

/** What `GET /sync/security` answers: the settings and the office version they belong to. */
export async function securityWithVersion(db: Db): Promise<{ version: string; security: SecuritySettings }> {
  const rows = await db.select().from(schema.serverMeta).where(inArray(schema.serverMeta.key, ['security', 'officeVersion']))
  const value = (key: string) => rows.find((r) => r.key === key)?.value
  return { version: value('officeVersion') ?? INITIAL_OFFICE, security: parse(value('security')) }
}

/**
 * Replaces the settings (administrators only) and gives the office settings a new version, with a
 * `staff_events` row (`security_changed`, on the acting administrator) saying what changed. The same values
 * again change nothing (no new version, no event).
 */
export async function saveSecurity(tx: Db, staff: Staff, raw: unknown, now: Date): Promise<{ version: string; security: SecuritySettings }> {
  if (staff.role !== 'admin') throw new HttpError(403, 'FORBIDDEN', '只有系统管理员可以修改账号安全设置')
  const security = parseInput(securitySettingsInput, raw)
  // Serialised with other saves, so that each event's "before" is what the previous save wrote.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('casedesk:security'))`)
  const current = await securityWithVersion(tx)
  const detail = securityChangeDetail(current.security, security)
  if (!detail) return current
  const version = randomUUID()
  for (const [key, value] of [['security', JSON.stringify(security)], ['officeVersion', version]]) {
    await tx.insert(schema.serverMeta).values({ key, value }).onConflictDoUpdate({ target: schema.serverMeta.key, set: { value } })
  }
  await addStaffEvent(tx, now, { id: staff.id, name: staff.displayName }, staff.id, 'security_changed', detail)
  return { version, security }
}

/** How long a read of the settings is trusted: another instance's edit is seen within this time. */
export const SECURITY_CACHE_MS = 60_000

/** The settings as every authenticated request needs them: read at most once a minute, replaced on an edit here. */
export class SecurityCache {
  private value: SecuritySettings | undefined
  private readAt = 0

  constructor(
    private readonly db: Db,
    private readonly clock: Clock
  ) {}

  async get(): Promise<SecuritySettings> {
    const now = this.clock.now().getTime()
    if (!this.value || Math.abs(now - this.readAt) >= SECURITY_CACHE_MS) {
      this.value = await loadSecurity(this.db)
      this.readAt = now
    }
    return this.value
  }

  set(value: SecuritySettings): void {
    this.value = value
    this.readAt = this.clock.now().getTime()
  }
}

export function registerSecurity(app: FastifyInstance, ctx: AppContext): void {
  app.get('/sync/security', async () => securityWithVersion(ctx.sdb.db))
  app.post('/sync/security', async (req) => {
    const saved = await ctx.sdb.tx((tx) => saveSecurity(tx, req.staff!, req.body, ctx.clock.now()))
    ctx.security.set(saved.security)
    return saved
  })
}
