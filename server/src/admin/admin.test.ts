import { describe, expect, it } from 'vitest'
import { schema } from '../db'
import type { Desk } from '../testing/harness'
import { serverPerTest } from '../testing/per-test'
import { call, errorOf, GOOD_PASSWORD, newAccount } from '../testing/staff'
import { setActive, updateStaff } from './staff'

const t = serverPerTest()

const me = (d: Desk) => call(t, d, 'GET', '/auth/me')
const events = async (admin: Desk, staffId?: number) =>
  ((await call(t, admin, 'GET', `/admin/staff-events${staffId ? `?staffId=${staffId}` : ''}`)).json() as { events: { kind: string; detail: string; actorName: string; staffName: string }[] }).events

describe('staff administration', () => {
  it('lists, creates with a temporary password that must be changed first, and refuses non-administrators', async () => {
    const admin = await t.desk('admin')
    const list = await call(t, admin, 'GET', '/admin/staff')
    expect(list.json().staff.map((s: { username: string }) => s.username)).toEqual(['clerk1', 'clerk2', 'reviewer1', 'super1', 'admin'])
    expect(list.json().staff[0]).toEqual({
      id: t.staffIds.get('clerk1'), username: 'clerk1', displayName: '张敏', role: 'clerk', scopes: null, active: true,
      mustChangePassword: false, lastSignInAt: null, lockedUntil: null, createdAt: expect.any(String)
    })
    for (const who of ['clerk1', 'super1']) {
      const d = await t.desk(who)
      const r = await call(t, d, 'GET', '/admin/staff')
      expect([r.statusCode, errorOf(r)]).toEqual([403, { code: 'FORBIDDEN', message: '只有系统管理员可以管理账号' }])
      expect((await call(t, d, 'POST', '/admin/staff', { username: 'x1', displayName: 'x', role: 'admin' })).statusCode).toBe(403)
    }
    const created = await call(t, admin, 'POST', '/admin/staff', { username: 'clerk3', displayName: '孙丽', role: 'clerk', scopes: ['archive_transfer_out', 'archive_deposit'] })
    expect(created.statusCode, created.body).toBe(201)
    const { staff, temporaryPassword } = created.json()
    expect(temporaryPassword).toMatch(/^[A-HJ-NP-Za-km-z2-9]{12}$/)
    expect(staff).toMatchObject({ username: 'clerk3', role: 'clerk', scopes: ['archive_deposit', 'archive_transfer_out'], mustChangePassword: true })
    expect(errorOf(await call(t, admin, 'POST', '/admin/staff', { username: 'CLERK3', displayName: '重名', role: 'clerk' }))).toEqual({ code: 'VALIDATION', message: '用户名已存在' })
    expect(errorOf(await call(t, admin, 'POST', '/admin/staff', { username: 'r9', displayName: '审', role: 'reviewer', scopes: ['archive_deposit'] })).message).toBe('认证审核员不办理“存档申请”')
    expect(errorOf(await call(t, admin, 'POST', '/admin/staff', { username: 'a9', displayName: '管', role: 'admin', scopes: [] })).message).toBe('系统管理员不办理业务，不设业务范围')
    // Every scope of the role is stored as null (a later new type is included too).
    const all = await call(t, admin, 'POST', '/admin/staff', { username: 'r8', displayName: '审', role: 'reviewer', scopes: ['degree_certification', 'certification_rereview', 'certification_refund', 'employment_registration'] })
    expect(all.json().staff.scopes).toBeNull()

    const clerk3 = await t.desk('clerk3', temporaryPassword)
    expect((await me(clerk3)).json().staff).toMatchObject({ mustChangePassword: true, scopes: ['archive_deposit', 'archive_transfer_out'] })
    for (const [method, url] of [['GET', '/sync/pull'], ['GET', '/sync/staff'], ['GET', `/blobs/${'0'.repeat(64)}`], ['POST', '/sync/push']] as const) {
      const r = await call(t, clerk3, method, url, method === 'POST' ? {} : undefined)
      expect([url, r.statusCode, errorOf(r).code]).toEqual([url, 403, 'PASSWORD_CHANGE_REQUIRED'])
    }
    expect((await call(t, clerk3, 'POST', '/auth/password', { oldPassword: temporaryPassword, newPassword: GOOD_PASSWORD })).statusCode).toBe(200)
    expect((await call(t, clerk3, 'GET', '/sync/pull')).statusCode).toBe(200)
    expect((await events(admin, staff.id)).map((e) => [e.kind, e.actorName, e.detail])).toEqual([
      ['password_changed', '孙丽', '本人修改密码'],
      ['created', '系统管理员', '孙丽（clerk3），档案管理员，业务范围：存档申请、档案转出']
    ])
  })

  it('edits role and scopes (the sessions end), disables at once and enables, resets with a temporary password', async () => {
    const admin = await t.desk('admin')
    const { desk: clerk, id } = await newAccount(t, admin, { username: 'clerk3', role: 'clerk', scopes: ['archive_deposit'] })
    // A name-only edit keeps the sessions.
    const renamed = await call(t, admin, 'PATCH', `/admin/staff/${id}`, { displayName: '孙丽', role: 'clerk', scopes: ['archive_deposit'] })
    expect(renamed.json().staff.displayName).toBe('孙丽')
    expect((await me(clerk)).statusCode).toBe(200)
    const same = await call(t, admin, 'PATCH', `/admin/staff/${id}`, { displayName: '孙丽', role: 'clerk', scopes: ['archive_deposit'] })
    expect(same.statusCode).toBe(200)
    const widened = await call(t, admin, 'PATCH', `/admin/staff/${id}`, { displayName: '孙丽', role: 'supervisor', scopes: ['archive_deposit', 'archive_transfer_out'] })
    expect(widened.json().staff).toMatchObject({ role: 'supervisor', scopes: ['archive_deposit', 'archive_transfer_out'] })
    expect(errorOf(await me(clerk))).toEqual({ code: 'SESSION_ENDED', message: '您的角色或业务范围已调整，请重新登录' })

    const again = await t.desk('clerk3', GOOD_PASSWORD)
    const disabled = await call(t, admin, 'POST', `/admin/staff/${id}/disable`)
    expect(disabled.json().staff.active).toBe(false)
    expect(errorOf(await call(t, again, 'GET', '/sync/pull'))).toEqual({ code: 'ACCOUNT_DISABLED', message: '该账号已停用，请联系系统管理员' })
    const refused = await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'clerk3', password: GOOD_PASSWORD } })
    expect([refused.statusCode, errorOf(refused).code]).toEqual([403, 'ACCOUNT_DISABLED'])
    expect((await call(t, admin, 'POST', `/admin/staff/${id}/enable`)).json().staff.active).toBe(true)
    const back = await t.desk('clerk3', GOOD_PASSWORD)

    const reset = await call(t, admin, 'POST', `/admin/staff/${id}/reset-password`)
    const { temporaryPassword, staff } = reset.json()
    expect(staff.mustChangePassword).toBe(true)
    expect(errorOf(await me(back))).toEqual({ code: 'PASSWORD_CHANGED', message: '系统管理员已重置您的密码，请用新密码重新登录' })
    expect((await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'clerk3', password: GOOD_PASSWORD } })).statusCode).toBe(401)
    const temp = await t.desk('clerk3', temporaryPassword)
    // The account's answers carry when its sessions were last ended (here: the reset), as the directory does.
    expect((await me(temp)).json().staff).toMatchObject({ mustChangePassword: true, credentialVersion: 3, sessionsEndedAt: t.clock.now().toISOString() })
    const resetAt = t.clock.now().toISOString()
    t.clock.advance(60_000)
    const changed = await call(t, temp, 'POST', '/auth/password', { oldPassword: temporaryPassword, newPassword: 'Another-pass-2026' })
    expect(changed.json().staff).toEqual({ id, username: 'clerk3', displayName: '孙丽', role: 'supervisor', scopes: ['archive_deposit', 'archive_transfer_out'], mustChangePassword: false, credentialVersion: 4, sessionsEndedAt: resetAt })

    expect((await events(admin, id)).map((e) => [e.kind, e.detail]).reverse()).toEqual([
      ['created', '测试clerk3（clerk3），档案管理员，业务范围：存档申请'],
      ['password_changed', '本人修改密码'],
      ['updated', '姓名：测试clerk3 → 孙丽'],
      ['updated', '角色：档案管理员 → 科长/主管；业务范围：存档申请 → 存档申请、档案转出；结束 1 个会话'],
      ['disabled', '账号已停用；结束 1 个会话'],
      ['enabled', '账号已启用'],
      ['password_reset', '临时密码，下次登录时须修改；结束 1 个会话'],
      ['password_changed', '本人修改密码']
    ])
  })

  it('keeps the rules: not yourself, one active administrator remains (even when two disable each other at once)', async () => {
    const admin = await t.desk('admin')
    const adminId = t.staffIds.get('admin')!
    expect(errorOf(await call(t, admin, 'POST', `/admin/staff/${adminId}/disable`))).toEqual({ code: 'VALIDATION', message: '不能停用自己的账号' })
    expect(errorOf(await call(t, admin, 'PATCH', `/admin/staff/${adminId}`, { displayName: '管理员', role: 'supervisor', scopes: null })).message).toBe('不能取消自己的系统管理员角色')
    expect(errorOf(await call(t, admin, 'POST', `/admin/staff/${adminId}/reset-password`)).message).toBe('不能重置自己的密码，请用“修改密码”')
    const { desk: second, id: secondId } = await newAccount(t, admin, { username: 'admin2', role: 'admin' })
    const [a, b] = await Promise.all([call(t, admin, 'POST', `/admin/staff/${secondId}/disable`), call(t, second, 'POST', `/admin/staff/${adminId}/disable`)])
    // One wins; the other is refused by the rule (both were checked at once) or was already disabled when it arrived.
    const [winner, loser] = a.statusCode === 200 ? [a, b] : [b, a]
    expect(winner.statusCode).toBe(200)
    expect([
      [400, 'VALIDATION', '至少要保留一个启用的系统管理员账号'],
      [401, 'ACCOUNT_DISABLED', '该账号已停用，请联系系统管理员']
    ]).toContainEqual([loser.statusCode, errorOf(loser).code, errorOf(loser).message])
    const active = (await t.sdb.db.select().from(schema.staff)).filter((s) => s.role === 'admin' && s.active)
    expect(active).toHaveLength(1)
    // The rule itself, as a request checked before the other's disable committed would meet it.
    const survivor = active[0]
    const other = survivor.id === adminId ? secondId : adminId
    await expect(t.sdb.tx((tx) => setActive(tx, { id: other, name: '另一位管理员' }, survivor.id, false, t.clock.now()))).rejects.toThrow('至少要保留一个启用的系统管理员账号')
    await expect(t.sdb.tx((tx) => updateStaff(tx, { id: other, name: '另一位管理员' }, survivor.id, { displayName: '管理员', role: 'supervisor', scopes: null }, t.clock.now()))).rejects.toThrow('至少要保留一个启用的系统管理员账号')
  })

  it('unlocks a locked name, lists and ends sessions', async () => {
    const admin = await t.desk('admin')
    const clerkId = t.staffIds.get('clerk1')!
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'clerk1', password: 'wrong' } })
    const locked = (await call(t, admin, 'GET', '/admin/staff')).json().staff.find((s: { id: number }) => s.id === clerkId)
    expect(locked.lockedUntil).toBe('2026-03-02T02:15:00.000Z')
    const unlocked = await call(t, admin, 'POST', `/admin/staff/${clerkId}/unlock`)
    expect(unlocked.json().staff.lockedUntil).toBeNull()
    const one = await t.desk('clerk1')
    t.clock.advance(2 * 60_000)
    const two = await t.desk('clerk1')
    const sessions = (await call(t, admin, 'GET', `/admin/staff/${clerkId}/sessions`)).json().sessions
    expect(sessions).toEqual([
      { id: expect.any(String), deskName: 'clerk1 的电脑', ip: '127.0.0.1', startedAt: '2026-03-02T02:00:00.000Z', lastSeenAt: '2026-03-02T02:00:00.000Z', current: false },
      { id: expect.any(String), deskName: 'clerk1 的电脑', ip: '127.0.0.1', startedAt: '2026-03-02T02:02:00.000Z', lastSeenAt: '2026-03-02T02:02:00.000Z', current: false }
    ])
    const own = (await call(t, admin, 'GET', `/admin/staff/${t.staffIds.get('admin')}/sessions`)).json().sessions
    expect(own.map((s: { current: boolean }) => s.current)).toEqual([true])
    const left = await call(t, admin, 'DELETE', `/admin/sessions/${sessions[0].id}`)
    expect(left.json().sessions.map((s: { id: string }) => s.id)).toEqual([sessions[1].id])
    expect(errorOf(await me(one))).toEqual({ code: 'SESSION_ENDED', message: '系统管理员已结束此次登录，请重新登录' })
    expect((await me(two)).statusCode).toBe(200)
    expect((await call(t, admin, 'DELETE', `/admin/sessions/${sessions[0].id}`)).statusCode).toBe(404)
    expect((await events(admin, clerkId)).map((e) => [e.kind, e.detail])).toEqual([
      ['session_ended', '结束会话：clerk1 的电脑，127.0.0.1'],
      ['unlocked', '解除登录失败锁定']
    ])
  })

  it('answers 400 VALIDATION for bad ids, queries and bodies, 404 for an unknown account, never a 500', async () => {
    const admin = await t.desk('admin')
    for (const id of ['0', '-1', 'abc', '1.5', '1e3', '99999999999999999999', '2147483648', '%00', '%F0%9F%98%80', '__proto__', 'constructor']) {
      for (const [method, path] of [['POST', 'disable'], ['POST', 'enable'], ['POST', 'unlock'], ['POST', 'reset-password'], ['GET', 'sessions']] as const) {
        const r = await call(t, admin, method, `/admin/staff/${id}/${path}`)
        expect([id, path, r.statusCode, errorOf(r).code]).toEqual([id, path, 400, 'VALIDATION'])
      }
      expect((await call(t, admin, 'PATCH', `/admin/staff/${id}`, { displayName: 'x', role: 'clerk', scopes: null })).statusCode).toBe(400)
    }
    expect((await call(t, admin, 'POST', '/admin/staff/2147483647/disable')).statusCode).toBe(404)
    expect((await call(t, admin, 'GET', '/admin/staff/999/sessions')).statusCode).toBe(404)
    for (const publicId of ['x', '%00', '%E0%A4%A', 'ZZZZZZZZ-0000-0000-0000-000000000000', '0'.repeat(500)]) {
      const r = await call(t, admin, 'DELETE', `/admin/sessions/${publicId}`)
      expect([publicId, r.statusCode, errorOf(r).code]).toEqual([publicId, 400, 'VALIDATION'])
    }
    expect(errorOf(await call(t, admin, 'POST', `/admin/staff/${'9'.repeat(500)}/disable`)).code).toBe('VALIDATION')
    for (const q of ['limit=0', 'limit=501', 'limit=1e3', 'limit=-1', 'staffId=abc', 'staffId=99999999999', 'staffId=1&staffId=2', '__proto__=1&limit=x', 'limit=%00']) {
      const r = await call(t, admin, 'GET', `/admin/staff-events?${q}`)
      expect([q, r.statusCode, errorOf(r).code]).toEqual([q, 400, 'VALIDATION'])
    }
    expect((await call(t, admin, 'GET', '/admin/staff-events?staffId=&limit=5')).statusCode).toBe(200)
    const id = t.staffIds.get('clerk1')!
    const bodies: unknown[] = [
      { username: 'x\u0000y', displayName: 'x', role: 'clerk' },
      { username: 'xy', displayName: '王\u0000', role: 'clerk' },
      { username: 'xy', displayName: '王\udfff', role: 'clerk' },
      { username: 'xy', displayName: '王'.repeat(41), role: 'clerk' },
      { username: 'xy', displayName: '王', role: 'root' },
      { username: 'xy', displayName: '王', role: 'clerk', scopes: Array.from({ length: 21 }, () => 'archive_deposit') },
      { username: 'xy', displayName: '王', role: 'clerk', scopes: ['a'.repeat(41)] },
      { username: 'xy', displayName: '王', role: 'clerk', scopes: 'archive_deposit' },
      { username: 'xy', displayName: '王', role: 'clerk', scopes: [1e308] },
      { username: 'x'.repeat(10_000), displayName: '王', role: 'clerk' }
    ]
    for (const payload of bodies) {
      const r = await call(t, admin, 'POST', '/admin/staff', payload)
      expect([r.statusCode, errorOf(r).code]).toEqual([400, 'VALIDATION'])
      if ((payload as { username: string }).username !== 'xy') continue // PATCH takes no user name
      const p = await call(t, admin, 'PATCH', `/admin/staff/${id}`, { scopes: null, ...(payload as object) })
      expect([p.statusCode, errorOf(p).code]).toEqual([400, 'VALIDATION'])
    }
    const proto = await t.app.inject({ method: 'POST', url: '/admin/staff', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"username":"xy","displayName":"王","role":"clerk","__proto__":{"role":"admin"}}' })
    expect([proto.statusCode, errorOf(proto).code]).toEqual([400, 'VALIDATION'])
    expect((await t.sdb.db.select().from(schema.staff)).length).toBe(5)
  })
})
