import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { schema, type Db } from '../db'
import { HttpError } from '../errors'

const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex')

export interface DeskSignIn {
  clientId?: string
  /** The desk installation's own random key (kept in its store, never shown). */
  deskKey?: string
  deskName?: string
}

/**
 * Registers the desk a sign-in names (`desks`): the first sign-in with a `clientId` records it with the hash of
 * its key; later ones must present the same key (`403 FORBIDDEN` otherwise — another computer claiming the
 * desk's id). A desk from before keys is registered without one, and the first key it presents is kept.
 * Records who signed in on it last. Nothing to do for a sign-in without a clientId (it cannot sync).
 */
export async function registerDesk(db: Db, input: DeskSignIn, staffId: number, now: Date): Promise<void> {
  const { clientId } = input
  if (!clientId) return
  const keyHash = input.deskKey ? hashKey(input.deskKey) : null
  const t = schema.desks
  const deskName = input.deskName?.trim() || null
  await db.insert(t).values({ clientId, keyHash, deskName, registeredAt: now, registeredById: staffId, lastSignInAt: now, lastStaffId: staffId }).onConflictDoNothing()
  const [row] = await db.select().from(t).where(eq(t.clientId, clientId))
  if (row.keyHash !== null && row.keyHash !== keyHash) {
    throw new HttpError(403, 'FORBIDDEN', '此窗口标识已登记给另一台电脑，不能在本机使用；请联系系统管理员')
  }
  await db
    .update(t)
    .set({ keyHash: sql`coalesce(${t.keyHash}, ${keyHash})`, lastSignInAt: now, lastStaffId: staffId, ...(deskName ? { deskName } : {}) })
    .where(eq(t.clientId, clientId))
}
