// `npm run server`: the exchange service on PGlite in `.data/server` (or PostgreSQL via DATABASE_URL).
//   --data <folder>   PGlite data folder (default .data/server)
//   --port <n>        TCP port (default 8787; 0 = any free port); --host <addr> (default 127.0.0.1)
//   --demo            demo mode: the demo accounts (tools/demo) and the sample programme register
//   --tls-cert <pem> --tls-key <pem>   serve https
//   --trust-proxy <addr|CIDR,…>        behind a reverse proxy: believe X-Forwarded-* from these peers only
//   env CASEDESK_PORTAL_KEY  the applicant portal's API key (a random one is printed when unset)
// Without --demo no account is created: with none, a one-time setup code is printed for the first administrator;
// demo accounts left from older versions with the demo password are disabled (admin/demo-guard.ts).
// --demo refuses a database that holds other accounts (a real office's).
// `npm run server -- admin create|reset-password|unlock <user>`: account commands (admin/staff-cli.ts).
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

const USAGE =
  '用法：npm run server -- [--data <PGlite 数据目录>] [--port <端口>] [--host <地址>] [--demo] [--tls-cert <证书.pem> --tls-key <私钥.pem>] [--trust-proxy <反向代理地址或网段,…>]\n' +
  '      npm run server -- admin create <用户名> [--name <姓名>] [--role admin|supervisor|clerk|reviewer]\n' +
  '      npm run server -- admin reset-password <用户名>\n' +
  '      npm run server -- admin unlock <用户名>\n' +
  '（设置 DATABASE_URL 时使用 PostgreSQL，否则使用 --data 指定的 PGlite 数据目录）\n'

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`)
  process.exit(code)
}

let parsed
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string', default: '.data/server' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      demo: { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'trust-proxy': { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' }
    }
  })
} catch (e) {
  fail(`参数有误：${(e as Error).message}\n${USAGE}`)
}
const { values, positionals } = parsed
const url = process.env.DATABASE_URL
const dataDir = resolve(values.data)

if (positionals[0] === 'admin') {
  const { runStaffCli } = await import('./admin/staff-cli')
  process.exit(await runStaffCli(positionals.slice(1), { url, dataDir, name: values.name, role: values.role }))
}
if (positionals.length) fail(`未知的命令：${positionals.join(' ')}\n${USAGE}`)
if (values.name !== undefined || values.role !== undefined) fail(`--name、--role 只用于 admin create\n${USAGE}`)
if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) fail(`端口应为 0–65535 的整数：${values.port}`)

const certFile = values['tls-cert']
const keyFile = values['tls-key']
if ((certFile === undefined) !== (keyFile === undefined)) fail('--tls-cert 与 --tls-key 须同时指定（证书和私钥，PEM 格式），或都不指定')
function readPem(file: string, what: string): Buffer {
  try {
    return readFileSync(resolve(file))
  } catch (e) {
    return fail(`无法读取${what}文件 ${resolve(file)}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
}
let trustProxy: string | undefined
if (values['trust-proxy'] !== undefined) {
  const { parseTrustProxy } = await import('./trust-proxy')
  const proxies = parseTrustProxy(values['trust-proxy'])
  if (!proxies.ok) fail(`${proxies.message}\n${USAGE}`)
  trustProxy = proxies.value
}
const https = certFile && keyFile ? { cert: readPem(certFile, 'TLS 证书'), key: readPem(keyFile, 'TLS 私钥') } : undefined

const { buildApp } = await import('./app')
const { openServerDb } = await import('./db')
const { anyStaff, formatSetupCode, newSetupCode } = await import('./auth/setup')

if (!url) mkdirSync(dataDir, { recursive: true })
const { DataDirLockedError } = await import('./data-lock')
let db: Awaited<ReturnType<typeof openServerDb>>
try {
  db = await openServerDb(url ? { url } : { dataDir })
} catch (e) {
  // Another process holds the PGlite folder (data-lock.ts): refuse, saying which one, in Chinese and English.
  if (e instanceof DataDirLockedError) fail(`交换服务未能启动 / the exchange service did not start:\n${e.message}`, 1)
  throw e
}
let demoLine = ''
let demoWarning = ''
if (values.demo) {
  // Demo data (and its password) lives in tools/demo and is loaded only in demo mode.
  const { nonDemoAccounts, seedDemoServer } = await import('../../tools/demo/server-seed')
  const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('../../tools/demo/demo-accounts')
  const real = await nonDemoAccounts(db.db)
  if (real.length) {
    await db.close()
    fail(
      `此数据库已有正式账号（${real.slice(0, 5).join('、')}${real.length > 5 ? ` 等 ${real.length} 个` : ''}），不能以演示模式（--demo）启动：` +
        '演示模式会添加使用公开密码的演示账号。请去掉 --demo 启动正式服务，或为演示另用一个数据目录（--data）或数据库。'
    )
  }
  await seedDemoServer(db.db)
  demoLine = `演示模式（--demo）：演示账号 ${DEMO_ACCOUNTS.map((a) => a.username).join(' / ')}，密码 ${DEMO_PASSWORD}（只有以 --demo 启动时才会创建演示账号）\n`
} else {
  // Older versions seeded the demo accounts at every start: any still on the demo password is disabled here.
  const demo = await import('../../tools/demo/demo-accounts').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ERR_MODULE_NOT_FOUND') return undefined // an installation without tools/: no demo names to check
    throw e
  })
  if (demo) {
    const { anyActiveAdmin, demoDisabledWarning, disableDemoDefaults } = await import('./admin/demo-guard')
    const usernames = demo.DEMO_ACCOUNTS.map((a) => a.username)
    const disabled = await disableDemoDefaults(db, { usernames, password: demo.DEMO_PASSWORD }, new Date())
    if (disabled.length) demoWarning = demoDisabledWarning(disabled, await anyActiveAdmin(db.db))
  }
}
// A new code at every start while nobody can sign in (the previous one no longer works).
const setupCode = (await anyStaff(db.db)) ? undefined : await newSetupCode(db.db)
const portalKey = process.env.CASEDESK_PORTAL_KEY || randomBytes(24).toString('base64url')
const app = buildApp({ db, portalKey, logger: true, https, trustProxy })
let shown = ''
try {
  shown = await app.listen({ port: Number(values.port), host: values.host })
} catch (e) {
  await db.close()
  fail(`交换服务未能启动：${(e as Error).message}`, 1)
}

// Before the banner: whoever starts the service may stop it as soon as it says it is up (the PGlite lock is released on close).
const stop = async () => {
  await app.close()
  await db.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())

process.stdout.write(
  `CaseDesk 交换服务已启动：${shown}\n` +
    `数据库：${url ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${dataDir}`}\n` +
    demoLine +
    demoWarning +
    (setupCode
      ? `尚无任何账号。初始化码：${formatSetupCode(setupCode)}\n` +
        '用法：在桌面端首次启动页面选择“连接交换服务”，输入本服务地址和此初始化码创建首个系统管理员；' +
        '或在服务器上运行 npm run server -- admin create <用户名>（使用 PGlite 数据目录时先停止本服务）。初始化码只能使用一次，服务每次启动都会更换。\n'
      : '') +
    (process.env.CASEDESK_PORTAL_KEY ? '' : `门户密钥（x-portal-key，本次随机生成）：${portalKey}\n`)
)

