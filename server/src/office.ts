import { randomUUID } from 'node:crypto'
import { eq, inArray } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { officeSettingsInput } from '../../src/shared/api/contract'
import type { OfficeSettings } from '../../src/shared/api/documents'
import { DEFAULT_ARREARS_CUTOFF, DEFAULT_OFFICE } from '../../src/shared/domain/office'
import type { Staff } from './auth/sessions'
import type { AppContext } from './context'
import { schema, type Db } from './db'
import { HttpError, parseInput } from './errors'

/**
 * The office's settings (name, address, … as printed on letters, the verification page's base URL, and the
 * certificate requests' arrears cut-off) when desks share an exchange service: kept here, in `server_meta`
 * (`office`: JSON; `officeVersion`: changes with every edit). Desks see the version on every pull page and
 * fetch the settings when theirs differ; an administrator edits them here (desks: online only).
 */
export const DEFAULT_OFFICE_SETTINGS: OfficeSettings = { ...DEFAULT_OFFICE, arrearsCutoff: DEFAULT_ARREARS_CUTOFF }

/** The settings' version before the first edit. */
export const INITIAL_OFFICE = 'initial'

const parse = (value: string | undefined): OfficeSettings => ({ ...DEFAULT_OFFICE_SETTINGS, ...(value ? (JSON.parse(value) as Partial<OfficeSettings>) : {}) })

/** The office settings (the defaults for anything never set). */
export async function loadOfficeSettings(db: Db): Promise<OfficeSettings> {
  const [row] = await db.select({ value: schema.serverMeta.value }).from(schema.serverMeta).where(eq(schema.serverMeta.key, 'office'))
  return parse(row?.value)
}

/** The settings with their version (what `GET /sync/office` answers). */
export async function officeWithVersion(db: Db): Promise<{ version: string; office: OfficeSettings }> {
  const rows = await db.select().from(schema.serverMeta).where(inArray(schema.serverMeta.key, ['office', 'officeVersion']))
  const value = (key: string) => rows.find((r) => r.key === key)?.value
  return { version: value('officeVersion') ?? INITIAL_OFFICE, office: parse(value('office')) }
}

/** Replaces the settings (administrators only) and gives them a new version. */
export async function saveOfficeSettings(tx: Db, staff: Staff, raw: unknown): Promise<{ version: string; office: OfficeSettings }> {
  if (staff.role !== 'admin') throw new HttpError(403, 'FORBIDDEN', '只有系统管理员可以修改单位信息')
  const office = parseInput(officeSettingsInput, raw)
  const version = randomUUID()
  for (const [key, value] of [['office', JSON.stringify(office)], ['officeVersion', version]]) {
    await tx.insert(schema.serverMeta).values({ key, value }).onConflictDoUpdate({ target: schema.serverMeta.key, set: { value } })
  }
  return { version, office }
}

export function registerOffice(app: FastifyInstance, ctx: AppContext): void {
  app.get('/sync/office', async () => officeWithVersion(ctx.sdb.db))
  app.post('/sync/office', async (req) => ctx.sdb.tx((tx) => saveOfficeSettings(tx, req.staff!, req.body)))
}
