import { createHash, randomBytes } from 'node:crypto'
import { and, asc, eq, gt, isNull, lte, ne } from 'drizzle-orm'
import type { SessionRecord, SignedInStaff } from '../../../src/shared/api/staff'
import type { Role } from '../../../src/shared/domain/roles'
import { hashPassword, verifyPassword } from '../../../src/shared-node/password'
import type { Clock } from '../clock'
import { schema, type Db } from '../db'
import { HttpError, type HttpErrorCode } from '../errors'
import { registerDesk } from './desks'
import { assertNotLocked, clearFailures, recordFailure } from './throttle'

export const SESSION_MS = 12 * 3600_000
/** `last_seen_at` is written at most this often (a request within a minute of the last one writes nothing). */
export const TOUCH_MS = 60_000

/** The signed-in staff member of a request (what `GET /auth/me` answers). */
export interface Staff extends SignedInStaff {
  role: Role
}

/** The session a request came with (`req.session`). */
export interface SessionRef {
  publicId: string
  tokenHash: string
  /** The desk installation the session was opened on (sign-in's `clientId`): the only one it may sync as. */
  clientId: string | null
}

export type StaffRow = typeof schema.staff.$inferSelect
export type EndReason = NonNullable<typeof schema.sessions.$inferSelect.endReason>

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex')

export const staffOf = (row: StaffRow): Staff => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  role: row.role,
  scopes: row.scopes ?? null,
  mustChangePassword: row.mustChangePassword,
  credentialVersion: row.credentialVersion,
  sessionsEndedAt: row.sessionsEndedAt?.toISOString() ?? null
})

/** Verified against an unknown user name, so that answering takes as long as for a known one. */
const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'))

export const DISABLED_MESSAGE = '该账号已停用，请联系系统管理员'

export interface SignInInput {
  username: string
  password: string
  clientId?: string
  /** The desk installation's key: binds `clientId` to it (desks.ts). */
  deskKey?: string
  deskName?: string
}

/**
 * Checks the credentials (one message for an unknown user and a wrong password) and opens a 12-hour
 * session, recording the desk, its IP and the time. A name locked by too many failures is refused
 * `429 TOO_MANY_ATTEMPTS` first (throttle.ts); a disabled account `403 ACCOUNT_DISABLED`.
 */
export async function signIn(db: Db, clock: Clock, input: SignInInput, ip: string | null): Promise<{ token: string; staff: Staff; expiresAt: string }> {
  const now = clock.now()
  const { username, password } = input
  await assertNotLocked(db, username, now)
  const [row] = await db.select().from(schema.staff).where(eq(schema.staff.username, username))
  const valid = verifyPassword(password, row?.passwordHash ?? DUMMY_HASH) && !!row
  if (!valid) throw (await recordFailure(db, username, now)) ?? new HttpError(401, 'UNAUTHENTICATED', '用户名或密码错误')
  await clearFailures(db, username)
  if (!row.active) throw new HttpError(403, 'ACCOUNT_DISABLED', DISABLED_MESSAGE)
  await registerDesk(db, input, row.id, now) // the clientId is this desk's: 403 when another computer holds it
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + SESSION_MS)
  await db.insert(schema.sessions).values({
    tokenHash: tokenHash(token),
    staffId: row.id,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    clientId: input.clientId || null,
    deskName: input.deskName?.trim() || null,
    ip
  })
  await db.update(schema.staff).set({ lastSignInAt: now }).where(eq(schema.staff.id, row.id))
  return { token, staff: staffOf(row), expiresAt: expiresAt.toISOString() }
}

/** Why an ended session no longer works: the 401 code and message the desk is told. */
export const ENDED: Record<EndReason, { code: HttpErrorCode; message: string }> = {
  signed_out: { code: 'SESSION_ENDED', message: '您已退出登录，请重新登录' },
  revoked: { code: 'SESSION_ENDED', message: '系统管理员已结束此次登录，请重新登录' },
  role_changed: { code: 'SESSION_ENDED', message: '您的角色或业务范围已调整，请重新登录' },
  disabled: { code: 'ACCOUNT_DISABLED', message: DISABLED_MESSAGE },
  password_changed: { code: 'PASSWORD_CHANGED', message: '账号密码已修改，请用新密码重新登录' },
  password_reset: { code: 'PASSWORD_CHANGED', message: '系统管理员已重置您的密码，请用新密码重新登录' },
  idle: { code: 'SESSION_IDLE', message: '长时间未操作，登录已失效，请重新登录' }
}

const unauthenticated = (message: string) => new HttpError(401, 'UNAUTHENTICATED', message)

