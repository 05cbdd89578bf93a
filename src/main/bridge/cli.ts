import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startDeskHost } from '../host/desk-host'
import { startBridge } from './server'

/**
 * `npm run web`: the desk's UI in a browser through the loopback bridge (no Electron needed).
 * `--server <url>` (or env CASEDESK_SERVER) syncs with that exchange service; absent = standalone.
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: '.data/casedesk-web.db' },
    demo: { type: 'boolean', default: false },
    'demo-cases': { type: 'string', default: '400' },
    port: { type: 'string', default: '0' },
    static: { type: 'string', default: 'out/renderer' },
    server: { type: 'string' }
  }
})

const serverUrl = (values.server ?? process.env.CASEDESK_SERVER ?? '').trim() || undefined
const dbFile = resolve(values.db)
mkdirSync(dirname(dbFile), { recursive: true })
// The desk's core runs in a worker thread (host/desk-host.ts), as in the desktop app. Its store is served at once and
// checked in another worker; a damaged one starts (or switches to) recovery mode (the page offers export and restore).
// The demo generator (tools/demo) is loaded there only with --demo; it adds nothing to a store with data.
const desk = startDeskHost({ dbFile, serverUrl, demo: values.demo, demoCases: Number(values['demo-cases']) })
const status = await desk.status().catch(async (e: unknown) => {
  // A store that cannot be opened at all (a damaged one starts recovery mode instead).
  process.stderr.write(`无法打开本机案件库 ${dbFile}：${e instanceof Error ? e.message : String(e)}\n`)
  await desk.close(2_000)
  process.exit(1)
})
const bridge = await startBridge({
  handler: desk.handler,
  staticDir: resolve(values.static),
  port: Number(values.port),
  events: { 'sync.changed': desk.subscribe }
})
desk.start()
process.stdout.write(`CaseDesk 浏览器版已启动（仅本机可访问），请在浏览器打开：\n${bridge.url}\n`)
if (status.demo === 'loaded' && status.synced) process.stderr.write('已连接交换服务：业务数据来自交换服务，忽略 --demo\n')
else if (status.demoCases) process.stderr.write(`已生成演示数据：${status.demoCases} 件业务\n`)
if (status.mode === 'normal') {
  const { mode, serverUrl: connectedTo } = status.setup ?? { mode: 'unset', serverUrl: null }
  process.stdout.write(`数据库：${dbFile}；${connectedTo ? `交换服务：${connectedTo}` : mode === 'unset' ? '首次启动：请在页面上选择连接交换服务或单机使用' : '单机模式（未连接交换服务）'}\n`)
  process.stdout.write(`${status.demo === 'loaded' && !status.synced ? '演示账号（仅演示模式）见 README；' : ''}按 Ctrl+C 退出\n`)
} else if (status.mode === 'upgrading') {
  process.stdout.write(`数据库：${dbFile} 正在升级（本程序更新后的首次启动），完成后页面自动进入。按 Ctrl+C 退出\n`)
} else {
  process.stdout.write(`数据库：${dbFile} 已损坏，已进入恢复模式：请在页面上导出未发送的操作并从备份恢复。按 Ctrl+C 退出\n`)
}
// Damage the background check finds after the start switches the desk to recovery mode (the page follows).
// (An answer lost to a restart of the core's worker or to Ctrl+C is only not reported.)
desk
  .upgraded()
  .then((s) => {
    if (s.damage?.kind === 'upgrade_failed') process.stdout.write(`数据库：${dbFile} 升级未能完成（库保持原样），已进入恢复模式：${s.damage.problems[0] ?? ''}\n`)
  })
  .catch(() => {})
desk
  .checked()
  .then((s) => {
    if (status.mode === 'normal' && s.damage) process.stdout.write(`数据库：${dbFile} 未通过完整性检查，已进入恢复模式：请在页面上导出未发送的操作并从备份恢复。\n`)
  })
  .catch(() => {})

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  // A sync round in flight gets a few seconds; the outbox keeps whatever was not pushed.
  void bridge
    .close()
    .then(() => desk.close(5_000))
    .then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
