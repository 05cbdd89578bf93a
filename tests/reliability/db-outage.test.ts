// The exchange service's PostgreSQL cut mid-load and restored (a TCP proxy between the service and the
// database): two desks deciding cases and the portal submitting applications concurrently. While the
// database is away every answer that needs it is 503 + Retry-After (never a 500, no crash, no unhandled
// error); the desks keep their work pending (an outage, not a rejection) and the portal retries with the
// same Idempotency-Key. Afterwards nothing is lost or doubled (the reliability checker), and pokes flow
// again over the reconnected LISTEN connection. PostgreSQL only (DATABASE_URL).
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../server/src/app'
import { testClock } from '../../server/src/clock'
import { openServerDb, schema } from '../../server/src/db'
import { openTestDb, PORTAL_KEY, T0 } from '../../server/src/testing/harness'
import { startTcpProxy } from '../../server/src/testing/tcp-proxy'
import { readPokes } from '../../src/main/core/sync/loop'
import { allowLongIdle, sampleSnapshot, sha256 } from '../../src/main/core/sync/testing'
import { SAMPLE_FORM } from '../../src/main/core/testing/fixtures'
import { seedDemoStaff } from '../../tools/demo/server-seed'
import { type Desk, deskAt, localVersion, outboxRows, pendingCount, RETURN, underTest } from './env'
import { checkInvariants } from './invariants'

