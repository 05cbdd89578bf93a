import type { SetupStatus } from '../../../shared/api/staff'
import { hasAnyAccount, hasUsableAccount } from '../staff/repo'
import type { Store } from '../store'
import type { FetchFn } from '../sync/http'
import { checkServerAddress } from './address'
import { testConnection } from './connection-test'
import { storedMode, storeMode } from './mode'

export interface SetupOptions {
  store: Store
  fetch: FetchFn
  /** `--server` / CASEDESK_SERVER: wins over the stored choice, not editable in the app. */
  commandLineUrl?: string
  demo?: boolean
  /** Makes the desk a desk of this service now (core/api creates or replaces the sync client). */
  connectTo(url: string): void
}

/**
 * The desk's first start and its connection: the mode chosen (standalone, or a desk of an exchange service at
 * an address), whether someone can sign in yet, and — for a service nobody has signed in to from here — whether
 * the service itself waits for its first administrator (`GET /hello`).
 */
export function createSetup(opts: SetupOptions) {
  const { store } = opts
  const commandLineUrl = opts.commandLineUrl ? checkServerAddress(opts.commandLineUrl) : undefined

  const current = () => (commandLineUrl ? { mode: 'server' as const, serverUrl: commandLineUrl } : storedMode(store))

  return {
    /** The service's address this desk syncs with, if any (command line first, then the stored choice). */
    serverUrl: (): string | undefined => current().serverUrl ?? undefined,

    /** Anyone at the desk may still set it up: no mode chosen, or no account was ever made or cached here. */
    open: (): boolean => current().mode === 'unset' || !hasAnyAccount(store.sqlite),

    /** `setupRequired`: what the service said, when the caller just asked it. */
    async status(known?: { setupRequired?: boolean }): Promise<SetupStatus> {
      const { mode, serverUrl } = current()
      let needsFirstAdmin = !hasUsableAccount(store.sqlite)
      if (mode === 'server' && needsFirstAdmin) {
        const setupRequired = known?.setupRequired ?? (serverUrl ? (await testConnection(serverUrl, opts.fetch, 3_000)).setupRequired : false)
        needsFirstAdmin = !!setupRequired
      }
      return { mode, serverUrl: serverUrl ?? null, fromCommandLine: !!commandLineUrl, needsFirstAdmin, demo: !!opts.demo }
    },

    connect(raw: string): string {
      const url = checkServerAddress(raw)
      storeMode(store, 'server', url)
      opts.connectTo(url)
      return url
    },

    standalone: (): void => storeMode(store, 'standalone')
  }
}

export type Setup = ReturnType<typeof createSetup>
