import { describe, expect, it } from 'vitest'
import { DEFAULT_TIME_LIMITS } from '../../src/shared/domain/certification-deadlines'
import { loadTimeLimits } from './time-limits'
import { serverPerTest } from './testing/per-test'

const t = serverPerTest()

const EDITED = { ...DEFAULT_TIME_LIMITS, rows: [...DEFAULT_TIME_LIMITS.rows, { country: '新加坡', institution: '新加坡滨海理工学院', workingDays: 20 }], greenChannelDays: 3 }

describe('the certification time-limit table at the exchange service', () => {
  it('starts from the defaults; a supervisor saves it and the office version changes, so desks fetch it', async () => {
    const reviewer = await t.desk('reviewer1')
    const first = await t.app.inject({ method: 'GET', url: '/sync/time-limits', headers: reviewer.headers })
    expect(first.json()).toEqual({ version: 'initial', limits: DEFAULT_TIME_LIMITS, updatedAt: null, updatedBy: null })
    const supervisor = await t.desk('super1')
    const r = await t.app.inject({ method: 'POST', url: '/sync/time-limits', headers: supervisor.headers, payload: { limits: EDITED } })
    expect(r.statusCode).toBe(200)
    const saved = r.json() as { version: string; updatedBy: string }
    expect(saved).toMatchObject({ limits: EDITED, updatedAt: '2026-03-02T02:00:00.000Z' })
    expect(saved.updatedBy).toBeTruthy()
    expect((await t.pull(reviewer)).json().officeVersion).toBe(saved.version)
    expect((await loadTimeLimits(t.sdb.db)).limits).toEqual(EDITED)
    // An administrator may too.
    const admin = await t.desk('admin')
    expect((await t.app.inject({ method: 'POST', url: '/sync/time-limits', headers: admin.headers, payload: { limits: DEFAULT_TIME_LIMITS } })).statusCode).toBe(200)
  })

  it('refuses a reviewer, a bad value and a duplicate country/institution, with a precise message', async () => {
    const reviewer = await t.desk('reviewer1')
    const refused = await t.app.inject({ method: 'POST', url: '/sync/time-limits', headers: reviewer.headers, payload: { limits: EDITED } })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error).toEqual({ code: 'FORBIDDEN', message: '只有科长或系统管理员可以修改认证工作时限表' })
    const supervisor = await t.desk('super1')
    const post = (limits: unknown) => t.app.inject({ method: 'POST', url: '/sync/time-limits', headers: supervisor.headers, payload: { limits } })
    const dup = await post({ ...EDITED, rows: [...EDITED.rows, { country: '新加坡', institution: '新加坡滨海理工学院', workingDays: 10 }] })
    expect(dup.statusCode).toBe(400)
    expect(dup.json().error).toEqual({ code: 'VALIDATION', message: `第 ${EDITED.rows.length + 1} 行与第 ${EDITED.rows.length} 行重复：新加坡·新加坡滨海理工学院` })
    const empty = await post({ ...EDITED, rows: [{ country: '', institution: '', workingDays: 10 }] })
    expect(empty.json().error).toEqual({ code: 'VALIDATION', message: '第 1 行·国家/地区：请填写国家或地区' })
    const zero = await post({ ...EDITED, otherDays: 0 })
    expect(zero.json().error.code).toBe('VALIDATION')
    expect(zero.json().error.message).toMatch(/^其他国家（地区）：/)
    expect((await loadTimeLimits(t.sdb.db)).limits).toEqual(DEFAULT_TIME_LIMITS)
  })
})
