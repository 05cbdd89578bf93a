import { MessageChannel, Worker } from 'node:worker_threads'
import type { SyncChanged } from '../../shared/api/types'
import type { ApiHandler, SessionSlot } from '../core/api'
import type { Printer } from '../core/documents/printer'
import type { DamageKind } from '../core/store/health'
import type { FetchFn } from '../core/sync/http'
import { workerEntry } from '../core/worker-entry'
import { serveFetch } from './fetch-port'
import { rpcOn, type Rpc } from './rpc'

/**
 * The desk's core (store, services, sync client, print jobs) in a worker thread, behind the same handler table
 * (desk-worker.ts). Electron's main process (main/index.ts) and the loopback bridge (bridge/cli.ts, the e2e
 * tests) both start it so: their own thread keeps windows, IPC forwarding, dialogs and printing, and never waits
 * on a query, a pull or a signing batch. `handler` forwards a call with its session slot (each caller's slot
 * object stands for one slot in the worker; the worker forgets it once the caller drops it); `subscribe` hears
 * the change feed. Like Actual Budget's backend in a utilityProcess, but a worker_threads worker: the one that
 * runs under plain Node, so the tests run the very arrangement the app ships.
 *
 * A worker that dies (it should not: every call's error is answered as a Result) is started again on the same
 * store; the windows' calls meanwhile answer INTERNAL (not sent, or — a call that was in it — result unknown) and
 * their sessions are gone (they sign in again). One that dies again and again is given up (`onFatal`).
 */
export interface DeskHostConfig {
  dbFile: string
  migrationsFolder?: string
  fontsFolder?: string
  serverUrl?: string
  /** `--demo`: the demo data and accounts (tools/demo), `demoCases` of them (default: the generator's). */
  demo?: boolean
  /** An installed app: a build without the demo chunk starts without demo data (status says `missing`); else a failed import fails the start. */
  demoOptional?: boolean
  demoCases?: number
  /** Tests: the office's clock stands still at this time. */
  fixedNow?: string
  /** `false`: no daily integrity check and backups (tests). */
  maintenance?: false
}

export interface DeskStatus {
  mode: 'normal' | 'recovery' | 'upgrading'
  damage: { kind: DamageKind; problems: string[] } | null
  setup: { mode: string; serverUrl: string | null } | null
  synced: boolean
  /** `missing`: --demo asked for, but this build has no demo data (the installer leaves it out). */
  demo: 'off' | 'loaded' | 'missing'
  demoCases: number | null
}

export interface DeskHostOptions {
  printer?: Printer
  fetch?: FetchFn
  log?: (e: unknown) => void
  /** The worker died again and again and is not started any more (the app tells the user and quits). */
  onFatal?: (e: Error) => void
}

const fail = (message: string) => ({ ok: false, error: { code: 'INTERNAL', message } }) as const
/** The worker is being started again: the call was not sent. */
const NOT_SENT = fail('本机服务正在重新启动，操作未生效，请稍候重试')
/** The worker died with the call in it: it may or may not have been done. */
const UNKNOWN = fail('本机服务意外中断，该操作的结果未知：请刷新后核对，再决定是否重做')
/** The worker cannot run (its first start failed, or it died again and again). */
const STOPPED = fail('本机服务无法运行，请重新启动本程序；如仍不行，请联系系统管理员')
/** Restarts of a dying worker allowed in a row (a worker that dies at once every time is not restarted forever). */
const MAX_RESTARTS = 3

