/**
 * Push benchmark: `npx tsx tools/bench/bench-push.ts [--mutations 2000] [--pg postgres://…]` (bench-sync.ts runs it
 * too; the lead's bench calls `benchPush(opts)`). Starts the REAL exchange service (server/src/app.ts) in-process on
 * a loopback port — on in-memory PGlite, or on a fresh database created (and dropped) on the PostgreSQL of --pg /
 * DATABASE_URL — and a real desk (temp SQLite store, the real sync client). The desk queues N claims + decisions
 * (return_for_changes) on portal-submitted cases, then pushes its outbox:
 *  - in the order a clerk works (claim, decide, next case): a claim and its decision travel in one request
 *    (`leaseFrom`), so ≈ N / MAX_BATCH requests;
 *  - with all claims queued before the decisions.
 * Each → requests sent and mutations/s end to end (desk + HTTP + service), and the ratio to the baseline measured
 * in the same run on the same database and driver: raw INSERTs of one row each in its own transaction (autocommit),
 * as many as were pushed, right after each push round (100 cases) — so both see the same load on a shared machine;
 * each ordering's ratio is to the inserts of its own rounds. One transaction for all rows is printed for reference.
 */
import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { buildApp } from '../../server/src/app'
import { testClock } from '../../server/src/clock'
import type { ServerDb } from '../../server/src/db'
import { openTestDb, T0 } from '../../server/src/testing/harness'
import { createApiHandler, createServicesOn, type SessionSlot } from '../../src/main/core/api'
import { portalClient, sampleSnapshot, sha256 } from '../../src/main/core/sync/testing'
import { SAMPLE_FORM, tempStore } from '../../src/main/core/testing/fixtures'
import { idCheckChar } from '../../src/shared/domain/identity'
import { seedDemoStaff } from '../demo/server-seed'

export interface PushBenchOptions {
  /** Mutations per ordering (claims + decisions; default 2000). */
  mutations?: number
  /** PostgreSQL URL (a fresh database on it); default DATABASE_URL, else in-memory PGlite. */
  pg?: string
  /** Where the lines go (default console.log; null: silent). */
  log?: ((line: string) => void) | null
}

export interface PushOrdering {
  label: string
  mutations: number
  requests: number
  mutationsPerSec: number
  /** mutations/s ÷ the per-row-transaction INSERT rate between its rounds (goal ≥ 0.5). */
  ratio: number
  rejected: number
  /** The share of the push time spent in the service's `POST /sync/push` handler (the rest: the desk and HTTP). */
  serviceShare: number
}

export interface PushBenchResult {
  driver: 'pg' | 'pglite'
  baseline: { perRowTxPerSec: number; oneTxPerSec: number }
  orderings: PushOrdering[]
}

const PORTAL_KEY = 'bench-portal-key'
const RETURN = { reasons: [{ material: 'id_card', text: '身份证复印件不清晰' }], note: '' }
const rate = (n: number, ms: number) => (n * 1000) / ms
async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now()
  const v = await fn()
  return [v, performance.now() - t]
}

/** A unique valid resident ID (and matching birth date / sex) per applicant number. */
function person(n: number) {
  const birth = new Date(Date.UTC(1990, 0, 1) + Math.floor(n / 900) * 86_400_000).toISOString().slice(0, 10)
  const first17 = `110105${birth.replaceAll('-', '')}${100 + (n % 900)}`
  return { idNumber: first17 + idCheckChar(first17), birthDate: birth, sex: Number(first17[16]) % 2 ? 'male' : 'female' }
}

