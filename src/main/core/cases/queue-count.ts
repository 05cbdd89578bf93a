import type Database from 'better-sqlite3'
import { prep } from '../store/prepared'

/** The counts of one connection, valid while the change counter (migration 0009) stays at `stamp`. */
interface Counts {
  stamp: number
  byFilter: Map<string, number>
}

const kept = new WeakMap<Database.Database, Counts>()

/**
 * A queue filter's capped count (`count()`), kept until the cases change. The queue is asked for the same filter
 * again and again — each page of it, each refresh a change notice brings, each return to the queue — and its count
 * was a fifth of a page's time at a million cases. The change counter moves whenever a case is added or removed
 * or its state, assignee, version or deadline changes: everything a queue filter without a search term
 * reads (type and submission time never change). A search term also reads the applicants, which the counter does
 * not follow: the caller counts those afresh. Inside a transaction nothing is kept: a rollback would take the
 * counter back to a value a later, different change reaches again.
 */
export function keptCount(sqlite: Database.Database, filter: string, params: unknown[], count: () => number): number {
  if (sqlite.inTransaction) return count()
  const stamp = prep(sqlite, 'SELECT n FROM change_counter WHERE id = 1', 'pluck').get() as number
  let counts = kept.get(sqlite)
  if (!counts || counts.stamp !== stamp) kept.set(sqlite, (counts = { stamp, byFilter: new Map() }))
  const key = `${filter}\u0000${JSON.stringify(params)}`
  let n = counts.byFilter.get(key)
  if (n === undefined) {
    if (counts.byFilter.size >= 200) counts.byFilter.clear()
    counts.byFilter.set(key, (n = count()))
  }
  return n
}
