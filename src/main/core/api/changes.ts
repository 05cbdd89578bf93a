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
  note(): void
  /** Returns the function that unsubscribes. */
  subscribe(listener: (notice: SyncChanged) => void): () => void
}

/**
 * A cheap fingerprint of what the windows show: one scan of `cases` (versions, and deadlines, which a
 * calendar change moves without a version), index look-ups for the rest.
 */
const STAMP = `SELECT
  (SELECT count(*) || ':' || total(version) || ':' || total(julianday(deadline_on)) FROM cases) || '/' ||
  coalesce((SELECT max(id) FROM case_events), 0) || '/' ||
  (SELECT count(*) || ':' || coalesce(max(id), 0) FROM attention WHERE resolved_at IS NULL) AS stamp`

export function createChangeFeed(store: Store, log: (e: unknown) => void = console.error): ChangeFeed {
  const stamp = (): string => (store.sqlite.prepare(STAMP).get() as { stamp: string }).stamp
  let last = stamp()
  let count = 0
  const listeners = new Set<(notice: SyncChanged) => void>()
  return {
    get count() {
      return count
    },
    note() {
      const now = stamp()
      if (now !== last) {
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
