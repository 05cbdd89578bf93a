import type { Role } from '../../../shared/domain/roles'
import { hashPassword } from '../auth/password'
import type { Store } from '../store'

/** Demo sign-in accounts (all with the password `demo1234`); listed in the README. */
export const DEMO_PASSWORD = 'demo1234'

export interface DemoAccount {
  username: string
  displayName: string
  role: Role
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'clerk1', displayName: '张敏', role: 'clerk' },
  { username: 'clerk2', displayName: '李强', role: 'clerk' },
  { username: 'reviewer1', displayName: '王芳', role: 'reviewer' },
  { username: 'super1', displayName: '赵建国', role: 'supervisor' },
  { username: 'admin', displayName: '系统管理员', role: 'admin' }
]

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
