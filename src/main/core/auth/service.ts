import type { StaffSession } from '../../../shared/api/types'
import type { Role } from '../../../shared/domain/roles'
import { DomainError } from '../../../shared/result'
import type { Store } from '../store'
import { verifyPassword } from './password'

interface StaffRow {
  id: number
  username: string
  display_name: string
  role: Role
  password_hash: string
  active: number
}

/** Checks a staff member's credentials; the same message for an unknown user and a wrong password. */
export function signIn(store: Store, username: string, password: string): StaffSession {
  const row = store.sqlite.prepare('SELECT * FROM staff WHERE username = ?').get(username) as StaffRow | undefined
  if (!row || !verifyPassword(password, row.password_hash)) {
    throw new DomainError('BAD_CREDENTIALS', '用户名或密码错误')
  }
  if (!row.active) throw new DomainError('FORBIDDEN', '该账号已停用，请联系系统管理员')
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role }
}
