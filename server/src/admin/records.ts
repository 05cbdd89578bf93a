import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { StaffEvent, StaffEventKind, StaffRecord } from '../../../src/shared/api/staff'
import { STAFF_EVENT_KINDS } from '../../../src/shared/api/staff'
import type { StaffRow } from '../auth/sessions'
import { schema, type Db } from '../db'
import { HttpError } from '../errors'

/**
 * What the administrator's pages and the CLI share: the staff records (with the lock state of their user
 * names), the audit trail (`staff_events`) and `server_meta.staffVersion`, which every account change moves
 * on in its own transaction so desks know to fetch the directory again.
 */

/** The directory's version before any account change. */
export const INITIAL_STAFF = 'initial'

/** Serialises account changes (the "one active administrator remains" rule must see the others' commits). */
export const lockStaff = (tx: Db) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('casedesk:staff'))`)

export async function bumpStaffVersion(tx: Db): Promise<string> {
  const value = randomUUID()
  await tx.insert(schema.serverMeta).values({ key: 'staffVersion', value }).onConflictDoUpdate({ target: schema.serverMeta.key, set: { value } })
  return value
}

export async function staffVersion(db: Db): Promise<string> {
  const [row] = await db.select({ value: schema.serverMeta.value }).from(schema.serverMeta).where(eq(schema.serverMeta.key, 'staffVersion'))
  return row?.value ?? INITIAL_STAFF
}

/** Who made a change: an administrator, or (null) the service's own command line. */
export interface Actor {
  id: number | null
  name: string
}

export const CLI_ACTOR: Actor = { id: null, name: '服务器命令行' }

export async function addStaffEvent(tx: Db, at: Date, actor: Actor, staffId: number, kind: StaffEventKind, detail: string): Promise<void> {
  await tx.insert(schema.staffEvents).values({ at, actorId: actor.id, actorName: actor.name, staffId, kind, detail })
}

/** The lock of each user name still in force (`sign_in_failures.locked_until` after now). */
async function locks(db: Db, usernames: string[], now: Date): Promise<Map<string, Date>> {
  if (!usernames.length) return new Map()
  const t = schema.signInFailures
  const rows = await db
    .select({ username: t.username, lockedUntil: t.lockedUntil })
    .from(t)
    .where(and(inArray(t.username, usernames), gt(t.lockedUntil, now)))
  return new Map(rows.map((r) => [r.username, r.lockedUntil!]))
}

const record = (row: StaffRow, lockedUntil: Date | undefined): StaffRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  role: row.role,
  scopes: row.scopes ?? null,
  active: row.active,
  mustChangePassword: row.mustChangePassword,
  lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  lockedUntil: lockedUntil?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString()
})

/** Every account, by id. */
export async function listStaff(db: Db, now: Date): Promise<StaffRecord[]> {
  const rows = await db.select().from(schema.staff).orderBy(asc(schema.staff.id))
  const locked = await locks(
    db,
    rows.map((r) => r.username),
    now
  )
  return rows.map((r) => record(r, locked.get(r.username)))
}

export async function staffRecord(db: Db, row: StaffRow, now: Date): Promise<StaffRecord> {
  return record(row, (await locks(db, [row.username], now)).get(row.username))
}

/** The account of an id, locked for the rest of the transaction; `404` when there is none. */
export async function staffRow(tx: Db, id: number, lock = false): Promise<StaffRow> {
  const q = tx.select().from(schema.staff).where(eq(schema.staff.id, id))
  const [row] = lock ? await q.for('update') : await q
  if (!row) throw new HttpError(404, 'NOT_FOUND', '没有这个账号')
  return row
}

/** The account of a user name (exact), or undefined. */
export async function staffByUsername(db: Db, username: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(schema.staff).where(eq(schema.staff.username, username))
  return row
}

/** `400 VALIDATION 用户名已存在` when another account has this user name (letter case ignored: they are typed at sign-in). */
export async function assertUsernameFree(tx: Db, username: string): Promise<void> {
  const [row] = await tx
    .select({ id: schema.staff.id })
    .from(schema.staff)
    .where(sql`lower(${schema.staff.username}) = ${username.toLowerCase()}`)
  if (row) throw new HttpError(400, 'VALIDATION', '用户名已存在')
}

/** The audit trail, newest first: one account's, or everyone's. */
export async function listStaffEvents(db: Db, staffId: number | undefined, limit: number): Promise<StaffEvent[]> {
  const e = schema.staffEvents
  const rows = await db
    .select({ event: e, staffName: schema.staff.displayName })
    .from(e)
    .innerJoin(schema.staff, eq(schema.staff.id, e.staffId))
    .where(staffId === undefined ? undefined : eq(e.staffId, staffId))
    .orderBy(desc(e.id))
    .limit(limit)
  return rows.map(({ event, staffName }) => ({
    id: event.id,
    at: event.at.toISOString(),
    actorName: event.actorName,
    staffId: event.staffId,
    staffName,
    kind: (STAFF_EVENT_KINDS as readonly string[]).includes(event.kind) ? (event.kind as StaffEventKind) : 'updated',
    detail: event.detail
  }))
}
