// Time on the server clock: an expired lease fences off the old holder, and a desk offline for a week
// catches up with everyone else's changes.
import { describe, expect, it } from 'vitest'
import type { AttentionItem } from '../../src/shared/api/types'
import { attentionCodes, localVersion, outboxRows, pendingCount, RETURN, serverPerTest } from './env'

const env = serverPerTest({ proxy: true })
const { desk, invariants } = env
const HOUR = 3600_000

describe('an expired lease', () => {
  it('rejects the old holder’s decision LEASE_LOST (re-claimed by another, or by nobody) and tells that desk', async () => {
    const taken = await env.s.submit(1)
    const lapsed = await env.s.submit(2)
    const A = await desk('clerk1')
    const B = await desk('clerk2')
    await A.sync.pullOnce()
    for (const id of [taken, lapsed]) await A.call('cases.claim', { id })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 2 })
    // A decides both while offline; meanwhile the server clock passes the 8-hour lease.
    await A.call('cases.act', { id: taken, action: 'approve', version: 2, input: {} })
    await A.call('cases.act', { id: lapsed, action: 'return_for_changes', version: 2, input: RETURN })
    env.s.clock.advance(8 * HOUR + 1000)

    await B.sync.pullOnce()
    await B.call('cases.claim', { id: taken })
    await B.call('cases.act', { id: taken, action: 'return_for_changes', version: 3, input: RETURN })
    expect(await B.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0 })

    // Both refused; the number of the letter the approval drafted is then recorded void at the server (`number.void`).
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 2, pending: 0 })
    expect(attentionCodes(A)).toEqual(['LEASE_LOST', 'LEASE_LOST'])
    const items = await A.call<AttentionItem[]>('sync.attention')
    expect(items.map((i) => i.caseId).sort()).toEqual([taken, lapsed].sort())
    expect(items.find((i) => i.caseId === taken)!.message).toContain('李强')
    expect(await env.s.eventActions(taken)).toEqual(['submit', 'claim', 'claim', 'return_for_changes'])
    expect(await env.s.eventActions(lapsed)).toEqual(['submit', 'claim'])
    expect(await env.s.count('issuedDocuments')).toBe(0) // A's letter never took effect
    expect(await invariants(A, B)).toEqual([])
    // The mirror shows the lapsed case unclaimed again.
    expect(A.store.sqlite.prepare('SELECT assignee_id FROM cases WHERE id = ?').get(lapsed)).toEqual({ assignee_id: null })
  })
})

describe('a desk offline for a week', () => {
  it('queues 50 actions, catches up with others’ changes, and settles every one exactly once', { timeout: 300_000 }, async () => {
    const ids: string[] = []
    for (let n = 1; n <= 25; n++) ids.push(await env.s.submit(n))
    const A = await desk('clerk1', env.proxy.url)
    const B = await desk('clerk2')
    await A.sync.pullOnce()
    await B.sync.pullOnce()
    env.proxy.down = true

    // A: 25 claims and 25 decisions, all queued locally.
    for (const [i, id] of ids.entries()) {
      await A.call('cases.claim', { id })
      const approve = i % 2 === 0
      await A.call('cases.act', { id, action: approve ? 'approve' : 'return_for_changes', version: localVersion(A, id), input: approve ? {} : RETURN })
    }
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 0, pending: 50, error: expect.stringContaining('无法连接交换服务') })

    // Meanwhile: B returns five of those cases, the portal brings new ones, the days pass.
    for (const id of ids.slice(0, 5)) {
      await B.call('cases.claim', { id })
      await B.call('cases.act', { id, action: 'return_for_changes', version: localVersion(B, id), input: RETURN })
    }
    expect(await B.sync.pushOnce()).toMatchObject({ applied: 10, rejected: 0 })
    for (let n = 26; n <= 28; n++) await env.s.submit(n)
    env.s.clock.advance(7 * 24 * HOUR)

    // Back online a week later: the session expired (12 h), so the clerk signs in again first.
    env.proxy.down = false
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 0, pending: 50, error: expect.stringContaining('重新登录') })
    await A.signIn('clerk1')
    await B.signIn('clerk2')
    const report = await A.sync.pushOnce()
    // 40 applied, 10 refused — and the numbers of the 3 letters the refused approvals drafted recorded void (`number.void`).
    expect(report).toMatchObject({ applied: 43, rejected: 10, pending: 0 })
    const rejected = outboxRows(A).filter((r) => r.status === 'rejected')
    expect(new Set(rejected.map((r) => r.caseId))).toEqual(new Set(ids.slice(0, 5)))
    // One item per case: its refused claim and the decision queued behind it are told together.
    expect(attentionCodes(A)).toHaveLength(5)
    expect(await A.sync.pullOnce()).toMatchObject({ changes: 28 })
    expect(pendingCount(A)).toBe(0)
    expect(await invariants(A, B)).toEqual([])
  })
})
