import type { StaffEvent, StaffEventKind, StaffRecord, StaffWithPassword } from '../../../shared/api/staff'
import type { StaffSession } from '../../../shared/api/types'
import type { Role } from '../../../shared/domain/roles'
import { readSecurity, writeSecurity } from '../settings/security'
import { accessChanged, accountDetail, checkedScopes, passwordProblem, type SecuritySettings, securityChangeDetail, staffChangeDetail } from '../../../shared/domain/staff'
import { DomainError } from '../../../shared/result'
import { hashPassword, temporaryPassword } from '../../../shared-node/password'
import { clearFailures, lockedUntil } from '../auth/throttle'
import type { Clock } from '../clock'
import type { Store } from '../store'
import { prep } from '../store/prepared'
import { endSessions, hasUsableAccount, parseScopes, REAL_ACCOUNT, recordStaffEvent, requireStaffRow, type StaffRow, toRecord, toSession } from './repo'

export interface AccountInput {
  username: string
  displayName: string
  role: Role
  scopes: string[] | null
}

/**
 * Staff administration on a standalone desk (a synced desk administers at the exchange service, which has
 * the same rules): accounts, roles and case-type scopes, disable / enable, temporary passwords, unlock.
 * Every change is one transaction with its `staff_events` row; what changes access ends the account's sessions.
 */
