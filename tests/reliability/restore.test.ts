// A restore of an older backup on the exchange service: a new epoch (and a shorter change log) sends the
// desk a 409 RESYNC; it rebuilds its mirror from the beginning and keeps its outbox. A real restore
// (pg_dump/pg_restore, PGlite's data-folder dump) also loses what desks saw applied after the backup:
// they re-send it, present their number blocks again, and no letter number is ever given out twice.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, gt } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { backupTo, RESTORE_SKIP } from '../../server/src/admin/backup'
import { schema } from '../../server/src/db'
import { getState } from '../../src/main/core/sync/state'
import { pendingCount, RETURN, serverPerTest } from './env'

const env = serverPerTest()
const { desk, invariants } = env

describe('server epoch change', () => {
  it.each([
    ['a new epoch', true],
    ['a change log shorter than the cursor', false]
  ])('%s: 409 RESYNC rebuilds the mirror and keeps the outbox', async (_label, newEpoch) => {
    const c1 = await env.s.submit(1)
    const c2 = await env.s.submit(2)
    const A = await desk('clerk1')
    await A.sync.pullOnce()
    await A.call('cases.claim', { id: c1 })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1 })
    await A.sync.pullOnce()
    const [epoch, seq] = getState(A.store, 'cursor')!.split(':')
    // Queued while the server is being restored.
    await A.call('cases.act', { id: c1, action: 'return_for_changes', version: 2, input: RETURN })
    await A.call('cases.claim', { id: c2 })

    // The restore: the backup predates the last change the desk saw.
    await env.s.db.delete(schema.changes).where(gt(schema.changes.seq, Number(seq) - 1))
    if (newEpoch) await env.s.db.update(schema.serverMeta).set({ value: crypto.randomUUID() }).where(eq(schema.serverMeta.key, 'epoch'))

    const report = await A.sync.pullOnce()
    expect(report).toMatchObject({ resynced: true })
    expect(report.error).toBeUndefined()
    expect(pendingCount(A)).toBe(2)
    const [after] = getState(A.store, 'cursor')!.split(':')
    expect(after === epoch).toBe(!newEpoch)
    // The mirror was rebuilt from the server (both cases are there, the local decision is only queued).
    expect(A.store.sqlite.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 2 })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0, pending: 0 })
    expect(await env.s.eventActions(c1)).toEqual(['submit', 'claim', 'return_for_changes'])
    expect(await invariants(A)).toEqual([])
  })
})

describe('restore of an older backup', () => {
  it('desks re-send what the server lost, present their number blocks again, and numbers never repeat', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casedesk-backup-'))
    try {
      const [c1, c2, c3] = [await env.s.submit(1), await env.s.submit(2), await env.s.submit(3)]
      const A = await desk('clerk1')
      await A.sync.pullOnce()
      await A.call('cases.claim', { id: c1 })
      await A.call('cases.act', { id: c1, action: 'approve', version: 2, input: {} })
      expect(await A.sync.pushOnce()).toMatchObject({ applied: 2 })
      await backupTo(env.s.sdb, join(dir, 'backup'))

      // After the backup: A approves c2; B signs in for the first time (session and number blocks made
      // after the backup) and approves c3. Both see their decisions applied.
      await A.call('cases.claim', { id: c2 })
      await A.call('cases.act', { id: c2, action: 'approve', version: 2, input: {} })
      const B = await desk('clerk2')
      await B.sync.pullOnce()
      await B.call('cases.claim', { id: c3 })
      await B.call('cases.act', { id: c3, action: 'approve', version: 2, input: {} })
      expect(await A.sync.pushOnce()).toMatchObject({ applied: 2, pending: 0 })
      expect(await B.sync.pushOnce()).toMatchObject({ applied: 2, pending: 0 })
      const printed = async () => (await env.s.db.select().from(schema.issuedDocuments)).map((d) => d.number).sort()
      const before = await printed()
      expect(before).toEqual(['留档调字〔2026〕第000001号', '留档调字〔2026〕第000002号', '留档调字〔2026〕第000101号'])

      await env.s.restore(join(dir, 'backup'))
      expect(await env.s.eventActions(c2)).toEqual(['submit'])

      // A's session predates the backup: its next pull meets the new epoch, it re-sends c2's claim and approval.
      expect(await A.sync.pullOnce()).toMatchObject({ resynced: true })
      expect(pendingCount(A)).toBe(2)
      expect(await A.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0, pending: 0 })
      // B's session was lost with the restore: B signs in again, and its block is recorded again before its letter.
      expect((await B.sync.pullOnce()).error).toMatch(/登录已失效/)
      await B.signIn('clerk2')
      expect(await B.sync.pullOnce()).toMatchObject({ resynced: true })
      expect(await B.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0, pending: 0 })
      expect(await printed()).toEqual(before)
      expect(await env.s.eventActions(c3)).toEqual(['submit', 'claim', 'approve'])

      // A desk asking for numbers now starts past the skip: nothing handed out before the restore comes again.
      const C = await desk('super1')
      const blocks = C.store.sqlite.prepare("SELECT first FROM number_blocks WHERE counter = 'transfer_notice:2026'").all() as { first: number }[]
      expect(blocks.every((b) => b.first > RESTORE_SKIP)).toBe(true)
      expect(await invariants(A, B, C)).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
