import type { Store } from '../store'

/** How this desk was set up at its first start (`settings` rows `desk.mode`, `desk.serverUrl`). */
export type DeskMode = 'unset' | 'standalone' | 'server'

const get = (store: Store, key: string): string | null =>
  (store.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null

const put = (store: Store, key: string, value: string): void =>
  void store.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)

/**
 * The stored choice; a desk from before the first-start page counts as set up by what it holds: a desk that
 * has synced with a service is that service's desk, one with accounts works standalone.
 */
export function storedMode(store: Store): { mode: DeskMode; serverUrl: string | null } {
  const mode = get(store, 'desk.mode') as DeskMode | null
  if (mode === 'server') return { mode, serverUrl: get(store, 'desk.serverUrl') }
  if (mode === 'standalone') return { mode, serverUrl: null }
  const synced = (store.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'serverUrl'").get() as { value: string } | undefined)?.value
  if (synced) return { mode: 'server', serverUrl: synced }
  const accounts = store.sqlite.prepare("SELECT 1 FROM staff WHERE password_hash <> '!' AND username NOT LIKE '#server-%' LIMIT 1").get()
  return { mode: accounts ? 'standalone' : 'unset', serverUrl: null }
}

export function storeMode(store: Store, mode: 'standalone' | 'server', server?: { url: string; serviceId?: string }): void {
  store.sqlite.transaction(() => {
    put(store, 'desk.mode', mode)
    if (server) put(store, 'desk.serverUrl', server.url)
    if (server?.serviceId) put(store, 'desk.serviceId', server.serviceId)
  })()
}

/** The identity of the exchange service this desk belongs to (null before it first connected with one). */
export const storedServiceId = (store: Store): string | null => get(store, 'desk.serviceId')
