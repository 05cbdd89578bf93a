// Outbox rows carry their actor: on a shared desk, each clerk's offline decisions are pushed under that
// clerk's own server session (REAL exchange service, server/src/app.ts on in-memory PGlite).
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../../shared/api/types'
import { schema } from '../../../../server/src/db'
import { tempStore } from '../testing/fixtures'
import { deferOthers, pendingBatch } from './outbox'
import { type Exchange, openDesk, startExchange } from './testing'

let ex: Exchange
beforeEach(async () => {
  ex = await startExchange()
})
afterEach(async () => {
  await ex.close()
})

/** A desk shared by several clerks, its network cuttable, with its outbox and each row's actor. */
function openSharedDesk(url: string) {
  const d = openDesk(url, ex.clock)
  const outbox = () =>
    d.store.sqlite.prepare('SELECT o.seq, o.name, o.status, s.username AS actor FROM outbox o LEFT JOIN staff s ON s.id = o.actor_id ORDER BY o.seq').all() as {
      seq: number
      name: string
      status: string
      actor: string | null
    }[]
  return { ...d, outbox }
}

const serverEvents = async (caseId: string) =>
  (await ex.sdb.db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId))).map((e) => ({ action: e.action, actor: e.actorName, actorId: e.actorId }))

const serverCase = async (caseId: string) => (await ex.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, caseId)))[0]

describe('outbox actor on a shared desk', () => {
  it('pushes each clerk’s offline decisions only under that clerk’s own session', async () => {
    const one = await ex.submit(1)
    const two = await ex.submit(2)
    const desk = openSharedDesk(ex.url)
    try {
      await desk.signIn('clerk1')
      await desk.sync.pullOnce()

      // 张敏 (clerk1) works offline: claims and approves case 1, then signs out with both still queued.
      desk.net.offline = true
      await desk.call('cases.claim', { id: one.caseId })
      await desk.call('cases.act', { id: one.caseId, action: 'approve', version: 2, input: {} })
      expect(await desk.sync.pushOnce()).toMatchObject({ applied: 0, pending: 2, error: expect.stringContaining('无法连接交换服务') })
      await desk.call('auth.signOut')
      desk.net.offline = false

      // 李强 (clerk2) signs in on the same desk and syncs: only his own mutation goes out.
      expect(await desk.signIn('clerk2')).toMatchObject({ username: 'clerk2', displayName: '李强' })
      await desk.call('cases.claim', { id: two.caseId })
      expect(await desk.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 0, pending: 2, pendingOthers: 2 })
      expect((await desk.sync.pullOnce()).error).toBeUndefined()
      expect(await desk.call<SyncStatus>('sync.status')).toMatchObject({ pending: 2, attention: 0, lastError: null })
      expect(desk.outbox().map((r) => [r.name, r.status, r.actor])).toEqual([
        ['case.claim', 'applied', 'clerk2'],
        ['case.claim', 'pending', 'clerk1'],
        ['case.act', 'pending', 'clerk1']
      ])
      expect(await serverEvents(two.caseId)).toContainEqual({ action: 'claim', actor: '李强', actorId: ex.staffIds.get('clerk2') })
      expect((await serverEvents(one.caseId)).map((e) => e.action)).toEqual(['submit'])
      expect(await serverCase(one.caseId)).toMatchObject({ state: 'submitted', version: 1 })
      // Pushing again (the loop's next round) still leaves 张敏's rows alone.
      expect(await desk.sync.pushOnce()).toMatchObject({ applied: 0, pending: 2, pendingOthers: 2 })

      // 张敏 signs in again: her decisions are pushed, in order, and credited to her.
      await desk.call('auth.signOut')
      await desk.signIn('clerk1')
      expect(await desk.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0, pending: 0, pendingOthers: 0 })
      const events = await serverEvents(one.caseId)
      expect(events.map((e) => e.action)).toEqual(['submit', 'claim', 'approve'])
      for (const e of events.slice(1)) expect(e).toEqual({ action: e.action, actor: '张敏', actorId: ex.staffIds.get('clerk1') })
      expect(await serverCase(one.caseId)).toMatchObject({ version: 3 })
      expect(desk.sync.status()).toMatchObject({ pending: 0, attention: 0 })
    } finally {
      await desk.dispose()
    }
  })
})

describe('deferOthers', () => {
  it('moves other staff’s waiting rows behind the pusher’s, in order, with seqs never used before; rows without an actor go with anyone', () => {
    const store = tempStore()
    try {
      const sql = store.sqlite
      const staff = (u: string) =>
        Number(sql.prepare("INSERT INTO staff (username, display_name, role, password_hash) VALUES (?, ?, 'clerk', '!')").run(u, u).lastInsertRowid)
      const [a, b] = [staff('a'), staff('b')]
      const add = (id: string, actor: number | null) =>
        sql.prepare("INSERT INTO outbox (id, name, args, actor_id) VALUES (?, 'case.act', '{}', ?)").run(id, actor)
      add('a1', a)
      add('old', null)
      add('a2', a)
      add('b1', b)
      const order = () => (sql.prepare("SELECT id, seq FROM outbox WHERE status = 'pending' ORDER BY seq").all() as { id: string; seq: number }[])
      expect(order().map((r) => r.id)).toEqual(['a1', 'old', 'a2', 'b1'])

      expect(pendingBatch(store, 100, b).map((r) => r.id)).toEqual(['old', 'b1'])
      expect(deferOthers(store, b)).toBe(2)
      expect(order()).toEqual([
        { id: 'old', seq: 2 },
        { id: 'b1', seq: 4 },
        { id: 'a1', seq: 5 },
        { id: 'a2', seq: 6 }
      ])
      expect(deferOthers(store, b)).toBe(0) // nothing of b's waits behind a's any more
      expect(deferOthers(store, a)).toBe(1)
      expect(order().map((r) => r.id)).toEqual(['old', 'a1', 'a2', 'b1'])
      add('a3', a)
      expect(order().map((r) => r.seq)).toEqual([2, 5, 6, 7, 8]) // AUTOINCREMENT continues above the moved rows
      expect(pendingBatch(store, 100, null).map((r) => r.id)).toEqual(['old']) // an unknown session: unattributed rows only
    } finally {
      store.dispose()
    }
  })
})
