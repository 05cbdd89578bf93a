import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { openStore } from '.'
import type { SessionSlot } from '../api'
import { fixedClock } from '../clock'
import { templateDesks } from './testing/fixture'
import { migrationsWith } from './testing/migrations'
import { startDesk } from './runtime'

/**
 * A desk updated to a version with new migrations: on a store with cases the upgrade runs in a worker thread on its
 * own connection while the desk answers at once in `upgrading` mode (every channel STORE_UPGRADING, `recovery.status`
 * says so); then the services come up on the upgraded store. A migration that fails leaves the store as it was and
 * the desk goes to recovery mode with the error.
 */
const desk = templateDesks()
const clock = fixedClock('2026-11-23T02:00:00Z')
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of closers.splice(0)) await c()
})
const folders: string[] = []
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })))

const withExtra = (sql: string): string => {
  const dir = migrationsWith(sql)
  folders.push(dir)
  return dir
}

const PROBE = 'CREATE TABLE upgrade_probe (n integer);\n--> statement-breakpoint\nINSERT INTO upgrade_probe SELECT count(*) FROM cases;'
const FAILING = 'CREATE TABLE upgrade_probe (n integer);\n--> statement-breakpoint\nINSERT INTO no_such_table VALUES (1);'

const anon = (): SessionSlot => ({ staff: null, via: 'test' }) as SessionSlot

function read<T>(file: string, sql: string): T {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare(sql).get() as T
  } finally {
    db.close()
  }
}
const applied = (file: string) => read<{ n: number }>(file, 'SELECT count(*) AS n FROM __drizzle_migrations').n
const hasProbe = (file: string) => !!read<{ n: number } | undefined>(file, "SELECT 1 AS n FROM sqlite_master WHERE name = 'upgrade_probe'")

function start(dbFile: string, migrationsFolder: string) {
  const rt = startDesk({ dbFile, migrationsFolder, clock, maintenance: false, log: () => {}, check: async () => ({ ok: true, problems: [] }) })
  closers.push(() => rt.close())
  return rt
}

describe('a store with pending migrations is upgraded off the main thread', () => {
  it('starts in upgrading mode, answers STORE_UPGRADING, and comes up normal on the upgraded store', async () => {
    const d = desk()
    const before = applied(d.file)
    const rt = start(d.file, withExtra(PROBE))
    expect(rt.mode).toBe('upgrading')
    expect(rt.services).toBeNull()
    expect(await rt.handler('auth.signIn', { username: 'clerk1', password: 'demo1234' }, anon())).toMatchObject({
      ok: false,
      error: { code: 'STORE_UPGRADING', message: '正在升级本机案件库，请稍候…' }
    })
    expect(await rt.handler('recovery.status', {}, anon())).toMatchObject({ ok: true, value: { mode: 'upgrading', message: '正在升级本机案件库，请稍候…' } })
    expect(await rt.handler('no.such.channel', {}, anon())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    await rt.upgraded
    expect(rt.mode).toBe('normal')
    expect(applied(d.file)).toBe(before + 1)
    expect(read<{ n: number }>(d.file, 'SELECT n FROM upgrade_probe').n).toBe(60)
    const slot = anon()
    expect(await rt.handler('auth.signIn', { username: 'clerk1', password: 'demo1234' }, slot)).toMatchObject({ ok: true })
    expect(await rt.handler('queue.list', {}, slot)).toMatchObject({ ok: true, value: { rows: expect.any(Array) } })
    expect(await rt.handler('recovery.status', {}, anon())).toMatchObject({ ok: true, value: { mode: 'normal' } })
  })

  it('the services listeners hear of the upgraded store', async () => {
    const d = desk()
    const rt = start(d.file, withExtra(PROBE))
    const heard: unknown[] = []
    rt.onServices((s) => heard.push(s))
    expect(heard).toEqual([])
    await rt.upgraded
    expect(heard).toEqual([rt.services])
  })

  it('a migration that fails: recovery mode with the error, the store as it was', async () => {
    const d = desk()
    const before = applied(d.file)
    const rt = start(d.file, withExtra(FAILING))
    expect(rt.mode).toBe('upgrading')
    await rt.upgraded
    expect(rt.mode).toBe('recovery')
    expect(rt.damage?.kind).toBe('upgrade_failed')
    expect(applied(d.file)).toBe(before)
    expect(hasProbe(d.file)).toBe(false)
    const status = await rt.handler('recovery.status', {}, anon())
    expect(status).toMatchObject({ ok: true, value: { mode: 'recovery', kind: 'upgrade_failed' } })
    expect(JSON.stringify(status)).toContain('no_such_table')
    expect(await rt.handler('queue.list', {}, anon())).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED' } })
    // The unsent work can still be exported from the store (untouched).
    expect(await rt.handler('recovery.exportOutbox', {}, anon())).toMatchObject({ ok: true, value: { rows: 3 } })
    // A backup would meet the same migration: no restore (the sound store is not moved aside).
    expect(await rt.handler('recovery.restore', { backup: 'casedesk-2026-11-22.db', confirm: true }, anon())).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(applied(d.file)).toBe(before)
  })

  it('a store without cases is migrated at once (nothing to wait for)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casedesk-empty-'))
    folders.push(dir)
    const file = join(dir, 'casedesk.db')
    openStore(file).close()
    const rt = start(file, withExtra(PROBE))
    expect(rt.mode).toBe('normal')
    expect(hasProbe(file)).toBe(true)
    await rt.upgraded
  })
})
