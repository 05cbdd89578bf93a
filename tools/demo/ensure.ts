import type { IsoDate } from '../../src/shared/domain/calendar'
import type { Store } from '../../src/main/core/store'
import { generateDemo, type GenerateResult } from './generate'
import { issueDemoLetters } from './letters'
import { DEMO_ACCOUNTS } from './demo-accounts'
import { seedStaff } from './staff'
import { seedSampleProgrammes } from './sample-programmes'

export interface EnsureDemoOptions {
  cases?: number
  today: IsoDate
  seed?: number
}

/**
 * `--demo`: when the case store is still empty and holds no account of its own, adds the demo accounts and
 * fills it. Returns what was generated, or null when there were cases or real accounts already: then nothing
 * is touched (in particular no accounts with a published password are added to a store in real use).
 */
export function ensureDemoData(store: Store, { cases = 400, today, seed = 1 }: EnsureDemoOptions): GenerateResult | null {
  // Whether any case is there (not how many: a count reads every case of a big store).
  const { n } = store.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM cases) AS n').get() as { n: number }
  const names = DEMO_ACCOUNTS.map((a) => a.username)
  const { own } = store.sqlite
    .prepare(`SELECT count(*) AS own FROM staff WHERE username NOT LIKE '#server-%' AND username NOT IN (${names.map(() => '?').join(',')})`)
    .get(...names) as { own: number }
  if (n > 0 || own > 0) return null
  seedStaff(store)
  const made = generateDemo(store, { cases, today, seed })
  issueDemoLetters(store)
  seedSampleProgrammes(store, new Date(`${today}T09:00:00+08:00`))
  return made
}
