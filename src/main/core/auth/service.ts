import type { StaffSession } from '../../../shared/api/types'
import { passwordProblem } from '../../../shared/domain/staff'
import { DomainError } from '../../../shared/result'
import { hashPassword, NO_PASSWORD, verifyPassword } from '../../../shared-node/password'
import type { Clock } from '../clock'
import { endSessions, recordStaffEvent, type StaffRow, staffByUsername, staffRow, toSession } from '../staff/repo'
import type { Store } from '../store'
import { prep } from '../store/prepared'
import { assertNotLocked, clearFailures, recordFailure } from './throttle'

/** A scrypt hash no password matches, checked for unknown names so they take as long as known ones. */
const DUMMY_HASH = hashPassword('casedesk-no-such-account')

/**
 * Checks a staff member's credentials against this desk's accounts; the same message for an unknown user and
 * a wrong password; throttled per user name (throttle.ts). `offline` (a synced desk that cannot reach its
 * service) adds the cached credential's own refusals (sync/offline-sign-in.ts decides those first).
 */
export function signIn(store: Store, clock: Clock, username: string, password: string): StaffSession {
  const sql = store.sqlite
  const now = clock.now()
  assertNotLocked(sql, username, now)
  const row = staffByUsername(sql, username)
  const usable = !!row && row.password_hash !== NO_PASSWORD && !row.username.startsWith('#server-')
  const matches = verifyPassword(password, usable ? row.password_hash : DUMMY_HASH) && usable
  if (!matches) throw recordFailure(sql, username, now) ?? new DomainError('BAD_CREDENTIALS', '用户名或密码错误')
  clearFailures(sql, username)
  if (!row.active) throw new DomainError('FORBIDDEN', '该账号已停用，请联系系统管理员')
  prep(sql, 'UPDATE staff SET last_sign_in_at = ? WHERE id = ?').run(now.toISOString(), row.id)
  return toSession(row)
}

/**
 * Changes a member's own password on this desk (a standalone desk; a synced desk changes it at the service):
 * the old one (or the temporary one) must match, the new one follows the policy and differs from the old.
 * Ends the account's other windows' sessions.
 */
export function changePassword(store: Store, clock: Clock, me: StaffSession, oldPassword: string, newPassword: string): { session: StaffSession; row: StaffRow } {
  const sql = store.sqlite
  const row = staffRow(sql, me.id)
  if (!row || !verifyPassword(oldPassword, row.password_hash)) throw new DomainError('VALIDATION', '原密码不正确')
  const problem = passwordProblem(newPassword, row.username)
  if (problem) throw new DomainError('VALIDATION', problem)
  if (newPassword === oldPassword) throw new DomainError('VALIDATION', '新密码不能与原密码相同')
  const at = clock.now().toISOString()
  sql.transaction(() => {
    prep(sql, 'UPDATE staff SET password_hash = ?, must_change_password = 0, credential_version = credential_version + 1 WHERE id = ?').run(
      hashPassword(newPassword),
      row.id
    )
    endSessions(sql, row.id)
    recordStaffEvent(sql, { at, actor: me, staffId: row.id, kind: 'password_changed', detail: row.must_change_password ? '首次登录修改临时密码' : '本人修改密码' })
  })()
  const updated = staffRow(sql, row.id)!
  return { session: toSession(updated), row: updated }
}
