import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { isIsoDate } from '../../src/shared/domain/calendar'
import { officeToday, systemClock } from '../../src/main/core/clock'
import { openStore } from '../../src/main/core/store'
import { generateDemo } from './generate'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedStaff } from './staff'

/** `npm run demo:generate -- --db <file> --cases <n> [--seed 1] [--today YYYY-MM-DD]` */
const USAGE = '用法：npm run demo:generate -- --db <数据库文件> --cases <件数> [--seed 1] [--today 2026-11-23]\n'

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`)
  process.exit(2)
}

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    cases: { type: 'string' },
    seed: { type: 'string', default: '1' },
    today: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false }
  }
})
if (values.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}
if (!values.db) fail('缺少 --db')
const cases = Number(values.cases)
if (!Number.isInteger(cases) || cases < 1 || cases > 1_000_000) fail('--cases 应为 1 到 1000000 之间的整数')
const seed = Number(values.seed)
if (!Number.isInteger(seed)) fail('--seed 应为整数')
const today = values.today ?? officeToday(systemClock)
if (!isIsoDate(today)) fail('--today 应为 YYYY-MM-DD')

const dbFile = resolve(values.db)
mkdirSync(dirname(dbFile), { recursive: true })
const store = openStore(dbFile)
try {
  const started = performance.now()
  seedStaff(store)
  let lastPercent = -1
  const result = generateDemo(store, {
    cases,
    seed,
    today,
    onProgress(done, total) {
      const percent = Math.floor((done / total) * 100)
      if (percent === lastPercent) return
      lastPercent = percent
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      process.stderr.write(`生成中 ${String(percent).padStart(3)}%（${done}/${total}，${seconds} 秒）\n`)
    }
  })
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stdout.write(
    `已生成演示数据：${result.cases} 件业务，${result.applicants} 名申请人，${result.attachments} 个附件，用时 ${seconds} 秒\n` +
      `数据库：${dbFile}（办理日期 ${today}，随机种子 ${seed}）\n` +
      `演示账号（密码均为 ${DEMO_PASSWORD}）：${DEMO_ACCOUNTS.map((a) => `${a.username} ${a.displayName}`).join('，')}\n`
  )
} catch (e) {
  process.stderr.write(`生成失败：${e instanceof Error ? e.message : String(e)}\n`)
  process.exitCode = 1
} finally {
  store.close()
}
