import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { serverPerTest } from '../testing/per-test'
import { pageQuery } from './pull'

const t = serverPerTest()

interface Pulled {
  cursor: string
  changes: { seq: number; caseId: string; snapshot: { case: Record<string, unknown>; events: { action: string }[]; [k: string]: unknown } }[]
  more: boolean
}

describe('pull', () => {
  it('returns the latest snapshot of each changed case in log order, then only what changed since the cursor', async () => {
    const a = await t.submitApplication(1)
    const b = await t.submitApplication(2)
    const clerk = await t.desk('clerk1')
    await t.push(clerk, [{ name: 'case.claim', args: { caseId: a.caseId } }])
    const first = (await t.pull(clerk)).json() as Pulled
    expect(first.changes.map((c) => [c.seq, c.caseId])).toEqual([
      [2, b.caseId],
      [3, a.caseId]
    ])
    expect(first.more).toBe(false)
    const snap = first.changes[1].snapshot
    expect(snap.case).toMatchObject({
      id: a.caseId,
      caseNumber: 'CD20260302000001',
      type: 'archive_deposit',
      subtype: 'outbound',
      state: 'submitted',
      version: 2,
      round: 1,
      submittedAt: '2026-03-02T02:00:00.000Z',
      clockStartedOn: '2026-03-02',
      deadlineOn: '2026-03-09',
      assignee: { id: clerk.staffId, name: '张敏' },
      leaseToken: 1,
      leaseExpiresAt: '2026-03-02T10:00:00.000Z',
      form: { custodian: '北京市海淀区人才服务中心' }
    })
    expect(snap.events.map((e) => e.action)).toEqual(['submit', 'claim'])
    expect(snap.applicant).toMatchObject({ name: '申请人1', idType: '居民身份证' })
    expect(snap.archive).toBeNull()
    expect(snap.attachments).toHaveLength(4)
    expect(snap.documents).toEqual([])

    const [epoch] = first.cursor.split(':')
    expect(first.cursor).toBe(`${epoch}:3`)
    const nothing = (await t.pull(clerk, first.cursor)).json() as Pulled
    expect(nothing).toEqual({ cursor: first.cursor, calendarVersion: 'initial', officeVersion: 'initial', programmesVersion: 'initial', staffVersion: 'initial', changes: [], more: false })
    await t.push(clerk, [{ name: 'case.release', args: { caseId: a.caseId } }])
    const next = (await t.pull(clerk, first.cursor)).json() as Pulled
    expect(next.changes.map((c) => [c.seq, c.caseId, c.snapshot.case.assignee])).toEqual([[4, a.caseId, null]])
  })

  it('pages with limit and `more`', async () => {
    const ids = []
    for (let n = 1; n <= 3; n++) ids.push((await t.submitApplication(n)).caseId)
    const clerk = await t.desk('clerk1')
    const p1 = (await t.pull(clerk, '', 2)).json() as Pulled
    expect(p1.changes.map((c) => c.caseId)).toEqual(ids.slice(0, 2))
    expect(p1.more).toBe(true)
    const p2 = (await t.pull(clerk, p1.cursor, 2)).json() as Pulled
    expect(p2.changes.map((c) => c.caseId)).toEqual(ids.slice(2))
    expect(p2.more).toBe(false)
  })

  it('scopes by role: clerks and supervisors see archive cases, reviewers and administrators none', async () => {
    await t.submitApplication()
    const count = async (user: string) => ((await t.pull(await t.desk(user))).json() as Pulled).changes.length
    expect(await count('clerk2')).toBe(1)
    expect(await count('super1')).toBe(1)
    expect(await count('reviewer1')).toBe(0)
    expect(await count('admin')).toBe(0)
  })

  it('answers 409 RESYNC for another epoch or a cursor beyond the log, 400 for a malformed one', async () => {
    await t.submitApplication()
    const clerk = await t.desk('clerk1')
    const { cursor } = (await t.pull(clerk)).json() as Pulled
    const [epoch] = cursor.split(':')
    const other = await t.pull(clerk, '00000000-0000-4000-8000-000000000000:1')
    expect(other.statusCode).toBe(409)
    expect(other.json().error.code).toBe('RESYNC')
    expect((await t.pull(clerk, `${epoch}:99`)).statusCode).toBe(409)
    expect((await t.pull(clerk, 'garbage')).json().error.code).toBe('VALIDATION')
    const unauthenticated = await t.app.inject({ method: 'GET', url: '/sync/pull', headers: { 'x-casedesk-schema': '1' } })
    expect(unauthenticated.statusCode).toBe(401)
  })
})

describe('poke', () => {
  it('streams a poke with the change seq after a commit', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    const clerk = await t.desk('clerk1')
    const res = await fetch(`${address}/sync/events`, { headers: clerk.headers })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = decoder.decode((await reader.read()).value)
    expect(text).toContain(': connected')
    await t.submitApplication()
    while (!text.includes('event: poke')) text += decoder.decode((await reader.read()).value)
    expect(text).toContain('event: poke\ndata: {"seq":1}\n\n')
    await reader.cancel()
  })
})

describe('pull pages', () => {
  it('a cursor inside a page (a desk that wrote part of it) brings the rest; the page is read along the log, never grouped (query plan)', async () => {
    const ids = [(await t.submitApplication(1)).caseId, (await t.submitApplication(2)).caseId, (await t.submitApplication(3)).caseId]
    const clerk = await t.desk('clerk1')
    const all = (await t.pull(clerk)).json() as Pulled
    expect(all.changes.map((c) => c.caseId)).toEqual(ids)
    const epoch = all.cursor.split(':')[0]
    const rest = (await t.pull(clerk, `${epoch}:${all.changes[0].seq}`)).json() as Pulled
    expect(rest.changes.map((c) => c.caseId)).toEqual(ids.slice(1))
    expect(rest.cursor).toBe(all.cursor)

    const q = pageQuery(t.sdb.db, 0, all.changes[2].seq, ['archive_deposit'], 501).toSQL()
    const text = q.sql.replace(/\$(\d+)/g, (_, i: string) => {
      const v = q.params[Number(i) - 1]
      return typeof v === 'number' ? String(v) : `'${String(v)}'`
    })
    const plan = JSON.stringify(await t.sdb.db.execute(sql.raw(`EXPLAIN (FORMAT JSON) ${text}`)))
    expect(plan).toMatch(/Node Type/)
    expect(plan).not.toMatch(/Aggregate/)
  })
})
