import { describe, expect, it } from 'vitest'
import { listProgrammes } from './programmes'
import { serverPerTest } from './testing/per-test'

const t = serverPerTest()

const P = {
  code: 'MOE11US2A20101234N',
  name: '京华理工大学与美国俄亥俄河谷大学合作举办计算机科学与技术专业本科教育项目',
  chineseInstitution: '京华理工大学',
  foreignInstitution: '美国俄亥俄河谷大学',
  country: '美国',
  level: 'bachelor',
  approvedUntil: '2027-12-31',
  enrolmentFrom: 2011,
  enrolmentTo: null,
  status: 'active'
}
const Q = { ...P, code: 'MOE31GB2A20121288N', name: '沪东财经大学与英国西米德兰兹大学合作举办会计学专业本科教育项目', chineseInstitution: '沪东财经大学', country: '英国' }

describe('the joint-programme register at the exchange service', () => {
  it('a supervisor imports it: a new version every pull page announces; desks fetch it whole', async () => {
    const clerk = await t.desk('reviewer1')
    const supervisor = await t.desk('super1')
    expect((await t.pull(clerk)).json().programmesVersion).toBe('initial')
    const r = await t.app.inject({ method: 'POST', url: '/sync/programmes/import', headers: supervisor.headers, payload: { mode: 'upsert', programmes: [P, Q] } })
    expect(r.statusCode).toBe(200)
    const summary = r.json() as { version: string }
    expect(summary).toMatchObject({ total: 2, added: 2, updated: 0, removed: 0 })
    expect((await t.pull(clerk)).json().programmesVersion).toBe(summary.version)
    const got = await t.app.inject({ method: 'GET', url: '/sync/programmes', headers: clerk.headers })
    expect(got.json()).toEqual({ version: summary.version, programmes: [P, Q] })

    // Upsert by code keeps the others; replace removes them.
    const again = await t.app.inject({ method: 'POST', url: '/sync/programmes/import', headers: supervisor.headers, payload: { mode: 'upsert', programmes: [{ ...P, status: 'stopped' }] } })
    expect(again.json()).toMatchObject({ total: 2, added: 0, updated: 1, removed: 0 })
    const replaced = await t.app.inject({ method: 'POST', url: '/sync/programmes/import', headers: supervisor.headers, payload: { mode: 'replace', programmes: [Q] } })
    expect(replaced.json()).toMatchObject({ total: 1, added: 0, updated: 1, removed: 1 })
    expect(await listProgrammes(t.sdb.db)).toEqual([Q])
  })

  it('refuses a reviewer, a bad programme and a duplicate code — all or nothing', async () => {
    const reviewer = await t.desk('reviewer1')
    const refused = await t.app.inject({ method: 'POST', url: '/sync/programmes/import', headers: reviewer.headers, payload: { mode: 'upsert', programmes: [P] } })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error).toEqual({ code: 'FORBIDDEN', message: '只有科长或系统管理员可以导入合作办学项目名单' })
    const supervisor = await t.desk('super1')
    const bad = await t.app.inject({ method: 'POST', url: '/sync/programmes/import', headers: supervisor.headers, payload: { mode: 'upsert', programmes: [P, { ...Q, level: 'phd' }] } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toEqual({ code: 'VALIDATION', message: '第 2 个项目（MOE31GB2A20121288N）·level：应为 专科、本科、硕士 或 博士' })
    const dup = await t.app.inject({ method: 'POST', url: '/sync/programmes/import', headers: supervisor.headers, payload: { mode: 'upsert', programmes: [P, Q, P] } })
    expect(dup.statusCode).toBe(400)
    expect(dup.json().error.message).toContain('项目编号 MOE11US2A20101234N 与第 1 个项目重复')
    expect(await listProgrammes(t.sdb.db)).toEqual([])
    expect((await t.pull(reviewer)).json().programmesVersion).toBe('initial')
  })
})
