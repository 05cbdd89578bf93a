import Database from 'better-sqlite3'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '.'
import { fixedClock } from '../clock'
import { backupsDirOf, listBackups, makeBackup, rotateBackups, verifyBackup } from './backup'
import { damageTablePage } from './testing/damage'
import { templateDesks } from './testing/fixture'
import { integrityCheckInWorker } from './integrity'
import { createStoreMaintenance } from './maintenance'

const desk = templateDesks()

describe('rotating local backups', () => {
  it('writes a verified, self-contained copy with the online backup API while the store is open', async () => {
    const d = desk()
    const store = openStore(d.file)
    const dir = backupsDirOf(d.file)
    const out = await makeBackup(store, { dir, date: '2026-11-23' })
    store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('after', 'backup')").run()
    store.close()
    expect(out.made).toBe(true)
    expect(readdirSync(dir)).toEqual(['casedesk-2026-11-23.db'])
    expect(verifyBackup(join(dir, 'casedesk-2026-11-23.db'))).toEqual([])
    const copy = new Database(join(dir, 'casedesk-2026-11-23.db'), { readonly: true })
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
    expect(copy.prepare("SELECT count(*) AS n FROM outbox WHERE status <> 'applied' AND status <> 'rejected'").get()).toEqual({ n: 3 })
    expect(copy.prepare("SELECT count(*) AS n FROM settings WHERE key = 'after'").get()).toEqual({ n: 0 })
    copy.close()
  })

  it('one a day: the same date is not written twice', async () => {
    const d = desk()
    const store = openStore(d.file)
    const dir = backupsDirOf(d.file)
    expect((await makeBackup(store, { dir, date: '2026-11-23' })).made).toBe(true)
    expect(await makeBackup(store, { dir, date: '2026-11-23' })).toMatchObject({ made: false, reason: 'exists' })
    store.close()
  })

  it('keeps the newest 7', async () => {
    const d = desk()
    const store = openStore(d.file)
    const dir = backupsDirOf(d.file)
    for (let day = 1; day <= 9; day++) await makeBackup(store, { dir, date: `2026-11-${String(day).padStart(2, '0')}` })
    store.close()
    expect(listBackups(dir).map((b) => b.date)).toEqual(['2026-11-09', '2026-11-08', '2026-11-07', '2026-11-06', '2026-11-05', '2026-11-04', '2026-11-03'])
    // Files that are not ours are never touched by the rotation.
    writeFileSync(join(dir, 'notes.txt'), 'x')
    rotateBackups(dir, 7)
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true)
  })

  it('never backs up a damaged store: the last good backup stays as it was', async () => {
    const d = desk()
    const dir = backupsDirOf(d.file)
    let store = openStore(d.file)
    await makeBackup(store, { dir, date: '2026-11-22' })
    store.close()
    const good = readFileSync(join(dir, 'casedesk-2026-11-22.db'))
    damageTablePage(d.file, 'cases')
    store = openStore(d.file)
    const out = await makeBackup(store, { dir, date: '2026-11-23' })
    store.close()
    expect(out).toMatchObject({ made: false, reason: 'damaged' })
    expect(listBackups(dir).map((b) => b.name)).toEqual(['casedesk-2026-11-22.db'])
    expect(readFileSync(join(dir, 'casedesk-2026-11-22.db')).equals(good)).toBe(true)
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([])
  })
})

describe('the daily integrity check', () => {
  it('runs integrity_check in a worker thread on a second, read-only connection', async () => {
    const d = desk()
    const store = openStore(d.file)
    const ok = await integrityCheckInWorker(d.file)
    expect(ok).toMatchObject({ ok: true, problems: [] })
    store.close()
    damageTablePage(d.file, 'cases')
    const bad = await integrityCheckInWorker(d.file)
    expect(bad.ok).toBe(false)
    expect(bad.problems.length).toBeGreaterThan(0)
  })

  it('checks, then backs up once a day; after damage is found it backs up nothing', async () => {
    const d = desk()
    let store = openStore(d.file)
    let now = '2026-11-23T02:00:00Z'
    const clock = { now: () => new Date(now) }
    const m = createStoreMaintenance({ store, dbFile: d.file, clock, log: () => {} })
    const first = await m.runNow()
    expect(first.integrity?.ok).toBe(true)
    expect(first.backup).toMatchObject({ made: true })
    // Later the same day: no second check, no second backup.
    now = '2026-11-23T08:00:00Z'
    expect(await m.runNow()).toMatchObject({ integrity: null, backup: { made: false, reason: 'exists' } })
    store.close()
    damageTablePage(d.file, 'cases')
    store = openStore(d.file)
    now = '2026-11-24T02:00:00Z'
    const damaged: string[][] = []
    const m2 = createStoreMaintenance({ store, dbFile: d.file, clock, log: () => {}, onDamage: (p) => damaged.push(p) })
    const after = await m2.runNow()
    store.close()
    expect(after.integrity?.ok).toBe(false)
    expect(after.backup).toBeNull()
    expect(damaged).toHaveLength(1)
    expect(listBackups(backupsDirOf(d.file)).map((b) => b.date)).toEqual(['2026-11-23'])
    expect(m2.status().lastRefusal?.reason).toBe('damaged')
    void fixedClock
  })
})
