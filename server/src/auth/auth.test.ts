import { describe, expect, it } from 'vitest'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

describe('auth', () => {
  it('signs in a demo account and answers /auth/me with the token for 12 hours', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'clerk1', password: 'demo1234' } })
    expect(r.statusCode).toBe(200)
    const body = r.json()
    expect(body.staff).toEqual({ id: t.staffIds.get('clerk1'), username: 'clerk1', displayName: '张敏', role: 'clerk', scopes: null, mustChangePassword: false, credentialVersion: 1, sessionsEndedAt: null })
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(body.expiresAt).toBe('2026-03-02T14:00:00.000Z')
    const me = await t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${body.token}` } })
    expect(me.json().staff.displayName).toBe('张敏')
    t.clock.advance(12 * 3600_000 + 1)
    const later = await t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${body.token}` } })
    expect(later.statusCode).toBe(401)
    expect(later.json().error.code).toBe('UNAUTHENTICATED')
  })

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'clerk1', password: 'nope' } })
    const unknown = await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'ghost', password: 'demo1234' } })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json()).toEqual(unknown.json())
    expect(wrong.json().error.message).toBe('用户名或密码错误')
  })

  it('answers 401 without a token, 400 with Chinese messages for a malformed body', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/auth/me' })).statusCode).toBe(401)
    const bad = await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: '' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toEqual({ code: 'VALIDATION', message: 'username：请输入用户名' })
  })
})
