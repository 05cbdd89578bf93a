import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createApiHandler, createServices } from '../core/api'
import { officeToday } from '../core/clock'
import { ensureDemoData } from '../core/demo/ensure'
import { startBridge } from './server'

/** `npm run web`: the desk's UI in a browser through the loopback bridge (no Electron needed). */
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: '.data/casedesk-web.db' },
    demo: { type: 'boolean', default: false },
    'demo-cases': { type: 'string', default: '400' },
    port: { type: 'string', default: '0' },
    static: { type: 'string', default: 'out/renderer' }
  }
})

const dbFile = resolve(values.db)
mkdirSync(dirname(dbFile), { recursive: true })
const services = createServices({ dbFile })
if (values.demo) {
  const made = ensureDemoData(services.store, { cases: Number(values['demo-cases']), today: officeToday(services.clock) })
  if (made) process.stderr.write(`已生成演示数据：${made.cases} 件业务\n`)
}
const bridge = await startBridge({ handler: createApiHandler(services), staticDir: resolve(values.static), port: Number(values.port) })
process.stdout.write(`CaseDesk 浏览器版已启动（仅本机可访问），请在浏览器打开：\n${bridge.url}\n`)
process.stdout.write(`数据库：${dbFile}；演示账号 clerk1 / demo1234；按 Ctrl+C 退出\n`)

const stop = () => {
  void bridge.close().then(() => {
    services.store.close()
    process.exit(0)
  })
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
