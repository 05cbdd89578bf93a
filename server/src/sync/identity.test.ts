import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { schema } from '../db'
import { serverPerTest } from '../testing/per-test'
import { COUNTER_CEILING } from './numbers'

const t = serverPerTest()

const C = 'transfer_notice:2026'

/** Signs `username` in on the desk `clientId` (an existing desk's id, as a staff member would forge it). */
async function signInAs(username: string, clientId: string) {
  const r = await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username, password: 'demo1234', clientId } })
  return r
}

describe('a desk’s sync identity is bound to the session it signed in with', () => {
  it('refuses a push or a number request under another desk’s clientId with 403 FORBIDDEN, and nothing of that desk changes', async () => {
    const { caseId } = await t.submitApplication()
    const a = await t.desk('clerk1')
    await t.push(a, [{ name: 'case.claim', args: { caseId } }])
    const b = await t.desk('clerk2')
    const poison = await t.app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: b.headers,
      payload: { clientId: a.clientId, mutations: [{ seq: 2 ** 53 - 1, id: randomUUID(), name: 'case.release', args: { caseId } }] }
    })
    expect(poison.statusCode).toBe(403)
    expect(poison.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('窗口') })
    const numbers = await t.app.inject({ method: 'POST', url: '/sync/numbers', headers: b.headers, payload: { clientId: a.clientId, want: [{ counter: C, size: 5 }], held: [] } })
    expect(numbers.statusCode).toBe(403)
    expect(numbers.json().error.code).toBe('FORBIDDEN')
    // Desk A's sequence goes on from where it was.
    expect((await t.push(a, [{ name: 'case.release', args: { caseId } }])).lastSeq).toBe(2)
  })

  it('registers a clientId to the desk that first signed in with it: another computer naming it (without its key) is refused 403', async () => {
    const clientId = randomUUID()
    const deskKey = 'k'.repeat(43)
    const first = await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'clerk1', password: 'demo1234', clientId, deskKey } })
    expect(first.statusCode).toBe(200)
    // The same desk, another staff member: fine.
    expect((await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'clerk2', password: 'demo1234', clientId, deskKey } })).statusCode).toBe(200)
    for (const key of [undefined, 'x'.repeat(43)]) {
      const r = await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'clerk2', password: 'demo1234', clientId, ...(key ? { deskKey: key } : {}) } })
      expect(r.statusCode).toBe(403)
      expect(r.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('另一台电脑') })
    }
    const [desk] = await t.sdb.db.select().from(schema.desks)
    expect(desk).toMatchObject({ clientId, registeredById: t.staffIds.get('clerk1'), lastStaffId: t.staffIds.get('clerk2') })
    expect(desk.keyHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses a push from a session that named no desk at sign-in', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'clerk1', password: 'demo1234' } })
    const headers = { authorization: `Bearer ${r.json().token}`, 'x-casedesk-schema': '1' }
    const push = await t.app.inject({ method: 'POST', url: '/sync/push', headers, payload: { clientId: randomUUID(), mutations: [] } })
    expect(push.statusCode).toBe(403)
    expect(push.json().error.code).toBe('FORBIDDEN')
  })

  it('answers a stored result only to the desk and staff member that pushed it', async () => {
    const { caseId } = await t.submitApplication()
    const a = await t.desk('clerk1')
    const first = await t.push(a, [{ name: 'case.claim', args: { caseId } }])
    expect(first.results[0]).toMatchObject({ status: 'applied', leaseToken: 1 })
    // Another staff member on their own desk replays desk A's mutation id: never A's result.
    const b = await t.desk('clerk2')
    const replay = await t.push(b, [{ name: 'case.claim', args: { caseId }, id: first.mutations[0].id }])
    expect(replay.results[0]).toMatchObject({ status: 'rejected', code: 'MUTATION_TAKEN' })
    expect(replay.results[0]).not.toHaveProperty('leaseToken')
    // Another staff member signed in on desk A itself, with desk A's seq: not A's record either.
    const onA = await signInAs('clerk2', a.clientId)
    const c = { ...b, clientId: a.clientId, headers: { authorization: `Bearer ${onA.json().token}`, 'x-casedesk-schema': '1' }, seq: 0 }
    const seqReplay = await t.push(c, [{ name: 'case.claim', args: { caseId }, seq: 1 }])
    expect(seqReplay.results[0]).toMatchObject({ status: 'rejected', code: 'MUTATION_TAKEN' })
    expect(seqReplay.results[0]).not.toHaveProperty('leaseToken')
    // The pusher itself still gets its record.
    expect((await t.push(a, [{ ...first.mutations[0] }])).results[0]).toEqual(first.results[0])
    expect(await t.sdb.db.select().from(schema.mutations)).toHaveLength(1)
  })
})

