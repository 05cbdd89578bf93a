import type Database from 'better-sqlite3'
import type { StaffEventKind, StaffRecord } from '../../../shared/api/staff'
import type { StaffSession } from '../../../shared/api/types'
import type { Role } from '../../../shared/domain/roles'
import { DomainError } from '../../../shared/result'
import { prep } from '../store/prepared'

/** The desk's `staff` row (db/schema: accounts of a standalone desk, or the cached accounts of a synced one). */
export interface StaffRow {
  id: number
  username: string
  display_name: string
  role: Role
  password_hash: string
  active: number
  created_at: string
  scopes: string | null
  must_change_password: number
  credential_version: number
  last_sign_in_at: string | null
  sessions_ended_at: string | null
  session_epoch: number
}

/** Rows a person can sign in as (the sync client's placeholders for names seen only in pulled cases are `#server-…`). */
export const REAL_ACCOUNT = "username NOT LIKE '#server-%'"

export const parseScopes = (raw: string | null): string[] | null => {
  if (raw === null) return null
  const v = JSON.parse(raw) as unknown
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null
}

export const toSession = (r: StaffRow): StaffSession => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  scopes: parseScopes(r.scopes),
  mustChangePassword: !!r.must_change_password
})

export const toRecord = (r: StaffRow, lockedUntil: string | null): StaffRecord => ({
  ...toSession(r),
  active: !!r.active,
  lastSignInAt: r.last_sign_in_at,
  lockedUntil,
  createdAt: r.created_at
})

export function staffRow(sql: Database.Database, id: number): StaffRow | undefined {
  return prep(sql, 'SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined
}

export function requireStaffRow(sql: Database.Database, id: number): StaffRow {
  const row = staffRow(sql, id)
  if (!row || row.username.startsWith('#server-')) throw new DomainError('NOT_FOUND', '找不到该人员')
  return row
}

export function staffByUsername(sql: Database.Database, username: string): StaffRow | undefined {
  return prep(sql, 'SELECT * FROM staff WHERE username = ?').get(username) as StaffRow | undefined
}

/** Every window signed in as this account is signed out at its next call (core/auth/sessions.ts). */
export function endSessions(sql: Database.Database, id: number): void {
  prep(sql, 'UPDATE staff SET session_epoch = session_epoch + 1 WHERE id = ?').run(id)
}

/** An administrative change, kept with who did it and when (the caller's transaction). */
export function recordStaffEvent(
  sql: Database.Database,
  e: { at: string; actor: { id: number; displayName: string } | null; staffId: number; kind: StaffEventKind; detail: string }
): void {
  prep(sql, 'INSERT INTO staff_events (at, actor_id, actor_name, staff_id, kind, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
    e.at,
    e.actor?.id ?? null,
    e.actor?.displayName ?? '系统',
    e.staffId,
    e.kind,
    e.detail
  )
}

/** Someone can sign in on this desk (the first start is done when one can). */
export function hasUsableAccount(sql: Database.Database): boolean {
  return !!prep(sql, `SELECT 1 FROM staff WHERE active = 1 AND password_hash <> '!' AND ${REAL_ACCOUNT} LIMIT 1`).get()
}

/** Any account was ever made or cached on this desk (placeholders aside): its first start is done. */
export function hasAnyAccount(sql: Database.Database): boolean {
  return !!prep(sql, `SELECT 1 FROM staff WHERE ${REAL_ACCOUNT} LIMIT 1`).get()
}
