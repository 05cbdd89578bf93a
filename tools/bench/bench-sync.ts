/**
 * Sync benchmark: `npm run bench:sync -- [--mutations 2000] [--cases 2000] [--pg postgres://…]`.
 * Starts the REAL exchange service (server/src/app.ts) in-process on a loopback port — on in-memory PGlite,
 * or on a fresh database created (and dropped) on the PostgreSQL of --pg / DATABASE_URL — and real desks
 * (temp SQLite stores, the real sync client), as tests/reliability/env.ts does. Prints:
 *  - push (bench-push.ts `benchPush`): a desk's outbox of N claims + decisions (return_for_changes) → requests sent,
 *    mutations/s and the ratio to raw per-row-transaction INSERTs on the same database, in the order a clerk works
 *    (claim, decide, next case: one request per batch) and with all claims queued before the decisions;
 *  - pull: a fresh desk pulling every case into its SQLite mirror → changes/s;
 *  - each against a baseline measured in the same run with the same driver (raw INSERTs: server DB for push,
 *    SQLite in one transaction for pull), so the ratios mean something on a shared, noisy machine;
 *  - latency from a portal submission to the case showing up in a desk's queue query (sync loop running,
 *    woken by its SSE poke; the poll fallback is set to 1 h, so it never fires during the measurement).
 * Server and desks share this process's event loop: the latency includes both sides' CPU time.
 */
import { parseArgs } from 'node:util'
import { buildApp } from '../../server/src/app'
import { seedDemoStaff } from '../demo/server-seed'
import { testClock } from '../../server/src/clock'
import { openTestDb, T0 } from '../../server/src/testing/harness'
import { percentile } from '../portal-sim/simulator'
import { createApiHandler, createServicesOn, type SessionSlot } from '../../src/main/core/api'
import { listQueue } from '../../src/main/core/cases/queue'
import { officeToday } from '../../src/main/core/clock'
import { portalClient, sampleSnapshot, sha256 } from '../../src/main/core/sync/testing'
import { SAMPLE_FORM, tempStore } from '../../src/main/core/testing/fixtures'
import { queueQuery } from '../../src/shared/api/contract'
import { idCheckChar } from '../../src/shared/domain/identity'
import { benchPush } from './bench-push'

const { values } = parseArgs({
  options: { mutations: { type: 'string', default: '2000' }, cases: { type: 'string', default: '2000' }, pg: { type: 'string' }, latency: { type: 'string', default: '20' } }
})
const N = Number(values.mutations)
const M = Number(values.cases)
const K = Number(values.latency)
if (values.pg) process.env.DATABASE_URL = values.pg
const PORTAL_KEY = 'bench-portal-key'
const pairs = Math.floor(N / 2) // cases per push ordering: one claim + one decision each
const totalCases = Math.max(2 * pairs, M)

