import { type ApiHandler, createApiHandler, type Services, type ServicesConfig, servicesOn } from '../api'
import { systemClock } from '../clock'
import { setFontsDir } from '../documents/fonts'
import { damageOf, openDeskStore, StoreDamagedError } from './health'
import { integrityCheckInWorker } from './integrity'
import { createStoreMaintenance, type MaintenanceOptions, type StoreMaintenance } from './maintenance'
import { createRecoveryHandler, createUpgradingHandler } from './recovery'
import { migrateInWorker, pendingUpgrade, UpgradeFailedError } from './upgrade'
import { defaultMigrationsFolder } from '.'

/**
 * The desk's start, shared by Electron (main/index.ts) and the loopback bridge (bridge/cli.ts). The store is opened
 * and migrated and the services come up at once: the first queue page does not wait for a check linear in the
 * store's size. The store's quick_check runs meanwhile in a worker thread on its own read-only connection
 * (`checked`); syncing and the store's daily maintenance (integrity_check in a worker, rotating backups) start only
 * once it has passed. Damage — a file that is not a database at all (found while opening: at once), a failed check
 * (the start's, or the daily integrity_check), or SQLite reporting a damaged page while serving a call — switches the desk to RECOVERY MODE instead of stopping:
 * the windows are told (their next call answers STORE_DAMAGED and they show the recovery page), the sync loop is
 * stopped and the store closed, and only `recovery.*` answers (status, backups, export of the unsent outbox — work
 * done before the switch included —, restore); after a restore the services come up on the restored store without a
 * restart. `handler` always answers for the current mode.
 *
 * A store an update left with pending migrations and holding cases starts in UPGRADING MODE: the migrations run in
 * a worker thread on its own connection (upgrade.ts; a minute or two on a national office's 1M cases), `recovery.status`
 * says `upgrading` (the window shows the upgrading page) and every other channel answers STORE_UPGRADING; then the
 * services come up on the upgraded store (and its check runs as above). A failed migration leaves the store as it was
 * (one transaction) and goes to recovery mode with the error. A store without cases is migrated at once.
 */
export interface DeskConfig extends ServicesConfig {
  log?: (e: unknown) => void
  /** The store's daily care (timings for tests); `false` = none (tests that do not want it). */
  maintenance?: Partial<Omit<MaintenanceOptions, 'store' | 'dbFile' | 'clock'>> | false
  /** The start's store check (default: quick_check in a worker thread); tests pass their own. */
  check?: (dbFile: string, signal: AbortSignal) => Promise<{ ok: boolean; problems: string[] }>
}

/** How long a switch to recovery mode waits for a sync round in flight before the store is closed anyway. */
const STOP_TIMEOUT_MS = 5_000

const quickCheckInWorker = (dbFile: string, signal: AbortSignal) => integrityCheckInWorker(dbFile, { quick: true, max: 20, signal })

