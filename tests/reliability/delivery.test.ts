// Exactly-once delivery: duplicated and reordered batches, and a fault-injecting proxy between the desk
// and the exchange service (response lost after the commit, truncated, garbled, delayed, reordered).
import { describe, expect, it } from 'vitest'
import { readPending, toWire } from '../../src/main/core/sync/outbox'
import { getState } from '../../src/main/core/sync/state'
import { attentionCodes, outboxRows, rawPush, RETURN, serverPerTest } from './env'
import { portalDepositForm } from '../../server/src/testing/harness'

const env = serverPerTest({ proxy: true })
const { desk, invariants } = env

describe('duplicate and reordered delivery', () => {
  it('answers the same batch twice, and a batch replayed after a later one, from the record', async () => {
    const c1 = await env.s.submit(1)
    const c2 = await env.s.submit(2)
    const A = await desk('clerk1')
    await A.sync.pullOnce()
    await A.call('cases.claim', { id: c1 })
    await A.call('cases.act', { id: c1, action: 'approve', version: 2, input: {} })
    await A.call('cases.claim', { id: c2 })
    await A.call('cases.act', { id: c2, action: 'return_for_changes', version: 2, input: RETURN })
    expect(await A.sync.uploadBlobs()).toBe(1) // the approval's letter
    const wire = readPending(A.store, 100).map((r) => toWire(A.store, r))
    const first = wire.slice(0, 2)
    const later = wire.slice(2)

    const send = async (batch: unknown[]) => {
      const r = await rawPush(env.s.url, A, batch)
      expect(r.status).toBe(200)
      return (await r.json()) as { results: { status: string }[]; lastSeq: number }
    }
    const once = await send(first)
    expect(once.results.map((r) => r.status)).toEqual(['applied', 'applied'])
    expect(await send(first)).toEqual(once) // duplicated delivery
    const next = await send(later)
    expect(next.results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const replay = await send(first) // a stale retry arriving after a later batch
    expect(replay).toEqual({ ...once, lastSeq: 4 })
    expect(await send([...first, ...later])).toEqual({ results: [...once.results, ...next.results], lastSeq: 4 })
    expect(await env.s.eventActions(c1)).toEqual(['submit', 'claim', 'approve'])
    expect(await env.s.eventActions(c2)).toEqual(['submit', 'claim', 'return_for_changes'])
    expect(await env.s.count('mutations')).toBe(4)

    // The desk never saw those answers: its own push is answered from the record too.
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 4, rejected: 0, pending: 0 })
    expect(await invariants(A)).toEqual([])
  })
})

describe('through a fault-injecting proxy', () => {
  it('a response lost after the commit: the retry is answered from the record, nothing applies twice', async () => {
    const c1 = await env.s.submit(1)
    const A = await desk('clerk1', env.proxy.url)
    await A.sync.pullOnce()
    await A.call('cases.claim', { id: c1 })
    await A.call('cases.act', { id: c1, action: 'approve', version: 2, input: {} })
    env.proxy.inject('/sync/push', { kind: 'drop' })
    const lost = await A.sync.pushOnce()
    expect(lost).toMatchObject({ applied: 0, pending: 2, error: expect.stringContaining('无法连接交换服务') })
    // The claim and the approval (naming the claim: leaseFrom) went in one batch, committed, then its answer lost.
    expect(await env.s.count('mutations')).toBe(2)
    expect(A.sync.status().online).toBe(false)

    expect(await A.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0, pending: 0 })
    expect(await env.s.eventActions(c1)).toEqual(['submit', 'claim', 'approve'])
    expect(await env.s.count('issuedDocuments')).toBe(1)
    expect(env.proxy.log.filter((l) => l.startsWith('POST /sync/push'))).toEqual(['POST /sync/push → 200 (drop)', 'POST /sync/push → 200'])
    expect(await invariants(A)).toEqual([])
  })

  it('a truncated push answer and a garbled pull page leave the desk retrying, never half-applied', async () => {
    const c1 = await env.s.submit(1)
    const c2 = await env.s.submit(2)
    const A = await desk('clerk1', env.proxy.url)
    await A.sync.pullOnce()
    const cursor = getState(A.store, 'cursor')
    await A.call('cases.claim', { id: c1 })
    env.proxy.inject('/sync/push', { kind: 'truncate' })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 0, pending: 1, error: expect.any(String) })
    expect(outboxRows(A)[0].status).toBe('pending')
    expect(await env.s.count('mutations')).toBe(1) // committed on the server

    await env.s.portal('PATCH', `/applications/${c2}`, { form: portalDepositForm({ custodian: '北京市朝阳区人才服务中心' }) })
    env.proxy.inject('/sync/pull', { kind: 'garble' })
    expect(await A.sync.pullOnce()).toMatchObject({ changes: 0, error: expect.any(String) })
    expect(getState(A.store, 'cursor')).toBe(cursor) // nothing of the broken page was applied

    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1, pending: 0 })
    expect(await A.sync.pullOnce()).toEqual({ changes: 2, resynced: false })
    expect(await env.s.eventActions(c1)).toEqual(['submit', 'claim'])
    expect(await invariants(A)).toEqual([])
  })

  it('a delayed answer still settles; a request held in the network loses the claim it was sent first for', async () => {
    const c1 = await env.s.submit(1)
    const A = await desk('clerk1', env.proxy.url)
    const B = await desk('clerk2')
    await A.sync.pullOnce()
    await B.sync.pullOnce()

    env.proxy.inject('/sync/pull', { kind: 'delay', ms: 150 })
    expect(await A.sync.pullOnce()).toEqual({ changes: 0, resynced: false })

    await A.call('cases.claim', { id: c1 })
    await B.call('cases.claim', { id: c1 })
    let release!: () => void
    env.proxy.inject('/sync/push', { kind: 'hold', release: new Promise<void>((r) => (release = r)) })
    const arrived = env.proxy.arrived('/sync/push')
    const aPush = A.sync.pushOnce() // sent first …
    await arrived
    expect(await B.sync.pushOnce()).toMatchObject({ applied: 1 }) // … but B's reaches the server first
    release()
    expect(await aPush).toMatchObject({ applied: 0, rejected: 1, pending: 0 })
    expect(attentionCodes(A)).toEqual(['CLAIMED_BY_OTHER'])
    expect(await invariants(A, B)).toEqual([])
  })
})