/**
 * The staff member and session of a bearer token, or a 401 saying why not: `UNAUTHENTICATED` (missing,
 * unknown or expired), `SESSION_ENDED`, `ACCOUNT_DISABLED`, `PASSWORD_CHANGED`, `SESSION_IDLE` (no request
 * for `idleMinutes`: the session is ended then). `last_seen_at` is written at most once a minute.
 */
export async function authenticate(
  db: Db,
  clock: Clock,
  authorization: string | undefined,
  idleMinutes: number
): Promise<{ staff: Staff; session: SessionRef }> {
  const token = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(authorization ?? '')?.[1]
  if (!token) throw unauthenticated('未登录或登录已失效，请重新登录')
  const hash = tokenHash(token)
  const s = schema.sessions
  const [row] = await db.select({ session: s, staff: schema.staff }).from(s).innerJoin(schema.staff, eq(schema.staff.id, s.staffId)).where(eq(s.tokenHash, hash))
  if (!row) throw unauthenticated('登录已过期，请重新登录')
  const { session, staff } = row
  const now = clock.now()
  if (session.endedAt && session.endReason) {
    const why = ENDED[session.endReason]
    throw new HttpError(401, why.code, why.message)
  }
  if (!staff.active) throw new HttpError(401, 'ACCOUNT_DISABLED', DISABLED_MESSAGE)
  if (session.expiresAt <= now) throw unauthenticated('登录已过期，请重新登录')
  const idle = now.getTime() - session.lastSeenAt.getTime()
  if (idle >= idleMinutes * 60_000) {
    await db.update(s).set({ endedAt: now, endReason: 'idle' }).where(and(eq(s.tokenHash, hash), isNull(s.endedAt)))
    throw new HttpError(401, ENDED.idle.code, ENDED.idle.message)
  }
  if (idle >= TOUCH_MS) await db.update(s).set({ lastSeenAt: now }).where(eq(s.tokenHash, hash))
  return { staff: staffOf(staff), session: { publicId: session.publicId, tokenHash: hash, clientId: session.clientId } }
}

/**
 * Ends the account's open sessions (all, or all but `except`, a token hash) with the reason the desks
 * will be told; returns how many.
 */
export async function endSessions(db: Db, staffId: number, reason: EndReason, now: Date, except?: string): Promise<number> {
  const s = schema.sessions
  const rows = await db
    .update(s)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(s.staffId, staffId), isNull(s.endedAt), gt(s.expiresAt, now), ...(except ? [ne(s.tokenHash, except)] : [])))
    .returning({ publicId: s.publicId })
  return rows.length
}

/** The account's sessions that still work (not ended, not expired, not idle), oldest first. */
export async function openSessions(db: Db, staffId: number, now: Date, idleMinutes: number, currentPublicId?: string): Promise<SessionRecord[]> {
  const s = schema.sessions
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000)
  const rows = await db
    .select()
    .from(s)
    .where(and(eq(s.staffId, staffId), isNull(s.endedAt), gt(s.expiresAt, now), gt(s.lastSeenAt, idleSince)))
    .orderBy(asc(s.createdAt), asc(s.publicId))
  return rows.map((r) => ({
    id: r.publicId,
    deskName: r.deskName ?? (r.clientId ? `窗口 ${r.clientId.slice(0, 8)}` : '未知窗口'),
    ip: r.ip,
    startedAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    current: r.publicId === currentPublicId
  }))
}

/** Ends the current session (`POST /auth/sign-out`). */
export async function signOut(db: Db, session: SessionRef, now: Date): Promise<void> {
  const s = schema.sessions
  await db.update(s).set({ endedAt: now, endReason: 'signed_out' }).where(and(eq(s.tokenHash, session.tokenHash), isNull(s.endedAt)))
}

/**
 * Deletes the sessions past their expiry, ended ones included (an ended session keeps its row until then,
 * so its desk is told why it ended; after its expiry it would answer `UNAUTHENTICATED` anyway); returns how many.
 */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(schema.sessions).where(lte(schema.sessions.expiresAt, now)).returning({ tokenHash: schema.sessions.tokenHash })
  return rows.length
}

/** Clears a user name's failed sign-ins (a success, an administrator's unlock); returns whether it was locked now. */
export async function unlockName(db: Db, username: string, now: Date): Promise<boolean> {
  const t = schema.signInFailures
  const rows = await db.delete(t).where(eq(t.username, username)).returning({ lockedUntil: t.lockedUntil })
  return rows.some((r) => r.lockedUntil !== null && r.lockedUntil > now)
}
