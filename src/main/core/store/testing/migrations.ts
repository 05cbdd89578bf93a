import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultMigrationsFolder } from '..'

/**
 * Tests only: the project's migrations plus one more (`sql`, tagged `9999_upgrade_probe`), in a folder of their own —
 * a store migrated with the project's folder then has one pending migration (a desk after an update). The caller
 * removes the folder.
 */
export function migrationsWith(sql: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-migrations-'))
  cpSync(defaultMigrationsFolder(), dir, { recursive: true })
  const journalFile = join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[] }
  const last = journal.entries.at(-1)!
  journal.entries.push({ idx: last.idx + 1, version: last.version, when: last.when + 1000, tag: '9999_upgrade_probe', breakpoints: true })
  writeFileSync(journalFile, JSON.stringify(journal, null, 2))
  writeFileSync(join(dir, '9999_upgrade_probe.sql'), sql)
  return dir
}

/** A migration that takes a while on any store (`rows` counted: 15M ≈ 2 s here), so the upgrading page has time to show. */
export const slowMigration = (rows = 15_000_000): string =>
  'CREATE TABLE upgrade_probe (n integer);\n--> statement-breakpoint\n' +
  `INSERT INTO upgrade_probe WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < ${rows}) SELECT count(*) FROM r;`
