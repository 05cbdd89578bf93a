import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../app'
import { schema } from '../db'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

const MIN = 60_000
const signIn = (username: string, password: string, app = t.app) => app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username, password } })
const failuresOf = async (username: string) => (await t.sdb.db.select().from(schema.signInFailures).where(eq(schema.signInFailures.username, username)))[0]

describe('sign-in throttle', () => {
  it('locks a name for 15 minutes after its 5th failure within 15 minutes, even for the right password', async () => {
    // T0 is 10:00 in Beijing; failures at 10:00 … 10:04.
    for (let i = 0; i < 4; i++) {
      const r = await signIn('clerk1', 'wrong')
      expect(r.statusCode).toBe(401)
      expect(r.json().error.code).toBe('UNAUTHENTICATED')
      t.clock.advance(MIN)
    }
    const fifth = await signIn('clerk1', 'wrong')
    expect(fifth.statusCode).toBe(429)
    expect(fifth.json().error).toEqual({ code: 'TOO_MANY_ATTEMPTS', message: '登录失败次数过多，该账号已暂时锁定，请于 10:19 后再试' })
    expect(fifth.headers['retry-after']).toBe('900')

    t.clock.advance(10 * MIN + 30_000) // 10:14:30
    const right = await signIn('clerk1', 'demo1234')
    expect(right.statusCode).toBe(429)
    expect(right.json().error.message).toBe('登录失败次数过多，该账号已暂时锁定，请于 10:19 后再试')
    expect(right.headers['retry-after']).toBe('270')
    // Another name is not affected.
    expect((await signIn('clerk2', 'demo1234')).statusCode).toBe(200)

    t.clock.advance(4 * MIN + 29_999) // 10:18:59.999
    expect((await signIn('clerk1', 'demo1234')).statusCode).toBe(429)
    t.clock.advance(1)
    const after = await signIn('clerk1', 'demo1234')
    expect(after.statusCode).toBe(200)
    expect(await failuresOf('clerk1')).toBeUndefined()
  })

  it('shows the retry time rounded up to the minute, and treats an unknown name the same way', async () => {
    t.clock.advance(20_000) // 10:00:20
    for (let i = 0; i < 4; i++) expect((await signIn('ghost', 'x')).statusCode).toBe(401)
    const locked = await signIn('ghost', 'x')
    expect(locked.json().error.message).toBe('登录失败次数过多，该账号已暂时锁定，请于 10:16 后再试')
  })

  it('resets the count on a success, and starts a new window 15 minutes after the first failure', async () => {
    for (let i = 0; i < 4; i++) await signIn('clerk1', 'wrong')
    expect((await signIn('clerk1', 'demo1234')).statusCode).toBe(200)
    for (let i = 0; i < 4; i++) expect((await signIn('clerk1', 'wrong')).statusCode).toBe(401)
    expect(await failuresOf('clerk1')).toMatchObject({ failures: 4, lockedUntil: null })

    t.clock.advance(15 * MIN)
    expect((await signIn('clerk1', 'wrong')).statusCode).toBe(401)
    expect(await failuresOf('clerk1')).toMatchObject({ failures: 1, windowStartedAt: t.clock.now() })
    for (let i = 0; i < 3; i++) expect((await signIn('clerk1', 'wrong')).statusCode).toBe(401)
    expect((await signIn('clerk1', 'wrong')).statusCode).toBe(429)
  })

  it('counts concurrent failures exactly and shares the lock between server instances', async () => {
    const other = buildApp({ db: t.sdb, clock: t.clock, maintenanceMs: 0 })
    await other.ready()
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn('reviewer1', 'wrong', i % 2 ? other : t.app)))
      const statuses = answers.map((a) => a.statusCode).sort()
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429])
      expect((await signIn('reviewer1', 'demo1234', other)).statusCode).toBe(429)
      expect((await signIn('reviewer1', 'demo1234', t.app)).statusCode).toBe(429)
      t.clock.advance(15 * MIN)
      expect((await signIn('reviewer1', 'demo1234', other)).statusCode).toBe(200)
    } finally {
      await other.close()
    }
  })
})
