/**
 * Letter throughput: `npm run bench:letters -- [--count 1000] [--per-process 10] [--single 100] [--no-libreoffice] [--json]`.
 * (b) N distinct 调档函 (one A4 page with its 回执联) drafted on a temp desk store and signed as the print
 * console does — the sign dialog opens (`documents.prepareSigning`: the pool's threads get ready while the
 * passphrase is typed), then one `documents.sign` job through the API handler: the letter pool's threads (one per
 * core) render, seal and sign, this thread stores each letter — timed by the clock from the passphrase
 * submitted, with this thread's event-loop delay (tools/bench/event-loop.ts); (b1) the same letters rendered and signed on this thread alone
 * (`--single` of them: the per-core rate); (c) the LibreOffice baseline (letters-libreoffice.ts): one
 * process per letter (`--per-process` letters) and the whole batch in processes of 200 letters. All in this
 * run; prints letters per second and the ratios. Without LibreOffice it says so and prints (b) only.
 * `--make-template` writes the Word template again (it is committed; see letters-libreoffice.ts).
 */
import { writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { PerformanceObserver } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { JobStatus } from '../../src/shared/api/documents'
import { createApiHandler, createServicesOn } from '../../src/main/core/api'
import { configureTestCertificate, pdfTool, TEST_P12_PASSPHRASE } from '../../src/main/core/documents/testing'
import { issueDocument } from '../../src/main/core/documents/issue'
import { sharedLetterPool } from '../../src/main/core/documents/letter-pool'
import { readP12, signPdf } from '../../src/main/core/documents/sign'
import { renderTransferRequestLetter, type TransferRequestLetterData } from '../../src/main/core/documents/transfer-request-letter'
import { makeTestP12 } from '../../src/main/core/testing/p12'
import { addCase, addStaff, SAMPLE_REQUEST_LETTER, tempStore } from '../../src/main/core/testing/fixtures'
import { type LoopDelay, withLoopDelay } from './event-loop'
import { hasLibreOffice, libreOfficeBaseline, makeTemplate, TEMPLATE } from './letters-libreoffice'

export interface LetterBenchOptions {
  /** Letters in the batch (default 1,000). */
  count?: number
  /** Letters converted one soffice process each (default 10). */
  perProcess?: number
  /** Letters rendered and signed on this thread alone (default 100; 0: skipped). */
  single?: number
  /** Run the LibreOffice baseline when soffice is installed (default true). */
  libreOffice?: boolean
  log?: (line: string) => void
}

export interface LetterBenchResult {
  count: number
  threads: number
  /** Sealed + signed letters per second, the whole batch job (pool + storing) by the clock. */
  lettersPerSecond: number
  /** In the pool's threads, per letter. */
  renderMsP50: number
  signMsP50: number
  /** On this thread alone (b1). */
  singleThreadPerSecond?: number
  /** LibreOffice, the whole batch (processes of 200 letters), and one process per letter. */
  libreOfficeBatchPerSecond?: number
  libreOfficePerLetterPerSecond?: number
  ratioToLibreOffice?: number
  ratioToLibreOfficePerLetter?: number
  /** Letters per CPU second of this process (this thread and the pool's): the rate per core, however busy the machine. */
  lettersPerCpuSecond: number
  /** CPU time of this (the storing) thread per letter. */
  storingCpuMsPerLetter: number
  /** This thread's event loop during the batch, and (the control) idle for as long afterwards. */
  loopDelay: LoopDelay
  idleLoopDelay: LoopDelay
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'
export const benchLetterData = (n: number): TransferRequestLetterData[] =>
  Array.from({ length: n }, (_, i) => ({
    ...SAMPLE_REQUEST_LETTER,
    number: `留档函字〔2026〕第${String(i + 1).padStart(6, '0')}号`,
    verificationCode: `B${String(i).padStart(3, '0').slice(-3)}-${(i * 7919).toString(32).toUpperCase().padStart(4, '0').slice(-4)}`,
    caseNumber: `CD20261123${String(i + 1).padStart(6, '0')}`,
    applicant: { name: `${SURNAMES[i % SURNAMES.length]}嘉${'怡晨宇涵'[i % 4]}`, sex: i % 2 ? 'male' : 'female', idNumber: `4401261997${String(i).padStart(8, '0')}` },
    basis: i % 2 ? { kind: 'employer', employerName: '广州番禺智造科技有限公司', location: '广州市番禺区' } : { kind: 'household', region: '广州市番禺区' }
  }))

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const fixed = (x: number, d = 1) => Number(x.toFixed(d))

/** How long the sign dialog is open before the passphrase is submitted (typing it takes longer). */
const TYPING_MS = 2000

/** (b): the batch job on a temp desk store, as the print console runs it: from the passphrase submitted to the last letter stored. */
async function signedBatch(letters: TransferRequestLetterData[]) {
  const store = tempStore()
  try {
    const now = new Date('2026-11-23T02:00:00Z')
    const services = createServicesOn(store, { now: () => now })
    const admin = addStaff(store, 'admin', 'admin', '系统管理员')
    const supervisor = addStaff(store, 'super1', 'supervisor', '赵建国')
    configureTestCertificate(store, admin, now)
    const draftPdf = renderTransferRequestLetter(letters[0], { kind: 'draft' }) // the drafts' own files play no part in signing
    const ids = letters.map((data) => {
      const caseId = addCase(store, { state: 'awaiting_archive', name: data.applicant.name })
      const input = { caseId, docType: 'transfer_request_letter', fileName: `调档函-${data.caseNumber}.pdf`, pdf: draftPdf, number: data.number, verificationCode: data.verificationCode, issuedById: null, issuedAt: now.toISOString(), data }
      return store.sqlite.transaction(() => issueDocument(store.sqlite, input).id)()
    })
    // The pool's own timings, per letter.
    const pool = sharedLetterPool()
    const run = pool.run.bind(pool)
    const render: number[] = []
    const sign: number[] = []
    pool.run = async (task) => {
      const r = await run(task)
      render.push(r.renderMs)
      sign.push(r.signMs)
      return r
    }
    // Diagnostics of this thread's longest stretches: a store transaction, a garbage collection.
    const longest = { transactionMs: 0, gcMs: 0 }
    const sql = store.sqlite
    const transaction = sql.transaction.bind(sql)
    sql.transaction = ((fn: (...a: unknown[]) => unknown) => {
      const t = transaction(fn)
      return Object.assign((...a: unknown[]) => {
        const s0 = performance.now()
        try {
          return t(...a)
        } finally {
          longest.transactionMs = Math.max(longest.transactionMs, performance.now() - s0)
        }
      }, t)
    }) as typeof sql.transaction
    const gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longest.gcMs = Math.max(longest.gcMs, e.duration)
    })
    gc.observe({ entryTypes: ['gc'] })
    const handle = createApiHandler(services, () => {})
    const slot = { staff: supervisor }
    // As in the app: the sign dialog opens (its threads get ready) and the supervisor types the passphrase.
    await handle('documents.prepareSigning', { ids: [ids[0]] }, slot)
    await new Promise((r) => setTimeout(r, TYPING_MS))
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    const thread0 = process.threadCpuUsage()
    const { result: end, delay } = await withLoopDelay(async () => {
      const started = await handle('documents.sign', { ids, passphrase: TEST_P12_PASSPHRASE }, slot)
      if (!started.ok) throw new Error(started.error.message)
      return services.jobs.settled((started.value as JobStatus).id)
    })
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    const thread = process.threadCpuUsage(thread0)
    gc.disconnect()
    pool.run = run
    if (end.state !== 'done' || end.done !== letters.length || end.failures.length) throw new Error(`the batch ended ${JSON.stringify(end).slice(0, 300)}`)
    // The first and the last letter: pdfsig finds the signature valid.
    for (const id of [ids[0], ids.at(-1)!]) {
      const { sha } = store.sqlite.prepare('SELECT signed_sha256 AS sha FROM issued_documents WHERE id = ?').get(id) as { sha: string }
      const { data } = store.sqlite.prepare('SELECT data FROM blobs WHERE sha256 = ?').get(sha) as { data: Buffer }
      if (!pdfTool('pdfsig', data).out.includes('Signature Validation: Signature is Valid.')) throw new Error(`letter ${id}: pdfsig does not find the signature valid`)
    }
    // The control: this thread's event loop with nothing to do for as long (up to 5 s): what the machine itself
    // (other processes on its cores) does to it.
    const idle = await withLoopDelay(() => new Promise((r) => setTimeout(r, Math.min(5000, seconds * 1000))))
    const cpuSeconds = (cpu.user + cpu.system) / 1e6 // this process: this thread and the pool's
    const threadCpuSeconds = (thread.user + thread.system) / 1e6
    return { seconds, cpuSeconds, threadCpuSeconds, delay, idle: idle.delay, longest, renderMsP50: p50(render), signMsP50: p50(sign), threads: pool.threads }
  } finally {
    store.dispose()
  }
}

