// Connecting a desk to its exchange service, and changing the address later, against REAL services.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SetupStatus } from '../../../shared/api/staff'
import type { Result } from '../../../shared/result'
import { createApiHandler, createServicesOn, type ApiHandler, type Services } from '../api'
import { type Exchange, startExchange } from '../sync/testing'
import { tempStore } from '../testing/fixtures'

let ex: Exchange
let other: Exchange | undefined
let store: ReturnType<typeof tempStore>
let services: Services
let handle: ApiHandler

beforeEach(async () => {
  ex = await startExchange()
  store = tempStore()
  services = createServicesOn(store, ex.clock)
  handle = createApiHandler(services, () => {})
})
afterEach(async () => {
  await services.stopSync()
  store.dispose()
  await ex.close()
  await other?.close()
  other = undefined
})

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

describe('a desk’s exchange service', () => {
  it('is connected at the first start, moves to a new address of the same service, never to another service', async () => {
    const anyone = { staff: null }
    expect(value<SetupStatus>(await handle('setup.connect', { url: ex.url }, anyone))).toMatchObject({ mode: 'server', serverUrl: ex.url, needsFirstAdmin: false })
    services.startSync()
    const first = services.sync!
    await handle('auth.signIn', { username: 'clerk1', password: 'demo1234' }, anyone)
    // The same service under another name (moved, renamed): the client is replaced, the old one has stopped.
    const admin = { staff: null }
    value(await handle('auth.signIn', { username: 'admin', password: 'demo1234' }, admin))
    const moved = ex.url.replace('127.0.0.1', 'localhost')
    expect(value<SetupStatus>(await handle('setup.connect', { url: moved }, admin)).serverUrl).toBe(moved)
    expect(services.sync).not.toBe(first)
    expect(await first.pullOnce()).toEqual({ changes: 0, resynced: false })
    // Another service (its own identity) is refused, and nothing changes.
    other = await startExchange()
    value(await handle('auth.signIn', { username: 'admin', password: 'demo1234' }, admin))
    expect(await handle('setup.connect', { url: other.url }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('另一个交换服务') } })
    expect(value<SetupStatus>(await handle('setup.status', {}, admin)).serverUrl).toBe(moved)
  })

  it('a standalone desk stays standalone', async () => {
    const admin = { staff: null }
    value(await handle('setup.standalone', { username: 'chief', displayName: '刘主任', password: 'Archive-2026!' }, admin))
    expect(await handle('setup.connect', { url: ex.url }, admin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(services.sync).toBeUndefined()
  })
})