describe('number blocks are vouched for and bounded', () => {
  it('refuses a forged held block of 9×10^15 and never continues the counter from it', async () => {
    const a = await t.desk('clerk1')
    const r = await t.app.inject({ method: 'POST', url: '/sync/numbers', headers: a.headers, payload: { clientId: a.clientId, want: [], held: [{ counter: C, first: 9e15, last: 9e15 + 10 }] } })
    expect(r.statusCode).toBe(400)
    expect((await t.numbers(a, [{ counter: C, size: 5 }])).blocks).toMatchObject([{ counter: C, first: 1, last: 5 }])
  })

  it('does not re-register a held block the service never handed this desk (no history, no receipt)', async () => {
    const a = await t.desk('clerk1')
    const forged = { counter: C, first: 500_000, last: 500_099 }
    expect(await t.numbers(a, [], [forged])).toMatchObject({ restored: 0, conflicts: [forged] })
    expect((await t.numbers(a, [{ counter: C, size: 5 }])).blocks).toMatchObject([{ counter: C, first: 1, last: 5 }])
    // Nor a block another desk was given, presented with that desk's receipt.
    const b = await t.desk('clerk2')
    const [theirs] = (await t.numbers(b, [{ counter: C, size: 5 }])).blocks as { counter: string; first: number; last: number; receipt: string }[]
    await t.sdb.db.delete(schema.numberBlocks)
    expect(await t.numbers(a, [], [theirs])).toMatchObject({ restored: 0, conflicts: [theirs] })
  })

  it('re-registers after a restore a block the service handed this desk, on the receipt it signed', async () => {
    const a = await t.desk('clerk1')
    const [mine] = (await t.numbers(a, [{ counter: C, size: 10 }])).blocks as { counter: string; first: number; last: number; receipt: string }[]
    expect(mine.receipt).toMatch(/^[0-9a-f]{64}$/)
    await t.sdb.db.delete(schema.numberBlocks)
    await t.sdb.db.delete(schema.counters)
    expect(await t.numbers(a, [], [{ ...mine, last: mine.last + 1 }])).toMatchObject({ restored: 0 })
    expect(await t.numbers(a, [], [mine])).toMatchObject({ restored: 1, conflicts: [] })
  })

  it('refuses a block request beyond the counter’s ceiling with NUMBER_CEILING', async () => {
    const a = await t.desk('clerk1')
    await t.sdb.db.insert(schema.counters).values({ key: C, last: COUNTER_CEILING - 3 })
    const r = await t.app.inject({ method: 'POST', url: '/sync/numbers', headers: a.headers, payload: { clientId: a.clientId, want: [{ counter: C, size: 5 }] } })
    expect(r.statusCode).toBe(409)
    expect(r.json().error).toMatchObject({ code: 'NUMBER_CEILING', message: expect.stringContaining('上限') })
    expect((await t.numbers(a, [{ counter: C, size: 3 }])).blocks).toMatchObject([{ counter: C, first: COUNTER_CEILING - 2, last: COUNTER_CEILING }])
  })
})
