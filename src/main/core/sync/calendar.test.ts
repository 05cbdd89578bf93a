// The office calendar with an exchange service: edited there (online only), followed by every desk.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { CalendarMonth, CaseDetail } from '../../../shared/api/types'
import { schema } from '../../../../server/src/db'
import { exchangePerTest } from './per-test'
import type { TestDesk } from './testing'
import { getState } from './state'

const env = exchangePerTest()
const desk = async (username: string) => {
  const d = env.openDesk()
  await d.signIn(username)
  await d.sync.pullOnce()
  return d
}
const dayOf = async (d: TestDesk, date: string) =>
  (await d.call<CalendarMonth>('calendar.month', { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) })).days.find((x) => x.date === date)

describe('office calendar shared through the exchange service', () => {
  it('a supervisor’s edit is made at the service; another desk takes it on its next pull, deadlines with it', async () => {
    const { caseId } = await env.ex.submit(1)
    const boss = await desk('super1')
    const clerk = await desk('clerk1')
    const before = (await clerk.call<CaseDetail>('cases.get', { id: caseId })).deadline.date
    const change = await boss.call('calendar.setOverride', { date: '2026-03-03', kind: 'holiday', note: '办公楼停电' })
    expect(change).toMatchObject({ recomputed: 1, unresolved: 0, actor: '赵建国' })
    expect(await env.ex.sdb.db.select().from(schema.calendarOverrides)).toEqual([{ date: '2026-03-03', kind: 'holiday', note: '办公楼停电' }])
    expect(await dayOf(boss, '2026-03-03')).toMatchObject({ working: false, source: 'override', note: '办公楼停电' })

    expect(await dayOf(clerk, '2026-03-03')).toMatchObject({ working: true })
    expect(await clerk.sync.pullOnce()).toMatchObject({ changes: 1 })
    expect(await dayOf(clerk, '2026-03-03')).toMatchObject({ working: false, source: 'override' })
    const after = (await clerk.call<CaseDetail>('cases.get', { id: caseId })).deadline.date
    const [server] = await env.ex.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, caseId))
    expect(after).toBe(server.deadlineOn)
    expect(after! > before!).toBe(true)
    expect(getState(clerk.store, 'calendarVersion')).toBe(getState(boss.store, 'calendarVersion'))
    // Nothing new: the next pull does not fetch the calendar again.
    expect(await clerk.sync.pullOnce()).toMatchObject({ changes: 0 })
  })

  it('offline, an edit is refused in Chinese and nothing changes here; the service’s refusals come through with their codes', async () => {
    const boss = await desk('super1')
    boss.net.offline = true
    await expect(boss.call('calendar.setOverride', { date: '2026-03-03', kind: 'holiday', note: '' })).rejects.toMatchObject({
      code: 'OFFLINE',
      message: expect.stringContaining('须联网后修改')
    })
    expect(boss.store.sqlite.prepare('SELECT count(*) AS n FROM calendar_overrides').get()).toEqual({ n: 0 })
    boss.net.offline = false
    await expect(boss.call('calendar.removeOverride', { date: '2026-03-04' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('2026-03-04 没有办公室调整，无需删除') })
    await expect(boss.call('calendar.declareYear', { year: 2026, note: '' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('已内置') })
  })
})
