import type { SQL } from 'drizzle-orm'
import { schema, type Db } from '../db'

/**
 * Writes a transaction defers to its end (push.ts: a chunk of mutations, each in a savepoint): the case events and
 * the change-log entries its mutations append, each kind then written in one insert. `appendEvent` / `appendChange`
 * (repo.ts) queue here when the transaction is under `deferWrites`; anything that reads events flushes first.
 */
export interface Deferred {
  events: (typeof schema.caseEvents.$inferInsert)[]
  changes: { caseId: string; scope: string }[]
}

const deferred = new WeakMap<object, Deferred>()

/** The queue of `db` when it is a transaction under `deferWrites`. */
export const deferredOf = (db: Db): Deferred | undefined => deferred.get(db)

/**
 * Defers `tx`'s events and changes until `flushDeferred`; takes the change log's lock now, for the rest of `tx`
 * (a lock taken inside a savepoint would go with its rollback). `lock`: the SQL that takes it (repo.ts).
 */
export async function deferWrites(tx: Db, lock: SQL): Promise<void> {
  await tx.execute(lock)
  deferred.set(tx, { events: [], changes: [] })
}

/** What is queued now; `restore(tx, mark)` puts the queues back as they were (a savepoint rolled back: what was
 * queued since is dropped, and what was flushed since — rolled back with it — is queued again). */
export const writesMark = (tx: Db): Deferred | undefined => {
  const d = deferred.get(tx)
  return d && { events: d.events.slice(), changes: d.changes.slice() }
}
export function restore(tx: Db, mark: Deferred | undefined): void {
  const d = deferred.get(tx)
  if (!d || !mark) return
  d.events = mark.events.slice()
  d.changes = mark.changes.slice()
}

/** Writes the queued events now, in order (before anything reads events in `tx`). */
export async function flushEvents(tx: Db): Promise<void> {
  const d = deferred.get(tx)
  if (!d?.events.length) return
  const events = d.events.splice(0)
  await tx.insert(schema.caseEvents).values(events)
}

/** Writes the queued changes (one insert, in order) and notifies once; returns the last seq (0: none). `notify`: the NOTIFY for a seq (repo.ts). */
export async function flushChanges(tx: Db, notify: (seq: number) => SQL): Promise<number> {
  const d = deferred.get(tx)
  if (!d?.changes.length) return 0
  const rows = await tx.insert(schema.changes).values(d.changes.splice(0)).returning({ seq: schema.changes.seq })
  const last = Math.max(...rows.map((r) => r.seq))
  await tx.execute(notify(last))
  return last
}

/** Writes everything queued and ends the deferral; returns the last change's seq (0: none). */
export async function flushDeferred(tx: Db, notify: (seq: number) => SQL): Promise<number> {
  await flushEvents(tx)
  const last = await flushChanges(tx, notify)
  deferred.delete(tx)
  return last
}
