import { securitySettingsInput } from '../../../shared/api/staff'
import { DEFAULT_SECURITY, type SecuritySettings } from '../../../shared/domain/staff'
import type { Store } from '../store'

/**
 * The office's account-security settings on this desk (`settings` row `security`, JSON; the defaults when never
 * set or unreadable). A desk of an exchange service keeps here the copy it fetched (sync/accounts.ts), which is
 * where an administrator edits them.
 */
const KEY = 'security'

export function readSecurity(store: Store): SecuritySettings {
  const row = store.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined
  if (row) {
    try {
      const parsed = securitySettingsInput.safeParse(JSON.parse(row.value))
      if (parsed.success) return parsed.data
    } catch {
      // unreadable: the defaults
    }
  }
  return { ...DEFAULT_SECURITY }
}

export function writeSecurity(store: Store, settings: SecuritySettings): SecuritySettings {
  store.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(settings))
  return readSecurity(store)
}
