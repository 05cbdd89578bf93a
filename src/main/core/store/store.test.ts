import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultMigrationsFolder, openStore } from '.'

const dirs: string[] = []
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-store-'))
  dirs.push(dir)
  return join(dir, 'casedesk.db')
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('case store', () => {
  it('migrates an empty file with WAL and foreign keys on', () => {
    const store = openStore(tempFile())
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    const tables = (store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name)
    for (const t of ['staff', 'applicants', 'archives', 'cases', 'attachments', 'blobs', 'case_events', 'outbox', 'issued_documents', 'calendar_overrides']) {
      expect(tables).toContain(t)
    }
    store.close()
  })

  it('reopens an existing store without re-running migrations or losing data', () => {
    const file = tempFile()
    const first = openStore(file)
    first.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('office.name', '某档案室')").run()
    const applied = first.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()
    first.close()
    const again = openStore(file)
    expect(again.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual(applied)
    expect(again.sqlite.prepare("SELECT value FROM settings WHERE key = 'office.name'").get()).toEqual({ value: '某档案室' })
    again.close()
  })

  it('upgrades a store made by the previous schema, keeping its data', () => {
    const file = tempFile()
    const all = defaultMigrationsFolder()
    const journal = JSON.parse(readFileSync(join(all, 'meta', '_journal.json'), 'utf8'))
    expect(journal.entries.length).toBeGreaterThan(1)
    const previous = join(dirs[0], 'previous-migrations')
    cpSync(all, previous, { recursive: true })
    writeFileSync(join(previous, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }))
    const old = openStore(file, previous)
    old.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('office.name', '某档案室')").run()
    old.close()
    const upgraded = openStore(file)
    const applied = upgraded.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }
    expect(applied.n).toBe(journal.entries.length)
    expect(upgraded.sqlite.prepare("SELECT value FROM settings WHERE key = 'office.name'").get()).toEqual({ value: '某档案室' })
    upgraded.close()
  })

  it('refuses rows that break referential integrity', () => {
    const store = openStore(tempFile())
    expect(() =>
      store.sqlite.prepare("INSERT INTO attachments (case_id, material_code, file_name, mime, size, sha256) VALUES ('nope', 'id_card', 'a.pdf', 'application/pdf', 1, 'x')").run()
    ).toThrow(/FOREIGN KEY/)
    store.close()
  })
})
