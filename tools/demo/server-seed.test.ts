import { describe, expect, it } from 'vitest'
import { listProgrammes } from '../../server/src/programmes'
import { serverPerTest } from '../../server/src/testing/per-test'
import { sampleProgrammes } from './sample-programmes'
import { eq } from 'drizzle-orm'
import { disableDemoDefaults } from '../../server/src/admin/demo-guard'
import { schema } from '../../server/src/db'
import { hashPassword } from '../../src/shared-node/password'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts'
import { nonDemoAccounts, reenableDemoAccounts, seedDemoProgrammes, seedDemoServer, seedDemoStaff } from './server-seed'

const t = serverPerTest()

describe('the demo exchange service', () => {
  it('starts with the sample register, once', async () => {
    const n = await seedDemoProgrammes(t.sdb.db)
    expect(n).toBe(sampleProgrammes().length)
    expect(n).toBeGreaterThanOrEqual(20)
    expect((await listProgrammes(t.sdb.db)).map((p) => p.code).sort()).toEqual(sampleProgrammes().map((p) => p.code).sort())
    expect(await seedDemoProgrammes(t.sdb.db)).toBe(0)
  })

  it('adds the missing demo accounts and leaves existing ones alone', async () => {
    const first = await seedDemoStaff(t.sdb.db)
    expect([...first.keys()]).toEqual(expect.arrayContaining(['clerk1', 'clerk2', 'reviewer1', 'super1', 'admin']))
    expect(await seedDemoStaff(t.sdb.db)).toEqual(first)
  })

  it('names the accounts that are not demo ones (--demo refuses a database that has any)', async () => {
    expect(await nonDemoAccounts(t.sdb.db)).toEqual([])
    await seedDemoStaff(t.sdb.db)
    expect(await nonDemoAccounts(t.sdb.db)).toEqual([])
    await t.sdb.db.insert(schema.staff).values([
      { username: 'wangjl', displayName: '王建林', role: 'admin', passwordHash: hashPassword('x') },
      { username: 'Admin', displayName: '另一个', role: 'clerk', passwordHash: hashPassword('x') }
    ])
    expect(await nonDemoAccounts(t.sdb.db)).toEqual(['wangjl', 'Admin'])
  })

  it('a demo start enables again the demo accounts a production start disabled (not one given a real password)', async () => {
    await seedDemoStaff(t.sdb.db)
    await t.sdb.db.update(schema.staff).set({ passwordHash: hashPassword('Zhanghu-2026-mima') }).where(eq(schema.staff.username, 'clerk2'))
    await disableDemoDefaults(t.sdb, { usernames: DEMO_ACCOUNTS.map((a) => a.username), password: DEMO_PASSWORD }, new Date())
    await t.sdb.db.update(schema.staff).set({ active: false }).where(eq(schema.staff.username, 'clerk2'))
    await seedDemoServer(t.sdb.db)
    const rows = await t.sdb.db.select({ username: schema.staff.username, active: schema.staff.active }).from(schema.staff).orderBy(schema.staff.id)
    expect(rows.filter((r) => !r.active).map((r) => r.username)).toEqual(['clerk2'])
    const enabled = await t.sdb.db.select({ detail: schema.staffEvents.detail }).from(schema.staffEvents).where(eq(schema.staffEvents.kind, 'enabled'))
    expect(enabled).toHaveLength(4)
    expect(enabled[0].detail).toBe('演示模式启动：演示账号已重新启用')
    expect(await reenableDemoAccounts(t.sdb.db)).toEqual([])
  })
})
