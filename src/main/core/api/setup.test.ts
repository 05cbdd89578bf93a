import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SetupStatus } from '../../../shared/api/staff'
import type { Result } from '../../../shared/result'
import { testClock } from '../../../../server/src/clock'
import { createApiHandler, createServicesOn, type ApiHandler, type Services, type SessionSlot } from '.'
import { openStore } from '../store'
import { tempStore } from '../testing/fixtures'

// The desk's first start and the session rules every signed-in call goes through.

let store: ReturnType<typeof tempStore>
let services: Services
let handle: ApiHandler
const clock = testClock('2026-11-23T02:00:00Z')

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

beforeEach(() => {
  clock.set('2026-11-23T02:00:00Z')
  store = tempStore()
  services = createServicesOn(store, clock)
  handle = createApiHandler(services, () => {})
})
afterEach(() => store.dispose())

describe('the first start', () => {
  it('is open to anyone until the first administrator exists here, then an administrator’s', async () => {
    expect(value<SetupStatus>(await handle('setup.status', {}, { staff: null }))).toEqual({
      mode: 'unset',
      serverUrl: null,
      fromCommandLine: false,
      needsFirstAdmin: true,
      demo: false
    })
    // Nobody can sign in: there is no account (and no default one).
    expect(await handle('auth.signIn', { username: 'admin', password: 'demo1234' }, { staff: null })).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } })
    const weak = await handle('setup.standalone', { username: 'chief', displayName: '刘主任', password: 'chief12345' }, { staff: null })
    expect(weak).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '密码不能是用户名，也不能包含用户名' } })
    const slot: SessionSlot = { staff: null }
    expect(await handle('setup.standalone', { username: 'chief', displayName: '刘主任', password: 'Archive-2026!' }, slot)).toMatchObject({
      ok: true,
      value: { username: 'chief', role: 'admin', mustChangePassword: false }
    })
    expect(slot.staff?.role).toBe('admin')
    expect(value<SetupStatus>(await handle('setup.status', {}, { staff: null }))).toMatchObject({ mode: 'standalone', needsFirstAdmin: false })
    // Done: a second "first admin" is refused, and setup calls now need an administrator.
    expect(await handle('setup.standalone', { username: 'other', displayName: '他人', password: 'Second-Admin-9' }, { staff: null })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' }
    })
    expect(await handle('setup.standalone', { username: 'other', displayName: '他人', password: 'Second-Admin-9' }, slot)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await handle('setup.connect', { url: 'http://10.0.0.5:8787' }, { staff: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    // The choice survives a restart.
    store.close()
    const reopened = openStore(`${store.dir}/casedesk.db`)
    expect(value<SetupStatus>(await createApiHandler(createServicesOn(reopened, clock), () => {})('setup.status', {}, { staff: null }))).toMatchObject({ mode: 'standalone' })
    reopened.close()
    store = { ...store, close: () => {} }
  })

  it('refuses plain http to another computer and names a wrong address', async () => {
    const slot: SessionSlot = { staff: null }
    expect(await handle('setup.testConnection', { url: 'http://10.0.0.5:8787' }, slot)).toMatchObject({ ok: true, value: { ok: false, stage: 'insecure' } })
    expect(await handle('setup.testConnection', { url: 'ftp://example.org' }, slot)).toMatchObject({ ok: true, value: { ok: false, stage: 'address' } })
    expect(await handle('setup.testConnection', { url: 'https://user:pw@example.org' }, slot)).toMatchObject({ ok: true, value: { ok: false, stage: 'address' } })
    expect(await handle('setup.connect', { url: 'http://10.0.0.5:8787' }, slot)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('https://') } })
    expect(await handle('setup.testConnection', { url: 'x'.repeat(301) }, slot)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(value<SetupStatus>(await handle('setup.status', {}, slot)).mode).toBe('unset')
  })
})

describe('a signed-in window', () => {
  beforeEach(async () => {
    value(await handle('setup.standalone', { username: 'chief', displayName: '刘主任', password: 'Archive-2026!' }, { staff: null }))
  })

  it('ends after the office’s idle time without use; use (auth.touch) keeps it; status polls do not count', async () => {
    const slot: SessionSlot = { staff: null }
    value(await handle('auth.signIn', { username: 'chief', password: 'Archive-2026!' }, slot))
    value(await handle('settings.setSecurity', { sessionIdleMinutes: 10, offlineSignInDays: 3 }, slot))
    clock.advance(8 * 60_000)
    value(await handle('auth.touch', {}, slot))
    clock.advance(8 * 60_000)
    value(await handle('sync.status', {}, slot))
    clock.advance(3 * 60_000) // 11 minutes since the last use
    expect(await handle('sync.status', {}, slot)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '超过 10 分钟未操作，已自动退出，请重新登录' } })
    expect(await handle('auth.current', {}, slot)).toEqual({ ok: true, value: null })
    expect(await handle('settings.setSecurity', { sessionIdleMinutes: 20, offlineSignInDays: 3 }, { staff: null })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    value(await handle('auth.signIn', { username: 'chief', password: 'Archive-2026!' }, slot))
    expect(await handle('settings.setSecurity', { sessionIdleMinutes: 1, offlineSignInDays: 3 }, slot)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await handle('settings.setSecurity', { sessionIdleMinutes: 1e308, offlineSignInDays: 3 }, slot)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(value(await handle('settings.security', {}, slot))).toEqual({ sessionIdleMinutes: 10, offlineSignInDays: 3 })
  })

  it('signing out ends only that window', async () => {
    const a: SessionSlot = { staff: null }
    const b: SessionSlot = { staff: null }
    value(await handle('auth.signIn', { username: 'chief', password: 'Archive-2026!' }, a))
    value(await handle('auth.signIn', { username: 'chief', password: 'Archive-2026!' }, b))
    value(await handle('auth.signOut', {}, a))
    expect(await handle('staff.list', {}, a)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await handle('staff.list', {}, b)).toMatchObject({ ok: true })
    // The first start's window and b; a's is gone.
    const left = value<{ current: boolean }[]>(await handle('staff.sessions', { id: b.staff!.id }, b))
    expect(left.map((s) => s.current)).toEqual([false, true])
  })
})
