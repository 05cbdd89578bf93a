import { sql } from 'drizzle-orm'
import { schema, type Db } from '../../server/src/db'
import { applyImport, INITIAL_PROGRAMMES, programmesVersion } from '../../server/src/programmes'
import { hashPassword } from '../../src/shared-node/password'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts'
import { sampleProgrammes } from './sample-programmes'

/**
 * The exchange service's demo data, only with `--demo` (server/src/main.ts imports this module dynamically),
 * and in the test harnesses, `npm run network` and the benchmarks.
 */

/** Adds the desk's demo accounts that are missing (password `demo1234`); returns username → staff id. */
export async function seedDemoStaff(db: Db): Promise<Map<string, number>> {
  const hash = hashPassword(DEMO_PASSWORD)
  await db
    .insert(schema.staff)
    .values(DEMO_ACCOUNTS.map((a) => ({ username: a.username, displayName: a.displayName, role: a.role, passwordHash: hash })))
    .onConflictDoNothing({ target: schema.staff.username })
  const rows = await db.select({ id: schema.staff.id, username: schema.staff.username }).from(schema.staff)
  return new Map(rows.map((r) => [r.username, r.id]))
}

/** The sample register when none was ever imported (a real one is left alone). Returns how many were added. */
export async function seedDemoProgrammes(db: Db, now = new Date()): Promise<number> {
  if ((await programmesVersion(db)) !== INITIAL_PROGRAMMES) return 0
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.jointProgrammes)
  if (n > 0) return 0
  return (await applyImport(db, { mode: 'replace', programmes: sampleProgrammes() }, now)).total
}

/** `npm run server -- --demo`: the demo accounts and the sample programme register. */
export async function seedDemoServer(db: Db): Promise<void> {
  await seedDemoStaff(db)
  await seedDemoProgrammes(db)
}
