// `npm run server`: the exchange service on PGlite in `.data/server` (or PostgreSQL via DATABASE_URL).
//   --data <folder>   PGlite data folder (default .data/server)
//   --port <n>        TCP port (default 8787); --host <addr> (default 127.0.0.1)
//   env CASEDESK_PORTAL_KEY  the applicant portal's API key (a random one is printed when unset)
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { buildApp } from './app'
import { seedDemoStaff } from './auth/seed'
import { openServerDb } from './db'
import { seedDemoProgrammes } from './programmes'

const { values } = parseArgs({
  options: { data: { type: 'string', default: '.data/server' }, port: { type: 'string', default: '8787' }, host: { type: 'string', default: '127.0.0.1' } }
})

const url = process.env.DATABASE_URL
const dataDir = resolve(values.data)
if (!url) mkdirSync(dataDir, { recursive: true })
const db = await openServerDb(url ? { url } : { dataDir })
await seedDemoStaff(db.db)
await seedDemoProgrammes(db.db)
const portalKey = process.env.CASEDESK_PORTAL_KEY || randomBytes(24).toString('base64url')
const app = buildApp({ db, portalKey, logger: true })
const address = await app.listen({ port: Number(values.port), host: values.host })

process.stdout.write(
  `CaseDesk 交换服务已启动：${address}\n` +
    `数据库：${url ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${dataDir}`}\n` +
    `演示账号 clerk1 / clerk2 / reviewer1 / super1 / admin，密码 demo1234\n` +
    (process.env.CASEDESK_PORTAL_KEY ? '' : `门户密钥（x-portal-key，本次随机生成）：${portalKey}\n`)
)

const stop = async () => {
  await app.close()
  await db.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
