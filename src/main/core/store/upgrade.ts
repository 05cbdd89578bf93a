import Database from 'better-sqlite3'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { damageOf } from './health'

/**
 * The store's upgrade after an update of the desk: migrations drizzle has not applied yet (its journal,
 * `meta/_journal.json`, against the `__drizzle_migrations` table). On a store of a national office (1M cases) the
 * new indexes and columns take a minute or two, so the desk's start (runtime.ts) runs them in a worker thread on a
 * connection of its own while the window says so; a store without cases (a fresh desk) is migrated as before, at once.
 * drizzle applies every pending migration in ONE transaction (BEGIN … COMMIT, ROLLBACK on an error): a failed upgrade
 * leaves the store as it was.
 */
export interface PendingUpgrade {
  /** Migrations in the journal the store has not applied. */
  pending: number
  /** The store holds cases (else its upgrade is quick: runtime.ts migrates it at once). */
  hasCases: boolean
}

/** What the store at `file` lacks of `migrationsFolder` (null: no file yet, or nothing pending). Throws StoreDamagedError for a file SQLite cannot read. */
export function pendingUpgrade(file: string, migrationsFolder: string): PendingUpgrade | null {
  if (!existsSync(file)) return null
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] }
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true })
    const table = (name: string) => !!sqlite!.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name)
    // As drizzle decides: every journal entry newer than the newest applied one.
    const last = table('__drizzle_migrations')
      ? (sqlite.prepare('SELECT created_at AS at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1').get() as { at: number } | undefined)
      : undefined
    const pending = journal.entries.filter((e) => !last || Number(last.at) < e.when).length
    if (pending === 0) return null
    const hasCases = table('cases') && !!sqlite.prepare('SELECT 1 FROM cases LIMIT 1').get()
    return { pending, hasCases }
  } catch (e) {
    throw damageOf(e) ?? e
  } finally {
    sqlite?.close()
  }
}

/** A migration SQLite refused (the store is left as it was). `code`: SQLite's error code. */
export class UpgradeFailedError extends Error {
  constructor(
    message: string,
    readonly code: string
  ) {
    super(message)
    this.name = 'UpgradeFailedError'
  }
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
let sqlite
try {
  const Database = require(workerData.driver)
  const { drizzle } = require(workerData.drizzle)
  const { migrate } = require(workerData.migrator)
  const started = performance.now()
  try {
    // The pragmas openStore (core/store/index.ts) uses, then drizzle's own migrate: the same upgrade, off the main thread.
    sqlite = new Database(workerData.file, { fileMustExist: true })
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('busy_timeout = 5000')
    migrate(drizzle(sqlite), { migrationsFolder: workerData.migrationsFolder })
    // Fresh planner statistics for what the upgrade added (the desk's connection then finds them fresh).
    sqlite.pragma('optimize = 0x10002')
    parentPort.postMessage({ ok: true, ms: Math.round(performance.now() - started) })
  } catch (e) {
    const cause = (e && e.cause) || e
    parentPort.postMessage({ ok: false, failed: true, message: String((cause && cause.message) || cause), code: String((cause && cause.code) || '') })
  }
} catch (e) {
  // The worker could not load its modules: not the upgrade's fault (runtime.ts then migrates on the main thread).
  parentPort.postMessage({ ok: false, failed: false, message: String((e && e.message) || e), code: '' })
} finally {
  if (sqlite) sqlite.close()
}
`

const resolveFrom = (id: string): string => createRequire(import.meta.url).resolve(id)

/**
 * Applies the pending migrations of `file` in a worker thread (its code inline, loading better-sqlite3 and drizzle
 * from the paths the main side resolves: the same from source — tsx, vitest — and from the electron-vite bundle, as
 * integrity.ts does). Resolves with the time it took; rejects with StoreDamagedError (damage met while migrating),
 * UpgradeFailedError (a migration refused: the store unchanged), or a plain Error (the worker itself failed).
 * `signal`: ends the worker (its transaction is never committed).
 */
export function migrateInWorker(file: string, migrationsFolder: string, signal?: AbortSignal): Promise<{ ms: number }> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('upgrade aborted'))
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        file,
        migrationsFolder,
        driver: resolveFrom('better-sqlite3'),
        drizzle: resolveFrom('drizzle-orm/better-sqlite3'),
        migrator: resolveFrom('drizzle-orm/better-sqlite3/migrator')
      }
    })
    let answer: { ok: boolean; ms?: number; failed?: boolean; message?: string; code?: string } | undefined
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true })
    worker.once('message', (m: typeof answer) => (answer = m))
    worker.once('error', reject)
    // Settled once the worker has closed its connection (the desk then opens the store on its own).
    worker.once('exit', (code) => {
      const m = answer
      if (!m) return reject(new Error(`upgrade worker exited (${code})`))
      if (m.ok) return resolve({ ms: m.ms ?? 0 })
      if (!m.failed) return reject(new Error(`升级进程未能启动：${m.message}`))
      const err = Object.assign(new Error(m.message), { code: m.code })
      reject(damageOf(err) ?? new UpgradeFailedError(m.message ?? '', m.code ?? ''))
    })
  })
}
