import { describe, expect, it } from 'vitest'
import { DEFAULT_ARREARS_CUTOFF, DEFAULT_OFFICE } from '../../src/shared/domain/office'
import { loadOfficeSettings } from './office'
import { serverPerTest } from './testing/per-test'

const t = serverPerTest()

const SETTINGS = {
  ...DEFAULT_OFFICE,
  name: '某市人才交流服务中心',
  department: '人事档案科',
  phone: '(010)12345678',
  arrearsCutoff: '2026-06'
}

describe('office settings at the exchange service', () => {
  it('start from the defaults: the letters’ office and the default arrears cut-off', async () => {
    expect(await loadOfficeSettings(t.sdb.db)).toEqual({ ...DEFAULT_OFFICE, arrearsCutoff: DEFAULT_ARREARS_CUTOFF })
    const d = await t.desk('clerk1')
    const r = await t.app.inject({ method: 'GET', url: '/sync/office', headers: d.headers })
    expect(r.json()).toEqual({ version: 'initial', office: { ...DEFAULT_OFFICE, arrearsCutoff: DEFAULT_ARREARS_CUTOFF } })
  })

  it('an administrator saves them: a new version every pull page announces; the verification page follows', async () => {
    const admin = await t.desk('admin')
    const clerk = await t.desk('clerk1')
    const before = (await t.pull(clerk)).json().officeVersion as string
    const r = await t.app.inject({ method: 'POST', url: '/sync/office', headers: admin.headers, payload: SETTINGS })
    expect(r.statusCode).toBe(200)
    const { version, office } = r.json() as { version: string; office: unknown }
    expect(office).toEqual(SETTINGS)
    expect(version).not.toBe(before)
    expect((await t.pull(clerk)).json().officeVersion).toBe(version)
    expect(await loadOfficeSettings(t.sdb.db)).toEqual(SETTINGS)
    const page = await t.app.inject({ method: 'GET', url: '/verify' })
    expect(page.body).toContain('某市人才交流服务中心 · 文书真伪核验')
    expect(page.body).toContain('(010)12345678')
    expect(page.body).not.toContain(DEFAULT_OFFICE.name)
  })

  it('only an administrator may save them, and only valid ones', async () => {
    const supervisor = await t.desk('super1')
    const refused = await t.app.inject({ method: 'POST', url: '/sync/office', headers: supervisor.headers, payload: SETTINGS })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error).toEqual({ code: 'FORBIDDEN', message: '只有系统管理员可以修改单位信息' })
    const admin = await t.desk('admin')
    const bad = await t.app.inject({ method: 'POST', url: '/sync/office', headers: admin.headers, payload: { ...SETTINGS, postcode: '1000' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toContain('邮政编码应为 6 位数字')
    expect(await loadOfficeSettings(t.sdb.db)).toEqual({ ...DEFAULT_OFFICE, arrearsCutoff: DEFAULT_ARREARS_CUTOFF })
  })
})
