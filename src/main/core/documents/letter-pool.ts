import { availableParallelism } from 'node:os'
import Piscina from 'piscina'
import { DomainError } from '../../../shared/result'
import { workerEntry } from '../worker-entry'
import { fontsDir } from './fonts'
import type { LetterResult, LetterTask, OpenedKey, WarmUpTask } from './letter-worker'
import type { BatchKey } from './sign'

/**
 * The letter pool: worker threads (piscina), as many as the machine has cores, each rendering, sealing and
 * signing letters (letter-worker.ts) so a signing batch keeps every core busy and never holds up the
 * calling thread's event loop (the windows, the API). Threads start with the first letter and leave after a
 * minute without work (each holds its own parsed fonts, some tens of MB).
 * The worker: letter-worker.ts from source, out/main/letter-worker.js in a build (see worker-entry.ts).
 */
export interface LetterPool {
  run(task: LetterTask): Promise<LetterResult & { pdf: Buffer }>
  /** Opens the office's P12 for a batch in a thread (a wrong passphrase: the DomainError readP12 gives). */
  openKey(p12: Buffer, passphrase: string): Promise<BatchKey>
  /**
   * Starts the threads not running yet and gets them ready for letters (warmUp: `letter`, the batch's first, rendered
   * and thrown away) — e.g. while the supervisor types the certificate's passphrase; returns at once. `busy` threads
   * are left for other work.
   */
  warm(letter?: WarmUpTask['letter'], busy?: number): void
  /** How many letters it works on at once. */
  readonly threads: number
  /** How many of its threads are running. */
  readonly running: number
  destroy(): Promise<void>
}

export function createLetterPool(opts: { threads?: number; idleTimeoutMs?: number } = {}): LetterPool {
  const threads = Math.max(1, opts.threads ?? availableParallelism())
  const { filename, execArgv } = workerEntry('letter-worker', import.meta.url)
  const pool = new Piscina({ filename, execArgv, minThreads: 0, maxThreads: threads, idleTimeout: opts.idleTimeoutMs ?? 60_000 })
  const warm = (letter?: WarmUpTask['letter'], busy = 0) => {
    const task: WarmUpTask = { fontsDir: fontsDir(), letter }
    for (let i = pool.threads.length + busy; i < threads; i++) void pool.run(task, { name: 'warmUp' }).catch(() => {})
  }
  return {
    threads,
    get running() {
      return pool.threads.length
    },
    warm,
    async run(task) {
      const r = (await pool.run(task)) as LetterResult
      // A Buffer crosses the thread as a plain Uint8Array.
      return { ...r, pdf: Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength) }
    },
    async openKey(p12, passphrase) {
      warm(undefined, 1) // a batch follows: the other threads start and get ready while one opens the key
      const r = (await pool.run({ p12, passphrase }, { name: 'openOfficeKey' })) as OpenedKey
      if (!r.ok) throw new DomainError(r.code as DomainError['code'], r.message)
      return r.key
    },
    destroy: () => pool.destroy()
  }
}

let shared: LetterPool | null = null

/** The process's letter pool, made on first use. */
export function sharedLetterPool(): LetterPool {
  shared ??= createLetterPool()
  return shared
}