/** Raw INSERTs of `n` push-sized rows on the service's database: each in its own transaction, or all in one. */
async function insertRate(sdb: ServerDb, n: number, oneTx: boolean): Promise<number> {
  const cid = randomUUID()
  const body = JSON.stringify({ seq: 1, id: randomUUID(), name: 'case.act', args: { caseId: cid, action: 'return_for_changes', input: RETURN }, baseVersion: 2, leaseToken: 1 })
  await sdb.db.execute(sql`CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, client_id uuid NOT NULL, seq integer NOT NULL, body jsonb NOT NULL)`)
  const [, ms] = oneTx
    ? await timed(() => sdb.tx(async (tx) => { for (let i = 0; i < n; i++) await tx.execute(sql`INSERT INTO bench_rows (client_id, seq, body) VALUES (${cid}, ${i}, ${body}::jsonb)`) }))
    : await timed(async () => { for (let i = 0; i < n; i++) await sdb.db.execute(sql`INSERT INTO bench_rows (client_id, seq, body) VALUES (${cid}, ${i}, ${body}::jsonb)`) })
  await sdb.db.execute(sql`DROP TABLE bench_rows`)
  return rate(n, ms)
}

export async function benchPush(opts: PushBenchOptions = {}): Promise<PushBenchResult> {
  const log = opts.log === null ? () => {} : (opts.log ?? console.log)
  const pairs = Math.floor((opts.mutations ?? 2000) / 2)
  const WARM = 20
  if (opts.pg) process.env.DATABASE_URL = opts.pg
  const clock = testClock(T0)
  const sdb = await openTestDb()
  const app = buildApp({ db: sdb, portalKey: PORTAL_KEY, clock })
  // The time the service spends in `POST /sync/push` (request in → answer out), to split the end-to-end figure.
  const service = { ms: 0 }
  const started = new WeakMap<object, number>()
  app.addHook('onRequest', async (req) => void started.set(req, performance.now()))
  app.addHook('onResponse', async (req) => {
    if (req.url === '/sync/push') service.ms += performance.now() - (started.get(req) ?? performance.now())
  })
  const store = tempStore()
  let desk: ReturnType<typeof createServicesOn> | undefined
  try {
    await seedDemoStaff(sdb.db)
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    const portal = portalClient(url, PORTAL_KEY)
    log(`\npush benchmark: ${2 * pairs} mutations per ordering — server on ${sdb.driver === 'pg' ? 'PostgreSQL (fresh database)' : 'PGlite (in memory)'}`)
    const attachments: { materialCode: string; fileName: string; mime: string; sha256: string }[] = []
    for (const code of ['id_card', 'passport', 'visa', 'admission']) {
      const data = Buffer.from(`%PDF-1.4 ${code} bench`)
      await portal('PUT', `/blobs/${sha256(data)}`, undefined, data)
      attachments.push({ materialCode: code, fileName: `${code}.pdf`, mime: 'application/pdf', sha256: sha256(data) })
    }
    const caseIds: string[] = []
    const [, setupMs] = await timed(async () => {
      for (let n = 0; n < 2 * pairs + WARM; n++) {
        const applicant = { ...sampleSnapshot(1).applicant, idValidFrom: undefined, idValidTo: undefined, ...person(n), name: `申请人${n}`, email: `a${n}@example.com` }
        const r = await portal('POST', '/applications', { type: 'archive_deposit', subtype: 'outbound', applicant, form: SAMPLE_FORM, attachments })
        caseIds.push(String(r.caseId))
      }
    })
    log(`setup: ${caseIds.length} portal applications in ${(setupMs / 1000).toFixed(1)} s`)

    // The desk (clerk1), counting its push requests.
    const counts = { push: 0 }
    desk = createServicesOn(store, clock, {
      sync: {
        serverUrl: url,
        pollMs: 3_600_000,
        fetch: (input, init) => {
          if (String(input).endsWith('/sync/push') && typeof init?.body === 'string' && !init.body.includes('"mutations":[]')) counts.push++
          return fetch(input, init)
        }
      }
    })
    const sync = desk.sync!
    const handle = createApiHandler(desk, () => {})
    const slot: SessionSlot = { staff: null }
    const call = async (channel: string, input: unknown = {}) => {
      const r = await handle(channel, input, slot)
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
      return r.value
    }
    await call('auth.signIn', { username: 'clerk1', password: 'demo1234' })
    const pulled = await sync.pullOnce()
    if (pulled.error) throw new Error(`desk pull: ${pulled.error}`)
    const claimThenDecide = async (ids: string[]) => {
      for (const id of ids) {
        await call('cases.claim', { id })
        await call('cases.act', { id, action: 'return_for_changes', version: 2, input: RETURN })
      }
    }
    // Warm-up (JIT, pools, prepared plans): a few cases through the same path, and a few raw inserts.
    await claimThenDecide(caseIds.slice(2 * pairs))
    await sync.pushOnce()
    await insertRate(sdb, 200, false)

    // Rounds: queue a slice of cases, push it (timed), then the same number of raw INSERTs (timed) — so both see the
    // same load on a shared, noisy machine; the figures are sums over the rounds.
    const ROUND = 100 // cases per round: 200 mutations, two push batches
    const orderings: [string, (ids: string[]) => Promise<void>][] = [
      ['claim → decide, case by case', claimThenDecide],
      [
        'all claims, then all decisions',
        async (ids) => {
          for (const id of ids) await call('cases.claim', { id })
          for (const id of ids) await call('cases.act', { id, action: 'return_for_changes', version: 2, input: RETURN })
        }
      ]
    ]
    const runs: PushOrdering[] = []
    let baseRows = 0
    let baseMs = 0
    for (const [i, [label, queue]] of orderings.entries()) {
      const ids = caseIds.slice(i * pairs, (i + 1) * pairs)
      const run = { mutations: 0, requests: 0, ms: 0, rejected: 0, baseRows: 0, baseMs: 0, serviceMs: 0 }
      for (let r = 0; r < ids.length; r += ROUND) {
        await queue(ids.slice(r, r + ROUND))
        const sent = counts.push
        const inService = service.ms
        const [report, ms] = await timed(() => sync.pushOnce())
        run.serviceMs += service.ms - inService
        if (report.error || report.rejected || report.pending) log(`  ! push ${label}: ${JSON.stringify(report)}`)
        run.mutations += report.applied
        run.rejected += report.rejected
        run.requests += counts.push - sent
        run.ms += ms
        const n = report.applied + report.rejected
        const perSec = await insertRate(sdb, n, false)
        run.baseRows += n
        run.baseMs += (n * 1000) / perSec
      }
      baseRows += run.baseRows
      baseMs += run.baseMs
      const perSec = rate(run.mutations, run.ms)
      runs.push({
        label,
        mutations: run.mutations,
        requests: run.requests,
        mutationsPerSec: perSec,
        ratio: perSec / rate(run.baseRows, run.baseMs),
        rejected: run.rejected,
        serviceShare: run.serviceMs / run.ms
      })
    }
    const oneTx = await insertRate(sdb, 2 * pairs, true)
    const perRow = rate(baseRows, baseMs)
    const result: PushBenchResult = { driver: sdb.driver, baseline: { perRowTxPerSec: perRow, oneTxPerSec: oneTx }, orderings: runs }
    const fmt = (x: number) => x.toFixed(0).padStart(8)
    log(`${`baseline: server DB INSERT ×${baseRows}, one transaction each (between the pushes)`.padEnd(72)} ${fmt(perRow)} rows/s`)
    log(`${`baseline: server DB INSERT ×${2 * pairs}, one transaction`.padEnd(72)} ${fmt(oneTx)} rows/s`)
    for (const o of result.orderings) {
      log(`${`push: ${o.label} (${o.requests} requests)`.padEnd(72)} ${fmt(o.mutationsPerSec)} mutations/s ×${o.ratio.toFixed(3)} baseline (goal ≥ 0.5); ${(100 * o.serviceShare).toFixed(0)}% in the service`)
    }
    return result
  } finally {
    await desk?.sync?.stop()
    store.dispose()
    await app.close()
    await sdb.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { mutations: { type: 'string', default: '2000' }, pg: { type: 'string' }, json: { type: 'boolean', default: false } } })
  const r = await benchPush({ mutations: Number(values.mutations), pg: values.pg })
  if (values.json) console.log(JSON.stringify(r))
}
