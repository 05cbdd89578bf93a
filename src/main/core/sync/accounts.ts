import { z } from 'zod'
import {
  type DirectoryEntry,
  directorySchema,
  securitySettingsInput,
  type SessionRecord,
  signedInStaffSchema,
  type StaffEvent,
  type StaffRecord,
  type StaffWithPassword
} from '../../../shared/api/staff'
import type { StaffSession } from '../../../shared/api/types'
import type { SecuritySettings } from '../../../shared/domain/staff'
import { DomainError, type ErrorCode } from '../../../shared/result'
import { hashPassword, NO_PASSWORD } from '../../../shared-node/password'
import { writeSecurity } from '../settings/security'
import { endSessions } from '../staff/repo'
import type { Store } from '../store'
import { type Http, SyncHttpError } from './http'
import { prep } from '../store/prepared'
import { knownStaffId, linkSignedIn } from './staff'
import { getState, setState } from './state'
import { parseWire } from './wire'

const securityView = z.object({ version: z.string().max(80), security: securitySettingsInput })
const PASSED_ON: readonly ErrorCode[] = ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'TOO_MANY_ATTEMPTS', 'PASSWORD_CHANGE_REQUIRED', 'SETUP_REQUIRED']

/** A refusal from the service as the desk's error (its code when the contract knows it); unreachable → OFFLINE. */
export function serviceError(e: unknown, what: string): DomainError {
  if (e instanceof DomainError) return e
  if (e instanceof SyncHttpError && e.status < 500) {
    const code: ErrorCode = (PASSED_ON as readonly string[]).includes(e.code) ? (e.code as ErrorCode) : e.status === 401 ? 'UNAUTHENTICATED' : 'VALIDATION'
    return new DomainError(code, e.message)
  }
  return new DomainError('OFFLINE', `暂时无法连接交换服务。${what}须联网办理，请稍后重试`)
}

/**
 * Applies the service's account directory to this desk's copies of the accounts that have signed in here:
 * name, role, scopes, active; a newer credential version voids the cached password (sign in online once);
 * a disable, a newer end of sessions or a change of what the account may do ends its windows here.
 */
export function applyDirectory(store: Store, entries: readonly DirectoryEntry[]): void {
  const sql = store.sqlite
  sql.transaction(() => {
    for (const e of entries) {
      const id = knownStaffId(sql, e.id)
      if (id === null) continue
      const row = prep(sql, 'SELECT role, scopes, active, credential_version, sessions_ended_at FROM staff WHERE id = ?').get(id) as
        | { role: string; scopes: string | null; active: number; credential_version: number; sessions_ended_at: string | null }
        | undefined
      if (!row) continue
      const scopes = e.scopes === null ? null : JSON.stringify(e.scopes)
      const ends =
        (!!row.active && !e.active) ||
        row.role !== e.role ||
        row.scopes !== scopes ||
        e.credentialVersion > row.credential_version ||
        (e.sessionsEndedAt !== null && e.sessionsEndedAt !== row.sessions_ended_at)
      prep(sql, 'UPDATE staff SET display_name = ?, role = ?, scopes = ?, active = ?, must_change_password = ?, sessions_ended_at = ? WHERE id = ?').run(
        e.displayName,
        e.role,
        scopes,
        e.active ? 1 : 0,
        e.mustChangePassword ? 1 : 0,
        e.sessionsEndedAt,
        id
      )
      if (e.credentialVersion > row.credential_version) {
        prep(sql, 'UPDATE staff SET password_hash = ?, credential_version = ? WHERE id = ?').run(NO_PASSWORD, e.credentialVersion, id)
      }
      if (ends) endSessions(sql, id)
    }
  })()
}

/**
 * The service no longer accepts a session's account (a 401 or ACCOUNT_DISABLED about it): its windows here are
 * signed out; a disabled account is disabled here too, and a changed or reset password voids the cached one (no
 * offline sign-in with it).
 */
export function accountRefused(store: Store, code: string, serverId: number | undefined): void {
  const localId = knownStaffId(store.sqlite, serverId)
  if (localId === null) return
  store.sqlite.transaction(() => {
    if (code === 'ACCOUNT_DISABLED') prep(store.sqlite, 'UPDATE staff SET active = 0 WHERE id = ?').run(localId)
    if (code === 'PASSWORD_CHANGED') prep(store.sqlite, 'UPDATE staff SET password_hash = ? WHERE id = ?').run(NO_PASSWORD, localId)
    endSessions(store.sqlite, localId)
  })()
}

/**
 * The desk's answer to a sign-in the service refused (undefined: it could not be reached — sign in offline).
 * A lock is never bypassed offline; a disabled account is disabled here too at once.
 */
