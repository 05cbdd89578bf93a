import { describe, expect, it } from 'vitest'
import { serverPerTest } from '../testing/per-test'
import { call, errorOf } from '../testing/staff'

const t = serverPerTest()

interface Directory {
  version: string
  staff: { id: number; username: string; active: boolean; credentialVersion: number; sessionsEndedAt: string | null; scopes: string[] | null }[]
}

describe('desks follow the accounts and the security settings', () => {
  it('GET /sync/staff: every account without hashes; staffVersion on every pull page moves with each change', async () => {
    const clerk = await t.desk('clerk1')
    const admin = await t.desk('admin')
    const dir = (await call(t, clerk, 'GET', '/sync/staff')).json() as Directory
    expect(dir.version).toBe('initial')
    expect(dir.staff).toHaveLength(5)
    expect(dir.staff[0]).toEqual({ id: t.staffIds.get('clerk1'), username: 'clerk1', displayName: '张敏', role: 'clerk', scopes: null, active: true, mustChangePassword: false, credentialVersion: 1, sessionsEndedAt: null })
    expect(JSON.stringify(dir)).not.toContain('scrypt')
    expect((await t.pull(clerk)).json().staffVersion).toBe('initial')

    const reviewerId = t.staffIds.get('reviewer1')!
    await call(t, admin, 'POST', `/admin/staff/${reviewerId}/reset-password`)
    const page = (await t.pull(clerk)).json()
    expect(page.staffVersion).not.toBe('initial')
    const after = (await call(t, clerk, 'GET', '/sync/staff')).json() as Directory
    expect(after.version).toBe(page.staffVersion)
    expect(after.staff.find((s) => s.id === reviewerId)).toMatchObject({ credentialVersion: 2, sessionsEndedAt: '2026-03-02T02:00:00.000Z' })
    await call(t, admin, 'POST', `/admin/staff/${reviewerId}/disable`)
    const third = (await t.pull(clerk)).json().staffVersion
    expect(third).not.toBe(page.staffVersion)
    expect(((await call(t, clerk, 'GET', '/sync/staff')).json() as Directory).staff.find((s) => s.id === reviewerId)?.active).toBe(false)
    // A directory read needs the schema header like every /sync route.
    expect((await t.app.inject({ method: 'GET', url: '/sync/staff', headers: { authorization: clerk.headers.authorization } })).statusCode).toBe(426)
  })

  it('GET/POST /sync/security: anyone reads, administrators save; a save moves officeVersion on', async () => {
    const clerk = await t.desk('clerk1')
    const admin = await t.desk('admin')
    expect((await call(t, clerk, 'GET', '/sync/security')).json()).toEqual({ version: 'initial', security: { sessionIdleMinutes: 30, offlineSignInDays: 7 } })
    const refused = await call(t, clerk, 'POST', '/sync/security', { sessionIdleMinutes: 60, offlineSignInDays: 3 })
    expect([refused.statusCode, errorOf(refused)]).toEqual([403, { code: 'FORBIDDEN', message: '只有系统管理员可以修改账号安全设置' }])
    const saved = await call(t, admin, 'POST', '/sync/security', { sessionIdleMinutes: 60, offlineSignInDays: 3 })
    expect(saved.json()).toEqual({ version: expect.stringMatching(/^[0-9a-f-]{36}$/), security: { sessionIdleMinutes: 60, offlineSignInDays: 3 } })
    expect((await t.pull(clerk)).json().officeVersion).toBe(saved.json().version)
    expect((await call(t, clerk, 'GET', '/sync/office')).json().version).toBe(saved.json().version)
    // Audited on the acting administrator, in the desk's wording (securityChangeDetail).
    const audit = async () => (await call(t, admin, 'GET', '/admin/staff-events')).json().events as { kind: string; actorName: string; staffId: number; detail: string }[]
    expect(await audit()).toEqual([
      expect.objectContaining({ kind: 'security_changed', actorName: '系统管理员', staffId: t.staffIds.get('admin'), detail: '空闲自动退出：30 → 60 分钟；离线登录有效期：7 → 3 天' })
    ])
    // The same values again change nothing: no new version, no event.
    expect((await call(t, admin, 'POST', '/sync/security', { sessionIdleMinutes: 60, offlineSignInDays: 3 })).json()).toEqual(saved.json())
    const third = await call(t, admin, 'POST', '/sync/security', { sessionIdleMinutes: 60, offlineSignInDays: 0 })
    expect(third.json().version).not.toBe(saved.json().version)
    expect((await audit()).map((e) => e.detail)).toEqual(['离线登录有效期：3 → 0 天', '空闲自动退出：30 → 60 分钟；离线登录有效期：7 → 3 天'])
    for (const payload of [
      { sessionIdleMinutes: 4, offlineSignInDays: 3 },
      { sessionIdleMinutes: 721, offlineSignInDays: 3 },
      { sessionIdleMinutes: 60, offlineSignInDays: 91 },
      { sessionIdleMinutes: 1e308, offlineSignInDays: 3 },
      { sessionIdleMinutes: 30.5, offlineSignInDays: 3 },
      { sessionIdleMinutes: '30', offlineSignInDays: 3 },
      { sessionIdleMinutes: 30 },
      []
    ]) {
      const r = await call(t, admin, 'POST', '/sync/security', payload)
      expect([payload, r.statusCode, errorOf(r).code]).toEqual([payload, 400, 'VALIDATION'])
    }
    const proto = await t.app.inject({ method: 'POST', url: '/sync/security', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"sessionIdleMinutes":30,"offlineSignInDays":7,"__proto__":{"x":1}}' })
    expect([proto.statusCode, errorOf(proto).code]).toEqual([400, 'VALIDATION'])
    expect((await call(t, clerk, 'GET', '/sync/security')).json().security).toEqual({ sessionIdleMinutes: 60, offlineSignInDays: 0 })
    expect(await audit()).toHaveLength(2)
  })
})
