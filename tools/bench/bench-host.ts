/**
 * The thread that owns the windows while the desk works: `npm run bench:host -- --db FILE [--letters 1000] [--rounds 3] [--json]`.
 * The desk's core runs in a worker thread (src/main/host/desk-host.ts); this bench drives it as the windows do —
 * through the host's handler — and samples THIS thread's event loop (monitorEventLoopDelay, tools/bench/event-loop.ts)
 * during (a) a queue session on the store (every page shape and search of bench-queue.ts, `--rounds` times, one
 * request at a time as a window sends them) and (b) a signing batch of `--letters` drafts (`documents.sign`, polled
 * with `jobs.status` as the print console does). The baseline, in the same run: the same session and a batch of as
 * many other drafts with the services on this thread (the arrangement before issue 13). Each call's latency through
 * the host is printed beside the in-thread one (the hop across threads included).
 * FILE is written to: the bench adds a draft 调档函 to `--letters` × 2 deposit cases, a supervisor's signing
 * certificate and leaves the signed letters there — use a copy (`cp FILE FILE-host.db`, with its -wal).
 */
import { parseArgs } from 'node:util'
import type { JobStatus } from '../../src/shared/api/documents'
import type { QueueQuery } from '../../src/shared/api/contract'
import { type ApiHandler, createApiHandler, createServicesOn, type SessionSlot } from '../../src/main/core/api'
import { fixedClock } from '../../src/main/core/clock'
import { configureTestCertificate, TEST_P12_PASSPHRASE } from '../../src/main/core/documents/testing'
import { issueDocument } from '../../src/main/core/documents/issue'
import { renderTransferRequestLetter } from '../../src/main/core/documents/transfer-request-letter'
import { sharedLetterPool } from '../../src/main/core/documents/letter-pool'
import { openStore, type Store } from '../../src/main/core/store'
import { startDeskHost } from '../../src/main/host/desk-host'
import { benchLetterData } from './bench-letters'
import { queueShapes, searchTerms } from './bench-queue'
import { type LoopDelay, withLoopDelay } from './event-loop'

const NOW = '2026-11-23T02:00:00Z'

