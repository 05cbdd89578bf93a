// The service's process entry (`npm run server`): production vs demo mode, the setup code, the account CLI
// and TLS, each run as its own process on a PGlite folder (as an office would start it).
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { hashPassword } from '../../src/shared-node/password'
import { seedDemoStaff } from '../../tools/demo/server-seed'
import { openServerDb, schema } from './db'
import { GOOD_PASSWORD } from './testing/staff'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'casedesk-main-'))
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** The service as a process (one node process: tsx as a loader, so its pid is the service's). */
function main(args: string[]) {
  const env = { ...process.env }
  delete env.DATABASE_URL // always the PGlite folder here
  delete env.CASEDESK_PORTAL_KEY
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts'), ...args], { cwd: ROOT, env })
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  /** Resolves with the output once `pattern` shows in stdout; rejects when the process ends first. */
  const waitFor = (pattern: RegExp): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(out)
        if (m) {
          child.stdout.off('data', check)
          resolve(m)
        }
      }
      child.stdout.on('data', check)
      void exited.then((code) => reject(new Error(`exited ${code}: ${out}\n${err}`)))
      check()
    })
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM')
    return exited
  }
  return { child, waitFor, stop, exited, output: () => out, errors: () => err }
}

/** The console's summary lines (the JSON lines are the request log). */
const summary = (out: string) =>
  out
    .split('\n')
    .filter((l) => l && !l.startsWith('{'))
    .join('\n')

const READY = /门户密钥[^\n]*\n/

async function httpJson(url: string, method = 'GET', body?: unknown, ca?: Buffer): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const headers: Record<string, string> = payload ? { 'content-type': 'application/json' } : {}
    if (url.startsWith('https:')) {
      const req = request(url, { method, ca, headers }, (res) => {
        let data = ''
        res.on('data', (c: Buffer) => (data += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(data) as Record<string, unknown> }))
      })
      req.on('error', reject)
      req.end(payload)
    } else {
      fetch(url, { method, headers, body: payload })
        .then(async (r) => resolve({ status: r.status, json: (await r.json()) as Record<string, unknown> }))
        .catch(reject)
    }
  })
}

