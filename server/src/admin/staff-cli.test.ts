import { PassThrough, Readable, Writable } from 'node:stream'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { newSetupCode } from '../auth/setup'
import { schema } from '../db'
import { serverPerTest } from '../testing/per-test'
import { errorOf, GOOD_PASSWORD } from '../testing/staff'
import { runStaffCli } from './staff-cli'

const t = serverPerTest({ demoStaff: false })

/** Runs an account command on the test database with `input` piped in; returns the exit code and what it wrote. */
async function cli(args: string[], input: string | Readable, opts: { name?: string; role?: string } = {}) {
  let out = ''
  let err = ''
  const sink = (write: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (write(String(chunk)), done()) })
  const code = await runStaffCli(args, {
    dataDir: '/nonexistent',
    ...opts,
    open: async () => t.sdb,
    clock: t.clock,
    stdin: typeof input === 'string' ? Readable.from([input]) : input,
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s))
  })
  return { code, out, err }
}

/** A terminal: raw mode switched on and off, keys typed one chunk at a time once a prompt shows. */
function terminal(keys: string[]) {
  const tty = Object.assign(new PassThrough(), { isTTY: true, modes: [] as boolean[], setRawMode: (raw: boolean) => tty.modes.push(raw) })
  const typeNext = () => setTimeout(() => {
    const k = keys.shift()
    if (k !== undefined) tty.write(k)
  }, 5)
  tty.on('resume', typeNext)
  return tty
}

const signIn = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username, password } })

