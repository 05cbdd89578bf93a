import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../tools/demo/demo-accounts'
import { schema } from '../db'
import { serverPerTest } from '../testing/per-test'
import { call, errorOf, GOOD_PASSWORD, newAccount } from '../testing/staff'
import { anyActiveAdmin, DEMO_DISABLED_DETAIL, demoDisabledWarning, disableDemoDefaults } from './demo-guard'
import { staffVersion } from './records'

const t = serverPerTest()
const demo = { usernames: DEMO_ACCOUNTS.map((a) => a.username), password: DEMO_PASSWORD }
const events = () =>
  t.sdb.db
    .select({ staffId: schema.staffEvents.staffId, kind: schema.staffEvents.kind, actorId: schema.staffEvents.actorId, actorName: schema.staffEvents.actorName, detail: schema.staffEvents.detail })
    .from(schema.staffEvents)
    .orderBy(schema.staffEvents.id)

describe('a production start and the demo accounts of older versions', () => {
  it('disables each demo account still on the demo password (its sessions end), leaves the others alone, once', async () => {
    const admin = await t.desk('admin')
    const clerk1 = await t.desk('clerk1')
    const clerk2 = await t.desk('clerk2')
    // clerk2 chose a real password; reviewer1 was disabled by the administrator; wangjl is a real administrator.
    expect((await call(t, clerk2, 'POST', '/auth/password', { oldPassword: DEMO_PASSWORD, newPassword: GOOD_PASSWORD })).statusCode).toBe(200)
    expect((await call(t, admin, 'POST', `/admin/staff/${t.staffIds.get('reviewer1')}/disable`)).statusCode).toBe(200)
    const { id: realId } = await newAccount(t, admin, { username: 'wangjl', role: 'admin' })
    const before = await staffVersion(t.sdb.db)
    const eventsBefore = (await events()).length

    t.clock.advance(60_000)
    const disabled = await disableDemoDefaults(t.sdb, demo, t.clock.now())
    expect(disabled).toEqual(['clerk1', 'super1', 'admin'])
    const rows = await t.sdb.db.select().from(schema.staff).orderBy(schema.staff.id)
    expect(rows.map((r) => [r.username, r.active])).toEqual([
      ['clerk1', false], ['clerk2', true], ['reviewer1', false], ['super1', false], ['admin', false], ['wangjl', true]
    ])
    expect(rows.find((r) => r.username === 'clerk1')!.sessionsEndedAt).toEqual(t.clock.now())
    expect(errorOf(await call(t, clerk1, 'GET', '/auth/me'))).toEqual({ code: 'ACCOUNT_DISABLED', message: '该账号已停用，请联系系统管理员' })
    expect(errorOf(await call(t, admin, 'GET', '/admin/staff'))).toMatchObject({ code: 'ACCOUNT_DISABLED' })
    expect((await call(t, clerk2, 'GET', '/auth/me')).statusCode).toBe(200)
    const signIn = await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'super1', password: DEMO_PASSWORD } })
    expect([signIn.statusCode, errorOf(signIn).code]).toEqual([403, 'ACCOUNT_DISABLED'])
    // One event each, by the service itself; desks follow with the new staffVersion.
    expect((await events()).slice(eventsBefore)).toEqual([
      { staffId: t.staffIds.get('clerk1'), kind: 'disabled', actorId: null, actorName: '服务器命令行', detail: `${DEMO_DISABLED_DETAIL}；结束 1 个会话` },
      { staffId: t.staffIds.get('super1'), kind: 'disabled', actorId: null, actorName: '服务器命令行', detail: DEMO_DISABLED_DETAIL },
      { staffId: t.staffIds.get('admin'), kind: 'disabled', actorId: null, actorName: '服务器命令行', detail: `${DEMO_DISABLED_DETAIL}；结束 1 个会话` }
    ])
    const after = await staffVersion(t.sdb.db)
    expect(after).not.toBe(before)
    expect(await anyActiveAdmin(t.sdb.db)).toBe(true)
    expect(realId).toBe(rows.at(-1)!.id)

    // The next start finds nothing to do and writes nothing.
    expect(await disableDemoDefaults(t.sdb, demo, t.clock.now())).toEqual([])
    expect(await staffVersion(t.sdb.db)).toBe(after)
    expect((await events()).length).toBe(eventsBefore + 3)
  })

  it('may leave no active administrator: the warning then says how to get one back', async () => {
    expect(await disableDemoDefaults(t.sdb, demo, t.clock.now())).toEqual(['clerk1', 'clerk2', 'reviewer1', 'super1', 'admin'])
    expect(await anyActiveAdmin(t.sdb.db)).toBe(false)
    const warning = demoDisabledWarning(['clerk1', 'admin'], false)
    expect(warning).toContain('以下账号仍在使用公开的演示默认密码，已在本次生产模式启动时停用（其登录会话均已结束）：clerk1、admin。')
    expect(warning).toContain('npm run server -- admin reset-password clerk1；npm run server -- admin reset-password admin')
    expect(warning).toContain('目前没有启用的系统管理员账号')
    expect(warning).toContain('npm run server -- admin create <用户名>')
    expect(demoDisabledWarning(['clerk1'], true)).not.toContain('目前没有启用的系统管理员账号')
    // Setup stays done (accounts exist): the way back is the server's command line, not a setup code.
    expect((await t.app.inject({ method: 'GET', url: '/hello' })).json().setupRequired).toBe(false)
    expect(await t.sdb.db.select().from(schema.serverMeta).where(eq(schema.serverMeta.key, 'setupCode'))).toEqual([])
  })
})
