// A desk whose clock is off, against the REAL exchange service: it measures the offset from the service's
// `Date` header, shows it (sync.status → the renderer's banner) and drafts, signs and voids no letter until
// its clock is set right; its numbers are of the service's year; the letter's official dates are the service's.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { DeskSyncStatus } from '../../../shared/api/types'
import { testClock } from '../../../../server/src/clock'
import { schema } from '../../../../server/src/db'
import { skewText } from './clock-offset'
import { exchangePerTest } from './per-test'
import { openDesk, T0 } from './testing'

const t = exchangePerTest()
const DAY = 86_400_000

describe('a desk clock 400 days behind the exchange service', () => {
  it('is measured and shown, refused letters with CLOCK_SKEW, numbered in the service’s year; set right, its letter carries the service’s dates', async () => {
    const deskClock = testClock(new Date(Date.parse(T0) - 400 * DAY).toISOString())
    const d = openDesk(t.ex.url, deskClock)
    try {
      const { caseId } = await t.ex.submit(1)
      await d.signIn('clerk1')
      await d.sync.pullOnce()
      const status = await d.call<DeskSyncStatus>('sync.status')
      expect(status.clock).toMatchObject({ skewed: true, maxSkewMs: 300_000 })
      expect(Math.round(status.clock!.offsetMs / DAY)).toBe(400)
      expect(skewText(status.clock!.offsetMs)).toBe('本机时钟比交换服务慢 400 天')
      // Its stock is of the service's year (2026), not its own clock's (2025).
      const counters = d.store.sqlite.prepare("SELECT DISTINCT counter FROM number_blocks WHERE counter LIKE 'transfer_notice:%'").all() as { counter: string }[]
      expect(counters.map((c) => c.counter)).toEqual(['transfer_notice:2026'])

      await d.call('cases.claim', { id: caseId })
      await expect(d.call('cases.act', { id: caseId, action: 'approve', version: 2, input: {} })).rejects.toMatchObject({
        code: 'CLOCK_SKEW',
        message: expect.stringContaining('本机时钟比交换服务慢 400 天，请校准系统时间')
      })
      expect(d.store.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE name = 'case.act'").get()).toEqual({ n: 0 })

      // The clerk sets the clock right; the next answer from the service clears the banner.
      deskClock.set(T0)
      await d.signIn('clerk1') // the desk's own session idled out as its clock jumped 400 days
      await d.sync.pullOnce()
      expect((await d.call<DeskSyncStatus>('sync.status')).clock).toMatchObject({ skewed: false, offsetMs: 0 })
      const { documentId } = await d.call<{ documentId: number }>('cases.act', { id: caseId, action: 'approve', version: 2, input: {} })
      const { number } = d.store.sqlite.prepare('SELECT number FROM issued_documents WHERE id = ?').get(documentId) as { number: string }
      expect(number).toContain('〔2026〕')
      t.ex.clock.advance(60_000) // the push reaches the service a minute later: that is the letter's issue time
      expect(await d.sync.pushOnce()).toMatchObject({ rejected: 0 })
      const [row] = await t.ex.sdb.db.select().from(schema.issuedDocuments).where(eq(schema.issuedDocuments.number, number))
      expect(row.issuedAt.toISOString()).toBe(new Date(Date.parse(T0) + 60_000).toISOString())
    } finally {
      await d.dispose()
    }
  })

  it('an offset measured before the desk clock was set right is not trusted for numbers: the refusal measures again and the request is repeated', async () => {
    const d = openDesk(t.ex.url, testClock(T0))
    try {
      await d.signIn('clerk1')
      // As if measured while the clock was 400 days behind (the desk was reopened since with the right time).
      d.store.sqlite.prepare("UPDATE sync_state SET value = ? WHERE key = 'clockOffset'").run(JSON.stringify({ offsetMs: -400 * DAY, measuredAt: T0 }))
      d.store.sqlite.prepare('DELETE FROM number_blocks').run()
      expect(await d.sync.pushOnce()).not.toHaveProperty('error')
      const counters = d.store.sqlite.prepare("SELECT DISTINCT counter FROM number_blocks WHERE counter LIKE 'transfer_notice:%'").all() as { counter: string }[]
      expect(counters.map((c) => c.counter)).toEqual(['transfer_notice:2026'])
    } finally {
      await d.dispose()
    }
  })

  it('a desk within the tolerance shows no warning and issues letters as before', async () => {
    const d = openDesk(t.ex.url, testClock(new Date(Date.parse(T0) + 4 * 60_000).toISOString()))
    try {
      const { caseId } = await t.ex.submit(1)
      await d.signIn('clerk1')
      await d.sync.pullOnce()
      const status = await d.call<DeskSyncStatus>('sync.status')
      expect(status.clock).toMatchObject({ skewed: false, offsetMs: -240_000 })
      await d.call('cases.claim', { id: caseId })
      await expect(d.call('cases.act', { id: caseId, action: 'approve', version: 2, input: {} })).resolves.toBeTruthy()
    } finally {
      await d.dispose()
    }
  })
})
