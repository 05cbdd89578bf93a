import Database from 'better-sqlite3'
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '.'
import type { SessionSlot } from '../api'
import { fixedClock } from '../clock'
import { toWire, readPending } from '../sync/outbox'
import { backupsDirOf, makeBackup } from './backup'
import { damageHeader, damageTablePage } from './testing/damage'
import { templateDesks } from './testing/fixture'
import { SEQ_GAP } from './restore'
import { startDesk } from './runtime'

const desk = templateDesks()
const closers: (() => Promise<void>)[] = []
// Registered after templateDesks' hooks, so it runs before the copies are removed (after-hooks run in reverse).
afterEach(async () => {
  for (const c of closers.splice(0)) await c()
})
const clock = fixedClock('2026-11-23T02:00:00Z')
const start = (dbFile: string) => {
  const rt = startDesk({ dbFile, clock, maintenance: false, log: () => {} })
  closers.push(() => rt.close())
  return rt
}
const clerk: SessionSlot = { staff: { id: 2, username: 'clerk1', displayName: '张三', role: 'clerk', scopes: null, mustChangePassword: false }, via: 'test' } as SessionSlot
const anon = (): SessionSlot => ({ staff: null, via: 'test' }) as SessionSlot

describe('recovery mode', () => {
  it('a sound store starts normally; recovery.status says so and restoring is refused', async () => {
    const rt = start(desk().file)
    expect(rt.mode).toBe('normal')
    const status = await rt.handler('recovery.status', {}, anon())
    expect(status).toMatchObject({ ok: true, value: { mode: 'normal' } })
    expect(await rt.handler('recovery.exportOutbox', {}, anon())).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '本机案件库完好，无需恢复' } })
  })

  it('a sound desk checks its store and makes today’s backup soon after the start (the daily maintenance)', async () => {
    const d = desk()
    const rt = startDesk({ dbFile: d.file, clock, maintenance: { firstAfterMs: 10, log: () => {} }, log: () => {} })
    closers.push(() => rt.close())
    rt.start()
    await expect.poll(() => rt.maintenance?.status().lastBackup?.name, { timeout: 20_000 }).toBe('casedesk-2026-11-23.db')
    expect(rt.maintenance?.status().lastIntegrityCheck).toMatchObject({ ok: true })
    expect(readdirSync(backupsDirOf(d.file))).toContain('casedesk-2026-11-23.db')
  })

  it('an overwritten page: recovery mode, the queue is not served, the damage is explained in Chinese', async () => {
    const d = desk()
    damageTablePage(d.file, 'cases')
    const rt = start(d.file)
    // The start's quick_check runs in a worker thread: its finding switches the desk to recovery mode.
    await rt.checked
    expect(rt.mode).toBe('recovery')
    expect(await rt.handler('queue.list', {}, clerk)).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED' } })
    expect(await rt.handler('auth.signIn', { username: 'clerk1', password: 'demo1234' }, anon())).toMatchObject({ ok: false, error: { code: 'STORE_DAMAGED' } })
    const status = await rt.handler('recovery.status', {}, anon())
    expect(status).toMatchObject({ ok: true, value: { mode: 'recovery', kind: 'corrupt' } })
    expect((status as { value: { message: string } }).value.message).toMatch(/完整性检查/)
    const exported = await rt.handler('recovery.exportOutbox', {}, anon())
    expect(exported).toMatchObject({ ok: true, value: { rows: 3, letters: 1, files: 1 } })
    expect(existsSync((exported as { value: { file: string } }).value.file)).toBe(true)
  })

  it('a damaged header: recovery mode instead of a crash', async () => {
    const d = desk()
    damageHeader(d.file)
    const rt = start(d.file)
    expect(rt.mode).toBe('recovery')
    expect(await rt.handler('recovery.status', {}, anon())).toMatchObject({ ok: true, value: { mode: 'recovery', kind: 'not_a_database' } })
    expect(await rt.handler('recovery.exportOutbox', {}, anon())).toMatchObject({ ok: true, value: { rows: 3, headerRebuilt: true } })
  })

  it('restore from the last good backup: a working store, the unsent work requeued (same id and seq), the damaged store kept', async () => {
    const d = desk()
    const store = openStore(d.file)
    expect((await makeBackup(store, { dir: backupsDirOf(d.file), date: '2026-11-22' })).made).toBe(true)
    // Work done after the backup: a decision that issued a new letter (not in the backup), and answered rows.
    const letter = store.sqlite.prepare('SELECT * FROM issued_documents WHERE id = ?').get(d.letter.id) as Record<string, unknown>
    const pdf = Buffer.from('%PDF-1.7 new letter after the backup')
    const sha = createHash('sha256').update(pdf).digest('hex')
    store.sqlite.prepare('INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)').run(sha, pdf.length, pdf)
    const newDoc = Number(
      store.sqlite
        .prepare('INSERT INTO issued_documents (case_id, doc_type, number, verification_code, sha256, file_name, issued_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(letter.case_id, letter.doc_type, 'NEW-0001', 'VC-NEW-0001', sha, 'new.pdf', '2026-11-23T01:00:00Z', letter.data).lastInsertRowid
    )
    for (let i = 0; i < 5; i++) store.sqlite.prepare("INSERT INTO outbox (id, name, args, status) VALUES (?, 'case.claim', '{}', 'applied')").run(randomUUID())
    const lateId = randomUUID()
    store.sqlite
      .prepare("INSERT INTO outbox (id, case_id, name, args, base_version, status) VALUES (?, ?, 'case.act', ?, 3, 'pending')")
      .run(lateId, letter.case_id, JSON.stringify({ caseId: letter.case_id, action: 'approve', input: {}, documentIds: [newDoc] }))
    const seqs = new Map((store.sqlite.prepare('SELECT id, seq FROM outbox').all() as { id: string; seq: number }[]).map((r) => [r.id, r.seq]))
    const maxSeq = Math.max(...seqs.values())
    store.close()
    damageTablePage(d.file, 'cases')
    const damagedBytes = readFileSync(d.file)

    const rt = start(d.file)
    await rt.checked
    expect(rt.mode).toBe('recovery')
    const status = (await rt.handler('recovery.status', {}, anon())) as { ok: true; value: { backups: { name: string }[] } }
    expect(status.value.backups.map((b) => b.name)).toEqual(['casedesk-2026-11-22.db'])
    expect(await rt.handler('recovery.restore', { backup: 'casedesk-2026-11-22.db' }, anon())).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await rt.handler('recovery.restore', { backup: 'casedesk-2026-11-01.db', confirm: true }, anon())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const restored = await rt.handler('recovery.restore', { backup: 'casedesk-2026-11-22.db', confirm: true }, anon())
    expect(restored).toMatchObject({ ok: true, value: { restoredFrom: 'casedesk-2026-11-22.db', requeued: 1, alreadyThere: 3, letters: 1 } })

    // The desk works again, on the restored store.
    expect(rt.mode).toBe('normal')
    expect(await rt.handler('recovery.status', {}, anon())).toMatchObject({ ok: true, value: { mode: 'normal' } })
    const s = rt.services!
    expect(s.store.sqlite.pragma('quick_check', { simple: true })).toBe('ok')
    const unsent = s.store.sqlite.prepare("SELECT id, seq, status FROM outbox WHERE status NOT IN ('applied', 'rejected') ORDER BY seq").all() as { id: string; seq: number; status: string }[]
    expect(unsent.map((r) => r.id)).toEqual([...d.unsent, lateId])
    for (const r of unsent) expect(r.seq).toBe(seqs.get(r.id))
    // The requeued decision carries its letter (remapped to the restored store's row), whose PDF came back too.
    const late = readPending(s.store, 100).find((r) => r.id === lateId)!
    expect(toWire(s.store, late).args.documents).toMatchObject([{ number: 'NEW-0001', sha256: sha }])
    expect(s.store.sqlite.prepare('SELECT size FROM blobs WHERE sha256 = ?').get(sha)).toEqual({ size: pdf.length })
    // A new mutation never reuses a seq the exchange service may have recorded.
    const next = s.store.sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number }
    expect(next.seq).toBeGreaterThanOrEqual(maxSeq + SEQ_GAP)
    // The damaged store is kept, byte for byte, under a name with the time.
    const kept = readdirSync(d.dir).filter((f) => f.startsWith('casedesk.damaged-'))
    expect(kept.length).toBeGreaterThanOrEqual(1)
    expect(readFileSync(join(d.dir, kept.find((f) => f.endsWith('.db'))!)).equals(damagedBytes)).toBe(true)
    const raw = new Database(join(d.dir, 'casedesk.db'), { readonly: true })
    expect(raw.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 60 })
    raw.close()
  })
})
