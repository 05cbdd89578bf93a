// `npm run network`: the whole network on one machine, on the embedded default —
//   the exchange service (PGlite in .data/network/server, demo staff seeded) on 127.0.0.1,
//   two desks (desk A, desk B: each a SQLite file + a loopback bridge serving the built renderer) syncing with it,
//   and the applicant portal simulator submitting applications until Ctrl+C.
// The renderer must be built first (`electron-vite build`); the npm script does that.
//   --port <n>      the exchange service's port (default 0 = a random free one)
//   --data <dir>    where everything is kept (default .data/network)
//   --rate <n>      portal applications per minute (default 6); --no-portal runs without the simulator
//   --static <dir>  the built renderer (default out/renderer)
//   env CASEDESK_PORTAL_KEY  the portal key (a random one is made when unset)
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { buildApp } from '../server/src/app'
import { seedDemoStaff } from '../tools/demo/server-seed'
import { openServerDb } from '../server/src/db'
import { startBridge, type Bridge } from '../src/main/bridge/server'
import { createApiHandler, createServices, type Services } from '../src/main/core/api'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    data: { type: 'string', default: '.data/network' },
    rate: { type: 'string', default: '6' },
    'no-portal': { type: 'boolean', default: false },
    static: { type: 'string', default: 'out/renderer' }
  }
})

const out = (line: string): void => void process.stdout.write(`${line}\n`)
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

const staticDir = resolve(values.static)
if (!existsSync(join(staticDir, 'index.html'))) fail(`找不到已构建的界面（${staticDir}/index.html）：请先运行 npx electron-vite build`)
const ratePerMinute = Number(values.rate)
if (!(ratePerMinute > 0)) fail(`--rate 应为正数（每分钟提交数）：${values.rate}`)
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port 应为 0–65535 的整数：${values.port}`)

const dataDir = resolve(values.data)
const serverDir = join(dataDir, 'server')
mkdirSync(serverDir, { recursive: true })

// 1. The exchange service.
const db = await openServerDb({ dataDir: serverDir })
await seedDemoStaff(db.db)
const portalKey = process.env.CASEDESK_PORTAL_KEY || randomBytes(24).toString('base64url')
const app = buildApp({ db, portalKey })
const serverUrl = await app.listen({ port, host: '127.0.0.1' })

// 2. Two desks, each with its own case store, bridge and sync loop.
interface Desk {
  name: string
  user: string
  services: Services
  bridge: Bridge
}
async function openDesk(name: string, file: string, user: string): Promise<Desk> {
  const services = createServices({ dbFile: join(dataDir, file), serverUrl })
  const bridge = await startBridge({ handler: createApiHandler(services), staticDir, events: { 'sync.changed': services.changes.subscribe } })
  services.sync?.start()
  return { name, user, services, bridge }
}
const desks = [await openDesk('桌面 A', 'desk-a.db', 'clerk1（张敏）'), await openDesk('桌面 B', 'desk-b.db', 'clerk2（李强）')]

out('CaseDesk 演示网络已启动（仅本机可访问）')
out(`交换服务：${serverUrl}（数据：${serverDir}）`)
for (const d of desks) out(`${d.name}：${d.bridge.url}  建议登录 ${d.user}`)
out('演示账号 clerk1 / clerk2 / reviewer1 / super1 / admin，密码 demo1234')
out(`门户密钥（x-portal-key${process.env.CASEDESK_PORTAL_KEY ? '，来自 CASEDESK_PORTAL_KEY' : '，本次随机生成'}）：${portalKey}`)

// 3. The portal simulator, when this checkout has it (tools/portal-sim/simulator.ts).
const portalAbort = new AbortController()
let portalRun: Promise<unknown> = Promise.resolve()
const simulatorFile = resolve('tools/portal-sim/simulator.ts')
if (values['no-portal']) {
  out('未启动门户模拟（--no-portal）')
} else if (!existsSync(simulatorFile)) {
  out('未找到门户模拟程序（tools/portal-sim/simulator.ts），只运行交换服务和两个桌面')
} else {
  type RunSimulator = (opts: {
    serverUrl: string
    portalKey: string
    count: number
    ratePerMinute: number
    signal?: AbortSignal
    onSubmitted?(r: { caseNumber: string; ms: number }): void
    log?(line: string): void
  }) => Promise<unknown>
  const mod = (await import(pathToFileURL(simulatorFile).href)) as { runSimulator?: RunSimulator }
  if (typeof mod.runSimulator !== 'function') {
    out('门户模拟程序没有导出 runSimulator，未启动门户模拟')
  } else {
    out(`门户模拟：每分钟提交 ${ratePerMinute} 份申请，按 Ctrl+C 停止`)
    portalRun = mod
      .runSimulator({
        serverUrl,
        portalKey,
        count: 1_000_000,
        ratePerMinute,
        signal: portalAbort.signal,
        onSubmitted: (r) => out(`门户提交 ${r.caseNumber}（${r.ms} ms）`),
        log: (line) => out(`门户：${line}`)
      })
      .catch((e: unknown) => out(`门户模拟出错：${e instanceof Error ? e.message : String(e)}`))
  }
}
out('按 Ctrl+C 退出')

/** Gives a step a few seconds; a stuck one does not keep the process from exiting. */
const bounded = (p: Promise<unknown>, ms = 5_000): Promise<unknown> =>
  Promise.race([p.catch((e: unknown) => console.error(e)), new Promise((r) => setTimeout(r, ms).unref())])

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  out('正在退出…（未上传的桌面操作保留在各自的本机库中）')
  portalAbort.abort()
  await bounded(portalRun)
  for (const d of desks) {
    await bounded(d.services.sync?.stop() ?? Promise.resolve())
    await bounded(d.bridge.close(), 2_000)
    d.services.store.close()
  }
  await bounded(app.close())
  await bounded(db.close())
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
