import { type ApiHandler, createApiHandler, createServices, type Services, type ServicesConfig, servicesOn } from '../api'
import { systemClock } from '../clock'
import { StoreDamagedError } from './health'
import { createStoreMaintenance, type MaintenanceOptions, type StoreMaintenance } from './maintenance'
import { createRecoveryHandler } from './recovery'

/**
 * The desk's start, shared by Electron (main/index.ts) and the loopback bridge (bridge/cli.ts): the store is
 * checked (quick_check) before anything is served. A sound store brings the services up (and the store's daily
 * maintenance: integrity_check in a worker, rotating backups). A damaged one — failing its check, or not a
 * database at all — starts RECOVERY MODE instead of stopping: only `recovery.*` answers (status, backups, export
 * of the unsent outbox, restore); after a restore the services come up on the restored store without a restart.
 * `handler` always answers for the current mode.
 */
export interface DeskConfig extends ServicesConfig {
  log?: (e: unknown) => void
  /** The store's daily care (timings for tests); `false` = none (tests that do not want it). */
  maintenance?: Partial<Omit<MaintenanceOptions, 'store' | 'dbFile' | 'clock'>> | false
}

export function startDesk(config: DeskConfig) {
  const log = config.log ?? console.error
  const clock = config.clock ?? systemClock
  let services: Services | null = null
  let maintenance: StoreMaintenance | null = null
  let damage: StoreDamagedError | null = null
  let started = false
  let current: ApiHandler
  const listeners = new Set<(s: Services) => void>()

  const up = (s: Services): void => {
    services = s
    damage = null
    maintenance = config.maintenance === false ? null : createStoreMaintenance({ log, ...config.maintenance, store: s.store, dbFile: config.dbFile, clock })
    current = createApiHandler(s, log)
    listeners.forEach((l) => l(s))
    if (started) {
      s.startSync()
      maintenance?.start()
    }
  }

  try {
    up(createServices(config))
  } catch (e) {
    if (!(e instanceof StoreDamagedError)) throw e
    log(new Error(`${e.message}（${e.problems.slice(0, 3).join('；')}）进入恢复模式`))
    damage = e
    current = createRecoveryHandler({
      dbFile: config.dbFile,
      migrationsFolder: config.migrationsFolder,
      clock,
      damage: e,
      log,
      onRestored: (store) => up(servicesOn(store, config))
    })
  }

  return {
    handler: ((channel, input, slot) => current(channel, input, slot)) as ApiHandler,
    get mode(): 'normal' | 'recovery' {
      return services ? 'normal' : 'recovery'
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
    /** Starts syncing and the store's daily care (now, and for services a restore brings up later). */
    start(): void {
      started = true
      services?.startSync()
      maintenance?.start()
    },
    /** Stops the sync loop and the maintenance (a round in flight gets `timeoutMs`), then closes the store. */
    async close(timeoutMs = 5_000): Promise<void> {
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
