import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../app'
import { schema } from '../db'
import { cleanup } from '../maintenance'
import { serverPerTest } from '../testing/per-test'
import { call, errorOf, GOOD_PASSWORD } from '../testing/staff'

const t = serverPerTest()
const MIN = 60_000

const sessionRows = async () => t.sdb.db.select().from(schema.sessions).orderBy(schema.sessions.createdAt)
const me = async (d: { headers: Record<string, string> }) => t.app.inject({ method: 'GET', url: '/auth/me', headers: d.headers })

describe('sessions', () => {
  it('records the desk, its IP and the time at sign-in; last seen is written at most once a minute', async () => {
    const desk = await t.desk('clerk1')
    const [row] = await sessionRows()
    expect(row).toMatchObject({ clientId: desk.clientId, deskName: 'clerk1 的电脑', ip: '127.0.0.1', createdAt: t.clock.now(), lastSeenAt: t.clock.now(), endedAt: null })
    expect(row.publicId).toMatch(/^[0-9a-f-]{36}$/)
    const [staff] = await t.sdb.db.select().from(schema.staff).where(eq(schema.staff.username, 'clerk1'))
    expect(staff.lastSignInAt).toEqual(t.clock.now())
    t.clock.advance(59_000)
    expect((await me(desk)).statusCode).toBe(200)
    expect((await sessionRows())[0].lastSeenAt).toEqual(row.lastSeenAt)
    t.clock.advance(1_000)
    await me(desk)
    expect((await sessionRows())[0].lastSeenAt).toEqual(t.clock.now())
  })

  it('behind a reverse proxy (--trust-proxy <addresses>) records the client’s address from X-Forwarded-For when the peer is a trusted proxy, else the peer’s', async () => {
    const proxied = buildApp({ db: t.sdb, clock: t.clock, maintenanceMs: 0, trustProxy: '10.0.0.0/8,127.0.0.1' })
    await proxied.ready()
    try {
      const signIn = (app: typeof proxied, remoteAddress: string, forwarded: string) =>
        app.inject({ method: 'POST', url: '/auth/sign-in', remoteAddress, headers: { 'x-forwarded-for': forwarded }, payload: { username: 'clerk1', password: 'demo1234' } })
      for (const [app, peer, forwarded] of [
        [proxied, '127.0.0.1', '203.0.113.9'], // the proxy on this machine
        [proxied, '10.1.2.3', '203.0.113.10'], // a proxy in the trusted range
        [proxied, '198.51.100.4', '203.0.113.11'], // anyone else: X-Forwarded-For is not believed
        [t.app, '127.0.0.1', '203.0.113.12'] // no --trust-proxy
      ] as const) {
        expect((await signIn(app, peer, forwarded)).statusCode).toBe(200)
      }
      expect((await sessionRows()).map((r) => r.ip).sort()).toEqual(['127.0.0.1', '198.51.100.4', '203.0.113.10', '203.0.113.9'])
    } finally {
      await proxied.close()
    }
  })

  it('ends a session idle for the office’s sessionIdleMinutes (SESSION_IDLE); the setting is followed within a minute', async () => {
    const desk = await t.desk('clerk1')
    t.clock.advance(29 * MIN)
    expect((await me(desk)).statusCode).toBe(200)
    t.clock.advance(29 * MIN)
    expect((await me(desk)).statusCode).toBe(200)
    t.clock.advance(30 * MIN)
    const idle = await me(desk)
    expect([idle.statusCode, errorOf(idle)]).toEqual([401, { code: 'SESSION_IDLE', message: '长时间未操作，登录已失效，请重新登录' }])
    expect((await sessionRows())[0]).toMatchObject({ endReason: 'idle' })
    // Still ended when asked again, and a new sign-in works.
    expect(errorOf(await me(desk)).code).toBe('SESSION_IDLE')
    const again = await t.desk('clerk1')
    await t.security({ sessionIdleMinutes: 60 })
    t.clock.advance(45 * MIN)
    expect((await me(again)).statusCode).toBe(200)
    // Another instance's edit (written straight to the database here) is read within a minute.
    await t.sdb.db.update(schema.serverMeta).set({ value: JSON.stringify({ sessionIdleMinutes: 5, offlineSignInDays: 7 }) }).where(eq(schema.serverMeta.key, 'security'))
    t.clock.advance(4 * MIN)
    expect((await me(again)).statusCode).toBe(200)
    t.clock.advance(6 * MIN)
    expect(errorOf(await me(again)).code).toBe('SESSION_IDLE')
  })

  it('answers UNAUTHENTICATED after 12 hours, and SESSION_ENDED after a sign-out', async () => {
    await t.security({ sessionIdleMinutes: 720 })
    const desk = await t.desk('clerk1')
    t.clock.advance(12 * 3600_000)
    expect(errorOf(await me(desk))).toEqual({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' })
    const other = await t.desk('clerk1')
    const out = await call(t, other, 'POST', '/auth/sign-out')
    expect([out.statusCode, out.json()]).toEqual([200, { ok: true }])
    expect(errorOf(await me(other))).toEqual({ code: 'SESSION_ENDED', message: '您已退出登录，请重新登录' })
    expect(errorOf(await call(t, other, 'POST', '/auth/sign-out')).code).toBe('SESSION_ENDED')
  })

  it('keeps an ended session until its expiry (so its desk is told why), then maintenance deletes it', async () => {
    const desk = await t.desk('clerk1')
    await call(t, desk, 'POST', '/auth/sign-out')
    t.clock.advance(12 * 3600_000 - 1)
    expect((await cleanup(t.sdb.db, t.clock)).sessions).toBe(0)
    expect(errorOf(await me(desk)).code).toBe('SESSION_ENDED')
    t.clock.advance(1)
    expect((await cleanup(t.sdb.db, t.clock)).sessions).toBe(1)
    expect(errorOf(await me(desk)).code).toBe('UNAUTHENTICATED')
  })

  it('changes the own password: old one checked, policy, other sessions end with PASSWORD_CHANGED, this one goes on', async () => {
    const desk = await t.desk('clerk1')
    const elsewhere = await t.desk('clerk1')
    const change = (oldPassword: string, newPassword: string) => call(t, desk, 'POST', '/auth/password', { oldPassword, newPassword })
    expect(errorOf(await change('wrong-password', GOOD_PASSWORD))).toEqual({ code: 'VALIDATION', message: '原密码不正确' })
    expect(errorOf(await change('demo1234', 'short'))).toEqual({ code: 'VALIDATION', message: '密码至少 10 个字符' })
    expect(errorOf(await change('demo1234', 'password123'))).toEqual({ code: 'VALIDATION', message: '该密码过于常见，请换一个' })
    expect(errorOf(await change('demo1234', 'xclerk1xxxxx'))).toEqual({ code: 'VALIDATION', message: '密码不能是用户名，也不能包含用户名' })
    const ok = await change('demo1234', GOOD_PASSWORD)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().staff).toMatchObject({ username: 'clerk1', mustChangePassword: false, credentialVersion: 2 })
    expect((await me(desk)).statusCode).toBe(200)
    expect(errorOf(await me(elsewhere))).toEqual({ code: 'PASSWORD_CHANGED', message: '账号密码已修改，请用新密码重新登录' })
    expect((await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'clerk1', password: 'demo1234' } })).statusCode).toBe(401)
    await t.desk('clerk1', GOOD_PASSWORD)
    const [event] = await t.sdb.db.select().from(schema.staffEvents)
    expect(event).toMatchObject({ kind: 'password_changed', actorName: '张敏', detail: '本人修改密码；结束其他 1 个会话' })
  })

  it('counts wrong old passwords as failed sign-ins of the name (a stolen session cannot guess it)', async () => {
    const desk = await t.desk('clerk1')
    for (let i = 0; i < 4; i++) expect((await call(t, desk, 'POST', '/auth/password', { oldPassword: `guess-${i}`, newPassword: GOOD_PASSWORD })).statusCode).toBe(400)
    const locked = await call(t, desk, 'POST', '/auth/password', { oldPassword: 'guess-5', newPassword: GOOD_PASSWORD })
    expect([locked.statusCode, errorOf(locked).code]).toEqual([429, 'TOO_MANY_ATTEMPTS'])
    expect((await call(t, desk, 'POST', '/auth/password', { oldPassword: 'demo1234', newPassword: GOOD_PASSWORD })).statusCode).toBe(429)
  })

  it('answers 400 VALIDATION for bad sign-in and password bodies, never a 500', async () => {
    const desk = await t.desk('clerk1')
    const signIns: unknown[] = [
      { username: 'clerk1\u0000', password: 'demo1234' },
      { username: 'clerk\ud800', password: 'demo1234' },
      { username: 'c'.repeat(65), password: 'demo1234' },
      { username: 'clerk1', password: 'p'.repeat(201) },
      { username: 'clerk1', password: 'demo1234', clientId: 'x'.repeat(65) },
      { username: 'clerk1', password: 'demo1234', clientId: 'a b' },
      { username: 'clerk1', password: 'demo1234', deskName: 'd'.repeat(65) },
      { username: 'clerk1', password: 'demo1234', deskName: '前台\u0000电脑' },
      { username: 'clerk1', password: 'demo1234', deskName: '前台\ud800' },
      { username: 1e308, password: 'demo1234' },
      []
    ]
    for (const payload of signIns) {
      const r = await t.app.inject({ method: 'POST', url: '/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) })
      expect([payload, r.statusCode, errorOf(r).code]).toEqual([payload, 400, 'VALIDATION'])
    }
    const proto = await t.app.inject({ method: 'POST', url: '/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: '{"username":"clerk1","password":"demo1234","__proto__":{"role":"admin"}}' })
    expect([proto.statusCode, errorOf(proto).code]).toEqual([400, 'VALIDATION'])
    for (const payload of [{ oldPassword: 'demo1234', newPassword: `${GOOD_PASSWORD}\u0000` }, { oldPassword: 'demo1234', newPassword: `${GOOD_PASSWORD}\udc00` }, { oldPassword: 'demo1234' }, { oldPassword: 'demo1234', newPassword: 'x'.repeat(10_000) }]) {
      const r = await call(t, desk, 'POST', '/auth/password', payload)
      expect([payload, r.statusCode, errorOf(r).code]).toEqual([payload, 400, 'VALIDATION'])
    }
    for (const authorization of ['Bearer \u0000', `Bearer ${'a'.repeat(5000)}`, 'Basic abc']) {
      expect(errorOf(await t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization } })).code).toBe('UNAUTHENTICATED')
    }
  })
})
