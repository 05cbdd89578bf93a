import { randomUUID } from 'node:crypto'
import type { Store } from '../store'

/**
 * Keys of `sync_state` (one text value each; JSON where noted). `serverSeq`: the highest outbox seq the server said it recorded for this desk (a lower answer later means
 * it lost history: restored from an older backup). `numbersChecked`: the server confirmed this desk's number blocks. `calendarVersion`: the office calendar this desk holds a copy of. `officeVersion`: likewise, the office settings. `timeLimitsVersion`: the office version the time-limit table was fetched at. `programmesVersion`: the joint-programme register's. `staffVersion`:
 * the account directory's this desk applied; `securityVersion`: the office version the security settings were fetched at;
 * `staffCheckedAt`: when a pull last completed (the directory was current then: offline sign-in counts from it).
 */
export type SyncKey = 'clientId' | 'cursor' | 'serverUrl' | 'token' | 'staff' | 'lastSyncAt' | 'lastError' | 'serverSeq' | 'numbersChecked' | 'calendarVersion' | 'officeVersion' | 'timeLimitsVersion' | 'programmesVersion' | 'staffVersion' | 'securityVersion' | 'staffCheckedAt'

export function getState(store: Store, key: SyncKey): string | null {
  const row = store.sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined
  return row?.value ?? null
}

/** `null` removes the key. */
export function setState(store: Store, key: SyncKey, value: string | null): void {
  if (value === null) store.sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(key)
  else store.sqlite.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
}

/** This installation's id for the exchange service, made once and kept (the outbox `seq` counts per client). */
export function clientId(store: Store): string {
  const existing = getState(store, 'clientId')
  if (existing) return existing
  const id = randomUUID()
  setState(store, 'clientId', id)
  return id
}

export const countPending = (store: Store): number =>
  (store.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n

export const countOpenAttention = (store: Store): number =>
  (store.sqlite.prepare('SELECT count(*) AS n FROM attention WHERE resolved_at IS NULL').get() as { n: number }).n
