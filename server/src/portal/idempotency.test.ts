import { count, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { schema } from '../db'
import { portalDepositForm } from '../testing/harness'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

/** A complete archive-deposit application (its files uploaded), as the portal posts it. */
async function application(n = 1, name?: string) {
  const body = await t.applicationPayload(n)
  return name === undefined ? body : { ...body, applicant: { ...body.applicant, name } }
}

const call = (method: 'POST' | 'PATCH', url: string, payload: unknown, key?: string) =>
  t.app.inject({ method, url, headers: { ...t.portalHeaders, ...(key === undefined ? {} : { 'idempotency-key': key }) }, payload: payload as object })

const cases = async () => (await t.sdb.db.select({ n: count() }).from(schema.cases))[0].n
const events = async (action: string) => (await t.sdb.db.select({ n: count() }).from(schema.caseEvents).where(eq(schema.caseEvents.action, action)))[0].n
const keys = () => t.sdb.db.select().from(schema.portalRequests)

describe('portal Idempotency-Key', () => {
  it('answers a repeat from the record without submitting again; another body or endpoint is IDEMPOTENCY_MISMATCH', async () => {
    const body = await application()
    const first = await call('POST', '/portal/applications', body, 'submit-1')
    expect(first.statusCode).toBe(201)
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    // The same content with its keys in another order is the same body.
    const reordered = Object.fromEntries(Object.entries(body).reverse())
    const again = await call('POST', '/portal/applications', reordered, 'submit-1')
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json()).toEqual(first.json())
    expect(await cases()).toBe(1)
    expect(await events('submit')).toBe(1)

    const other = await call('POST', '/portal/applications', { ...body, subtype: 'returning' }, 'submit-1')
    expect(other.statusCode).toBe(422)
    expect(other.json().error).toEqual({ code: 'IDEMPOTENCY_MISMATCH', message: '该 Idempotency-Key 已用于另一个请求（接口或内容不同），新的请求请使用新的 Idempotency-Key' })
    const { caseId } = first.json()
    const elsewhere = await call('POST', `/portal/applications/${caseId}/cancel`, {}, 'submit-1')
    expect(elsewhere.statusCode).toBe(422)
    expect(elsewhere.json().error.code).toBe('IDEMPOTENCY_MISMATCH')
    expect(await cases()).toBe(1)
    expect((await keys()).map((k) => [k.key, k.endpoint, k.status])).toEqual([['submit-1', 'POST /portal/applications', 201]])

    // Without a key the call is not recorded and simply runs.
    expect((await call('POST', '/portal/applications', body)).statusCode).toBe(201)
    expect(await cases()).toBe(2)
    expect(await keys()).toHaveLength(1)
  })

  it('makes one case out of concurrent duplicates; without a key they make two', async () => {
    const body = await application()
    const answers = await Promise.all([1, 2, 3, 4].map(() => call('POST', '/portal/applications', body, 'race')))
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201])
    expect(new Set(answers.map((a) => a.json().caseId)).size).toBe(1)
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(3)
    expect(await cases()).toBe(1)
    expect(await events('submit')).toBe(1)

    const unkeyed = await Promise.all([1, 2].map(() => call('POST', '/portal/applications', body)))
    expect(unkeyed.map((a) => a.statusCode)).toEqual([201, 201])
    expect(await cases()).toBe(3)
  })

  it('records and replays business errors; PATCH, cancel and resubmit are recorded the same way', async () => {
    const { caseId } = (await call('POST', '/portal/applications', await application(), 'submit')).json()
    const patch = { form: portalDepositForm({ custodian: '北京市人才服务中心' }) }
    expect((await call('PATCH', `/portal/applications/${caseId}`, patch, 'patch-1')).json()).toEqual({ state: 'submitted' })
    const patched = await call('PATCH', `/portal/applications/${caseId}`, patch, 'patch-1')
    expect(patched.headers['idempotent-replayed']).toBe('true')
    expect(await events('update')).toBe(1)

    const cancel = await call('POST', `/portal/applications/${caseId}/cancel`, undefined, 'cancel-1')
    expect(cancel.json()).toEqual({ state: 'cancelled', round: 1 })
    // No body and `{}` are the same body.
    expect((await call('POST', `/portal/applications/${caseId}/cancel`, {}, 'cancel-1')).json()).toEqual({ state: 'cancelled', round: 1 })
    expect(await events('cancel')).toBe(1)

    // A refusal is recorded too: the repeat gets the same 409 from the record.
    const refused = await call('POST', `/portal/applications/${caseId}/resubmit`, {}, 'resubmit-1')
    expect(refused.statusCode).toBe(409)
    const replayed = await call('POST', `/portal/applications/${caseId}/resubmit`, {}, 'resubmit-1')
    expect(replayed.statusCode).toBe(409)
    expect(replayed.headers['idempotent-replayed']).toBe('true')
    expect(replayed.json()).toEqual(refused.json())
    expect(refused.json().error.code).toBe('ILLEGAL_TRANSITION')
    const unknown = await call('POST', '/portal/applications/nope/cancel', {}, 'cancel-unknown')
    expect(unknown.statusCode).toBe(404)
    expect((await keys()).map((k) => `${k.key} ${k.status}`).sort()).toEqual(['cancel-1 200', 'cancel-unknown 404', 'patch-1 200', 'resubmit-1 409', 'submit 201'])
  })

  it('does not record a request refused before it runs, nor a 5xx: the work and the key roll back together', async () => {
    const body = await application(1, '故障测试')
    const long = await call('POST', '/portal/applications', body, 'k'.repeat(201))
    expect(long.statusCode).toBe(400)
    expect(long.json().error).toEqual({ code: 'VALIDATION', message: 'Idempotency-Key 应为 1–200 个可打印 ASCII 字符' })
    const malformed = await call('POST', '/portal/applications', { ...body, applicant: {} }, 'shape')
    expect(malformed.statusCode).toBe(400)
    expect(await keys()).toHaveLength(0)

    // A real database failure inside the work, after the case row was written: a trigger refuses this applicant's event.
    await t.sdb.db.execute(sql.raw(`CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`))
    await t.sdb.db.execute(sql.raw(`CREATE TRIGGER refuse_event BEFORE INSERT ON case_events FOR EACH ROW WHEN (NEW.actor_name = '故障测试') EXECUTE FUNCTION refuse_event()`))
    const failed = await call('POST', '/portal/applications', body, 'k'.repeat(200))
    expect(failed.statusCode).toBe(500)
    expect(failed.json().error.code).toBe('INTERNAL')
    expect(await keys()).toHaveLength(0)
    expect(await cases()).toBe(0)

    await t.sdb.db.execute(sql.raw('DROP TRIGGER refuse_event ON case_events'))
    const retried = await call('POST', '/portal/applications', body, 'k'.repeat(200))
    expect(retried.statusCode).toBe(201)
    expect(retried.headers['idempotent-replayed']).toBeUndefined()
    expect(await cases()).toBe(1)
  })

  it('forgets a key after 7 days: the same key then runs as a new request', async () => {
    const body = await application()
    const first = (await call('POST', '/portal/applications', body, 'weekly')).json()
    t.clock.advance(7 * 24 * 3600_000 - 1)
    expect((await call('POST', '/portal/applications', body, 'weekly')).json()).toEqual(first)
    t.clock.advance(1)
    const later = await call('POST', '/portal/applications', body, 'weekly')
    expect(later.statusCode).toBe(201)
    expect(later.json().caseId).not.toBe(first.caseId)
    expect(await cases()).toBe(2)
    expect(await keys()).toHaveLength(1)
  })
})
