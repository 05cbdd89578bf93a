import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { schema } from '../db'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

const post = (headers: Record<string, string>, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/sync/calendar', headers, payload })

describe('the office calendar at the exchange service', () => {
  it('a supervisor’s edit moves running deadlines (change log, no version bump) and changes the calendar version desks pull', async () => {
    const { caseId } = await t.submitApplication()
    const [before] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, caseId))
    expect(before.deadlineOn).not.toBeNull()
    const clerk = await t.desk('clerk1')
    const v0 = (await t.pull(clerk)).json().calendarVersion as string
    const boss = await t.desk('super1')
    // The office closes on the first working day of the clock's window: the deadline moves one working day later.
    const r = await post(boss.headers, { op: 'set', date: '2026-03-03', kind: 'holiday', note: '  办公楼停电  ' })
    expect(r.statusCode).toBe(200)
    expect(r.json().change).toMatchObject({ recomputed: 1, unresolved: 0, actor: '赵建国' })
    expect(r.json().calendar.overrides).toEqual([{ date: '2026-03-03', kind: 'holiday', note: '办公楼停电' }])
    const [after] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, caseId))
    expect(after.version).toBe(before.version)
    expect(after.deadlineOn! > before.deadlineOn!).toBe(true)
    const page = (await t.pull(clerk)).json()
    expect(page.calendarVersion).not.toBe(v0)
    expect(page.changes.map((c: { caseId: string }) => c.caseId)).toEqual([caseId])
    expect(page.changes[0].snapshot.case.deadlineOn).toBe(after.deadlineOn)
    const cal = await t.app.inject({ method: 'GET', url: '/sync/calendar', headers: clerk.headers })
    expect(cal.json()).toEqual({ version: page.calendarVersion, overrides: [{ date: '2026-03-03', kind: 'holiday', note: '办公楼停电' }], years: [] })
  })

  it('refuses a clerk (403) and edits against the rules (Chinese, precise codes), changing nothing', async () => {
    const clerk = await t.desk('clerk1')
    const boss = await t.desk('super1')
    expect((await post(clerk.headers, { op: 'set', date: '2026-03-03', kind: 'holiday' })).json().error).toEqual({ code: 'FORBIDDEN', message: '只有科长或系统管理员可以修改办公日历' })
    const cases: [Record<string, unknown>, number, string, RegExp][] = [
      [{ op: 'set', date: '2026-02-30', kind: 'holiday' }, 400, 'VALIDATION', /日期无效/],
      [{ op: 'remove', date: '2026-03-04' }, 404, 'NOT_FOUND', /没有办公室调整/],
      [{ op: 'declare', year: 2026, note: '' }, 400, 'VALIDATION', /已内置/],
      [{ op: 'declare', year: 2031, note: '' }, 400, 'VALIDATION', /尚未录入/],
      [{ op: 'fly' }, 400, 'VALIDATION', /.+/]
    ]
    for (const [payload, status, code, message] of cases) {
      const r = await post(boss.headers, payload)
      expect([r.statusCode, r.json().error.code]).toEqual([status, code])
      expect(r.json().error.message).toMatch(message)
    }
    expect(await t.sdb.db.select().from(schema.calendarOverrides)).toEqual([])
  })

  it('keeps a declared year from losing its last entry', async () => {
    const boss = await t.desk('super1')
    expect((await post(boss.headers, { op: 'set', date: '2031-01-01', kind: 'holiday', note: '元旦' })).statusCode).toBe(200)
    expect((await post(boss.headers, { op: 'declare', year: 2031, note: '国办发明电〔2030〕X号' })).statusCode).toBe(200)
    const r = await post(boss.headers, { op: 'remove', date: '2031-01-01' })
    expect(r.json().error.message).toBe('2031 年已确认录入完毕，不能删除该年最后一条安排；请先录入其他日期再删除')
  })
})
