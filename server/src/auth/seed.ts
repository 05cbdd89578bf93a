import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../src/shared/domain/demo-accounts'
import { schema, type Db } from '../db'
import { hashPassword } from '../../../src/main/core/auth/password'

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
