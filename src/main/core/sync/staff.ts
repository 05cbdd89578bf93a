import type Database from 'better-sqlite3'
import type { StaffSession } from '../../../shared/api/types'
import { prep } from '../store/prepared'
import type { ServerStaff } from './wire'

/**
 * The exchange service's staff in this desk's `staff` table. A name seen only in pulled cases gets an
 * inactive placeholder row (it cannot sign in here); signing in through the server turns it into the
 * real account (or moves its references onto the desk's account of the same username).
 */
export function localStaffId(sql: Database.Database, ref: { id: number; name: string }): number {
  const mapped = prep(sql, 'SELECT staff_id FROM sync_staff WHERE server_id = ?').get(String(ref.id)) as { staff_id: number } | undefined
  if (mapped) {
    prep(sql, 'UPDATE staff SET display_name = ? WHERE id = ? AND display_name <> ?').run(ref.name, mapped.staff_id, ref.name)
    return mapped.staff_id
  }
  const username = `#server-${ref.id}`
  const existing = prep(sql, 'SELECT id FROM staff WHERE username = ?').get(username) as { id: number } | undefined
  const id =
    existing?.id ??
    Number(
      prep(sql, "INSERT INTO staff (username, display_name, role, password_hash, active) VALUES (?, ?, 'clerk', '!', 0)")
        .run(username, ref.name).lastInsertRowid
    )
  prep(sql, 'INSERT INTO sync_staff (server_id, staff_id) VALUES (?, ?)').run(String(ref.id), id)
  return id
}

/** A server staff id already known here (no placeholder is made), or null. */
export function knownStaffId(sql: Database.Database, serverId: number | null | undefined): number | null {
  if (serverId === null || serverId === undefined) return null
  const row = prep(sql, 'SELECT staff_id FROM sync_staff WHERE server_id = ?').get(String(serverId)) as { staff_id: number } | undefined
  return row?.staff_id ?? null
}

/**
 * Links a server sign-in to a local account and stores the password's hash (with the account's credential
 * version, role and scopes) so the same clerk can sign in here while the server is unreachable, as long as
 * the service has not said otherwise since (accounts.ts). Returns the desk session (local staff id).
 */
export function linkSignedIn(sql: Database.Database, s: ServerStaff, passwordHash: string, at: string): StaffSession {
  return sql.transaction(() => {
    const mapped = knownStaffId(sql, s.id)
    const byName = (prep(sql, 'SELECT id FROM staff WHERE username = ?').get(s.username) as { id: number } | undefined)?.id ?? null
    let id: number
    if (mapped !== null && byName !== null && mapped !== byName) {
      for (const [table, column] of [['cases', 'assignee_id'], ['case_events', 'actor_id'], ['issued_documents', 'issued_by_id']]) {
        prep(sql, `UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run(byName, mapped)
      }
      prep(sql, 'UPDATE sync_staff SET staff_id = ? WHERE staff_id = ?').run(byName, mapped)
      prep(sql, "DELETE FROM staff WHERE id = ? AND username LIKE '#server-%'").run(mapped)
      id = byName
    } else if (mapped !== null || byName !== null) {
      id = (mapped ?? byName) as number
    } else {
      id = Number(
        prep(sql, 'INSERT INTO staff (username, display_name, role, password_hash) VALUES (?, ?, ?, ?)')
          .run(s.username, s.displayName, s.role, passwordHash).lastInsertRowid
      )
    }
    prep(
      sql,
      `UPDATE staff SET username = ?, display_name = ?, role = ?, password_hash = ?, active = 1, scopes = ?, must_change_password = ?,
         credential_version = ?, sessions_ended_at = ?, last_sign_in_at = ? WHERE id = ?`
    ).run(s.username, s.displayName, s.role, passwordHash, s.scopes === null ? null : JSON.stringify(s.scopes), s.mustChangePassword ? 1 : 0, s.credentialVersion, s.sessionsEndedAt, at, id)
    prep(sql, 'INSERT INTO sync_staff (server_id, staff_id) VALUES (?, ?) ON CONFLICT(server_id) DO UPDATE SET staff_id = excluded.staff_id').run(String(s.id), id)
    return { id, username: s.username, displayName: s.displayName, role: s.role, scopes: s.scopes, mustChangePassword: s.mustChangePassword }
  })()
}
