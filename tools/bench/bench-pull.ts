/**
 * Pull benchmark: `npm run bench:pull -- [--cases 100000] [--pg postgres://…] [--limit 500] [--json]`.
 * The REAL exchange service runs in a child process (pull-server.ts: PGlite in memory, or a fresh database on
 * the PostgreSQL of --pg / DATABASE_URL), seeded in bulk with N archive-deposit cases; a fresh desk (temp
 * SQLite store, the real sync client) pulls them all. Prints, each from this run:
 *  - end-to-end seconds and changes/s of the first pull, and the time the desk spent applying;
 *  - the apply ratio: changes applied per second against raw SQLite INSERTs of as many full case snapshots
 *    (JSON) in one transaction into a desk store (same driver and pragmas);
 *  - the desk's event-loop delay during that pull (tools/bench/event-loop.ts; the service has its own process);
 *  - a second fresh desk pulling while a clerk's queue is read every 50 ms: the queue's latency p95 and max
 *    and the number of pages answered during the pull.
 * `benchPull(opts)` returns the figures for `npm run bench -- --json`.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createApiHandler, createServicesOn, type SessionSlot } from '../../src/main/core/api'
import { listQueue } from '../../src/main/core/cases/queue'
import { fixedClock, officeToday } from '../../src/main/core/clock'
import { sampleSnapshot } from '../../src/main/core/sync/testing'
import { tempStore } from '../../src/main/core/testing/fixtures'
import { queueQuery } from '../../src/shared/api/contract'
import { withLoopDelay, type LoopDelay } from './event-loop'

export interface PullBenchOptions {
  cases: number
  /** PostgreSQL URL for the service (else PGlite in memory). */
  pg?: string
  /** Changes per pull page (the desk's `pullLimit`). */
  limit?: number
  /** Also pull a second fresh desk while reading the queue (default true). */
  queue?: boolean
  log?: (line: string) => void
}

export interface PullBenchResult {
  cases: number
  /** First pull of a fresh desk, end to end. */
  seconds: number
  changesPerSecond: number
  /** Changes applied per second of apply time ÷ raw SQLite inserts per second, both measured in this run. */
  applyRatio: number
  /** listQueue p95 while a second fresh desk pulls (null when `queue: false`). */
  queueDuringPullP95Ms: number | null
  /** The desk's event loop during the first pull. */
  loopDelay: LoopDelay
  applySeconds: number
  serverSeconds: number
  rawInsertsPerSecond: number
  /** Plain INSERTs of the rows a pulled case makes (the desk schema's floor), cases/s, and the apply rate ÷ it. */
  floorPerSecond: number
  floorRatio: number
  seedSeconds: number
  queueDuringPull: { calls: number; p50Ms: number; p95Ms: number; maxMs: number; loopDelay: LoopDelay } | null
}

const T0 = '2026-03-02T02:00:00Z'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}

interface Server {
  url: string
  seedMs: number
  driver: string
  stats(): Promise<{ pullMs: number; pulls: number }>
  stop(): Promise<void>
}

async function startServer(cases: number, pg?: string): Promise<Server> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./pull-server.ts', import.meta.url)), ['--cases', String(cases), ...(pg ? ['--pg', pg] : [])], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const on = (m: Record<string, unknown>) => {
        if (!(key in m)) return
        child.off('message', on)
        resolve(m as T)
      }
      child.on('message', on)
      child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)))
    })
  const ready = await next<{ url: string; seedMs: number; driver: string }>('url')
  return {
    ...ready,
    stats: async () => (child.send({ stats: true }), (await next<{ stats: { pullMs: number; pulls: number } }>('stats')).stats),
    stop: () => new Promise((r) => (child.once('exit', () => r()), child.send({ stop: true })))
  }
}

/** A signed-in fresh desk on its own temp store. */
async function freshDesk(url: string, limit: number) {
  const store = tempStore()
  const clock = fixedClock(T0)
  const applied = { changes: 0, ms: 0, slices: [] as number[] }
  const onPullSlice = (changes: number, ms: number) => ((applied.changes += changes), (applied.ms += ms), applied.slices.push(ms))
  const services = createServicesOn(store, clock, { sync: { serverUrl: url, pollMs: 3_600_000, pullLimit: limit, onPullSlice } })
  const handle = createApiHandler(services, () => {})
  const slot: SessionSlot = { staff: null }
  const r = await handle('auth.signIn', { username: 'clerk1', password: 'demo1234' }, slot)
  if (!r.ok) throw new Error(`sign-in: ${r.error.message}`)
  return { store, services, slot, clock, applied, sync: services.sync!, dispose: async () => (await services.sync?.stop(), store.dispose()) }
}

