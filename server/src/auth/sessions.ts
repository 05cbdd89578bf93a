import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, lte } from 'drizzle-orm'
import type { Role } from '../../../src/shared/domain/roles'
import type { Clock } from '../clock'
import { schema, type Db } from '../db'
import { HttpError } from '../errors'
import { verifyPassword } from '../../../src/main/core/auth/password'
import { assertNotLocked, clearFailures, recordFailure } from './throttle'

export const SESSION_MS = 12 * 3600_000

export interface Staff {
  id: number
  username: string
  displayName: string
  role: Role
}

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex')

/**
 * Checks the credentials (one message for an unknown user and a wrong password) and opens a 12-hour
 * session. A name locked by too many failures is refused `429 TOO_MANY_ATTEMPTS` first (throttle.ts).
 */
export async function signIn(db: Db, clock: Clock, username: string, password: string): Promise<{ token: string; staff: Staff; expiresAt: string }> {
  const now = clock.now()
  await assertNotLocked(db, username, now)
  const [row] = await db.select().from(schema.staff).where(eq(schema.staff.username, username))
  if (!row || !verifyPassword(password, row.passwordHash)) throw (await recordFailure(db, username, now)) ?? new HttpError(401, 'UNAUTHENTICATED', '用户名或密码错误')
  await clearFailures(db, username)
  if (!row.active) throw new HttpError(403, 'FORBIDDEN', '该账号已停用，请联系系统管理员')
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + SESSION_MS)
  await db.insert(schema.sessions).values({ tokenHash: tokenHash(token), staffId: row.id, createdAt: now, expiresAt })
  return { token, staff: { id: row.id, username: row.username, displayName: row.displayName, role: row.role }, expiresAt: expiresAt.toISOString() }
}

/** The staff member of a bearer token; `401` when missing, unknown or expired (the desk signs in again, keeping its outbox). */
export async function authenticate(db: Db, clock: Clock, authorization: string | undefined): Promise<Staff> {
  const token = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(authorization ?? '')?.[1]
  if (!token) throw new HttpError(401, 'UNAUTHENTICATED', '未登录或登录已失效，请重新登录')
  const [row] = await db
    .select({ id: schema.staff.id, username: schema.staff.username, displayName: schema.staff.displayName, role: schema.staff.role, active: schema.staff.active })
    .from(schema.sessions)
    .innerJoin(schema.staff, eq(schema.staff.id, schema.sessions.staffId))
    .where(and(eq(schema.sessions.tokenHash, tokenHash(token)), gt(schema.sessions.expiresAt, clock.now())))
  if (!row) throw new HttpError(401, 'UNAUTHENTICATED', '登录已过期，请重新登录')
  if (!row.active) throw new HttpError(403, 'FORBIDDEN', '该账号已停用，请联系系统管理员')
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role }
}

/** Deletes the sessions past their expiry (they already answer 401); returns how many. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(schema.sessions).where(lte(schema.sessions.expiresAt, now)).returning({ tokenHash: schema.sessions.tokenHash })
  return rows.length
}