export function startDeskHost(config: DeskHostConfig, opts: DeskHostOptions = {}) {
  const log = opts.log ?? console.error
  const listeners = new Set<(notice: SyncChanged) => void>()
  const slotIds = new WeakMap<SessionSlot, number>()
  let nextSlot = 1
  let started = false
  let closing = false
  let restarts = 0
  let rpc: Rpc
  let worker: Worker
  /** Settles when the worker has started the desk; rejects when it could not (a store that cannot be opened at all). */
  let ready: Promise<void>
  /** Settles when the current worker has exited. */
  let exited: Promise<void>
  /** The current worker is up and has not exited. */
  let alive = false
  /** Set when the worker cannot run: every call answers STOPPED. */
  let fatal: Error | null = null

  const notify = (notice: SyncChanged): void =>
    listeners.forEach((l) => {
      // A window that went away must not stop the others hearing of it.
      try {
        l(notice)
      } catch (e) {
        log(e)
      }
    })

  const printer = opts.printer
  const printerMethods: Parameters<typeof rpcOn>[1] = printer
    ? { 'printer.list': () => printer.list(), 'printer.print': (pdf: Uint8Array, name: string) => printer.print(Buffer.from(pdf), name) }
    : {}

  function spawn(): void {
    const { filename, execArgv } = workerEntry('desk-worker', import.meta.url)
    const fetchChannel = opts.fetch ? new MessageChannel() : null
    const stopFetch = fetchChannel ? serveFetch(fetchChannel.port1, opts.fetch!) : () => {}
    const transferList = fetchChannel ? [fetchChannel.port2] : []
    const w = new Worker(filename, { execArgv, workerData: { config, fetchPort: fetchChannel?.port2, printer: !!opts.printer }, transferList })
    worker = w
    let up = false
    let markUp: () => void = () => {}
    let failed: (e: Error) => void = () => {}
    ready = new Promise<void>((resolve, reject) => ((markUp = resolve), (failed = reject)))
    // The first start's failure is the caller's to report (ready() and status() reject); a restart's is only logged.
    if (restarts > 0) ready.catch(() => {})
    let markExited: () => void = () => {}
    exited = new Promise<void>((resolve) => (markExited = resolve))
    let error: Error | null = null
    const r = rpcOn(w, printerMethods, (name, payload) => {
      if (name === 'ready') {
        up = alive = true
        markUp()
        // A worker that then runs a while starts the count of restarts in a row again.
        setTimeout(() => worker === w && (restarts = 0), 60_000).unref()
      }
      if (name === 'sync.changed') notify(payload as SyncChanged)
    })
    rpc = r
    w.on('error', (e) => {
      error = e
      log(e)
    })
    w.on('exit', (code) => {
      alive = false
      markExited()
      stopFetch()
      r.fail(new Error(`desk worker exited (${code})`))
      r.close()
      const why = error ?? new Error(`本机服务未能启动（${code}）`)
      if (!up) failed(why)
      if (closing || worker !== w) return
      // The first start failed: the caller reports it (the store cannot be opened at all); nothing to restart.
      if (!up && restarts === 0) return void (fatal = why)
      if (++restarts > MAX_RESTARTS) {
        fatal = new Error(`本机服务连续 ${MAX_RESTARTS} 次异常退出，不再重启：${why.message}`)
        log(fatal)
        return opts.onFatal?.(fatal)
      }
      log(new Error(`本机服务异常退出（${code}），正在重新启动`))
      spawn()
      if (started) void ready.then(() => rpc.call('start')).catch(log)
      // The windows ask for their state again (their sessions are gone: they show the sign-in page); a count the
      // new worker's feed (which starts at 0) never gives, so every window sees a difference.
      notify({ changes: -restarts })
    })
  }
  spawn()

  // Each caller's slot is one slot in the worker; when the caller drops it (a closed window), the worker forgets it.
  const dropped = new FinalizationRegistry<number>((id) => void rpc.call('forget', id).catch(() => {}))
  const slotId = (slot: SessionSlot): number => {
    let id = slotIds.get(slot)
    if (id === undefined) {
      slotIds.set(slot, (id = nextSlot++))
      dropped.register(slot, id)
    }
    return id
  }

  return {
    handler: (async (channel, input, slot) => {
      if (fatal) return STOPPED
      try {
        await ready
      } catch {
        return fatal ? STOPPED : NOT_SENT
      }
      if (!alive) return fatal ? STOPPED : NOT_SENT
      try {
        return await rpc.call('handle', channel, input, slotId(slot), slot.via)
      } catch (e) {
        log(e)
        return fatal ? STOPPED : UNKNOWN
      }
    }) as ApiHandler,
    /** Settles when the worker has started the desk; rejects with why it could not (the app shows it and stops). */
    ready: (): Promise<void> => ready,
    /** The change feed's notices (sync.changed); returns the function that stops listening. */
    subscribe(listener: (notice: SyncChanged) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    /** The desk's state (rejects when the worker could not start the desk: its error). */
    status: async (): Promise<DeskStatus> => (await ready, rpc.call<DeskStatus>('status')),
    /** The status once an upgrade at start has ended (at once when there was none). */
    upgraded: async (): Promise<DeskStatus> => (await ready, rpc.call<DeskStatus>('upgraded')),
    /** The status once the start's store check has answered (recovery mode if it found damage). */
    checked: async (): Promise<DeskStatus> => (await ready, rpc.call<DeskStatus>('checked')),
    /** The worker thread now (diagnostics and tests). */
    get worker(): Worker {
      return worker
    },
    /** Starts syncing and the store's daily care (once the store's check at start has passed). */
    start(): void {
      started = true
      void ready.then(() => rpc.call('start')).catch(log)
    },
    /**
     * Stops the sync loop and the maintenance, closes the store and ends the worker — all within `timeoutMs` (then the
     * worker is ended anyway: SQLite rolls back a transaction it had not committed; the outbox keeps what was not sent).
     */
    async close(timeoutMs = 5_000): Promise<void> {
      closing = true
      const graceful = (async () => {
        await ready.catch(() => {})
        if (alive) await rpc.call('close', timeoutMs).catch(log)
        await exited
      })()
      let timer: NodeJS.Timeout | undefined
      await Promise.race([graceful, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))])
      clearTimeout(timer)
      await worker.terminate()
    }
  }
}

export type DeskHost = ReturnType<typeof startDeskHost>
