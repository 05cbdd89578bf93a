import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts'
import { hashPassword } from '../../src/shared-node/password'
import type { Store } from '../../src/main/core/store'

export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demo-accounts'

/** Adds the demo accounts that are missing (an existing username is left as it is). Returns username → staff id. */
export function seedStaff(store: Store): Map<string, number> {
  const sql = store.sqlite
  const find = sql.prepare('SELECT id FROM staff WHERE username = ?')
  const insert = sql.prepare('INSERT INTO staff (username, display_name, role, password_hash) VALUES (?, ?, ?, ?)')
  const ids = new Map<string, number>()
  sql.transaction(() => {
    for (const a of DEMO_ACCOUNTS) {
      const row = find.get(a.username) as { id: number } | undefined
      ids.set(a.username, row ? row.id : Number(insert.run(a.username, a.displayName, a.role, hashPassword(DEMO_PASSWORD)).lastInsertRowid))
    }
  })()
  return ids
}