export function signInRefusal(store: Store, e: unknown, username: string): DomainError | undefined {
  if (!(e instanceof SyncHttpError) || e.status >= 500) return undefined
  if (e.status === 401) return new DomainError('BAD_CREDENTIALS', '用户名或密码错误')
  if (e.code === 'ACCOUNT_DISABLED') {
    const row = prep(store.sqlite, 'SELECT id FROM staff WHERE username = ?').get(username) as { id: number } | undefined
    if (row) store.sqlite.transaction(() => (prep(store.sqlite, 'UPDATE staff SET active = 0 WHERE id = ?').run(row.id), endSessions(store.sqlite, row.id)))()
    return new DomainError('FORBIDDEN', e.message)
  }
  if (e.code === 'SETUP_REQUIRED') return new DomainError('SETUP_REQUIRED', e.message)
  if (e.status === 403) return new DomainError('FORBIDDEN', e.message)
  if (e.status === 429) return new DomainError('TOO_MANY_ATTEMPTS', e.message) // the service's message says until when
  return new DomainError('VALIDATION', e.message)
}

/**
 * The staff accounts and the security settings with an exchange service: kept there; the desk follows the
 * directory (`staffVersion` on pull pages) and the settings (with the office's version), and an administrator's
 * changes are made there, online only.
 */
export function createAccountsSync(http: Http, store: Store) {
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (e) {
      throw serviceError(e, what)
    }
  }
  const keepSecurity = (res: z.infer<typeof securityView>): SecuritySettings => {
    setState(store, 'securityVersion', res.version)
    return writeSecurity(store, res.security)
  }
  const admin = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => call('人员管理', () => http.json<T>(method, path, body))

  return {
    async followDirectory(version: string | undefined): Promise<boolean> {
      if (version === undefined || version === getState(store, 'staffVersion')) return false
      const res = parseWire(directorySchema, await http.json('GET', '/sync/staff'), '人员名录')
      applyDirectory(store, res.staff)
      setState(store, 'staffVersion', res.version)
      return true
    },

    async followSecurity(officeVersion: string | undefined): Promise<boolean> {
      if (officeVersion === undefined || officeVersion === getState(store, 'securityVersion')) return false
      try {
        keepSecurity(parseWire(securityView, await http.json('GET', '/sync/security'), '账号安全设置'))
      } catch (e) {
        if (!(e instanceof SyncHttpError && e.status === 404)) throw e
        setState(store, 'securityVersion', officeVersion) // a service without the settings: this desk keeps its copy
        return false
      }
      return true
    },

    editSecurity: (settings: SecuritySettings) => call('账号安全设置', async () => keepSecurity(parseWire(securityView, await http.json('POST', '/sync/security', settings), '账号安全设置'))),

    list: async () => (await admin<{ staff: StaffRecord[] }>('GET', '/admin/staff')).staff,
    create: (input: unknown) => admin<StaffWithPassword>('POST', '/admin/staff', input),
    update: async (id: number, input: unknown) => (await call('人员管理', () => http.json<{ staff: StaffRecord }>('PATCH', `/admin/staff/${id}`, input))).staff,
    setActive: async (id: number, active: boolean) => (await admin<{ staff: StaffRecord }>('POST', `/admin/staff/${id}/${active ? 'enable' : 'disable'}`, {})).staff,
    resetPassword: (id: number) => admin<StaffWithPassword>('POST', `/admin/staff/${id}/reset-password`, {}),
    unlock: async (id: number) => (await admin<{ staff: StaffRecord }>('POST', `/admin/staff/${id}/unlock`, {})).staff,
    sessions: async (id: number) => (await admin<{ sessions: SessionRecord[] }>('GET', `/admin/staff/${id}/sessions`)).sessions,
    endSession: async (sessionId: string) => (await call('人员管理', () => http.json<{ sessions: SessionRecord[] }>('DELETE', `/admin/sessions/${encodeURIComponent(sessionId)}`))).sessions,
    events: async (staffId: number | undefined, limit: number) =>
      (await admin<{ events: StaffEvent[] }>('GET', `/admin/staff-events?${new URLSearchParams({ limit: String(limit), ...(staffId ? { staffId: String(staffId) } : {}) })}`)).events,

    /**
     * The signed-in member's new password, set at the service; this desk then keeps its hash for offline sign-in
     * (and the account as the service now has it) and signs the account's other windows out. Answers the desk session.
     */
    async changePassword(oldPassword: string, newPassword: string, now: Date): Promise<StaffSession> {
      const body = await call('修改密码', () => http.json('POST', '/auth/password', { oldPassword, newPassword }))
      const s = parseWire(z.object({ staff: signedInStaffSchema }), body, '账号').staff
      setState(store, 'staff', JSON.stringify(s))
      return store.sqlite.transaction(() => {
        const session = linkSignedIn(store.sqlite, s, hashPassword(newPassword), now.toISOString())
        endSessions(store.sqlite, session.id)
        return session
      })()
    },

    /** The service's first administrator, with its one-time setup code (no session needed). */
    firstAdmin: (input: { code: string; username: string; displayName: string; password: string }) =>
      call('创建首个管理员', () => http.json<{ staff: StaffRecord }>('POST', '/setup/first-admin', input))
  }
}

export type AccountsSync = ReturnType<typeof createAccountsSync>
