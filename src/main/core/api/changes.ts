import type { SyncChanged } from '../../../shared/api/types'
import type { Store } from '../store'

/**
 * Tells the windows that the desk's data changed underneath them. The sync client calls `note()` (its
 * `onChange`) after a push, a pull, a failure or a sign-in; every listener hears of each call (the sync
 * indicator asks for the new status), and `count` moves only when the cases or the open attention items
 * really differ — that is what a case page, the queue and the attention drawer refetch on.
 */
export interface ChangeFeed {
  /** Changes of the cases / attention items noticed since the desk started (compare for difference only). */
  readonly count: number
  /** `changed`: counts without looking (the store is about to close: switching to recovery mode). */
  note(changed?: boolean): void
  /** Returns the function that unsubscribes. */
  subscribe(listener: (notice: SyncChanged) => void): () => void
}

/**
 * The fingerprint of what the windows show, in O(1): the counter the triggers of migration 0009 move whenever a case
 * or an open attention item really changes (a new version, state, assignee, or a deadline a calendar change moved
 * without a version), and the newest case event (a primary-key look-up). It never scans `cases`: it was read at
 * start and about once a second during a pull, and a full scan cost 0.6 s at a million cases.
 */
export const STAMP = `SELECT
  (SELECT n FROM change_counter WHERE id = 1) || '/' ||
  coalesce((SELECT max(id) FROM case_events), 0) AS stamp`

export function createChangeFeed(store: Store, log: (e: unknown) => void = console.error): ChangeFeed {
  const stamp = (): string => (store.sqlite.prepare(STAMP).get() as { stamp: string }).stamp
  let last = stamp()
  let count = 0
  const listeners = new Set<(notice: SyncChanged) => void>()
  return {
    get count() {
      return count
    },
    note(changed = false) {
      const now = changed ? last : stamp()
      if (changed || now !== last) {
        last = now
        count++
      }
      for (const l of [...listeners]) {
        try {
          l({ changes: count })
        } catch (e) {
          log(e) // a window that went away must not stop the sync round
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    }
  }
}
