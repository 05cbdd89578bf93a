import { asc } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { DirectoryEntry } from '../../../src/shared/api/staff'
import { staffVersion } from '../admin/records'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { staffOf } from '../auth/sessions'

/**
 * `GET /sync/staff` (any signed-in staff): the accounts as desks keep them — names, roles, scopes, whether
 * active, the credential version and when their sessions were last ended; no password hashes. Every pull
 * page carries `staffVersion`; a desk holding another fetches this again.
 */
export async function directory(db: Db): Promise<{ version: string; staff: DirectoryEntry[] }> {
  const version = await staffVersion(db)
  const rows = await db.select().from(schema.staff).orderBy(asc(schema.staff.id))
  return {
    version,
    staff: rows.map((r) => ({ ...staffOf(r), active: r.active }))
  }
}

export function registerDirectory(app: FastifyInstance, ctx: AppContext): void {
  app.get('/sync/staff', async () => directory(ctx.sdb.db))
}
