import { desc, eq, sql } from 'drizzle-orm'
import { WorkingCalendar } from '../../../src/shared/domain/calendar'
import { caseTypeDef } from '../../../src/shared/domain/case-types'
import { type Access, inScope } from '../../../src/shared/domain/staff'
import { DomainError } from '../../../src/shared/result'
import { schema, type Db } from '../db'
import { POKE_CHANNEL } from '../sync/pokes'
import { deferredOf, deferWrites, flushDeferred } from './deferred'

export type CaseRow = typeof schema.cases.$inferSelect

/** An applicant form (a case's `form` json, or one arriving from the portal) as an object; `{}` when it is not one. */
export const formObject = (f: unknown): Record<string, unknown> => (f !== null && typeof f === 'object' && !Array.isArray(f) ? (f as Record<string, unknown>) : {})

/** Key of the advisory lock that serialises appends to the change log (so seq order is commit order). */
export const CHANGES_LOCK = 0x63_68_61_6e_67_65 // 'change'

/** The case row, locked for the rest of the transaction when `lock`. */
export async function getCase(db: Db, id: string, lock = false): Promise<CaseRow> {
  const q = db.select().from(schema.cases).where(eq(schema.cases.id, id))
  const [row] = lock ? await q.for('update') : await q
  if (!row) throw new DomainError('NOT_FOUND', '找不到该业务，可能已被删除')
  return row
}

export interface EventInput {
  caseId: string
  at: Date
  actorId: number | null
  actorName: string
  action: string
  fromState?: string | null
  toState?: string | null
  reasons?: unknown[]
  note?: string
  data?: Record<string, unknown>
}

export async function appendEvent(db: Db, e: EventInput): Promise<void> {
  const event = {
    caseId: e.caseId,
    at: e.at,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    fromState: e.fromState ?? null,
    toState: e.toState ?? null,
    reasons: e.reasons ?? [],
    note: e.note ?? '',
    data: e.data ?? {}
  }
  const queue = deferredOf(db)
  if (queue) queue.events.push(event)
  else await db.insert(schema.caseEvents).values(event)
}

const changesLock = sql`SELECT pg_advisory_xact_lock(${CHANGES_LOCK})`
const notifySeq = (seq: number) => sql`SELECT pg_notify(${POKE_CHANNEL}, ${String(seq)})`

/**
 * Appends to the change log after taking the log's advisory lock (held until commit); returns the change's seq.
 * In a transaction under `deferCaseWrites` the change is queued and written at its end (the seq is then 0).
 */
export async function appendChange(db: Db, caseId: string, type: string): Promise<number> {
  const queue = deferredOf(db)
  if (queue) {
    queue.changes.push({ caseId, scope: type })
    return 0
  }
  await db.execute(changesLock)
  const [row] = await db.insert(schema.changes).values({ caseId, scope: type }).returning({ seq: schema.changes.seq })
  // Delivered to every LISTENing server instance when (and only if) the transaction commits.
  await db.execute(notifySeq(row.seq))
  return row.seq
}

/** Takes the change log's lock for the rest of `tx` and defers its events and changes (deferred.ts) until `endCaseWrites`. */
export const deferCaseWrites = (tx: Db): Promise<void> => deferWrites(tx, changesLock)
/** Writes what `tx` deferred (events, then changes in one insert and one NOTIFY); returns the last change's seq (0: none). */
export const endCaseWrites = (tx: Db): Promise<number> => flushDeferred(tx, notifySeq)

/** Next value of a never-reused counter (archive numbers, case numbers). */
export async function nextCounter(db: Db, key: string): Promise<number> {
  const [row] = await db
    .insert(schema.counters)
    .values({ key, last: 1 })
    .onConflictDoUpdate({ target: schema.counters.key, set: { last: sql`${schema.counters.last} + 1` } })
    .returning({ last: schema.counters.last })
  return row.last
}

/** The statutory calendar plus the office's overrides and declared years, as on the desk. */
export async function loadCalendar(db: Db): Promise<WorkingCalendar> {
  const overrides = await db.select().from(schema.calendarOverrides)
  const years = await db.select({ year: schema.calendarYears.year }).from(schema.calendarYears)
  return new WorkingCalendar(
    overrides.map((o) => ({ date: o.date, kind: o.kind, note: o.note })),
    years.map((y) => y.year)
  )
}

/** What a rejected mutation tells the desk, so it can explain (已由 李四 于 10:42 退回；您的审批未生效). */
export interface CurrentSummary {
  state: string
  stateLabel: string
  version: number
  assignee: { id: number; name: string } | null
  lastEvent: { actor: string; action: string; actionLabel: string; at: string } | null
}

export const EVENT_LABEL: Record<string, string> = { submit: '提交申请', update: '修改申请', claim: '认领', release: '释放' }

/** The summary of a case the staff member works on (`access`: role and scopes); undefined for none, or one out of scope. */
export async function currentSummary(db: Db, caseId: string, now: Date, access: Access): Promise<CurrentSummary | undefined> {
  const [c] = await db.select().from(schema.cases).where(eq(schema.cases.id, caseId))
  if (!c || !inScope(access, c.type)) return undefined
  const def = caseTypeDef(c.type)
  const holder = leaseHolder(c, now)
  const [assignee] = holder
    ? await db.select({ id: schema.staff.id, name: schema.staff.displayName }).from(schema.staff).where(eq(schema.staff.id, holder))
    : []
  const [e] = await db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId)).orderBy(desc(schema.caseEvents.id)).limit(1)
  return {
    state: c.state,
    stateLabel: def?.states[c.state]?.label ?? c.state,
    version: c.version,
    assignee: assignee ?? null,
    lastEvent: e
      ? { actor: e.actorName, action: e.action, actionLabel: def?.actions[e.action]?.label ?? EVENT_LABEL[e.action] ?? e.action, at: e.at.toISOString() }
      : null
  }
}

/** The staff id holding a valid (unexpired) lease, or null. */
export function leaseHolder(c: CaseRow, now: Date): number | null {
  return c.leaseHolderId !== null && c.leaseExpiresAt !== null && c.leaseExpiresAt > now ? c.leaseHolderId : null
}
