import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createApiHandler, createServices } from '../api'
import { fixedClock } from '../clock'
import { damageHeader, damageTablePage } from './testing/damage'
import { templateDesks } from './testing/fixture'
import { openCheckedStore, StoreDamagedError } from './health'

const desk = templateDesks()
const slot = () => ({ staff: { id: 1, username: 'admin', displayName: '管理员', role: 'admin' as const, scopes: null, mustChangePassword: false }, via: 'test' })

describe('the store is checked before anything is served', () => {
  it('a sound store opens', () => {
    const store = openCheckedStore(desk().file)
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 60 })
    store.close()
  })

  it('an overwritten page of the cases table: the file still opens, but quick_check fails and the store is refused', () => {
    const { file } = desk()
    damageTablePage(file, 'cases')
    const raw = new Database(file)
    expect(raw.pragma('quick_check', { simple: true })).not.toBe('ok')
    raw.close()
    expect(() => openCheckedStore(file)).toThrow(StoreDamagedError)
    try {
      openCheckedStore(file)
    } catch (e) {
      expect((e as StoreDamagedError).kind).toBe('corrupt')
      expect((e as StoreDamagedError).message).toMatch(/本机案件库已损坏/)
    }
  })

  it('a damaged header is a damaged store, not a crash of the start', () => {
    const { file } = desk()
    damageHeader(file)
    let caught: unknown
    try {
      openCheckedStore(file)
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(StoreDamagedError)
    expect((caught as StoreDamagedError).kind).toBe('not_a_database')
  })

  it('createServices does not serve the queue of a damaged store', async () => {
    const { file } = desk()
    damageTablePage(file, 'cases')
    let services: ReturnType<typeof createServices> | undefined
    let refused: unknown
    try {
      services = createServices({ dbFile: file, clock: fixedClock('2026-11-23T02:00:00Z') })
    } catch (e) {
      refused = e
    }
    if (services) {
      // Before the check existed, the damaged store was opened and the queue served from it.
      const page = await createApiHandler(services, () => {})('queue.list', {}, slot())
      services.store.close()
      expect(page.ok).toBe(false)
    }
    expect(refused).toBeInstanceOf(StoreDamagedError)
  })
})