describe('npm run server', () => {
  it('without --demo creates no account and prints a setup code; over TLS the first admin is created with it; a restart prints none', async () => {
    const data = tempDir()
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(data, 'key.pem'), '-out', join(data, 'cert.pem'), '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' })
    const ca = readFileSync(join(data, 'cert.pem'))
    const db = join(data, 'db')
    let serviceId = ''
    const first = main(['--data', db, '--port', '0', '--tls-cert', join(data, 'cert.pem'), '--tls-key', join(data, 'key.pem')])
    try {
      const [, address] = await first.waitFor(/已启动：(\S+)\n/)
      const [, code] = await first.waitFor(/初始化码：([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\n/)
      await first.waitFor(READY)
      expect(address).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      const shown = summary(first.output())
      expect(shown).toContain('npm run server -- admin create <用户名>')
      expect(first.output()).not.toContain('demo1234')
      expect(shown).not.toContain('演示')
      const hello = await httpJson(`${address}/hello`, 'GET', undefined, ca)
      expect(hello).toEqual({ status: 200, json: { service: 'casedesk-exchange', schema: '1', version: expect.any(String), setupRequired: true, serviceId: expect.stringMatching(/^[0-9a-f-]{36}$/) } })
      serviceId = hello.json.serviceId as string
      expect((await httpJson(`${address}/auth/sign-in`, 'POST', { username: 'admin', password: 'demo1234' }, ca)).status).toBe(409)
      const made = await httpJson(`${address}/setup/first-admin`, 'POST', { code, username: 'wangjl', displayName: '王建林', password: GOOD_PASSWORD }, ca)
      expect(made.status).toBe(201)
      expect((await httpJson(`${address}/auth/sign-in`, 'POST', { username: 'wangjl', password: GOOD_PASSWORD }, ca)).status).toBe(200)
      // Without the CA the certificate is not trusted.
      await expect(httpJson(`${address}/hello`)).rejects.toThrow()
    } finally {
      expect(await first.stop()).toBe(0)
    }
    const again = main(['--data', db, '--port', '0'])
    try {
      const [, address] = await again.waitFor(/已启动：(\S+)\n/)
      await again.waitFor(READY)
      expect(address).toMatch(/^http:\/\//)
      expect(again.output()).not.toContain('初始化码')
      // The same service: its identity survives a restart.
      expect((await httpJson(`${address}/hello`)).json).toMatchObject({ setupRequired: false, serviceId })
    } finally {
      await again.stop()
    }
  }, 180_000)

  it('admin create reads the password from a pipe; the service then starts with that account and no setup code', async () => {
    const db = join(tempDir(), 'db')
    const cli = main(['admin', 'create', 'boss', '--name', '王主任', '--data', db])
    cli.child.stdin.end(`${GOOD_PASSWORD}\n${GOOD_PASSWORD}\n`)
    expect(await cli.exited).toBe(0)
    expect(cli.output()).toBe('已创建账号 boss（王主任，系统管理员）。交换服务已完成初始化，初始化码已失效。\n')
    const bad = main(['admin', 'create', 'boss2', '--data', db])
    bad.child.stdin.end('one-password-1\nanother-password\n')
    expect(await bad.exited).toBe(1)
    expect(bad.errors()).toContain('两次输入的密码不一致')
    const server = main(['--data', db, '--port', '0'])
    try {
      const [, address] = await server.waitFor(/已启动：(\S+)\n/)
      await server.waitFor(READY)
      expect(server.output()).not.toContain('初始化码')
      const signedIn = await httpJson(`${address}/auth/sign-in`, 'POST', { username: 'boss', password: GOOD_PASSWORD })
      expect(signedIn.status).toBe(200)
      expect(signedIn.json.staff).toMatchObject({ username: 'boss', displayName: '王主任', role: 'admin' })
    } finally {
      await server.stop()
    }
  }, 180_000)

  it('--demo seeds the demo accounts and says they exist only in demo mode', async () => {
    const server = main(['--data', join(tempDir(), 'db'), '--port', '0', '--demo'])
    try {
      const [, address] = await server.waitFor(/已启动：(\S+)\n/)
      await server.waitFor(READY)
      expect(summary(server.output())).toContain('演示模式（--demo）：演示账号 clerk1 / clerk2 / reviewer1 / super1 / admin，密码 demo1234（只有以 --demo 启动时才会创建演示账号）')
      expect(server.output()).not.toContain('初始化码')
      expect((await httpJson(`${address}/auth/sign-in`, 'POST', { username: 'admin', password: 'demo1234' })).status).toBe(200)
    } finally {
      await server.stop()
    }
  }, 180_000)

  it('a production start disables the demo accounts an older version left on the demo password; admin reset-password brings one back', async () => {
    // An older version's folder: the demo accounts seeded at every start; clerk2 has since chosen a real password.
    const db = join(tempDir(), 'db')
    const old = await openServerDb({ dataDir: db, url: null })
    await seedDemoStaff(old.db)
    await old.db.update(schema.staff).set({ passwordHash: hashPassword(GOOD_PASSWORD) }).where(eq(schema.staff.username, 'clerk2'))
    await old.close()

    const first = main(['--data', db, '--port', '0'])
    try {
      const [, address] = await first.waitFor(/已启动：(\S+)\n/)
      await first.waitFor(READY)
      const shown = summary(first.output())
      expect(shown).toContain('警告：以下账号仍在使用公开的演示默认密码，已在本次生产模式启动时停用（其登录会话均已结束）：clerk1、reviewer1、super1、admin。')
      expect(shown).toContain('npm run server -- admin reset-password admin')
      expect(shown).toContain('目前没有启用的系统管理员账号')
      expect(shown).not.toContain('初始化码')
      expect(shown).not.toContain('demo1234')
      const refused = await httpJson(`${address}/auth/sign-in`, 'POST', { username: 'admin', password: 'demo1234' })
      expect([refused.status, (refused.json.error as { code: string }).code]).toEqual([403, 'ACCOUNT_DISABLED'])
      expect((await httpJson(`${address}/auth/sign-in`, 'POST', { username: 'clerk2', password: GOOD_PASSWORD })).status).toBe(200)
      expect((await httpJson(`${address}/hello`)).json.setupRequired).toBe(false)
    } finally {
      expect(await first.stop()).toBe(0)
    }
    const reset = main(['admin', 'reset-password', 'admin', '--data', db])
    reset.child.stdin.end(`${GOOD_PASSWORD}\n${GOOD_PASSWORD}\n`)
    expect(await reset.exited).toBe(0)
    expect(reset.output()).toBe('已为 admin（系统管理员）设置新密码并重新启用该账号；该账号已登录的会话均已结束，登录锁定已解除。\n')

    const again = main(['--data', db, '--port', '0', '--trust-proxy', '127.0.0.1'])
    try {
      const [, address] = await again.waitFor(/已启动：(\S+)\n/)
      await again.waitFor(READY)
      expect(again.output()).not.toContain('警告')
      expect((await httpJson(`${address}/auth/sign-in`, 'POST', { username: 'admin', password: GOOD_PASSWORD })).status).toBe(200)
    } finally {
      await again.stop()
    }
    const after = await openServerDb({ dataDir: db, url: null })
    try {
      const rows = await after.db.select({ username: schema.staff.username, active: schema.staff.active }).from(schema.staff).orderBy(schema.staff.id)
      expect(rows).toEqual([
        { username: 'clerk1', active: false }, { username: 'clerk2', active: true }, { username: 'reviewer1', active: false },
        { username: 'super1', active: false }, { username: 'admin', active: true }
      ])
      const events = await after.db.select({ kind: schema.staffEvents.kind, actorName: schema.staffEvents.actorName, detail: schema.staffEvents.detail }).from(schema.staffEvents).orderBy(schema.staffEvents.id)
      expect(events).toEqual([
        ...['clerk1', 'reviewer1', 'super1', 'admin'].map(() => ({ kind: 'disabled', actorName: '服务器命令行', detail: '生产模式启动：使用演示默认密码的账号已停用' })),
        { kind: 'password_reset', actorName: '服务器命令行', detail: '在服务器命令行设置新密码；重新启用账号' }
      ])
    } finally {
      await after.close()
    }
  }, 240_000)

  it('--demo refuses a database that holds real accounts (and adds none)', async () => {
    const db = join(tempDir(), 'db')
    const cli = main(['admin', 'create', 'boss', '--data', db])
    cli.child.stdin.end(`${GOOD_PASSWORD}\n${GOOD_PASSWORD}\n`)
    expect(await cli.exited).toBe(0)
    const demo = main(['--data', db, '--port', '0', '--demo'])
    expect(await demo.exited).toBe(2)
    expect(demo.errors()).toContain('此数据库已有正式账号（boss），不能以演示模式（--demo）启动')
    expect(demo.output()).not.toContain('已启动')
    const after = await openServerDb({ dataDir: db, url: null })
    try {
      expect((await after.db.select({ username: schema.staff.username }).from(schema.staff)).map((r) => r.username)).toEqual(['boss'])
    } finally {
      await after.close()
    }
  }, 120_000)

  it('refuses a certificate without its key (and the other way round), and a file it cannot read', async () => {
    const data = tempDir()
    for (const args of [['--tls-cert', 'x.pem'], ['--tls-key', 'x.pem']]) {
      const r = main(['--data', data, ...args])
      expect(await r.exited).toBe(2)
      expect(r.errors()).toContain('--tls-cert 与 --tls-key 须同时指定')
    }
    const missing = main(['--data', data, '--tls-cert', join(data, 'none.pem'), '--tls-key', join(data, 'none.pem')])
    expect(await missing.exited).toBe(2)
    expect(missing.errors()).toContain('无法读取TLS 证书文件')
    const unknown = main(['--data', data, '--bogus'])
    expect(await unknown.exited).toBe(2)
    expect(unknown.errors()).toContain('参数有误')
    // --trust-proxy names the proxies: a bare one, or something that is no address or range, is a usage error.
    for (const args of [['--trust-proxy'], ['--trust-proxy', '--port', '0'], ['--trust-proxy', 'yes']]) {
      const r = main(['--data', data, ...args])
      expect([args, await r.exited]).toEqual([args, 2])
      expect(r.errors()).toMatch(/参数有误|--trust-proxy 的值应为反向代理的 IP 地址或网段/)
    }
  }, 120_000)
})
