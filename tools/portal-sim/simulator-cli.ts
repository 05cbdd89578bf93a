// The portal simulator from the command line:
//   npm run portal:sim -- --server http://127.0.0.1:8787 --key <portal key> --count 20 --rate 30 [--seed 1]
//   --key defaults to env CASEDESK_PORTAL_KEY; --follow-ups <0..1> (default 0.1); --today YYYY-MM-DD.
// Submits the default mix of case types (simulator.ts). Prints each submission (case number, ms), failures
// with their error code, and a summary. Ctrl-C stops
// and still prints the summary. Exit code 1 when any submission failed.
import { parseArgs } from 'node:util'
import { caseTypeDef } from '../../src/shared/domain/case-types'
import { runSimulator } from './simulator'

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: 'http://127.0.0.1:8787' },
    key: { type: 'string' },
    count: { type: 'string', default: '20' },
    rate: { type: 'string', default: '30' },
    seed: { type: 'string' },
    'follow-ups': { type: 'string' },
    today: { type: 'string' }
  }
})

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

const portalKey = values.key ?? process.env.CASEDESK_PORTAL_KEY ?? fail('缺少门户密钥：--key <key> 或环境变量 CASEDESK_PORTAL_KEY')
const count = Number(values.count)
const ratePerMinute = Number(values.rate)
if (!Number.isInteger(count) || count < 0) fail(`--count 应为非负整数：${values.count}`)
if (!(ratePerMinute > 0)) fail(`--rate 应为正数（每分钟提交数）：${values.rate}`)
const seed = values.seed === undefined ? undefined : Number(values.seed)
if (seed !== undefined && !Number.isInteger(seed)) fail(`--seed 应为整数：${values.seed}`)
const followUpRate = values['follow-ups'] === undefined ? undefined : Number(values['follow-ups'])

const controller = new AbortController()
process.on('SIGINT', () => controller.abort())

const out = (line: string): void => void process.stdout.write(`${line}\n`)
out(`门户模拟：${count} 份申请，每分钟 ${ratePerMinute} 份 → ${values.server}${seed === undefined ? '' : `（seed ${seed}）`}`)
let n = 0
const started = performance.now()
const result = await runSimulator({
  serverUrl: values.server,
  portalKey,
  count,
  ratePerMinute,
  seed,
  followUpRate,
  today: values.today,
  signal: controller.signal,
  onSubmitted: (r) => out(`${String(++n).padStart(4)}  ${r.caseNumber}  ${String(r.ms).padStart(5)} ms  ${r.caseId}`),
  log: (line) => out(`      ${line}`)
})
const seconds = ((performance.now() - started) / 1000).toFixed(1)
const errors = Object.entries(result.errors).map(([code, k]) => `${code}×${k}`).join(' ')
const types = Object.entries(result.byType).map(([type, k]) => `${caseTypeDef(type)?.label ?? type} ${k}`).join('，')
out(
  `完成：提交 ${result.submitted}，失败 ${result.failed}，修改 ${result.modified}，撤回 ${result.cancelled}，补充材料 ${result.supplemented}，重试 ${result.retries}（其中应答丢失后按幂等键重放 ${result.replayed}）；` +
    `耗时 p50 ${result.latencyMs.p50} ms，p95 ${result.latencyMs.p95} ms；用时 ${seconds} s${types ? `；按类型 ${types}` : ''}${errors ? `；错误 ${errors}` : ''}`
)
process.exit(result.failed > 0 ? 1 : 0)
