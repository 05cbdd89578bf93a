import type { OfficeSettings } from '../../../shared/api/documents'
import { DEFAULT_ARREARS_CUTOFF, DEFAULT_OFFICE, type OfficeInfo } from '../../../shared/domain/office'
import type { Store } from '../store'
import { prep } from '../store/prepared'

/**
 * The office settings on this desk: `settings` rows `office.<field>` (name, address, … and `arrearsCutoff`),
 * the defaults for anything never set. A desk of an exchange service keeps here the copy it fetched from
 * the service (sync/office.ts), which is where an administrator edits them.
 */
const FIELDS: readonly (keyof OfficeSettings)[] = [...(Object.keys(DEFAULT_OFFICE) as (keyof OfficeInfo)[]), 'arrearsCutoff']

export function readOfficeSettings(store: Store): OfficeSettings {
  const rows = prep(store.sqlite, "SELECT key, value FROM settings WHERE key LIKE 'office.%'").all() as { key: string; value: string }[]
  const stored = new Map(rows.map((r) => [r.key.slice('office.'.length), r.value]))
  const out = { ...DEFAULT_OFFICE, arrearsCutoff: DEFAULT_ARREARS_CUTOFF }
  for (const f of FIELDS) out[f] = stored.get(f) ?? out[f]
  return out
}

/** The office as printed on letters (the settings without the certificate rules' cut-off). */
export function readOfficeInfo(store: Store): OfficeInfo {
  const { arrearsCutoff: _cutoff, ...info } = readOfficeSettings(store)
  return info
}

/** Replaces the settings in one transaction. */
export function writeOfficeSettings(store: Store, settings: OfficeSettings): OfficeSettings {
  const upsert = store.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  store.sqlite.transaction(() => {
    for (const f of FIELDS) upsert.run(`office.${f}`, settings[f])
  })()
  return readOfficeSettings(store)
}
