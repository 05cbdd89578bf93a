import { randomBytes, randomUUID } from 'node:crypto'
import type { Store } from '../store'

/**
 * Keys of `sync_state` (one text value each; JSON where noted). `serverSeq`: the highest outbox seq the server said it recorded for this desk (a lower answer later means
 * it lost history: restored from an older backup). `numbersChecked`: the server confirmed this desk's number blocks. `calendarVersion`: the office calendar this desk holds a copy of. `officeVersion`: likewise, the office settings. `timeLimitsVersion`: the office version the time-limit table was fetched at. `programmesVersion`: the joint-programme register's. `staffVersion`:
 * the account directory's this desk applied; `securityVersion`: the office version the security settings were fetched at;
 * `staffCheckedAt`: when a pull last completed (the directory was current then: offline sign-in counts from it).
 * `pushFault`: JSON `{id, failures}`, the consecutive server errors of the first pending row (quarantine.ts).
 * `calendarRecompute`: a taken calendar's recompute of running clocks in progress (the last case id done; calendar/recompute.ts).
 * `cursorScope`: the case types `cursor` was pulled for; `otherCursors`: JSON of the cursors of other scopes (pull.ts).
 */
export type SyncKey = 'clientId' | 'cursor' | 'serverUrl' | 'token' | 'staff' | 'lastSyncAt' | 'lastError' | 'serverSeq' | 'numbersChecked' | 'calendarVersion' | 'officeVersion' | 'timeLimitsVersion' | 'programmesVersion' | 'staffVersion' | 'securityVersion' | 'staffCheckedAt' | 'cursorScope' | 'otherCursors' | 'pushFault' | 'deskKey' | 'calendarRecompute'

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

/**
 * This installation's own secret for the exchange service, made once and kept beside `clientId`: sent at
 * sign-in, it binds the clientId to this computer (nobody else can sync as this desk; PROTOCOL.md, Sign-in).
 */
export function deskKey(store: Store): string {
  const existing = getState(store, 'deskKey')
  if (existing) return existing
  const key = randomBytes(32).toString('base64url')
  setState(store, 'deskKey', key)
  return key
}

export const countPending = (store: Store): number =>
  (store.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n

export const countOpenAttention = (store: Store): number =>
  (store.sqlite.prepare('SELECT count(*) AS n FROM attention WHERE resolved_at IS NULL').get() as { n: number }).n

/**
 * Makes `cursor` the one of this scope (the case types the service pulls for the signed-in account): the
 * service filters a pull by its account's types, so members with other scopes on one desk — or an account whose
 * scopes changed — each follow the change log from where their own scope left it (a new scope from the start).
 */
export function useCursorOf(store: Store, scope: string): void {
  const current = getState(store, 'cursorScope')
  if (current === scope) return
  store.sqlite.transaction(() => {
    const others = JSON.parse(getState(store, 'otherCursors') ?? '{}') as Record<string, string>
    const cursor = getState(store, 'cursor')
    // A desk from before scopes: its one cursor is the first scope's.
    if (current === null && cursor !== null) others[scope] = cursor
    else if (current !== null && cursor !== null) others[current] = cursor
    setState(store, 'cursor', Object.hasOwn(others, scope) ? others[scope] : null)
    delete others[scope]
    setState(store, 'otherCursors', JSON.stringify(others))
    setState(store, 'cursorScope', scope)
  })()
}
