import { describe, expect, it } from 'vitest'
import { buildApp } from './app'
import { schema } from './db'
import { cleanup } from './maintenance'
import { serverPerTest } from './testing/per-test'

const t = serverPerTest()

const HOUR = 3600_000
const sessions = async () => (await t.sdb.db.select({ staffId: schema.sessions.staffId }).from(schema.sessions)).map((s) => s.staffId).sort()
const signIn = (username: string, password = 'demo1234') => t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username, password } })
const until = async (done: () => Promise<boolean>, ms = 5000) => {
  for (const end = Date.now() + ms; !(await done()); ) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('maintenance', () => {
  it('deletes expired sessions, idempotency keys past 7 days and spent sign-in failures, and nothing else', async () => {
    await signIn('clerk1')
    t.clock.advance(6 * HOUR)
    await signIn('clerk2')
    await signIn('super1', 'wrong')
    const now = t.clock.now()
    await t.sdb.db.insert(schema.portalRequests).values([
      { key: 'old', endpoint: 'POST /portal/applications', bodyHash: 'h', status: 201, response: {}, createdAt: new Date(now.getTime() - 7 * 24 * HOUR) },
      { key: 'recent', endpoint: 'POST /portal/applications', bodyHash: 'h', status: 201, response: {}, createdAt: new Date(now.getTime() - 6 * 24 * HOUR) }
    ])
    expect(await cleanup(t.sdb.db, t.clock)).toEqual({ sessions: 0, idempotencyKeys: 1, signInFailures: 0 })

    t.clock.advance(6 * HOUR) // clerk1's 12 hours are over, clerk2's are not; super1's failure window is over
    expect(await cleanup(t.sdb.db, t.clock)).toEqual({ sessions: 1, idempotencyKeys: 0, signInFailures: 1 })
    expect(await sessions()).toEqual([t.staffIds.get('clerk2')])
    expect((await t.sdb.db.select().from(schema.portalRequests)).map((r) => r.key)).toEqual(['recent'])
    expect(await t.sdb.db.select().from(schema.signInFailures)).toEqual([])
  })

  it('keeps a locked name until its lock is over', async () => {
    for (let i = 0; i < 5; i++) await signIn('clerk1', 'wrong')
    t.clock.advance(15 * 60_000 - 1)
    expect((await cleanup(t.sdb.db, t.clock)).signInFailures).toBe(0)
    t.clock.advance(1)
    expect((await cleanup(t.sdb.db, t.clock)).signInFailures).toBe(1)
  })

  it('runs on a timer from onReady until the app is closed', async () => {
    const app = buildApp({ db: t.sdb, clock: t.clock, maintenanceMs: 20 })
    await signIn('clerk1')
    t.clock.advance(13 * HOUR)
    await app.ready()
    await until(async () => (await sessions()).length === 0)
    await app.close()
    // Closed: an expired session now stays.
    await signIn('clerk2')
    t.clock.advance(13 * HOUR)
    await new Promise((r) => setTimeout(r, 100))
    expect(await sessions()).toEqual([t.staffIds.get('clerk2')])
  })
})