/** Raw INSERTs of n full case snapshots (JSON) in one transaction into a desk store: rows/s, median of 3. */
function rawInsertRate(n: number): number {
  const store = tempStore()
  try {
    const body = JSON.stringify(sampleSnapshot(1))
    store.sqlite.exec('CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL, body TEXT NOT NULL)')
    const insert = store.sqlite.prepare('INSERT INTO bench_rows (case_id, body) VALUES (?, ?)')
    const runs: number[] = []
    for (let r = 0; r < 3; r++) {
      store.sqlite.exec('DELETE FROM bench_rows')
      const t = performance.now()
      store.sqlite.transaction(() => {
        for (let i = 0; i < n; i++) insert.run(`case-${i}`, body)
      })()
      runs.push(performance.now() - t)
    }
    return (n * 1000) / runs.sort((a, b) => a - b)[1]
  } finally {
    store.dispose()
  }
}

/**
 * The floor the desk's schema sets: plain INSERTs of the rows one pulled case makes (applicant, case with its
 * indexes and triggers, event, 4 file stubs, 4 attachments), n cases in one transaction, no sync logic: cases/s.
 */
function rawMirrorRate(n: number): number {
  const store = tempStore()
  try {
    const sql = store.sqlite
    const snap = sampleSnapshot(1)
    const a = snap.applicant
    const app = sql.prepare(`INSERT INTO applicants (name, sex, nationality, id_type, id_number, birth_date, ethnicity, political_status, marital_status,
      fertility_status, household_region, mobile, email, contact_name, contact_mobile, passport_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const kase = sql.prepare(`INSERT INTO cases (id, case_number, type, subtype, state, applicant_id, search_text, form, submitted_at, clock_started_on,
      deadline_on, version, round, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const ev = sql.prepare(`INSERT INTO case_events (case_id, at, actor_name, action, to_state, reasons, note, data) VALUES (?, ?, ?, 'submit', 'submitted', '[]', '', '{}')`)
    const blob = sql.prepare("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, 20, x'')")
    const att = sql.prepare("INSERT INTO attachments (case_id, material_code, file_name, mime, size, sha256) VALUES (?, ?, ?, 'application/pdf', 20, ?)")
    const form = JSON.stringify(snap.case.form)
    const t = performance.now()
    sql.transaction(() => {
      for (let i = 0; i < n; i++) {
        const id = `case-${i}`
        const applicantId = app.run(`${a.name}${i}`, a.sex, a.nationality, a.idType, `ID${i}`, a.birthDate, a.ethnicity, a.politicalStatus, a.maritalStatus,
          a.fertilityStatus, a.householdRegion, a.mobile, a.email, a.contactName, a.contactMobile, a.passportNumber).lastInsertRowid
        kase.run(id, `CN${i}`, snap.case.type, snap.case.subtype, 'submitted', applicantId, `${a.name}${i} ID${i} ${a.mobile} CN${i}`, form,
          snap.case.submittedAt, snap.case.clockStartedOn, snap.case.deadlineOn, 1, 1, snap.case.submittedAt)
        ev.run(id, snap.case.submittedAt, a.name)
        for (const code of ['id_card', 'passport', 'visa', 'admission']) {
          const sha = `${code}-${i}`
          blob.run(sha)
          att.run(id, code, `${code}.pdf`, sha)
        }
      }
    })()
    return (n * 1000) / (performance.now() - t)
  } finally {
    store.dispose()
  }
}

export async function benchPull(opts: PullBenchOptions): Promise<PullBenchResult> {
  const log = opts.log ?? (() => {})
  const limit = opts.limit ?? 500
  const server = await startServer(opts.cases, opts.pg)
  try {
    log(`pull benchmark: ${opts.cases} cases, pages of ${limit} — service on ${server.driver === 'pg' ? 'PostgreSQL (fresh database)' : 'PGlite (in memory)'}, own process`)
    log(`seed: ${(server.seedMs / 1000).toFixed(1)} s`)
    const rawInsertsPerSecond = rawInsertRate(opts.cases)
    const floorPerSecond = rawMirrorRate(Math.min(opts.cases, 20_000))

    const A = await freshDesk(server.url, limit)
    const before = await server.stats()
    const t0 = performance.now()
    const { result: report, delay: loopDelay } = await withLoopDelay(() => A.sync.pullOnce())
    const ms = performance.now() - t0
    const after = await server.stats()
    await A.dispose()
    if (report.error) throw new Error(`pull: ${report.error}`)
    if (report.changes !== opts.cases) log(`  ! pulled ${report.changes} changes of ${opts.cases}`)
    const applyMs = A.applied.ms
    const changesPerSecond = (report.changes * 1000) / ms
    const applyRatio = (report.changes * 1000) / applyMs / rawInsertsPerSecond

    let queueDuringPull: PullBenchResult['queueDuringPull'] = null
    if (opts.queue !== false) {
      const B = await freshDesk(server.url, limit)
      const staff = B.slot.staff!
      const q = queueQuery.parse({})
      const latencies: number[] = []
      let pulling = true
      const reader = (async () => {
        while (pulling) {
          const t = performance.now()
          listQueue(B.store, B.services.calendar(), officeToday(B.clock), staff, q)
          latencies.push(performance.now() - t)
          await sleep(50)
        }
      })()
      const { result: r2, delay } = await withLoopDelay(() => B.sync.pullOnce().finally(() => (pulling = false)))
      await reader
      await B.dispose()
      if (r2.error) throw new Error(`pull with queue: ${r2.error}`)
      queueDuringPull = { calls: latencies.length, p50Ms: pct(latencies, 50), p95Ms: pct(latencies, 95), maxMs: Math.max(0, ...latencies), loopDelay: delay }
    }
    const result: PullBenchResult = {
      cases: report.changes,
      seconds: ms / 1000,
      changesPerSecond,
      applyRatio,
      queueDuringPullP95Ms: queueDuringPull?.p95Ms ?? null,
      loopDelay,
      applySeconds: applyMs / 1000,
      serverSeconds: (after.pullMs - before.pullMs) / 1000,
      rawInsertsPerSecond,
      floorPerSecond,
      floorRatio: (report.changes * 1000) / applyMs / floorPerSecond,
      seedSeconds: server.seedMs / 1000,
      queueDuringPull
    }
    log(`baseline: SQLite INSERT ×${opts.cases} snapshots, one transaction (median of 3): ${rawInsertsPerSecond.toFixed(0)} rows/s`)
    log(`pull: fresh desk, ${report.changes} cases in ${result.seconds.toFixed(1)} s end to end: ${changesPerSecond.toFixed(0)} changes/s (${after.pulls - before.pulls} pages)`)
    log(`  service handling GET /sync/pull: ${result.serverSeconds.toFixed(1)} s; desk applying: ${result.applySeconds.toFixed(1)} s`)
    log(`  apply: ${((report.changes * 1000) / applyMs).toFixed(0)} changes/s = ×${applyRatio.toFixed(3)} raw inserts (goal ≥ 0.5)`)
    log(`  the desk schema's floor (plain INSERTs of a case's rows: applicant, case, event, 4 stubs, 4 attachments): ${floorPerSecond.toFixed(0)} cases/s; apply = ×${result.floorRatio.toFixed(2)} of it`)
    log(`  the core's event loop during the pull (in the app the desk worker's; the windows' thread does not run a pull): max ${loopDelay.maxMs.toFixed(1)} ms, p99 ${loopDelay.p99Ms.toFixed(1)} ms`)
    log(`  the apply's slices (transactions): ${A.applied.slices.length}, p50 ${pct(A.applied.slices, 50).toFixed(1)} ms, p99 ${pct(A.applied.slices, 99).toFixed(1)} ms, max ${Math.max(0, ...A.applied.slices).toFixed(1)} ms`)
    if (queueDuringPull) {
      log(
        `queue during a second fresh pull: ${queueDuringPull.calls} pages read, p50 ${queueDuringPull.p50Ms.toFixed(1)} ms, p95 ${result.queueDuringPullP95Ms!.toFixed(1)} ms, max ${queueDuringPull.maxMs.toFixed(1)} ms; ` +
          `event loop max ${queueDuringPull.loopDelay.maxMs.toFixed(1)} ms, p99 ${queueDuringPull.loopDelay.p99Ms.toFixed(1)} ms`
      )
    }
    return result
  } finally {
    await server.stop()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { cases: { type: 'string', default: '10000' }, pg: { type: 'string' }, limit: { type: 'string', default: '500' }, json: { type: 'boolean', default: false }, 'no-queue': { type: 'boolean', default: false } }
  })
  const result = await benchPull({ cases: Number(values.cases), pg: values.pg ?? undefined, limit: Number(values.limit), queue: !values['no-queue'], log: (l) => console.log(l) })
  if (values.json) console.log(JSON.stringify(result))
}
