import type { SetupStatus } from '../../../shared/api/staff'
import { DomainError } from '../../../shared/result'
import { hasAnyAccount, hasUsableAccount } from '../staff/repo'
import type { Store } from '../store'
import type { FetchFn } from '../sync/http'
import { checkServerAddress } from './address'
import { testConnection } from './connection-test'
import { storedMode, storedServiceId, storeMode } from './mode'

export interface SetupOptions {
  store: Store
  fetch: FetchFn
  /** `--server` / CASEDESK_SERVER: wins over the stored choice, not editable in the app. */
  commandLineUrl?: string
  demo?: boolean
  /** Makes the desk a desk of this service now (core/api stops the old sync client and creates the new one). */
  connectTo(url: string): Promise<void>
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
      return { mode, serverUrl: serverUrl ?? null, fromCommandLine: !!commandLineUrl, needsFirstAdmin, demo: !!opts.demo && mode !== 'server' }
    },

    /**
     * Makes this desk a desk of the service at `raw` (whose `GET /hello` said `serviceId`). A desk belongs to one
     * service for good: a new address must reach the same service (moved, renamed), never another one — its
     * mirror, outbox numbering, number blocks and cached accounts are that service's. A standalone desk stays one.
     */
    async connect(raw: string, serviceId: string | undefined): Promise<string> {
      const url = checkServerAddress(raw)
      if (current().mode === 'standalone') throw new DomainError('FORBIDDEN', '本机已设置为单机使用，不能改为连接交换服务')
      const known = storedServiceId(store)
      if (known && serviceId && known !== serviceId) {
        throw new DomainError('VALIDATION', '该地址上是另一个交换服务（标识不同），不是本机所属的交换服务；本机只能更换为同一交换服务的新地址')
      }
      storeMode(store, 'server', { url, serviceId })
      await opts.connectTo(url)
      return url
    },

    standalone: (): void => storeMode(store, 'standalone')
  }
}

export type Setup = ReturnType<typeof createSetup>
