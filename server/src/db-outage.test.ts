// The exchange service when its PostgreSQL goes away (a TCP proxy between them cuts every connection and
// refuses or swallows new ones) and comes back: 503 + Retry-After meanwhile, no crash, and it serves again.
// PostgreSQL only (DATABASE_URL); the whole-system version under load is tests/reliability/db-outage.test.ts.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from './app'
import { testClock } from './clock'
import { isDatabaseUnavailable, openServerDb, type ServerDb } from './db'
import { openTestDb, PORTAL_KEY, T0 } from './testing/harness'
import { startTcpProxy } from './testing/tcp-proxy'
import { Pokes } from './sync/pokes'
import { seedDemoStaff } from '../../tools/demo/server-seed'
import { portalClient, submitSample } from '../../src/main/core/sync/testing'

const PG = process.env.DATABASE_URL

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A fresh test database, and a ServerDb on it through a TCP proxy. */
async function proxied(opts: { connectTimeoutMs?: number } = {}) {
  const base = await openTestDb('pg')
  cleanups.push(() => base.close())
  await seedDemoStaff(base.db)
  const u = new URL(base.url!)
  const proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) })
  cleanups.push(() => proxy.close())
  const sdb = await openServerDb({ url: proxy.via(base.url!), onConnectionError: () => {}, ...opts })
  cleanups.push(() => sdb.close())
  return { base, proxy, sdb }
}

async function serve(sdb: ServerDb) {
  const app = buildApp({ db: sdb, portalKey: PORTAL_KEY, clock: testClock(T0), maintenanceMs: 0 })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  cleanups.push(() => app.close())
  const signIn = async () => {
    const r = await fetch(`${url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk1', password: 'demo1234', clientId: randomUUID(), deskName: 'clerk1 的电脑' })
    })
    return { status: r.status, body: (await r.json()) as { token?: string; error?: { code: string } }, retryAfter: r.headers.get('retry-after') }
  }
  return { app, url, signIn }
}

const answer = async (r: Response) => ({ status: r.status, code: ((await r.json()) as { error?: { code?: string } }).error?.code, retryAfter: r.headers.get('retry-after') })

const until = async (what: () => boolean | Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe.skipIf(!PG)('the database goes away (PostgreSQL through a TCP proxy)', () => {
  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while it is away, never crashes, and serves again when it is back', async () => {
    const { proxy, sdb } = await proxied()
    const { url, signIn } = await serve(sdb)
    const portal = portalClient(url, PORTAL_KEY)
    // Several pool connections in use, then idle in the pool when the cut comes (an idle client's error used to kill the process).
    const first = await signIn()
    expect(first.status).toBe(200)
    const auth = { authorization: `Bearer ${first.body.token}`, 'x-casedesk-schema': '1' }
    await Promise.all([submitSample(portal, 1), submitSample(portal, 2), fetch(`${url}/sync/pull?cursor=`, { headers: auth })])

    await proxy.cut()
    await new Promise((r) => setTimeout(r, 100))
    const away = [
      await answer(await fetch(`${url}/sync/pull?cursor=`, { headers: auth })),
      await answer(await fetch(`${url}/sync/push`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ clientId: randomUUID(), mutations: [] }) })),
      await answer(await fetch(`${url}/portal/applications/${randomUUID()}`, { headers: { 'x-portal-key': PORTAL_KEY } })),
      await answer(await fetch(`${url}/hello`)),
      await signIn().then((r) => ({ status: r.status, code: r.body.error?.code, retryAfter: r.retryAfter }))
    ]
    for (const a of away) {
      expect(a).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' })
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1)
      expect(Number(a.retryAfter)).toBeLessThanOrEqual(60)
    }

    await proxy.restore()
    // The pool connects again on demand: the same calls succeed.
    expect((await fetch(`${url}/sync/pull?cursor=`, { headers: auth })).status).toBe(200)
    expect((await submitSample(portal, 3)).caseNumber).toMatch(/^CD/)
    expect((await signIn()).status).toBe(200)
  })

  it('a database that swallows connections (no answer) is a 503 after the connect timeout, not a hung request', async () => {
    const { proxy, sdb } = await proxied({ connectTimeoutMs: 1_000 })
    const { url } = await serve(sdb)
    const status = `${url}/portal/applications/${randomUUID()}`
    const portal = { headers: { 'x-portal-key': PORTAL_KEY } }
    expect((await fetch(status, portal)).status).toBe(404)
    await proxy.cut('hang')
    const started = Date.now()
    const r = await answer(await fetch(status, { ...portal, signal: AbortSignal.timeout(15_000) }))
    expect(r).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' })
    expect(Date.now() - started).toBeLessThan(10_000)
    await proxy.restore()
    expect((await fetch(status, portal)).status).toBe(404)
  })

  it('a transaction cut before its commit is rolled back and never reported as done', async () => {
    const { base, proxy, sdb } = await proxied()
    const outcome = sdb
      .tx(async (tx) => {
        await tx.execute(sql`CREATE TABLE cut_probe (n int)`)
        await tx.execute(sql`INSERT INTO cut_probe VALUES (1)`)
        await proxy.cut()
        await tx.execute(sql`INSERT INTO cut_probe VALUES (2)`)
        return 'done'
      })
      .then(
        (v) => v,
        (e: unknown) => e
      )
    expect(await outcome).toBeInstanceOf(Error)
    expect(isDatabaseUnavailable(await outcome)).toBe(true)
    await proxy.restore()
    const c = new pg.Client({ connectionString: base.url })
    await c.connect()
    const { rows } = await c.query("SELECT to_regclass('cut_probe') AS t")
    await c.end()
    expect(rows[0].t).toBeNull()
  })

  it('LISTEN reconnects with backoff for as long as the database is away, and pokes the desks once it is back', async () => {
    const { base, proxy } = await proxied()
    const pokes = new Pokes()
    const seen: number[] = []
    pokes.on((seq) => seen.push(seq))
    const lost: unknown[] = []
    const stop = await pokes.listen(proxy.via(base.url!), (e) => lost.push(e), { minDelayMs: 100, maxDelayMs: 400 })
    cleanups.push(() => stop())
    const notify = async (seq: number) => {
      const c = new pg.Client({ connectionString: base.url })
      await c.connect()
      await c.query(`SELECT pg_notify('casedesk_poke', '${seq}')`)
      await c.end()
    }
    await notify(7)
    await until(() => seen.includes(7))

    const before = seen.length
    await proxy.cut()
    // Away for a while: several reconnect attempts fail (ECONNREFUSED), none gives up.
    await until(() => lost.length >= 4)
    await proxy.restore()
    // Back: a poke at once (commits made meanwhile were not heard), then NOTIFY flows again.
    await until(() => seen.length > before)
    await notify(8)
    await until(() => seen.includes(8))
  })
})
