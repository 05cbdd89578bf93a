import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * The full `PRAGMA integrity_check`, off the main thread: a worker thread opens its own read-only connection
 * to the store (WAL lets it read beside the desk's writer) and reports SQLite's findings. The worker's code is
 * inline (eval) and loads better-sqlite3 from the path the main side resolves, so it works the same from
 * source (tsx, vitest) and from the electron-vite bundle.
 */
export interface IntegrityResult {
  ok: boolean
  /** SQLite's findings (empty when ok), at most `max`. */
  problems: string[]
  ms: number
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
let db
try {
  if (workerData.selfContained) {
    // A fresh backup copy made a single file (no -wal beside it); its fsync of a big file stays off the main thread.
    const rw = new Database(workerData.file, { fileMustExist: true })
    rw.pragma('journal_mode = DELETE')
    rw.close()
  }
  db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 10000')
  const started = performance.now()
  const pragma = workerData.quick ? 'quick_check' : 'integrity_check'
  const lines = db.pragma(pragma + '(' + workerData.max + ')').map((r) => r[pragma])
  const ok = lines.length === 1 && lines[0] === 'ok'
  // A backup being verified must also hold a readable outbox (the work a restore brings back).
  if (ok && workerData.outbox) db.prepare('SELECT count(*) FROM outbox').get()
  parentPort.postMessage({ ok, problems: ok ? [] : lines, ms: Math.round(performance.now() - started) })
} catch (e) {
  parentPort.postMessage({ ok: false, problems: [String(e && e.message || e)], ms: 0, error: String(e && e.code || '') })
} finally {
  if (db) db.close()
}
`

const driverPath = (): string => createRequire(import.meta.url).resolve('better-sqlite3')

/**
 * Runs integrity_check (or, `quick`, quick_check) on `file` in a worker thread; resolves with its findings (never
 * rejects for damage). `outbox`: the outbox must be readable too; `selfContained`: the file (a backup copy, never the
 * store) is first switched to journal_mode DELETE — both for a backup's verification. `signal`: ends the worker
 * (the promise rejects).
 */
export function integrityCheckInWorker(
  file: string,
  opts: { max?: number; quick?: boolean; outbox?: boolean; selfContained?: boolean; signal?: AbortSignal } = {}
): Promise<IntegrityResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new Error('integrity check aborted'))
    const worker = new Worker(WORKER, { eval: true, workerData: { file, max: opts.max ?? 100, quick: !!opts.quick, outbox: !!opts.outbox, selfContained: !!opts.selfContained, driver: driverPath() } })
    let answered = false
    // Given up (the desk closing): the worker ends once SQLite's check returns (its read-only connection changes nothing).
    opts.signal?.addEventListener('abort', () => void worker.terminate(), { once: true })
    worker.once('message', (m: IntegrityResult & { error?: string }) => {
      answered = true
      // A file SQLite cannot open at all is damage; a missing or locked one is an error of the check itself.
      if (!m.ok && m.ms === 0 && m.error && !/CORRUPT|NOTADB/.test(m.error)) reject(new Error(m.problems[0]))
      else resolve({ ok: m.ok, problems: m.problems, ms: m.ms })
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`integrity check worker exited (${code})`))
    })
  })
}
