// A restore of an older backup on the exchange service: a new epoch (and a shorter change log) sends the
// desk a 409 RESYNC; it rebuilds its mirror from the beginning and keeps its outbox.
import { eq, gt } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { schema } from '../../server/src/db'
import { getState } from '../../src/main/core/sync/state'
import { type Desk, deskAt, pendingCount, RETURN, type Server, SETUP_MS, startServer, underTest } from './env'
import { checkInvariants } from './invariants'

let s: Server
const opened: Desk[] = []
beforeEach(async () => {
  s = await startServer()
}, SETUP_MS)
afterEach(async () => {
  for (const d of opened.splice(0)) await d.dispose()
  await s.close()
})

const desk = async (username: string) => {
  const d = await deskAt(s.url, s.clock, username)
  opened.push(d)
  return d
}

describe('server epoch change', () => {
  it.each([
    ['a new epoch', true],
    ['a change log shorter than the cursor', false]
  ])('%s: 409 RESYNC rebuilds the mirror and keeps the outbox', async (_label, newEpoch) => {
    const c1 = await s.submit(1)
    const c2 = await s.submit(2)
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
    await s.db.delete(schema.changes).where(gt(schema.changes.seq, Number(seq) - 1))
    if (newEpoch) await s.db.update(schema.serverMeta).set({ value: crypto.randomUUID() }).where(eq(schema.serverMeta.key, 'epoch'))

    const report = await A.sync.pullOnce()
    expect(report).toMatchObject({ resynced: true })
    expect(report.error).toBeUndefined()
    expect(pendingCount(A)).toBe(2)
    const [after] = getState(A.store, 'cursor')!.split(':')
    expect(after === epoch).toBe(!newEpoch)
    // The mirror was rebuilt from the server (both cases are there, the local decision is only queued).
    expect(A.store.sqlite.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 2 })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0, pending: 0 })
    expect(await s.eventActions(c1)).toEqual(['submit', 'claim', 'return_for_changes'])
    expect(await checkInvariants({ serverDb: s.db, desks: [underTest(A)], now: s.clock.now() })).toEqual([])
  })
})
