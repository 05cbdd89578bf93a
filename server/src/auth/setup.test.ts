import { eq } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import { describe, expect, it } from 'vitest'
import { schema } from '../db'
import { serverPerTest } from '../testing/per-test'
import { errorOf, GOOD_PASSWORD } from '../testing/staff'
import { formatSetupCode, newSetupCode } from './setup'

const t = serverPerTest({ demoStaff: false })

const firstAdmin = (payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/setup/first-admin', payload: payload as Record<string, unknown> })
const body = (code: string, extra: Record<string, unknown> = {}) => ({ code, username: 'wangjl', displayName: '王建林', password: GOOD_PASSWORD, ...extra })
const meta = async (key: string) => (await t.sdb.db.select().from(schema.serverMeta).where(eq(schema.serverMeta.key, key)))[0]?.value

describe('a service with no account', () => {
  it('answers 409 SETUP_REQUIRED on every staff route; /hello, the portal and /verify still work', async () => {
    const hello = await t.app.inject({ method: 'GET', url: '/hello' })
    expect(hello.json()).toEqual({ service: 'casedesk-exchange', schema: '1', version: expect.stringMatching(/^\d+\.\d+\.\d+/), setupRequired: true, serviceId: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    // The service's identity: made when the database was first opened, kept in server_meta, not the epoch.
    expect(hello.json().serviceId).toBe(await meta('serviceId'))
    expect(hello.json().serviceId).not.toBe(await meta('epoch'))
    const sync = { 'x-casedesk-schema': '1', authorization: `Bearer ${'x'.repeat(43)}` }
    const staffRoutes = [
      { method: 'POST', url: '/auth/sign-in', payload: { username: 'admin', password: 'demo1234' } },
      { method: 'GET', url: '/auth/me' },
      { method: 'POST', url: '/auth/password', payload: {} },
      { method: 'POST', url: '/auth/sign-out' },
      { method: 'GET', url: '/sync/pull', headers: sync },
      { method: 'GET', url: '/sync/staff', headers: sync },
      { method: 'GET', url: '/sync/security', headers: sync },
      { method: 'GET', url: `/blobs/${'0'.repeat(64)}` },
      { method: 'GET', url: '/admin/staff' },
      { method: 'POST', url: '/admin/staff', payload: {} },
      { method: 'GET', url: '/admin/staff-events' }
    ] as const
    for (const r of staffRoutes) {
      const answer = await t.app.inject(r as InjectOptions)
      expect([r.url, answer.statusCode, errorOf(answer).code]).toEqual([r.url, 409, 'SETUP_REQUIRED'])
      expect(errorOf(answer).message).toContain('初始化码')
    }
    expect((await t.submitApplication()).state).toBe('submitted')
    expect((await t.app.inject({ method: 'GET', url: '/verify' })).statusCode).toBe(200)
  })

  it('creates the first administrator with the setup code, once; the code dies and staff routes open', async () => {
    const code = await newSetupCode(t.sdb.db)
    expect(formatSetupCode(code)).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    const wrong = await firstAdmin(body('ABCD-EFGH-JKMN'))
    expect([wrong.statusCode, errorOf(wrong).code]).toEqual([403, 'SETUP_CODE'])
    const weak = await firstAdmin(body(code, { password: 'wangjl1234' }))
    expect([weak.statusCode, errorOf(weak)]).toEqual([400, { code: 'VALIDATION', message: '密码不能是用户名，也不能包含用户名' }])
    // Typed from the console: lower case, spaces instead of dashes.
    const typed = formatSetupCode(code).toLowerCase().replace(/-/g, ' ')
    const ok = await firstAdmin(body(typed))
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json().staff).toMatchObject({ username: 'wangjl', displayName: '王建林', role: 'admin', scopes: null, active: true, mustChangePassword: false, lockedUntil: null })
    expect(await meta('setupCode')).toBeUndefined()
    expect(await meta('staffVersion')).toMatch(/^[0-9a-f-]{36}$/)
    expect(await t.sdb.db.select({ kind: schema.staffEvents.kind, actorName: schema.staffEvents.actorName }).from(schema.staffEvents)).toEqual([
      { kind: 'first_admin', actorName: '王建林' }
    ])
    expect((await t.sdb.db.select({ detail: schema.staffEvents.detail }).from(schema.staffEvents))[0].detail).toBe('王建林（wangjl），系统管理员，业务范围：不适用（以初始化码创建）')
    const again = await firstAdmin(body(code, { username: 'other' }))
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'SETUP_DONE'])
    expect((await t.app.inject({ method: 'GET', url: '/hello' })).json().setupRequired).toBe(false)
    const desk = await t.desk('wangjl', GOOD_PASSWORD)
    const me = await t.app.inject({ method: 'GET', url: '/auth/me', headers: desk.headers })
    expect(me.json().staff).toMatchObject({ username: 'wangjl', role: 'admin', mustChangePassword: false, credentialVersion: 1 })
  })

  it('throttles wrong codes like sign-ins: the 5th locks, even the right code, for 15 minutes; a restart’s new code replaces the old', async () => {
    const old = await newSetupCode(t.sdb.db)
    const code = await newSetupCode(t.sdb.db)
    expect(errorOf(await firstAdmin(body(old))).code).toBe('SETUP_CODE')
    for (let i = 0; i < 3; i++) expect((await firstAdmin(body('0000-0000-0000'))).statusCode).toBe(403)
    const fifth = await firstAdmin(body('0000-0000-0000'))
    // Worded for the code, not an account (T0 is 10:00 office time; the lock lasts 15 minutes).
    expect([fifth.statusCode, errorOf(fifth)]).toEqual([429, { code: 'TOO_MANY_ATTEMPTS', message: '初始化码错误次数过多，请于 10:15 后再试' }])
    expect(errorOf(await firstAdmin(body(code))).message).toBe('初始化码错误次数过多，请于 10:15 后再试')
    // Sign-in answers SETUP_REQUIRED, not the throttle, and the lock is not a user name's.
    expect(errorOf(await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: '#setup', password: 'x' } })).code).toBe('SETUP_REQUIRED')
    t.clock.advance(15 * 60_000)
    expect((await firstAdmin(body(code))).statusCode).toBe(201)
    expect(await t.sdb.db.select().from(schema.signInFailures)).toEqual([])
  })

  it('answers 400 VALIDATION, never a 500, for bad input', async () => {
    const code = await newSetupCode(t.sdb.db)
    const bad: unknown[] = [
      null,
      [],
      'text',
      {},
      body(code, { username: 'wang\u0000jl' }),
      body(code, { displayName: '王\u0000建林' }),
      body(code, { displayName: '王\ud800建林' }),
      body(code, { password: `${GOOD_PASSWORD}\ud800` }),
      body(code, { password: `${GOOD_PASSWORD}\u0000` }),
      body(code, { displayName: '王'.repeat(41) }),
      body(code, { password: 'x'.repeat(201) }),
      body(code, { username: 'w'.repeat(33) }),
      body('x'.repeat(41)),
      body(`${code}\u0000`),
      body(code, { username: 12 }),
      body(code, { password: 1e308 })
    ]
    for (const payload of bad) {
      const r = await t.app.inject({ method: 'POST', url: '/setup/first-admin', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) })
      expect([JSON.stringify(payload).slice(0, 60), r.statusCode, errorOf(r).code]).toEqual([JSON.stringify(payload).slice(0, 60), 400, 'VALIDATION'])
    }
    for (const raw of [`{"__proto__":{"admin":true},"code":"${code}"}`, `{"constructor":{"prototype":{"x":1}}}`, '{"code":', '\u0000']) {
      const r = await t.app.inject({ method: 'POST', url: '/setup/first-admin', headers: { 'content-type': 'application/json' }, payload: raw })
      expect([raw, r.statusCode, errorOf(r).code]).toEqual([raw, 400, 'VALIDATION'])
    }
    expect(await meta('setupCode')).toBeDefined()
  })
})