/** (b1): render and sign on this thread alone. */
async function singleThread(letters: TransferRequestLetterData[]): Promise<number> {
  const key = readP12(makeTestP12(), TEST_P12_PASSPHRASE)
  const signature = { name: '留学人员档案室', reason: '调档函', location: '北京' }
  await signPdf(renderTransferRequestLetter(letters[0], { kind: 'final', signature }), key, new Date()) // fonts parsed once, as in the app
  const t0 = performance.now()
  for (const d of letters) await signPdf(renderTransferRequestLetter(d, { kind: 'final', signature }), key, new Date())
  return letters.length / ((performance.now() - t0) / 1000)
}

export async function benchLetters(opts: LetterBenchOptions = {}): Promise<LetterBenchResult> {
  const log = opts.log ?? (() => {})
  const count = opts.count ?? 1000
  const letters = benchLetterData(count)
  const line = (label: string, n: number, seconds: number) => log(`${label.padEnd(58)} ${String(n).padStart(5)} letters ${seconds.toFixed(1).padStart(7)} s ${(n / seconds).toFixed(1).padStart(8)}/s`)

  const batch = await signedBatch(letters)
  const result: LetterBenchResult = {
    count,
    threads: batch.threads,
    lettersPerSecond: fixed(count / batch.seconds),
    renderMsP50: fixed(batch.renderMsP50, 2),
    signMsP50: fixed(batch.signMsP50, 2),
    lettersPerCpuSecond: fixed(count / batch.cpuSeconds),
    storingCpuMsPerLetter: fixed((1000 * batch.threadCpuSeconds) / count, 2),
    loopDelay: { maxMs: fixed(batch.delay.maxMs, 1), p99Ms: fixed(batch.delay.p99Ms, 1) },
    idleLoopDelay: { maxMs: fixed(batch.idle.maxMs, 1), p99Ms: fixed(batch.idle.p99Ms, 1) }
  }
  line(`(b) sealed + signed, batch job, pool of ${batch.threads} threads`, count, batch.seconds)
  log(`    ${result.lettersPerCpuSecond} letters per CPU second (all threads); per letter in the pool: render p50 ${result.renderMsP50} ms, sign p50 ${result.signMsP50} ms`)
  log(`    from the passphrase submitted (the sign dialog open ${TYPING_MS / 1000} s before: its threads get ready); the storing thread ${result.storingCpuMsPerLetter} ms CPU per letter`)
  log(`    this thread's event loop: max ${result.loopDelay.maxMs} ms, p99 ${result.loopDelay.p99Ms} ms (idle, the control: max ${result.idleLoopDelay.maxMs} ms, p99 ${result.idleLoopDelay.p99Ms} ms)`)
  log(`    this thread's longest store transaction ${batch.longest.transactionMs.toFixed(1)} ms, longest garbage collection ${batch.longest.gcMs.toFixed(1)} ms`)
  const single = Math.min(count, opts.single ?? 100)
  if (single > 0) {
    result.singleThreadPerSecond = fixed(await singleThread(letters.slice(0, single)))
    line('(b1) sealed + signed, this thread alone', single, single / result.singleThreadPerSecond)
  }

  if (opts.libreOffice === false) return result
  if (!hasLibreOffice()) {
    log('LibreOffice (soffice) is not installed: the Word-template comparison is skipped (apt-get install -y libreoffice-writer-nogui).')
    return result
  }
  const lo = libreOfficeBaseline(letters, opts.perProcess ?? 10)!
  line('(c0) Word template filled (docxtemplater), no PDF', count, lo.fill.wall)
  line('(c1) Word + LibreOffice, one process per letter', lo.perLetterCount, lo.perLetter.wall)
  line('(c2) Word + LibreOffice, the batch (200 letters a process)', count, lo.batch.wall)
  result.libreOfficeBatchPerSecond = fixed(count / lo.batch.wall, 2)
  result.libreOfficePerLetterPerSecond = fixed(lo.perLetterCount / lo.perLetter.wall, 3)
  result.ratioToLibreOffice = fixed(result.lettersPerSecond / (count / lo.batch.wall))
  result.ratioToLibreOfficePerLetter = fixed(result.lettersPerSecond / (lo.perLetterCount / lo.perLetter.wall))
  log(`ratio (b) / (c2) LibreOffice batch: ${result.ratioToLibreOffice}×   (b) / (c1) one process per letter: ${result.ratioToLibreOfficePerLetter}×`)
  log(`LibreOffice by CPU time (this process and its children): (c2) ${(count / lo.batch.cpu).toFixed(1)}/s, (c1) ${(lo.perLetterCount / lo.perLetter.cpu).toFixed(2)}/s`)
  log('The Word letters carry neither the QR code, the seal nor a digital signature: LibreOffice does less work than (b).')
  return result
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000' },
      'per-process': { type: 'string', default: '10' },
      single: { type: 'string', default: '100' },
      'no-libreoffice': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'make-template': { type: 'boolean', default: false }
    }
  })
  if (values['make-template']) {
    writeFileSync(TEMPLATE, makeTemplate())
    console.log(`wrote ${TEMPLATE}`)
    process.exit(0)
  }
  console.log(`letter throughput: ${values.count} distinct 调档函 (A4, one page with the 回执联), ${availableParallelism()} cores, ${process.version}`)
  const result = await benchLetters({
    count: Number(values.count),
    perProcess: Number(values['per-process']),
    single: Number(values.single),
    libreOffice: !values['no-libreoffice'],
    log: (l) => console.log(l)
  })
  if (values.json) console.log(JSON.stringify(result))
  await sharedLetterPool().destroy()
}
