// Sign-in throttle (PROTOCOL.md, Sign-in): failures are counted per user name in `sign_in_failures`, so
// every server instance on the database shares them. The 5th failure within 15 minutes of the first
// locks the name for 15 minutes; a success clears the count.
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm'
import { officeTime } from '../clock'
import { schema, type Db } from '../db'
import { HttpError } from '../errors'

export const MAX_FAILURES = 5
/** The window counted from a name's first failure. */
export const FAILURE_WINDOW_MS = 15 * 60_000
export const LOCK_MS = 15 * 60_000

const t = schema.signInFailures

/** The lock's message, given the office time (HH:mm) from which to try again. */
export type LockWording = (time: string) => string

/** A user name's lock (sign-in, a wrong old password). */
export const SIGN_IN_LOCK: LockWording = (time) => `登录失败次数过多，该账号已暂时锁定，请于 ${time} 后再试`

/** `429 TOO_MANY_ATTEMPTS`, naming the office time (rounded up to the minute) from which to try again. */
function lockedError(until: Date, now: Date, wording: LockWording): HttpError {
  const shown = new Date(Math.ceil(until.getTime() / 60_000) * 60_000)
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))
  return new HttpError(429, 'TOO_MANY_ATTEMPTS', wording(officeTime(shown)), { 'retry-after': String(seconds) })
}

/** Throws `429 TOO_MANY_ATTEMPTS` while the name is locked (the password is not even checked then). */
export async function assertNotLocked(db: Db, username: string, now: Date, wording = SIGN_IN_LOCK): Promise<void> {
  const [row] = await db
    .select({ lockedUntil: t.lockedUntil })
    .from(t)
    .where(and(eq(t.username, username), gt(t.lockedUntil, now)))
  if (row?.lockedUntil) throw lockedError(row.lockedUntil, now, wording)
}

/**
 * Counts a failed sign-in in one atomic upsert (concurrent failures on several instances all count).
 * A window that is over, or a lock that has run out, starts a new count. Returns the 429 to answer
 * when this failure locks the name, else undefined.
 */
export async function recordFailure(db: Db, username: string, now: Date, wording = SIGN_IN_LOCK): Promise<HttpError | undefined> {
  const at = sql`${now.toISOString()}::timestamptz`
  const windowOver = sql`${new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString()}::timestamptz`
  const fresh = sql`(${t.windowStartedAt} <= ${windowOver} OR coalesce(${t.lockedUntil} <= ${at}, false))`
  const lockedNow = sql`coalesce(${t.lockedUntil} > ${at}, false)`
  const [row] = await db
    .insert(t)
    .values({ username, failures: 1, windowStartedAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: t.username,
      set: {
        failures: sql`CASE WHEN ${fresh} THEN 1 ELSE ${t.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${fresh} THEN ${at} ELSE ${t.windowStartedAt} END`,
        lockedUntil: sql`CASE WHEN ${lockedNow} THEN ${t.lockedUntil}
          WHEN NOT ${fresh} AND ${t.failures} + 1 >= ${MAX_FAILURES} THEN ${new Date(now.getTime() + LOCK_MS).toISOString()}::timestamptz
          ELSE NULL END`
      }
    })
    .returning({ lockedUntil: t.lockedUntil })
  return row?.lockedUntil && row.lockedUntil > now ? lockedError(row.lockedUntil, now, wording) : undefined
}

/** A successful sign-in forgets the name's failures. */
export async function clearFailures(db: Db, username: string): Promise<void> {
  await db.delete(t).where(eq(t.username, username))
}

/** Deletes counts that no longer matter (window over and not locked); returns how many. */
export async function purgeSpentFailures(db: Db, now: Date): Promise<number> {
  const rows = await db
    .delete(t)
    .where(and(lte(t.windowStartedAt, new Date(now.getTime() - FAILURE_WINDOW_MS)), or(isNull(t.lockedUntil), lte(t.lockedUntil, now))))
    .returning({ username: t.username })
  return rows.length
}
