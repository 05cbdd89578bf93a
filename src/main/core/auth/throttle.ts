import type Database from 'better-sqlite3'
import { SIGN_IN_THROTTLE } from '../../../shared/domain/staff'
import { officeTimeOf } from '../../../shared/domain/calendar'
import { DomainError } from '../../../shared/result'
import { prep } from '../store/prepared'

/**
 * A standalone desk's sign-in throttle (the exchange service keeps its own, same numbers): failures are
 * counted per user name; the 5th within 15 minutes of the first locks the name for 15 minutes, even for the
 * right password; a success clears the count; an administrator may lift the lock (`staff.unlock`).
 */
interface FailureRow {
  failures: number
  window_started_at: string
  locked_until: string | null
}

const row = (sql: Database.Database, username: string) =>
  prep(sql, 'SELECT failures, window_started_at, locked_until FROM sign_in_failures WHERE username = ?').get(username) as FailureRow | undefined

function lockedError(until: string): DomainError {
  const shown = new Date(Math.ceil(Date.parse(until) / 60_000) * 60_000)
  return new DomainError('TOO_MANY_ATTEMPTS', `登录失败次数过多，该账号已暂时锁定，请于 ${officeTimeOf(shown)} 后再试，或请系统管理员解除锁定`)
}

/** The instant the name's lock ends, or null when it is not locked now. */
export function lockedUntil(sql: Database.Database, username: string, now: Date): string | null {
  const r = row(sql, username)
  return r?.locked_until && r.locked_until > now.toISOString() ? r.locked_until : null
}

export function assertNotLocked(sql: Database.Database, username: string, now: Date): void {
  const until = lockedUntil(sql, username, now)
  if (until) throw lockedError(until)
}

/** Counts a failure; returns the lock error when this failure locks the name. */
export function recordFailure(sql: Database.Database, username: string, now: Date): DomainError | undefined {
  const at = now.toISOString()
  const r = row(sql, username)
  const fresh = !r || Date.parse(r.window_started_at) <= now.getTime() - SIGN_IN_THROTTLE.windowMs || (r.locked_until !== null && r.locked_until <= at)
  const failures = fresh ? 1 : r.failures + 1
  const lock = failures >= SIGN_IN_THROTTLE.maxFailures ? new Date(now.getTime() + SIGN_IN_THROTTLE.lockMs).toISOString() : null
  prep(
    sql,
    `INSERT INTO sign_in_failures (username, failures, window_started_at, locked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, window_started_at = excluded.window_started_at, locked_until = excluded.locked_until`
  ).run(username, failures, fresh ? at : r.window_started_at, lock)
  return lock ? lockedError(lock) : undefined
}

export function clearFailures(sql: Database.Database, username: string): void {
  prep(sql, 'DELETE FROM sign_in_failures WHERE username = ?').run(username)
}
