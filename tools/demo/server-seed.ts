import { and, eq, inArray, notInArray, sql } from 'drizzle-orm'
import { addStaffEvent, bumpStaffVersion, CLI_ACTOR, lockStaff } from '../../server/src/admin/records'
import { schema, type Db } from '../../server/src/db'
import { applyImport, INITIAL_PROGRAMMES, programmesVersion } from '../../server/src/programmes'
import { hashPassword, verifyPassword } from '../../src/shared-node/password'
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

/**
 * The accounts that are not demo accounts (user names, by id): a database holding any is a real office's, and
 * `--demo` refuses to start on it (it would add accounts with the public demo password).
 */
export async function nonDemoAccounts(db: Db): Promise<string[]> {
  const rows = await db
    .select({ username: schema.staff.username })
    .from(schema.staff)
    .where(notInArray(schema.staff.username, DEMO_ACCOUNTS.map((a) => a.username)))
    .orderBy(schema.staff.id)
  return rows.map((r) => r.username)
}

/**
 * The demo accounts a production start disabled (admin/demo-guard.ts: still on the demo password) are enabled
 * again by a demo start, each with a `staff_events` row; returns their user names.
 */
export async function reenableDemoAccounts(db: Db, now = new Date()): Promise<string[]> {
  const t = schema.staff
  const disabled = async (q: Db) =>
    (await q.select().from(t).where(and(inArray(t.username, DEMO_ACCOUNTS.map((a) => a.username)), eq(t.active, false))).orderBy(t.id)).filter((r) =>
      verifyPassword(DEMO_PASSWORD, r.passwordHash)
    )
  if (!(await disabled(db)).length) return []
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db
    await lockStaff(tx)
    const rows = await disabled(tx)
    for (const row of rows) {
      await tx.update(t).set({ active: true }).where(eq(t.id, row.id))
      await addStaffEvent(tx, now, CLI_ACTOR, row.id, 'enabled', '演示模式启动：演示账号已重新启用')
    }
    if (rows.length) await bumpStaffVersion(tx)
    return rows.map((r) => r.username)
  })
}

/** The sample register when none was ever imported (a real one is left alone). Returns how many were added. */
export async function seedDemoProgrammes(db: Db, now = new Date()): Promise<number> {
  if ((await programmesVersion(db)) !== INITIAL_PROGRAMMES) return 0
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.jointProgrammes)
  if (n > 0) return 0
  return (await applyImport(db, { mode: 'replace', programmes: sampleProgrammes() }, now)).total
}

/**
 * `npm run server -- --demo`: the demo accounts (enabled again if a production start disabled them) and the
 * sample programme register. main.ts first refuses a database with other accounts (`nonDemoAccounts`).
 */
export async function seedDemoServer(db: Db): Promise<void> {
  await seedDemoStaff(db)
  await reenableDemoAccounts(db)
  await seedDemoProgrammes(db)
}