export function startDesk(config: DeskConfig) {
  const log = config.log ?? console.error
  const clock = config.clock ?? systemClock
  let services: Services | null = null
  let maintenance: StoreMaintenance | null = null
  let damage: StoreDamagedError | null = null
  let started = false
  /** The start's check has not answered yet: no sync, no maintenance. */
  let checking = false
  let closed = false
  /** Stopping the services of a store found damaged (recovery waits for it). */
  let closing: Promise<void> = Promise.resolve()
  let current: ApiHandler
  const listeners = new Set<(s: Services) => void>()
  const abort = new AbortController()

  const run = (s: Services, m: StoreMaintenance | null): void => {
    s.startSync()
    m?.start()
  }

  const up = (s: Services): void => {
    services = s
    damage = null
    const care = config.maintenance
    maintenance =
      care === false
        ? null
        : createStoreMaintenance({
            log,
            ...care,
            store: s.store,
            dbFile: config.dbFile,
            clock,
            // The daily integrity_check finding damage switches to recovery mode as the start's check does.
            onDamage: (problems) => {
              care?.onDamage?.(problems)
              if (services === s) toRecovery(new StoreDamagedError('corrupt', problems))
            }
          })
    // A call that meets a damaged page (SQLite's SQLITE_CORRUPT) switches to recovery mode as the check would.
    current = createApiHandler(s, (e) => {
      log(e)
      const d = damageOf(e)
      if (d && services === s) toRecovery(d)
    })
    listeners.forEach((l) => l(s))
    if (started && !checking) run(s, maintenance)
  }

  const recoveryHandler = (e: StoreDamagedError): ApiHandler =>
    createRecoveryHandler({
      dbFile: config.dbFile,
      migrationsFolder: config.migrationsFolder,
      clock,
      damage: e,
      log,
      onRestored: (store) => up(servicesOn(store, config))
    })

  /** Damage found while serving: recovery mode at once for every new call; the services stop and the store closes. */
  function toRecovery(e: StoreDamagedError): void {
    const s = services
    if (!s) return
    log(new Error(`${e.message}（${e.problems.slice(0, 3).join('；')}）进入恢复模式`))
    const m = maintenance
    services = null
    maintenance = null
    damage = e
    // The windows hear of it (and their next call answers STORE_DAMAGED: the recovery page).
    s.changes.note(true)
    closing = (async () => {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())
      await Promise.race([Promise.all([s.stopSync(), m?.stop()]).catch((err: unknown) => log(err)), timeout])
      // Everything committed so far stays in the file (WAL), for the recovery page's export of the unsent outbox.
      s.store.close()
    })()
    const recovery = recoveryHandler(e)
    current = async (channel, input, slot) => {
      await closing
      return recovery(channel, input, slot)
    }
  }

  /** Damage found while opening (or a failed upgrade): recovery mode, nothing was served. */
  function recoverAtStart(e: StoreDamagedError): void {
    log(new Error(`${e.message}（${e.problems.slice(0, 3).join('；')}）进入恢复模式`))
    damage = e
    current = recoveryHandler(e)
  }

  /** Opens the store (migrating what is left: nothing after an upgrade), serves at once, checks it in a worker. */
  function serve(): Promise<void> {
    // Opened and migrated without the linear check: a file that is not a database at all throws StoreDamagedError here.
    const store = openDeskStore(config.dbFile, config.migrationsFolder)
    checking = true
    up(servicesOn(store, config))
    return (async () => {
      try {
        const result = await (config.check ?? quickCheckInWorker)(config.dbFile, abort.signal)
        if (!result.ok && !closed) toRecovery(new StoreDamagedError('corrupt', result.problems))
      } catch (e) {
        // The check itself could not run (not damage): the desk serves on; the daily integrity_check looks again.
        if (!closed) log(e)
      } finally {
        checking = false
        if (services && started && !closed) run(services, maintenance)
      }
    })()
  }

  /** The migrations in a worker (upgrading mode meanwhile), then the services on the upgraded store. */
  async function upgradeThenServe(): Promise<void> {
    const folder = config.migrationsFolder ?? defaultMigrationsFolder()
    const t = performance.now()
    let workerMs = 0
    try {
      workerMs = (await migrateInWorker(config.dbFile, folder, abort.signal)).ms
    } catch (e) {
      if (closed) return
      if (e instanceof StoreDamagedError || e instanceof UpgradeFailedError) {
        upgrading = false
        return recoverAtStart(e instanceof StoreDamagedError ? e : new StoreDamagedError('upgrade_failed', [e.message]))
      }
      // The worker itself failed (not the migrations): the upgrade runs here instead, the window waiting for it.
      log(e)
    }
    if (closed) return
    upgrading = false
    let check: Promise<void>
    const opened = performance.now()
    try {
      check = serve()
    } catch (e) {
      recoverAtStart(damageOf(e) ?? new StoreDamagedError('upgrade_failed', [e instanceof Error ? e.message : String(e)]))
      return
    }
    upgradeTimes = { totalMs: performance.now() - t, workerMs, serveMs: performance.now() - opened }
    settleUpgrade()
    await check
  }

  let upgrading = false
  let upgradeTimes: { totalMs: number; workerMs: number; serveMs: number } | null = null
  let settleUpgrade: () => void = () => {}
  let upgraded: Promise<void> = Promise.resolve()
  let checked: Promise<void> = Promise.resolve()
  try {
    if (config.fontsFolder) setFontsDir(config.fontsFolder)
    // Pending migrations on a store with cases: upgraded in a worker. A file that is not a database throws StoreDamagedError here.
    const pending = pendingUpgrade(config.dbFile, config.migrationsFolder ?? defaultMigrationsFolder())
    if (pending?.hasCases) {
      upgrading = true
      current = createUpgradingHandler(config.dbFile)
      upgraded = new Promise<void>((resolve) => (settleUpgrade = resolve))
      checked = upgradeThenServe().finally(() => settleUpgrade())
    } else {
      checked = serve()
    }
  } catch (e) {
    if (!(e instanceof StoreDamagedError)) throw e
    recoverAtStart(e)
  }

  return {
    handler: ((channel, input, slot) => current(channel, input, slot)) as ApiHandler,
    get mode(): 'normal' | 'recovery' | 'upgrading' {
      return services ? 'normal' : upgrading ? 'upgrading' : 'recovery'
    },
    /** Settles when an upgrade at start has ended (the services up on the upgraded store, or recovery mode); at once when there was none. */
    get upgraded(): Promise<void> {
      return upgraded
    },
    /** The upgrade at start: until the services were up; the migrations in the worker; opening the store and the services after (null: none). */
    get upgradeTimes(): { totalMs: number; workerMs: number; serveMs: number } | null {
      return upgradeTimes
    },
    /** Settles when the start's store check has answered (after an upgrade at start) (and, if it found damage, the desk is in recovery mode). */
    get checked(): Promise<void> {
      return checked
    },
    get services(): Services | null {
      return services
    },
    get damage(): StoreDamagedError | null {
      return damage
    },
    get maintenance(): StoreMaintenance | null {
      return maintenance
    },
    /** Called with the services now (a sound store) or when a restore brings them up. */
    onServices(listener: (s: Services) => void): () => void {
      listeners.add(listener)
      if (services) listener(services)
      return () => listeners.delete(listener)
    },
    /** Starts syncing and the store's daily care once the start's check has passed (and for services a restore brings up). */
    start(): void {
      started = true
      if (services && !checking) run(services, maintenance)
    },
    /** Stops the sync loop and the maintenance (a round in flight gets `timeoutMs`), then closes the store. */
    async close(timeoutMs = 5_000): Promise<void> {
      closed = true
      abort.abort()
      // An upgrade in flight: its worker ends (its transaction never committed) once SQLite's statement returns.
      await Promise.race([upgraded, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())])
      await closing
      const s = services
      if (!s) return
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())
      const stopping = Promise.all([s.stopSync(), maintenance?.stop()]).catch((e: unknown) => log(e))
      await Promise.race([stopping, timeout])
      s.store.close()
    }
  }
}

export type DeskRuntime = ReturnType<typeof startDesk>