describe('npm run server -- admin …', () => {
  it('creates the first administrator from piped lines: the setup code dies, the account signs in', async () => {
    await newSetupCode(t.sdb.db)
    expect(await cli(['create', 'boss'], `${GOOD_PASSWORD}\n${GOOD_PASSWORD}\n`, { name: '王主任', role: 'clerk' })).toMatchObject({
      code: 1,
      err: '交换服务尚无账号：第一个账号必须是系统管理员（--role admin）\n'
    })
    expect(await cli(['create', 'boss'], `${GOOD_PASSWORD}\nsomething-else-1\n`)).toMatchObject({ code: 1, err: '两次输入的密码不一致，未作修改\n' })
    expect(await cli(['create', 'boss'], 'boss-12345678\nboss-12345678\n')).toMatchObject({ code: 1, err: '密码不符合要求：密码不能是用户名，也不能包含用户名\n' })
    expect(await cli(['create', 'boss'], `${GOOD_PASSWORD}\n`)).toMatchObject({ code: 1, err: '未读到密码：标准输入应有两行（新密码、再次输入的新密码）\n' })
    expect(await cli(['create', 'b\u0000ss'], '')).toMatchObject({ code: 1, err: expect.stringContaining('用户名：') })
    expect(await cli(['create', 'boss'], '', { role: 'root' })).toMatchObject({ code: 1, err: expect.stringContaining('角色（--role') })
    expect(await cli(['create'], '')).toMatchObject({ code: 2 })
    expect(await cli(['drop', 'boss'], '')).toMatchObject({ code: 2 })
    expect(await t.sdb.db.select().from(schema.staff)).toEqual([])

    // Windows line ends from a pipe are fine.
    const made = await cli(['create', 'boss'], `${GOOD_PASSWORD}\r\n${GOOD_PASSWORD}\r\n`, { name: '王主任' })
    expect(made).toEqual({ code: 0, out: '已创建账号 boss（王主任，系统管理员）。交换服务已完成初始化，初始化码已失效。\n', err: '' })
    expect(await t.sdb.db.select().from(schema.serverMeta).where(eq(schema.serverMeta.key, 'setupCode'))).toEqual([])
    const ok = await signIn('boss', GOOD_PASSWORD)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().staff).toMatchObject({ role: 'admin', mustChangePassword: false })
    expect(await t.sdb.db.select({ kind: schema.staffEvents.kind, actorName: schema.staffEvents.actorName, actorId: schema.staffEvents.actorId }).from(schema.staffEvents)).toEqual([
      { kind: 'first_admin', actorName: '服务器命令行', actorId: null }
    ])
    expect(await cli(['create', 'Boss'], `${GOOD_PASSWORD}\n${GOOD_PASSWORD}\n`)).toMatchObject({ code: 1, err: '用户名已存在\n' })
    expect(await cli(['create', 'clerk9'], `${GOOD_PASSWORD}\n${GOOD_PASSWORD}\n`, { role: 'clerk', name: '李文' })).toMatchObject({ code: 0, out: '已创建账号 clerk9（李文，档案管理员）。\n' })
  })

  it('resets a password (sessions end, the lock is lifted) and unlocks a name', async () => {
    await cli(['create', 'boss'], `${GOOD_PASSWORD}\n${GOOD_PASSWORD}\n`)
    const session = (await signIn('boss', GOOD_PASSWORD)).json().token as string
    for (let i = 0; i < 5; i++) await signIn('boss', 'wrong')
    expect((await signIn('boss', GOOD_PASSWORD)).statusCode).toBe(429)
    expect(await cli(['unlock', 'boss'], '')).toEqual({ code: 0, out: '已解除 boss 的登录锁定。\n', err: '' })
    expect(await cli(['unlock', 'boss'], '')).toMatchObject({ code: 0, out: 'boss 当前未被锁定（已清除其登录失败记录）。\n' })
    expect(await cli(['unlock', 'nobody'], '')).toMatchObject({ code: 1, err: '没有用户名为 nobody 的账号\n' })
    for (let i = 0; i < 5; i++) await signIn('boss', 'wrong')
    const fresh = 'Another-pass-2026'
    expect(await cli(['reset-password', 'boss'], `${fresh}\n${fresh}\n`)).toMatchObject({ code: 0 })
    const me = await t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${session}` } })
    expect(errorOf(me).code).toBe('PASSWORD_CHANGED')
    expect((await signIn('boss', GOOD_PASSWORD)).statusCode).toBe(401)
    expect((await signIn('boss', fresh)).json().staff).toMatchObject({ mustChangePassword: false, credentialVersion: 2 })
    expect(await cli(['reset-password', 'boss'], 'short\nshort\n')).toMatchObject({ code: 1, err: '密码不符合要求：密码至少 10 个字符\n' })
    expect(await cli(['unlock', 'boss'], '', { name: 'x' })).toMatchObject({ code: 2 })
  })

  it('reset-password enables a disabled account again (e.g. a demo account disabled at a production start)', async () => {
    await cli(['create', 'boss'], `${GOOD_PASSWORD}\n${GOOD_PASSWORD}\n`, { name: '王主任' })
    await t.sdb.db.update(schema.staff).set({ active: false }).where(eq(schema.staff.username, 'boss'))
    expect(errorOf(await signIn('boss', GOOD_PASSWORD)).code).toBe('ACCOUNT_DISABLED')
    const fresh = 'Another-pass-2026'
    expect(await cli(['reset-password', 'boss'], `${fresh}\n${fresh}\n`)).toEqual({
      code: 0,
      out: '已为 boss（王主任）设置新密码并重新启用该账号；该账号已登录的会话均已结束，登录锁定已解除。\n',
      err: ''
    })
    expect((await signIn('boss', fresh)).statusCode).toBe(200)
    const events = await t.sdb.db.select({ kind: schema.staffEvents.kind, detail: schema.staffEvents.detail }).from(schema.staffEvents).orderBy(schema.staffEvents.id)
    expect(events).toEqual([
      { kind: 'first_admin', detail: '王主任（boss），系统管理员，业务范围：不适用（在服务器命令行创建）' },
      { kind: 'password_reset', detail: '在服务器命令行设置新密码；重新启用账号' }
    ])
  })

  it('asks twice without echo on a terminal (backspace edits, Ctrl+C cancels)', async () => {
    const tty = terminal([`${GOOD_PASSWORD}x\u007f\r`, `${GOOD_PASSWORD}\r`])
    const made = await cli(['create', 'boss'], tty)
    expect(made).toEqual({ code: 0, out: expect.stringContaining('已创建账号 boss'), err: '' })
    expect(made.out).not.toContain(GOOD_PASSWORD)
    expect(made.out).toContain('新密码（至少 10 个字符，输入时不显示）：\n再次输入新密码：\n')
    expect(tty.modes).toEqual([true, false, true, false])
    expect((await signIn('boss', GOOD_PASSWORD)).statusCode).toBe(200)
    const cancelled = await cli(['reset-password', 'boss'], terminal(['abc\u0003']))
    expect(cancelled).toMatchObject({ code: 130, err: '已取消\n' })
    const weak = await cli(['reset-password', 'boss'], terminal(['short\r']))
    expect(weak).toMatchObject({ code: 1, err: '密码不符合要求：密码至少 10 个字符\n' })
  })
})
