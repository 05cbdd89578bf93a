import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Store } from '../store'

/**
 * WAL checkpoints off the event loop while a pull writes. SQLite checkpoints inside a COMMIT once the WAL
 * passes 1,000 pages: copying it into the database and syncing takes 30–200 ms on this machine, the stalls of
 * a long pull (measured: 86 of 1,260 slice commits over 20 ms, the longest 197 ms; none over 56 ms without).
 * During a pull the connection's automatic checkpoints are off and a worker thread with its own connection
 * runs `wal_checkpoint(PASSIVE)` (it never blocks the writer) at most every `everyMs` while the pull goes on.
 * Where no worker can start, the automatic checkpoints simply stay on.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 1000')
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); parentPort.close(); return }
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch {}
  parentPort.postMessage('done')
})`

export interface Checkpointer {
  /** After a slice committed: checkpoints in the worker when the WAL grew enough and none is running. */
  poke(): void
  /** The pull ended: automatic checkpoints on again, the worker gone. */
  close(): Promise<void>
}

const NONE: Checkpointer = { poke: () => undefined, close: async () => undefined }

export function startCheckpointer(store: Store, everyMs = 200): Checkpointer {
  const sql = store.sqlite
  const file = sql.name
  if (sql.memory || !file) return NONE
  let worker: Worker
  try {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3')
    worker = new Worker(WORKER, { eval: true, workerData: { file, driver } })
    worker.unref() // never what keeps the process alive
  } catch {
    return NONE
  }
  const before = sql.pragma('wal_autocheckpoint', { simple: true }) as number
  sql.pragma('wal_autocheckpoint = 0')
  let broken = false
  let busy = false
  let last = performance.now()
  worker.on('message', () => {
    busy = false
    last = performance.now()
  })
  /** Automatic checkpoints back on (not when the store was closed meanwhile: a recovery, a quit). */
  const restore = () => {
    if (sql.open) sql.pragma(`wal_autocheckpoint = ${before}`)
  }
  worker.on('error', () => {
    broken = true
    restore()
  })
  return {
    poke() {
      if (busy || broken || performance.now() - last < everyMs) return
      busy = true
      worker.postMessage('checkpoint')
    },
    async close() {
      if (!broken) restore()
      worker.postMessage('close')
      await new Promise<void>((resolve) => {
        worker.once('exit', () => resolve())
        setTimeout(() => void worker.terminate().then(() => resolve()), 2000).unref()
      })
    }
  }
}