export interface HostBenchResult {
  cases: number
  letters: number
  /** This thread's event loop: the queue session and the signing batch with the core in its worker, and with it here. */
  hosted: { queueLoop: LoopDelay; lettersLoop: LoopDelay; callP50Ms: number; callP95Ms: number; lettersPerSecond: number }
  inThread: { queueLoop: LoopDelay; lettersLoop: LoopDelay; callP50Ms: number; callP95Ms: number; lettersPerSecond: number }
  /** The control: this thread's loop with nothing to do (what the machine itself does to it). */
  idleLoop: LoopDelay
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0
const fixed = (x: number, d = 1) => Number(x.toFixed(d))

/** A draft 调档函 on each of `n` deposit cases that have no letter yet (what a supervisor signs in one batch); the letters' ids. */
function addDrafts(store: Store, n: number, from: number): number[] {
  // Numbers and verification codes of their own (the store's letters have theirs).
  const letters = benchLetterData(from + n)
    .slice(from)
    .map((d, i) => ({ ...d, number: `基准函字〔2026〕第${String(from + i + 1).padStart(7, '0')}号`, verificationCode: `H${String(from + i).padStart(7, '0')}` }))
  const draftPdf = renderTransferRequestLetter(letters[0], { kind: 'draft' })
  const cases = store.sqlite
    .prepare("SELECT id FROM cases c WHERE type = 'archive_deposit' AND NOT EXISTS (SELECT 1 FROM issued_documents d WHERE d.case_id = c.id) LIMIT ?")
    .pluck()
    .all(n) as string[]
  if (cases.length < n) throw new Error(`only ${cases.length} deposit cases without a letter: fewer --letters`)
  return store.sqlite.transaction(() =>
    letters.map((data, i) => {
      const caseId = cases[i]
      const input = { caseId, docType: 'transfer_request_letter', fileName: `调档函-${data.caseNumber}.pdf`, pdf: draftPdf, number: data.number, verificationCode: data.verificationCode, issuedById: null, issuedAt: NOW, data }
      return issueDocument(store.sqlite, input).id
    })
  )()
}

async function signIn(handle: ApiHandler, username: string): Promise<SessionSlot> {
  const slot: SessionSlot = { staff: null, via: 'bench' }
  const r = await handle('auth.signIn', { username, password: 'demo1234' }, slot)
  if (!r.ok) throw new Error(`${username}: ${r.error.message}`)
  return slot
}

/** The queue session through `handle`, one request at a time; every call's latency. */
async function queueSession(handle: ApiHandler, slot: SessionSlot, queries: QueueQuery[], rounds: number) {
  const ms: number[] = []
  const { delay } = await withLoopDelay(async () => {
    for (let i = 0; i < rounds; i++) {
      for (const q of queries) {
        const t = performance.now()
        const r = await handle('queue.list', q, slot)
        ms.push(performance.now() - t)
        if (!r.ok) throw new Error(`queue.list ${JSON.stringify(q)}: ${r.error.message}`)
      }
    }
  })
  return { delay, p50: pct(ms, 0.5), p95: pct(ms, 0.95) }
}

/** One signing batch as the print console runs it: start, then `jobs.status` every 100 ms until it ends. */
async function signingBatch(handle: ApiHandler, slot: SessionSlot, ids: number[]) {
  const t0 = performance.now()
  const { result, delay } = await withLoopDelay(async () => {
    const started = await handle('documents.sign', { ids, passphrase: TEST_P12_PASSPHRASE }, slot)
    if (!started.ok) throw new Error(started.error.message)
    let job = started.value as JobStatus
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 100))
      const s = await handle('jobs.status', { id: job.id }, slot)
      if (!s.ok) throw new Error(s.error.message)
      job = s.value as JobStatus
    }
    return job
  })
  if (result.state !== 'done' || result.done !== ids.length) throw new Error(`the batch ended ${JSON.stringify(result).slice(0, 300)}`)
  return { delay, perSecond: ids.length / ((performance.now() - t0) / 1000) }
}

