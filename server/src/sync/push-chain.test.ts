import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { schema } from '../db'
import { PUSH_CHUNK } from './push'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

const events = async (caseId: string) =>
  (await t.sdb.db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId)).orderBy(schema.caseEvents.id)).map((e) => e.action)
const RETURN = { reasons: [{ material: 'cv', text: '履历时间不连续' }] }

/** A claim and a decision of one case in ONE push: the decision presents the lease of the claim before it (`leaseFrom`). */
describe('push: a decision chained to the claim before it in the same batch', () => {
  it('applies claim → decide for several cases in one request, each decision with the lease its claim was granted', async () => {
    const a = await t.submitApplication(1)
    const b = await t.submitApplication(2)
    const desk = await t.desk('clerk1')
    const [claimA, claimB] = [randomUUID(), randomUUID()]
    const r = await t.push(desk, [
      { name: 'case.claim', args: { caseId: a.caseId, state: 'submitted', round: 1 }, id: claimA },
      { name: 'case.act', args: { caseId: a.caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2, leaseFrom: claimA },
      { name: 'case.claim', args: { caseId: b.caseId, state: 'submitted', round: 1 }, id: claimB },
      { name: 'case.act', args: { caseId: b.caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2, leaseFrom: claimB }
    ])
    expect(r.results.map((x) => [x.status, x.version, x.leaseToken, x.code])).toEqual([
      ['applied', 2, 1, undefined],
      ['applied', 3, undefined, undefined],
      ['applied', 2, 1, undefined],
      ['applied', 3, undefined, undefined]
    ])
    expect(await events(a.caseId)).toEqual(['submit', 'claim', 'return_for_changes'])
    expect(await events(b.caseId)).toEqual(['submit', 'claim', 'return_for_changes'])
    // The record keeps the token the decision presented.
    const [rec] = await t.sdb.db.select().from(schema.mutations).where(eq(schema.mutations.id, r.mutations[1].id))
    expect(rec.leaseToken).toBe(1)
  })

  it('chains to the lease the claim was granted, not an older token the desk still holds', async () => {
    const { caseId } = await t.submitApplication()
    await t.security({ sessionIdleMinutes: 720 })
    const zhang = await t.desk('clerk1')
    const li = await t.desk('clerk2')
    await t.push(zhang, [{ name: 'case.claim', args: { caseId } }]) // token 1, then it expires
    t.clock.advance(8 * 3600_000 + 1000)
    await t.push(li, [{ name: 'case.claim', args: { caseId } }, { name: 'case.release', args: { caseId }, leaseToken: 2 }]) // token 2
    const claim = randomUUID()
    const r = await t.push(zhang, [
      { name: 'case.claim', args: { caseId }, id: claim },
      { name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 5, leaseFrom: claim }
    ])
    expect(r.results.map((x) => [x.status, x.leaseToken ?? null])).toEqual([
      ['applied', 3],
      ['applied', null]
    ])
  })

  it('refuses the decision of a refused claim with CLAIM_NOT_APPLIED (saying why), and applies nothing of it', async () => {
    const { caseId } = await t.submitApplication()
    const zhang = await t.desk('clerk1')
    const li = await t.desk('clerk2')
    const liClaim = (await t.push(li, [{ name: 'case.claim', args: { caseId } }])).mutations[0].id
    const claim = randomUUID()
    const r = await t.push(zhang, [
      { name: 'case.claim', args: { caseId }, id: claim },
      { name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2, leaseFrom: claim }
    ])
    expect(r.results[0]).toMatchObject({ status: 'rejected', code: 'CLAIMED_BY_OTHER' })
    expect(r.results[1]).toMatchObject({
      status: 'rejected',
      code: 'CLAIM_NOT_APPLIED',
      message: '此操作所依的认领未生效（此业务已由 李强 认领），此操作未执行',
      current: { state: 'submitted', version: 2, assignee: { name: '李强' } }
    })
    expect(await events(caseId)).toEqual(['submit', 'claim'])
    // The same when the claim was refused as taken (its id is another desk's: not recorded for this one).
    const again = await t.push(zhang, [
      { name: 'case.claim', args: { caseId }, id: liClaim },
      { name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2, leaseFrom: liClaim }
    ])
    expect(again.results.map((x) => x.code)).toEqual(['MUTATION_TAKEN', 'CLAIM_NOT_APPLIED'])
  })

  it('does not record the decision behind a claim the desk sets aside (MALFORMED): sent again behind a retried claim, it applies', async () => {
    const { caseId } = await t.submitApplication()
    const desk = await t.desk('clerk1')
    const [claim, act] = [randomUUID(), randomUUID()]
    const decide = (leaseFrom: string) => ({ name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2, leaseFrom, id: act })
    const r = await t.push(desk, [{ name: 'case.claim', args: { caseId, round: 'one' }, id: claim }, decide(claim)])
    expect(r.results.map((x) => x.code)).toEqual(['MALFORMED', 'CLAIM_NOT_APPLIED'])
    expect(await t.sdb.db.select().from(schema.mutations).where(eq(schema.mutations.id, act))).toEqual([])
    // The administrator retries the claim (a new id: its refusal was recorded); the decision goes with it, same id.
    const retried = randomUUID()
    const again = await t.push(desk, [{ name: 'case.claim', args: { caseId, round: 1 }, id: retried }, decide(retried)])
    expect(again.results.map((x) => x.status)).toEqual(['applied', 'applied'])
    expect(await events(caseId)).toEqual(['submit', 'claim', 'return_for_changes'])
  })

  it('keeps the claim’s event and change when the decision after it in the chunk is refused (rolled back alone)', async () => {
    const { caseId } = await t.submitApplication()
    const desk = await t.desk('clerk1')
    const claim = randomUUID()
    const r = await t.push(desk, [
      { name: 'case.claim', args: { caseId }, id: claim },
      { name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 1, leaseFrom: claim }
    ])
    expect(r.results.map((x) => x.code ?? x.status)).toEqual(['applied', 'VERSION_CONFLICT'])
    expect(r.results[1]).toMatchObject({ current: { version: 2, lastEvent: { action: 'claim' } } })
    expect(await events(caseId)).toEqual(['submit', 'claim'])
    const changes = await t.sdb.db.select().from(schema.changes).where(eq(schema.changes.caseId, caseId))
    expect(changes).toHaveLength(2) // the submission's and the claim's
  })

  it('answers a replayed batch (its answer lost) from the record: the same results, nothing applied twice', async () => {
    const { caseId } = await t.submitApplication()
    const other = await t.submitApplication(2)
    const desk = await t.desk('clerk1')
    const [claim, refused] = [randomUUID(), randomUUID()]
    const li = await t.desk('clerk2')
    await t.push(li, [{ name: 'case.claim', args: { caseId: other.caseId } }])
    const r = await t.push(desk, [
      { name: 'case.claim', args: { caseId }, id: claim },
      { name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2, leaseFrom: claim },
      { name: 'case.claim', args: { caseId: other.caseId }, id: refused },
      { name: 'case.act', args: { caseId: other.caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2, leaseFrom: refused }
    ])
    expect(r.results.map((x) => x.code ?? x.status)).toEqual(['applied', 'applied', 'CLAIMED_BY_OTHER', 'CLAIM_NOT_APPLIED'])
    const replay = await t.app.inject({ method: 'POST', url: '/sync/push', headers: desk.headers, payload: { clientId: desk.clientId, mutations: r.mutations } })
    expect(replay.json().results).toEqual(r.results)
    // Only the decision's answer lost: it resolves its claim from the record.
    const tail = await t.app.inject({ method: 'POST', url: '/sync/push', headers: desk.headers, payload: { clientId: desk.clientId, mutations: r.mutations.slice(1) } })
    expect(tail.json().results).toEqual(r.results.slice(1))
    expect(await events(caseId)).toEqual(['submit', 'claim', 'return_for_changes'])
  })

  it('resolves a claim recorded by an earlier push of the same desk and staff member; not another desk’s', async () => {
    const { caseId } = await t.submitApplication()
    const desk = await t.desk('clerk1')
    const claim = randomUUID()
    await t.push(desk, [{ name: 'case.claim', args: { caseId }, id: claim }])
    const elsewhere = await t.desk('clerk1') // the same clerk on another desk
    const foreign = await t.push(elsewhere, [{ name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2, leaseFrom: claim }])
    expect(foreign.results[0]).toMatchObject({ status: 'rejected', code: 'CLAIM_NOT_APPLIED' })
    const r = await t.push(desk, [{ name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2, leaseFrom: claim }])
    expect(r.results[0]).toMatchObject({ status: 'applied', version: 3 })
  })

  it('refuses as MALFORMED a leaseFrom that is not a claim of the same case, or that comes with a leaseToken', async () => {
    const a = await t.submitApplication(1)
    const b = await t.submitApplication(2)
    const desk = await t.desk('clerk1')
    const claimA = randomUUID()
    const act = (caseId: string, extra: Record<string, unknown>) => ({ name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2, ...extra })
    const r = await t.push(desk, [
      { name: 'case.claim', args: { caseId: a.caseId }, id: claimA },
      act(b.caseId, { leaseFrom: claimA }),
      act(a.caseId, { leaseFrom: claimA, leaseToken: 1 }),
      act(a.caseId, { leaseFrom: 'not-a-uuid' })
    ])
    expect(r.results.map((x) => x.code ?? x.status)).toEqual(['applied', 'MALFORMED', 'MALFORMED', 'MALFORMED'])
    expect(r.results[1].message).toBe('leaseFrom 须指向同一业务在此之前的认领（case.claim），此操作未执行')
    expect(await events(b.caseId)).toEqual(['submit'])
  })

  it('chains across the chunks a long batch is applied in (one transaction each)', async () => {
    const a = await t.submitApplication(1)
    const b = await t.submitApplication(2)
    const desk = await t.desk('clerk1')
    // A claim of b first: every claim of a then sits at an odd index, so the last pair straddles the first chunk's end.
    const specs: Parameters<typeof t.push>[1] = [{ name: 'case.claim', args: { caseId: b.caseId } }]
    const pairs = PUSH_CHUNK / 2
    for (let i = 0; i < pairs; i++) {
      const id = randomUUID()
      specs.push({ name: 'case.claim', args: { caseId: a.caseId }, id })
      if (i < pairs - 1) specs.push({ name: 'case.release', args: { caseId: a.caseId }, leaseFrom: id })
      else specs.push({ name: 'case.act', args: { caseId: a.caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2 * pairs, leaseFrom: id })
    }
    expect(specs.length).toBe(PUSH_CHUNK + 1)
    const r = await t.push(desk, specs)
    expect(r.results.filter((x) => x.status !== 'applied')).toEqual([])
    expect(r.results.at(-2)).toMatchObject({ leaseToken: pairs })
    expect((await events(a.caseId)).slice(-3)).toEqual(['release', 'claim', 'return_for_changes'])
  })

  it('answers two copies of one batch sent at the same time (a retry after a timeout) alike, applying it once', async () => {
    const { caseId } = await t.submitApplication()
    const desk = await t.desk('clerk1')
    const claim = randomUUID()
    const mutations = [
      { seq: 1, id: claim, name: 'case.claim', args: { caseId }, baseVersion: 1, leaseToken: null },
      { seq: 2, id: randomUUID(), name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN }, baseVersion: 2, leaseFrom: claim }
    ]
    const send = () => t.app.inject({ method: 'POST', url: '/sync/push', headers: desk.headers, payload: { clientId: desk.clientId, mutations } })
    const [a, b] = await Promise.all([send(), send()])
    expect([a.statusCode, b.statusCode]).toEqual([200, 200])
    expect(a.json().results).toEqual(b.json().results)
    expect(a.json().results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied'])
    expect(await events(caseId)).toEqual(['submit', 'claim', 'return_for_changes'])
  })
})