export function createStaffAdmin(store: Store, clock: Clock) {
  const sql = store.sqlite
  const record = (row: StaffRow): StaffRecord => toRecord(row, lockedUntil(sql, row.username, clock.now()))
  const reread = (id: number): StaffRecord => record(requireStaffRow(sql, id))

  const activeAdmins = (): number => (prep(sql, `SELECT count(*) AS n FROM staff WHERE role = 'admin' AND active = 1 AND ${REAL_ACCOUNT}`).get() as { n: number }).n

  function change(me: StaffSession, id: number, kind: StaffEventKind, detail: string, apply: (row: StaffRow) => void): StaffRecord {
    const at = clock.now().toISOString()
    sql.transaction(() => {
      const row = requireStaffRow(sql, id)
      apply(row)
      recordStaffEvent(sql, { at, actor: me, staffId: id, kind, detail })
    })()
    return reread(id)
  }

  /** A new temporary password: stored hashed, to be changed at the next sign-in; the account's sessions end and its lock lifts. */
  function setTemporary(row: Pick<StaffRow, 'id' | 'username'>): string {
    const password = temporaryPassword()
    prep(sql, 'UPDATE staff SET password_hash = ?, must_change_password = 1, credential_version = credential_version + 1 WHERE id = ?').run(hashPassword(password), row.id)
    endSessions(sql, row.id)
    clearFailures(sql, row.username)
    return password
  }

  /** User names are unique whatever their letter case (as at the exchange service). */
  const requireFreeName = (username: string): void => {
    if (prep(sql, 'SELECT 1 FROM staff WHERE lower(username) = lower(?)').get(username)) throw new DomainError('VALIDATION', `用户名“${username}”已存在`)
  }

  return {
    list(): StaffRecord[] {
      const rows = prep(sql, `SELECT * FROM staff WHERE ${REAL_ACCOUNT} ORDER BY active DESC, role, username`).all() as StaffRow[]
      return rows.map(record)
    },

    create(me: StaffSession, input: AccountInput): StaffWithPassword {
      const scopes = checkedScopes(input.role, input.scopes)
      requireFreeName(input.username)
      const at = clock.now().toISOString()
      let id = 0
      let password = ''
      sql.transaction(() => {
        id = Number(
          prep(sql, "INSERT INTO staff (username, display_name, role, password_hash, scopes, created_at) VALUES (?, ?, ?, '!', ?, ?)").run(
            input.username,
            input.displayName,
            input.role,
            scopes === null ? null : JSON.stringify(scopes),
            at
          ).lastInsertRowid
        )
        password = setTemporary({ id, username: input.username })
        recordStaffEvent(sql, { at, actor: me, staffId: id, kind: 'created', detail: accountDetail({ ...input, scopes }) })
      })()
      return { staff: reread(id), temporaryPassword: password }
    },

    update(me: StaffSession, id: number, input: Omit<AccountInput, 'username'>): StaffRecord {
      const scopes = checkedScopes(input.role, input.scopes)
      const row = requireStaffRow(sql, id)
      const before = { displayName: row.display_name, role: row.role, scopes: parseScopes(row.scopes) }
      const after = { displayName: input.displayName, role: input.role, scopes }
      if (id === me.id && input.role !== 'admin') throw new DomainError('VALIDATION', '不能取消自己的系统管理员角色，请由另一位管理员操作')
      if (row.role === 'admin' && input.role !== 'admin' && row.active && activeAdmins() <= 1) throw new DomainError('VALIDATION', '至少要保留一位启用的系统管理员')
      const detail = staffChangeDetail(before, after)
      if (!detail) return record(row)
      return change(me, id, 'updated', detail, () => {
        prep(sql, 'UPDATE staff SET display_name = ?, role = ?, scopes = ? WHERE id = ?').run(input.displayName, input.role, scopes === null ? null : JSON.stringify(scopes), id)
        if (accessChanged(before, after)) endSessions(sql, id)
      })
    },

    setActive(me: StaffSession, id: number, active: boolean): StaffRecord {
      const row = requireStaffRow(sql, id)
      if (!!row.active === active) return record(row)
      if (!active && id === me.id) throw new DomainError('VALIDATION', '不能停用自己的账号')
      if (!active && row.role === 'admin' && activeAdmins() <= 1) throw new DomainError('VALIDATION', '至少要保留一位启用的系统管理员')
      return change(me, id, active ? 'enabled' : 'disabled', active ? '账号已启用' : '账号已停用，其登录会话已结束', () => {
        prep(sql, 'UPDATE staff SET active = ? WHERE id = ?').run(active ? 1 : 0, id)
        if (!active) endSessions(sql, id)
      })
    },

    resetPassword(me: StaffSession, id: number): StaffWithPassword {
      if (id === me.id) throw new DomainError('VALIDATION', '不能重置自己的密码，请使用“修改密码”')
      let password = ''
      const staff = change(me, id, 'password_reset', '已设置临时密码，下次登录须修改', (row) => void (password = setTemporary(row)))
      return { staff, temporaryPassword: password }
    },

    unlock(me: StaffSession, id: number): StaffRecord {
      const row = requireStaffRow(sql, id)
      return change(me, id, 'unlocked', '已解除登录失败锁定', () => clearFailures(sql, row.username))
    },

    /** Saves the office's security settings on this desk, recorded with what changed. */
    setSecurity(me: StaffSession, settings: SecuritySettings): SecuritySettings {
      const detail = securityChangeDetail(readSecurity(store), settings)
      return sql.transaction(() => {
        if (detail) recordStaffEvent(sql, { at: clock.now().toISOString(), actor: me, staffId: me.id, kind: 'security_changed', detail })
        return writeSecurity(store, settings)
      })()
    },

    /** A session an administrator ended here is recorded too (the registry ends it: core/auth/sessions.ts). */
    recordSessionEnded(me: StaffSession, id: number): void {
      recordStaffEvent(sql, { at: clock.now().toISOString(), actor: me, staffId: id, kind: 'session_ended', detail: '管理员结束了一个登录会话' })
    },

    events(staffId: number | undefined, limit: number): StaffEvent[] {
      const rows = prep(
        sql,
        `SELECT e.id, e.at, e.actor_name, e.staff_id, s.display_name, e.kind, e.detail FROM staff_events e JOIN staff s ON s.id = e.staff_id
         WHERE (? IS NULL OR e.staff_id = ?) ORDER BY e.id DESC LIMIT ?`
      ).all(staffId ?? null, staffId ?? null, limit) as { id: number; at: string; actor_name: string; staff_id: number; display_name: string; kind: StaffEventKind; detail: string }[]
      return rows.map((r) => ({ id: r.id, at: r.at, actorName: r.actor_name, staffId: r.staff_id, staffName: r.display_name, kind: r.kind, detail: r.detail }))
    },

    /** The first administrator of a standalone desk (first start): nobody else can sign in yet. */
    firstAdmin(input: { username: string; displayName: string; password: string }): StaffSession {
      const problem = passwordProblem(input.password, input.username)
      if (problem) throw new DomainError('VALIDATION', problem)
      const at = clock.now().toISOString()
      let id = 0
      sql.transaction(() => {
        if (hasUsableAccount(sql)) {
          throw new DomainError('FORBIDDEN', '本机已有可登录的账号，不能再创建首个管理员')
        }
        requireFreeName(input.username)
        id = Number(
          prep(sql, "INSERT INTO staff (username, display_name, role, password_hash, created_at, last_sign_in_at) VALUES (?, ?, 'admin', ?, ?, ?)").run(
            input.username,
            input.displayName,
            hashPassword(input.password),
            at,
            at
          ).lastInsertRowid
        )
        recordStaffEvent(sql, { at, actor: { id, displayName: input.displayName }, staffId: id, kind: 'first_admin', detail: accountDetail({ ...input, role: 'admin', scopes: null }) })
      })()
      return toSession(requireStaffRow(sql, id))
    }
  }
}

export type StaffAdmin = ReturnType<typeof createStaffAdmin>