export async function benchHost(dbFile: string, opts: { letters: number; rounds: number; log?: (line: string) => void }): Promise<HostBenchResult> {
  const log = opts.log ?? (() => {})
  // Prepared on a connection of this thread, closed before the worker opens the file.
  const store = openStore(dbFile)
  const cases = (store.sqlite.prepare('SELECT max(rowid) AS n FROM cases').get() as { n: number }).n
  const clerk = store.sqlite.prepare("SELECT id FROM staff WHERE username = 'clerk1'").get() as { id: number } | undefined
  const admin = store.sqlite.prepare("SELECT id FROM staff WHERE username = 'admin'").get() as { id: number } | undefined
  if (!clerk || !admin) throw new Error(`${dbFile}: no demo accounts (a store of npm run bench -- --cases N)`)
  configureTestCertificate(store, { id: admin.id, username: 'admin', displayName: '系统管理员', role: 'admin', scopes: null, mustChangePassword: false }, new Date(NOW))
  const forHost = addDrafts(store, opts.letters, 0)
  const forHere = addDrafts(store, opts.letters, opts.letters)
  const queries: QueueQuery[] = [...queueShapes({ id: clerk.id, role: 'clerk', scopes: null }).map(([, q]) => q), ...searchTerms(store).map(([, search]) => ({ search }))]
  store.close()
  log(`host bench: ${cases} cases, a queue session of ${queries.length} requests × ${opts.rounds}, signing batches of ${opts.letters}`)

  // (a) The core in its worker, as the app runs it.
  const started = performance.now()
  const host = startDeskHost({ dbFile, fixedNow: NOW, maintenance: false }, { log: () => {} })
  const up = await host.upgraded()
  if (up.mode !== 'normal') throw new Error(`the desk started in ${up.mode} mode`)
  const hostClerk = await signIn(host.handler, 'clerk1')
  const hostSuper = await signIn(host.handler, 'super1')
  await queueSession(host.handler, hostClerk, queries.slice(0, 5), 1) // warm
  // The start's store check (quick_check, a worker thread of its own) reads the whole file: until it is done three
  // threads share the two cores. The sessions are measured once it is, as a day at the desk runs; (b) has no check.
  await host.checked()
  const checkedMs = performance.now() - started
  log(`the start's store check done ${fixed(checkedMs / 1000, 1)} s after the start`)
  const hq = await queueSession(host.handler, hostClerk, queries, opts.rounds)
  const hl = await signingBatch(host.handler, hostSuper, forHost)
  await host.close(10_000)

  // (b) The baseline: the services on this thread.
  const here = openStore(dbFile)
  const services = createServicesOn(here, fixedClock(NOW))
  const handle = createApiHandler(services, () => {})
  const hereClerk = await signIn(handle, 'clerk1')
  const hereSuper = await signIn(handle, 'super1')
  await queueSession(handle, hereClerk, queries.slice(0, 5), 1)
  const tq = await queueSession(handle, hereClerk, queries, opts.rounds)
  const tl = await signingBatch(handle, hereSuper, forHere)
  here.close()
  const idle = await withLoopDelay(() => new Promise((r) => setTimeout(r, 3_000)))

  const figures = (q: typeof hq, l: typeof hl) => ({
    queueLoop: { maxMs: fixed(q.delay.maxMs), p99Ms: fixed(q.delay.p99Ms) },
    lettersLoop: { maxMs: fixed(l.delay.maxMs), p99Ms: fixed(l.delay.p99Ms) },
    callP50Ms: fixed(q.p50, 2),
    callP95Ms: fixed(q.p95, 2),
    lettersPerSecond: fixed(l.perSecond)
  })
  const result: HostBenchResult = { cases, letters: opts.letters, hosted: figures(hq, hl), inThread: figures(tq, tl), idleLoop: { maxMs: fixed(idle.delay.maxMs), p99Ms: fixed(idle.delay.p99Ms) } }
  const row = (label: string, f: HostBenchResult['hosted']) =>
    log(
      `${label.padEnd(26)} queue loop max ${String(f.queueLoop.maxMs).padStart(6)} ms p99 ${String(f.queueLoop.p99Ms).padStart(5)} ms │ letters loop max ${String(f.lettersLoop.maxMs).padStart(6)} ms p99 ${String(f.lettersLoop.p99Ms).padStart(5)} ms │ call p50 ${f.callP50Ms} p95 ${f.callP95Ms} ms │ ${f.lettersPerSecond} letters/s`
    )
  row('core in its worker', result.hosted)
  row('core on this thread', result.inThread)
  log(`idle (the control): max ${result.idleLoop.maxMs} ms, p99 ${result.idleLoop.p99Ms} ms`)
  log(
    `ratios (worker ÷ this thread): queue loop max ×${fixed(result.hosted.queueLoop.maxMs / result.inThread.queueLoop.maxMs, 2)}, letters loop max ×${fixed(result.hosted.lettersLoop.maxMs / result.inThread.lettersLoop.maxMs, 2)}, call p95 ×${fixed(result.hosted.callP95Ms / result.inThread.callP95Ms, 2)}`
  )
  return result
}

async function main() {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, letters: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } }
  })
  if (!values.db) throw new Error('--db FILE is required (a copy of a bench store: the bench writes letters into it)')
  const result = await benchHost(values.db, { letters: Number(values.letters), rounds: Number(values.rounds), log: (l) => console.log(l) })
  await sharedLetterPool().destroy()
  if (values.json) console.log(JSON.stringify(result))
}

if (process.argv[1]?.endsWith('bench-host.ts')) await main()
