// A clerk's claim and decision on a case travel in ONE push (the REAL exchange service chains the lease: `leaseFrom`).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AttentionItem } from '../../../shared/api/types'
import { type Exchange, openDesk, startExchange, type TestDesk } from './testing'

let ex: Exchange
let A: TestDesk
let B: TestDesk
let pushes: { mutations: Record<string, unknown>[] }[]
beforeEach(async () => {
  ex = await startExchange()
  A = openDesk(ex.url, ex.clock)
  B = openDesk(ex.url, ex.clock)
  pushes = []
  A.net.intercept = (path, body) => {
    if (path === '/sync/push') pushes.push(JSON.parse(body) as { mutations: Record<string, unknown>[] })
    return undefined
  }
})
afterEach(async () => {
  await A.dispose()
  await B.dispose()
  await ex.close()
})

const RETURN = { reasons: [{ material: 'id_card', text: '身份证复印件不清晰' }], note: '' }
const outbox = (d: TestDesk) => d.store.sqlite.prepare('SELECT name, status FROM outbox ORDER BY seq').all() as { name: string; status: string }[]

describe('claim → decide in one push', () => {
  it('sends the claims and decisions of several cases in one request; each decision names its claim instead of a token', async () => {
    const cases = [(await ex.submit(1)).caseId, (await ex.submit(2)).caseId]
    await A.signIn('clerk1')
    await A.sync.pullOnce()
    for (const id of cases) {
      await A.call('cases.claim', { id })
      await A.call('cases.act', { id, action: 'return_for_changes', version: 2, input: RETURN })
    }
    // A token from an earlier lease is still on the desk: the decision must not present it.
    A.store.sqlite.prepare('INSERT INTO leases (case_id, lease_token) VALUES (?, 9)').run(cases[0])
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 4, rejected: 0, pending: 0 })
    const sent = pushes.filter((p) => p.mutations.length > 0)
    expect(sent).toHaveLength(1)
    const [claim0, act0, claim1, act1] = sent[0].mutations
    expect(act0).toMatchObject({ name: 'case.act', leaseFrom: claim0.id })
    expect(act0.leaseToken).toBeUndefined()
    expect(act1).toMatchObject({ name: 'case.act', leaseFrom: claim1.id })
    expect(outbox(A).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied'])
    // The decisions ended the leases: none left on the desk.
    expect(A.store.sqlite.prepare('SELECT count(*) AS n FROM leases').get()).toEqual({ n: 0 })
  })

  it('a refused claim refuses the decision behind it (CLAIM_NOT_APPLIED), told to the clerk as one story', async () => {
    const { caseId } = await ex.submit(1)
    await B.signIn('clerk2')
    await B.sync.pullOnce()
    await A.signIn('clerk1')
    await A.sync.pullOnce()
    await B.call('cases.claim', { id: caseId })
    expect(await B.sync.pushOnce()).toMatchObject({ applied: 1 })
    await A.call('cases.claim', { id: caseId })
    await A.call('cases.act', { id: caseId, action: 'return_for_changes', version: 2, input: RETURN })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 0, rejected: 2, pending: 0 })
    expect(pushes.filter((p) => p.mutations.length > 0)).toHaveLength(1)
    const results = A.store.sqlite.prepare('SELECT result FROM outbox ORDER BY seq').all() as { result: string }[]
    expect(results.map((r) => (JSON.parse(r.result) as { code: string }).code)).toEqual(['CLAIMED_BY_OTHER', 'CLAIM_NOT_APPLIED'])
    const items = await A.call<AttentionItem[]>('sync.attention')
    expect(items).toHaveLength(1)
    expect(items[0].message).toContain('此业务已由 李强 认领')
    expect(items[0].message).toContain('您的“认领”和“退回修改”未生效')
  })

  it('an older desk’s way still works: the claim first, the decision with the token it brought back', async () => {
    const { caseId } = await ex.submit(1)
    await A.signIn('clerk1')
    await A.sync.pullOnce()
    await A.call('cases.claim', { id: caseId })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1 })
    await A.call('cases.act', { id: caseId, action: 'return_for_changes', version: 2, input: RETURN })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 0 })
    const last = pushes.filter((p) => p.mutations.length > 0).at(-1)!
    expect(last.mutations[0]).toMatchObject({ name: 'case.act', leaseToken: 1 })
    expect(last.mutations[0].leaseFrom).toBeUndefined()
  })
})