const rate = (n: number, ms: number) => (n * 1000) / ms
const fmt = (x: number) => x.toFixed(0).padStart(8)
const line = (label: string, perSec: number, unit: string, extra = '') => console.log(`${label.padEnd(62)} ${fmt(perSec)} ${unit.padEnd(11)} ${extra}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now()
  const v = await fn()
  return [v, performance.now() - t]
}

// --- The exchange service ----------------------------------------------------------------------------
const clock = testClock(T0)
const sdb = await openTestDb() // in-memory PGlite, or a new database on DATABASE_URL's server (dropped on close)
await seedDemoStaff(sdb.db)
const app = buildApp({ db: sdb, portalKey: PORTAL_KEY, clock })
const url = await app.listen({ port: 0, host: '127.0.0.1' })
const opened: { dispose(): Promise<void> }[] = []

const portal = portalClient(url, PORTAL_KEY)

/** A unique valid resident ID (and matching birth date / sex) per applicant number. */
function person(n: number) {
  const birth = new Date(Date.UTC(1990, 0, 1) + Math.floor(n / 900) * 86_400_000).toISOString().slice(0, 10)
  const first17 = `110105${birth.replaceAll('-', '')}${100 + (n % 900)}`
  return { idNumber: first17 + idCheckChar(first17), birthDate: birth, sex: Number(first17[16]) % 2 ? 'male' : 'female' }
}

// One set of files (the portal stores blobs by hash): uploaded once, referenced by every application.
const attachments: { materialCode: string; fileName: string; mime: string; sha256: string }[] = []
async function uploadFiles() {
  for (const code of ['id_card', 'passport', 'visa', 'admission']) {
    const data = Buffer.from(`%PDF-1.4 ${code} bench`)
    await portal('PUT', `/blobs/${sha256(data)}`, undefined, data)
    attachments.push({ materialCode: code, fileName: `${code}.pdf`, mime: 'application/pdf', sha256: sha256(data) })
  }
}

/** A complete archive-deposit application through `POST /portal/applications` (files already uploaded). */
async function submit(n: number): Promise<string> {
  const p = person(n)
  const applicant = { ...sampleSnapshot(1).applicant, idValidFrom: undefined, idValidTo: undefined, ...p, name: `申请人${n}`, email: `a${n}@example.com` }
  const r = await portal('POST', '/applications', { type: 'archive_deposit', subtype: 'outbound', applicant, form: SAMPLE_FORM, attachments })
  return String(r.caseId)
}

/** A signed-in desk (own temp SQLite store, real sync client); counts its push requests. */
async function desk(username: string, opts: { pollMs?: number; onChange?: () => void } = {}) {
  const store = tempStore()
  const counts = { push: 0 }
  const countingFetch: typeof fetch = (input, init) => {
    if (String(input).endsWith('/sync/push')) counts.push++
    return fetch(input, init)
  }
  const services = createServicesOn(store, clock, { sync: { serverUrl: url, pollMs: opts.pollMs ?? 3_600_000, onChange: opts.onChange, fetch: countingFetch } })
  const handle = createApiHandler(services, () => {})
  const slot: SessionSlot = { staff: null }
  const call = async (channel: string, input: unknown = {}) => {
    const r = await handle(channel, input, slot)
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
    return r.value
  }
  await call('auth.signIn', { username, password: 'demo1234' })
  const d = { store, services, sync: services.sync!, slot, call, counts, dispose: async () => (await services.sync?.stop(), store.dispose()) }
  opened.push(d)
  return d
}

try {
  console.log(`\nsync benchmark: ${2 * pairs} mutations per push run, ${totalCases} cases — server on ${sdb.driver === 'pg' ? 'PostgreSQL (fresh database)' : 'PGlite (in memory)'}`)
  await uploadFiles()
  const caseIds: string[] = []
  const [, setupMs] = await timed(async () => {
    for (let n = 0; n < totalCases; n++) caseIds.push(await submit(n))
  })
  console.log(`setup: ${totalCases} portal applications in ${(setupMs / 1000).toFixed(1)} s (${fmt(rate(totalCases, setupMs)).trim()}/s)\n`)

  // --- Push (bench-push.ts: its own service on the same driver, its own cases and baselines measured in the same run).
  await benchPush({ mutations: 2 * pairs })

  // --- Baseline on SQLite: raw INSERTs of as many rows as the pull applies, one transaction, into a desk
  // store (same driver and pragmas), each row a full case snapshot as JSON.
  const B = await desk('clerk2')
  const snapshotJson = JSON.stringify(sampleSnapshot(1))
  B.store.sqlite.exec('CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL, body TEXT NOT NULL)')
  const insert = B.store.sqlite.prepare('INSERT INTO bench_rows (case_id, body) VALUES (?, ?)')
  const liteRuns: number[] = [] // cheap: median of 3
  for (let r = 0; r < 3; r++) {
    B.store.sqlite.exec('DELETE FROM bench_rows')
    liteRuns.push((await timed(() => B.store.sqlite.transaction(() => caseIds.forEach((id) => insert.run(id, snapshotJson)))()))[1])
  }
  const liteMs = liteRuns.sort((a, b) => a - b)[1]
  B.store.sqlite.exec('DROP TABLE bench_rows')
  const liteBase = rate(totalCases, liteMs)
  console.log()
  line(`baseline: SQLite INSERT ×${totalCases}, one transaction (median of 3)`, liteBase, 'rows/s')

  // --- Pull: the fresh desk B pulls every case (pages of 500, each applied in one transaction).
  const [pulled, pullMs] = await timed(() => B.sync.pullOnce())
  if (pulled.error) console.log(`  ! pull: ${pulled.error}`)
  const pullThr = rate(pulled.changes, pullMs)
  line(`pull: fresh desk, ${pulled.changes} changed cases`, pullThr, 'changes/s', `×${(pullThr / liteBase).toFixed(3)} baseline (1/${(liteBase / pullThr).toFixed(1)})`)

  // --- Latency: portal submission → in the queue of a desk whose sync loop runs on its SSE poke.
  const waiting = new Map<string, (t: number) => void>()
  const ref: { desk?: Awaited<ReturnType<typeof desk>> } = {}
  const inQueue = (d: NonNullable<typeof ref.desk>, idNumber: string) =>
    listQueue(d.store, d.services.calendar(), officeToday(clock), d.slot.staff!, queueQuery.parse({ search: idNumber })).total > 0
  const onChange = () => {
    const d = ref.desk
    if (!d?.slot.staff) return
    for (const [idNumber, done] of waiting) {
      if (!inQueue(d, idNumber)) continue
      waiting.delete(idNumber)
      done(performance.now())
    }
  }
  const L = (ref.desk = await desk('clerk2', { onChange }))
  await L.sync.pullOnce() // catch up first, so the loop's first round has nothing to pull
  L.sync.start()
  await sleep(500)
  const appear = (n: number) =>
    new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => (waiting.delete(person(n).idNumber), resolve(null)), 10_000)
      waiting.set(person(n).idNumber, (t) => (clearTimeout(timer), resolve(t)))
    })
  const latencies: number[] = []
  const postMs: number[] = []
  let missed = 0
  for (let k = -1; k < K; k++) {
    const n = totalCases + 1 + k // k = -1: warm-up, not counted
    const seen = appear(n)
    const t0 = performance.now()
    await submit(n)
    const posted = performance.now()
    const at = await seen
    if (k < 0) continue
    postMs.push(posted - t0)
    if (at === null) missed++
    else latencies.push(at - t0)
    await sleep(50) // one by one, the loop idle again
  }
  await L.sync.stop()
  latencies.sort((a, b) => a - b)
  postMs.sort((a, b) => a - b)
  console.log(
    `\nportal submission → desk queue (K=${K}, SSE poke, poll fallback 1 h = off): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms` +
      `  (the portal POST alone: p50 ${percentile(postMs, 50).toFixed(1)} ms)${missed ? `; ${missed} not seen within 10 s` : ''}`
  )
} finally {
  for (const d of opened) await d.dispose()
  await app.close()
  await sdb.close()
}