const PG = process.env.DATABASE_URL
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until(what: () => boolean | Promise<boolean>, ms = 30_000, label = 'condition') {
  const end = Date.now() + ms
  while (!(await what())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`)
    await sleep(50)
  }
}

/** A portal that retries an answer of 503 (or a failed connection) with the same Idempotency-Key, as a real portal backend must. */
function retryingPortal(url: string, seen: { status: number; retryAfter: string | null; code?: string }[]) {
  async function call(method: string, path: string, body: unknown, raw?: Buffer, key?: string): Promise<Record<string, unknown>> {
    for (;;) {
      let res: Response
      try {
        res = await fetch(`${url}/portal${path}`, {
          method,
          headers: { 'x-portal-key': PORTAL_KEY, 'content-type': raw ? 'application/octet-stream' : 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
          body: raw ? new Uint8Array(raw) : body === undefined ? undefined : JSON.stringify(body)
        })
      } catch {
        await sleep(100)
        continue
      }
      const text = await res.text()
      const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {}
      seen.push({ status: res.status, retryAfter: res.headers.get('retry-after'), code: (parsed.error as { code?: string } | undefined)?.code })
      if (res.status === 503) {
        await sleep(150)
        continue
      }
      if (!res.ok) throw new Error(`portal ${method} ${path}: ${res.status} ${text}`)
      return parsed
    }
  }
  /** Applicant `n`'s complete application (files first), under its own Idempotency-Key; the case id. */
  return async (n: number): Promise<string> => {
    const attachments = []
    for (const code of ['id_card', 'passport', 'visa', 'admission']) {
      const data = Buffer.from(`%PDF-1.4 ${code} ${n}`)
      await call('PUT', `/blobs/${sha256(data)}`, undefined, data)
      attachments.push({ materialCode: code, fileName: `${code}.pdf`, mime: 'application/pdf', sha256: sha256(data) })
    }
    const applicant = { ...sampleSnapshot(n).applicant, idValidFrom: undefined, idValidTo: undefined }
    const r = await call('POST', '/applications', { type: 'archive_deposit', subtype: 'outbound', applicant, form: SAMPLE_FORM, attachments }, undefined, `application-${n}`)
    return String(r.caseId)
  }
}

/** The desk's unclaimed submitted cases it may take (each desk its own half, so the desks do not compete). */
const openCases = (d: Desk, half: 0 | 1): string[] =>
  (d.store.sqlite.prepare("SELECT id FROM cases WHERE state = 'submitted' AND assignee_id IS NULL ORDER BY id").all() as { id: string }[])
    .map((r) => r.id)
    .filter((id) => id.charCodeAt(id.length - 1) % 2 === half)

describe.skipIf(!PG)('the database cut mid-load and restored', () => {
  it('503 + Retry-After while it is away, no 500; afterwards every acknowledged change applied exactly once, pokes back', { timeout: 180_000 }, async () => {
    const base = await openTestDb('pg')
    await seedDemoStaff(base.db)
    await allowLongIdle(base)
    const u = new URL(base.url!)
    const proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) })
    let lostConnections = 0
    const sdb = await openServerDb({ url: proxy.via(base.url!), connectTimeoutMs: 2_000, onConnectionError: () => void lostConnections++ })
    const clock = testClock(T0)
    const app = buildApp({ db: sdb, portalKey: PORTAL_KEY, clock, maintenanceMs: 0 })
    const answers: { status: number; url: string; retryAfter: unknown }[] = []
    app.addHook('onResponse', async (req, reply) => void answers.push({ status: reply.statusCode, url: req.url, retryAfter: reply.getHeader('retry-after') }))
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    const desks: Desk[] = []
    const events = new AbortController()
    let running = true
    let workers: Promise<unknown>[] = []
    try {
      const portalSeen: { status: number; retryAfter: string | null; code?: string }[] = []
      const submit = retryingPortal(url, portalSeen)
      const acknowledged = new Map<number, string>()
      for (let n = 1; n <= 4; n++) acknowledged.set(n, await submit(n))
      desks.push(await deskAt(url, clock, 'clerk1'), await deskAt(url, clock, 'clerk2'))
      for (const d of desks) await d.sync.pullOnce()

      // A desk's event stream (its auth is checked once, at the start): pokes come from PostgreSQL's NOTIFY.
      const token = (desks[0].store.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'token'").get() as { value: string }).value
      const stream = await fetch(`${url}/sync/events`, { headers: { authorization: `Bearer ${token}`, 'x-casedesk-schema': '1' }, signal: events.signal })
      let pokes = 0
      void readPokes(stream.body!, () => pokes++).catch(() => undefined)

      // The load: the portal submits, each desk claims and decides its half of the open cases and syncs.
      let next = 5
      const portalWorker = async () => {
        while (running) {
          const n = next++
          acknowledged.set(n, await submit(n))
        }
      }
      // One decision per round (claim, then approve — a letter — or return), made locally whether or not the
      // service answers, then a push and a pull; a failed round waits a little, as the desk's loop would.
      let decisions = 0
      const deskWorker = async (d: Desk, half: 0 | 1) => {
        while (running) {
          const [id] = openCases(d, half)
          if (id) {
            await d.call('cases.claim', { id })
            const action = decisions++ % 3 === 0 ? 'approve' : 'return_for_changes'
            await d.call('cases.act', { id, action, version: localVersion(d, id), input: action === 'approve' ? {} : RETURN })
          }
          const push = await d.sync.pushOnce()
          const pull = await d.sync.pullOnce()
          await sleep(push.error || pull.error ? 250 : 50)
        }
      }
      workers = [portalWorker(), portalWorker(), deskWorker(desks[0], 0), deskWorker(desks[1], 1)]
      const applied = async () => (await base.db.select().from(schema.mutations)).length
      const open = () => desks.every((d, half) => openCases(d, half as 0 | 1).length >= 2)
      await until(async () => (await applied()) >= 4 && acknowledged.size >= 8 && open(), 60_000, 'load before the cut')

      // Cut mid-load: every connection dropped, new ones refused. The desks go on deciding (offline).
      await proxy.cut()
      const cutAt = answers.length
      const decidedAt = decisions
      await until(() => answers.slice(cutAt).filter((a) => a.status === 503).length >= 6, 30_000, '503 answers while the database is away')
      await until(() => decisions >= decidedAt + 2, 30_000, 'decisions made while the database is away')
      await sleep(2_000) // the outage lasts a while: the LISTEN connection fails to reconnect several times
      const offline = desks.map(pendingCount)
      const pokesBefore = pokes
      await proxy.restore()
      const restoredAt = answers.length
      // Back: the load goes on and succeeds.
      await until(async () => answers.slice(restoredAt).some((a) => a.status === 200 && a.url.startsWith('/sync/push')), 60_000, 'a push after the restore')
      await until(() => pokes > pokesBefore, 30_000, 'a poke after the LISTEN reconnect')
      running = false
      await Promise.all(workers)

      // Settle: every desk pushes until nothing is pending, then the checker (which pushes and pulls once more).
      for (const d of desks) await until(async () => ((await d.sync.pushOnce()), pendingCount(d) === 0), 60_000, `${d.username}'s outbox to drain`)

      expect(offline.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(2) // decided while the database was away, sent after
      const during = answers.slice(cutAt, restoredAt)
      expect(during.some((a) => a.status === 503)).toBe(true)
      expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([])
      for (const a of answers.filter((x) => x.status === 503)) expect(Number(a.retryAfter)).toBeGreaterThan(0)
      expect(portalSeen.filter((a) => a.status === 503).every((a) => a.code === 'DATABASE_UNAVAILABLE')).toBe(true)

      // The portal: every acknowledged application exists exactly once (a retried key never made a second case).
      const cases = await base.db.select({ id: schema.cases.id }).from(schema.cases)
      expect(new Set(acknowledged.values()).size).toBe(acknowledged.size)
      expect(cases.map((c) => c.id).sort()).toEqual([...acknowledged.values()].sort())
      // The desks: nothing rejected for the outage; every mutation recorded once, events and versions consistent.
      for (const d of desks) expect(outboxRows(d).filter((r) => r.status !== 'applied')).toEqual([])
      expect(await checkInvariants({ serverDb: base.db, desks: desks.map(underTest), now: clock.now() })).toEqual([])
      const actions = (await base.db.select({ action: schema.caseEvents.action }).from(schema.caseEvents)).map((e) => e.action)
      const counts = new Map<string, number>()
      for (const a of actions) counts.set(a, (counts.get(a) ?? 0) + 1)
      const tally = [...counts].map(([a, n]) => `${a} ${n}`)
      console.log(
        `db-outage: ${answers.length} answers (${during.length} while cut, ${answers.filter((a) => a.status === 503).length} × 503), ` +
          `${lostConnections} pool connections lost, ${acknowledged.size} applications, ${(await base.db.select().from(schema.mutations)).length} mutations; events: ${tally.join(', ')}`
      )
    } finally {
      running = false
      events.abort()
      await Promise.allSettled(workers)
      for (const d of desks) await d.dispose()
      await app.close()
      // Every pool connection was given back (a connection cut as a transaction began used to be kept for good).
      await Promise.race([sdb.close(), sleep(10_000).then(() => expect.fail('pool.end() hangs: a connection was never released'))])
      await proxy.close()
      await base.close()
    }
  })
})

