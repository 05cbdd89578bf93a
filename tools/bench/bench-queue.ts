/**
 * Issue 13's benchmark: `npm run bench -- [--cases 100000 | --db FILE] [--rounds 40] [--letters 1000]
 * [--pull-cases 100000] [--push 2000] [--start] [--json]` — the queue (below), then in the same run the letter batch
 * (bench-letters.ts), the first pull of a fresh desk (bench-pull.ts), push (bench-push.ts) and, with `--start`, start
 * to first queue page (bench-start.ts); 0 skips one. The longest event-loop stall of each is in the JSON (`loopDelay`).
 *
 * The queue part:
 * Times every work-queue shape a clerk runs all day (p50 and p95 of `--rounds`), each as a ratio to a baseline
 * measured in the same run (one 50-row page read by primary key) and, for the page shapes, to a raw indexed read
 * of the same rows (one statement reading the page's case rows whole, as the baseline does, through the same index:
 * what `listQueue` adds is the capped count, the applicant and assignee, and the rows' deadlines). Also the main thread's longest
 * event-loop stall over a queue session (every shape a few times, each its own task). With `--json` the last line
 * is one JSON object (`QueueBenchReport`, extended by the other benches' figures).
 * Without `--db` the store is `.data/bench-N-TODAY.db`, generated when missing (demo generator, ANALYZE at the end).
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { queueQuery, type QueueQuery } from '../../src/shared/api/contract'
import { loadCalendar } from '../../src/main/core/calendar/load'
import { listQueue, pageSql, queueFilter } from '../../src/main/core/cases/queue'
import { openStore, type Store } from '../../src/main/core/store'
import { caseTypesOf } from '../../src/shared/domain/staff'
import { generateDemo } from '../demo/generate'
import { seedStaff } from '../demo/staff'
import { sharedLetterPool } from '../../src/main/core/documents/letter-pool'
import { benchLetters } from './bench-letters'
import { benchPull } from './bench-pull'
import { benchPush } from './bench-push'
import { benchStart } from './bench-start'
import { withLoopDelay, type LoopDelay } from './event-loop'

export interface QueueFigure {
  name: string
  p50: number
  p95: number
  /** p95 ÷ the primary-key page baseline. */
  ratio: number
  /** Page shapes: the raw indexed read's p50 and p95, and p95 ÷ its p95. */
  rawP50?: number
  rawP95?: number
  rawRatio?: number
  total?: string
}

export interface QueueBenchReport {
  cases: number
  store: string
  rounds: number
  baselineMs: number
  queries: QueueFigure[]
  /** The main thread's event loop over a queue session (every shape 3 times, each its own task). */
  queueSessionLoop: LoopDelay
  [more: string]: unknown
}

function sample(fn: () => unknown, rounds: number): { p50: number; p95: number } {
  for (let i = 0; i < 3; i++) fn()
  const s: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    fn()
    s.push(performance.now() - t)
  }
  s.sort((a, b) => a - b)
  return { p50: s[Math.floor((s.length - 1) / 2)], p95: s[Math.ceil(s.length * 0.95) - 1] }
}

/** Two pieces of work timed in alternation (p50 and p95 of each). */
function samplePair(a: () => unknown, b: () => unknown, rounds: number): [{ p50: number; p95: number }, { p50: number; p95: number }] {
  for (let i = 0; i < 3; i++) {
    a()
    b()
  }
  const sa: number[] = []
  const sb: number[] = []
  for (let i = 0; i < rounds; i++) {
    let t = performance.now()
    a()
    sa.push(performance.now() - t)
    t = performance.now()
    b()
    sb.push(performance.now() - t)
  }
  const pct = (s: number[]) => {
    s.sort((x, y) => x - y)
    return { p50: s[Math.floor((s.length - 1) / 2)], p95: s[Math.ceil(s.length * 0.95) - 1] }
  }
  return [pct(sa), pct(sb)]
}

/** Every work-queue page shape a clerk runs all day (the queue session of this bench and of bench-host.ts). */
export function queueShapes(staff: { id: number; role: 'clerk'; scopes: null }): [string, QueueQuery][] {
  const allStates = ['submitted', 'returned', 'not_accepted', 'cancelled', 'awaiting_archive', 'archive_review', 'supplements_needed', 'deposited']
  return [
    ['default queue (open states, by deadline)', {}],
    ['unassigned, overdue', { assignee: 'unassigned', due: 'overdue' }],
    ['mine, due within 3 working days', { assignee: 'mine', due: 'within3' }],
    ['mine (by deadline)', { assignee: 'mine' }],
    ['by submission asc', { sort: 'submittedAt' }],
    ['by submission desc', { sort: 'submittedAt', order: 'desc' }],
    ['deadline desc', { order: 'desc' }],
    ['page 200 of the default queue', { page: 200 }],
    ['page size 200', { pageSize: 200 }],
    ['all states, by submission time desc', { states: allStates, sort: 'submittedAt', order: 'desc' }],
    ...caseTypesOf(staff).map((t): [string, QueueQuery] => [`type ${t}`, { types: [t] }])
  ]
}

/** Search terms taken from the store itself (a case in the middle), so every bench store has matches. */
export function searchTerms(store: Store): [string, string][] {
  const sql = store.sqlite
  const n = (sql.prepare('SELECT max(rowid) AS n FROM cases').get() as { n: number }).n
  const c = sql
    .prepare(
      "SELECT c.case_number, a.name, a.id_number, a.mobile FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.rowid >= ? AND c.type = 'archive_deposit' AND c.state = 'submitted' LIMIT 1"
    )
    .get(Math.floor(n / 2)) as { case_number: string; name: string; id_number: string; mobile: string }
  const rare = sql.prepare('SELECT gram FROM case_name_grams WHERE length(gram) = 1 GROUP BY gram HAVING count(*) BETWEEN 2 AND 50 LIMIT 1').pluck().get() as string | undefined
  const letter = sql.prepare("SELECT number FROM issued_documents WHERE case_id IS NOT NULL LIMIT 1").pluck().get() as string | undefined
  return [
    ['search: common surname 王 (1 char)', '王'],
    [`search: rare name character ${rare ?? '龑'} (1 char)`, rare ?? '龑'],
    [`search: given name ${[...c.name].slice(1).join('')}`, [...c.name].slice(1).join('')],
    [`search: full name ${c.name}`, c.name],
    ['search: ID number fragment (10 digits)', c.id_number.slice(4, 14)],
    ['search: ID number last 6', c.id_number.slice(-6)],
    ['search: full ID number', c.id_number],
    ['search: mobile fragment (8 digits)', c.mobile.slice(3)],
    ['search: mobile last 4', c.mobile.slice(-4)],
    ['search: case number', c.case_number],
    ['search: case number fragment', c.case_number.slice(0, 10)],
    ...(letter ? ([['search: letter number', letter]] as [string, string][]) : []),
    ['search: ID fragment 1101081999', '1101081999']
  ]
}

export async function benchQueue(store: Store, opts: { rounds: number; today: string; log?: (line: string) => void }): Promise<QueueBenchReport> {
  const log = opts.log ?? (() => {})
  const { today, rounds } = opts
  const calendar = loadCalendar(store)
  const staffRow = store.sqlite.prepare("SELECT id FROM staff WHERE username = 'clerk1'").get() as { id: number }
  const staff = { id: staffRow.id, role: 'clerk' as const, scopes: null }
  const cases = (store.sqlite.prepare('SELECT max(rowid) AS n FROM cases').get() as { n: number }).n
  const pageByKey = store.sqlite.prepare('SELECT * FROM cases WHERE id > ? ORDER BY id LIMIT 50')
  const baseline = sample(() => pageByKey.all(''), rounds * 2).p50
  const pages = queueShapes(staff)
  const queries: QueueFigure[] = []
  const run = (q: ReturnType<typeof queueQuery.parse>) => listQueue(store, calendar, today, staff, q)
  const fmt = (p: { total: number; totalCapped: boolean }) => `${p.total}${p.totalCapped ? '+' : ''}`
  log(`\nqueue at ${cases} cases (p50/p95 of ${rounds}; baseline = one 50-row page by primary key: ${baseline.toFixed(3)} ms)`)
  log(`${'shape'.padEnd(48)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'×base'.padStart(7)} ${'raw p50'.padStart(8)} ${'raw p95'.padStart(8)} ${'×raw'.padStart(6)}  total`)
  for (const [name, input] of pages) {
    const q = queueQuery.parse(input)
    // The raw read: the page's case rows, whole (as the baseline reads them), through the same index in one statement.
    const page = pageSql(q, queueFilter(calendar, today, staff, q)!, q.pageSize, (q.page - 1) * q.pageSize)
    const raw = store.sqlite.prepare(`SELECT c.* FROM (${page.sql}) p CROSS JOIN cases c ON c.rowid = p.rid`)
    // Interleaved, so that both see the same moments of a shared machine.
    const [t, r] = samplePair(() => run(q), () => raw.all(...page.params), rounds)
    const f: QueueFigure = { name, p50: t.p50, p95: t.p95, ratio: t.p95 / baseline, rawP50: r.p50, rawP95: r.p95, rawRatio: t.p95 / r.p95, total: fmt(run(q)) }
    queries.push(f)
    log(`${name.padEnd(48)} ${t.p50.toFixed(2).padStart(8)} ${t.p95.toFixed(2).padStart(8)} ${('×' + f.ratio.toFixed(1)).padStart(7)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${('×' + f.rawRatio!.toFixed(2)).padStart(6)}  ${f.total}`)
  }
  const searches = searchTerms(store)
  for (const [name, search] of searches) {
    const q = queueQuery.parse({ search })
    const t = sample(() => run(q), rounds)
    const f: QueueFigure = { name, p50: t.p50, p95: t.p95, ratio: t.p95 / baseline, total: fmt(run(q)) }
    queries.push(f)
    log(`${name.padEnd(48)} ${t.p50.toFixed(2).padStart(8)} ${t.p95.toFixed(2).padStart(8)} ${('×' + f.ratio.toFixed(1)).padStart(7)} ${''.padStart(8)} ${''.padStart(8)} ${''.padStart(6)}  ${f.total}`)
  }
  // A queue session: every shape three times, each query its own task (as the window's requests arrive).
  const all = [...pages.map(([, q]) => q), ...searches.map(([, search]) => ({ search }))].map((q) => queueQuery.parse(q))
  const { delay } = await withLoopDelay(async () => {
    for (let i = 0; i < 3; i++) {
      for (const q of all) {
        run(q)
        await new Promise((r) => setImmediate(r))
      }
    }
  })
  log(`queue session event loop: max ${delay.maxMs.toFixed(1)} ms, p99 ${delay.p99Ms.toFixed(1)} ms`)
  return { cases, store: '', rounds, baselineMs: baseline, queries, queueSessionLoop: delay }
}

async function main() {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '100000' },
      db: { type: 'string' },
      today: { type: 'string', default: '2026-11-23' },
      rounds: { type: 'string', default: '40' },
      // The other figures of issue 13, each in this run (0 / false: skipped).
      letters: { type: 'string', default: '1000' },
      'pull-cases': { type: 'string', default: '100000' },
      push: { type: 'string', default: '2000' },
      start: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false }
    }
  })
  const today = values.today
  let file = values.db
  if (!file) {
    const n = Number(values.cases)
    mkdirSync('.data', { recursive: true })
    file = join('.data', `bench-${n}-${today}.db`)
    if (!existsSync(file)) {
      const store = openStore(file)
      const t0 = performance.now()
      seedStaff(store)
      generateDemo(store, { cases: n, seed: 7, today })
      console.log(`generated ${n} demo cases in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}`)
      store.close()
    }
  } else if (!existsSync(file)) throw new Error(`no such store: ${file}`)
  const t0 = performance.now()
  const store = openStore(file)
  const openMs = performance.now() - t0
  console.log(`opened ${file} in ${(openMs / 1000).toFixed(1)} s (migrations included)`)
  const report = await benchQueue(store, { rounds: Number(values.rounds), today, log: (l) => console.log(l) })
  report.store = file
  report.openMs = openMs
  store.close()
  const log = (l: string) => console.log(l)
  const all: Record<string, unknown> = { ...report }
  const loops: Record<string, LoopDelay> = { queueSession: report.queueSessionLoop }
  if (values.start) {
    console.log('\nstart to first queue page (a copy of the store)')
    all.start = await benchStart({ db: file, rounds: 3, log })
  }
  if (Number(values.letters) > 0) {
    console.log('\nletters: sealed + signed in the pool')
    const letters = await benchLetters({ count: Number(values.letters), log })
    await sharedLetterPool().destroy()
    all.letters = letters
    all.lettersPerSecond = letters.lettersPerSecond
    loops.lettersBatch = letters.loopDelay
  }
  if (Number(values['pull-cases']) > 0) {
    console.log('\npull: a fresh desk of an office with this many cases')
    const pull = await benchPull({ cases: Number(values['pull-cases']), log })
    all.pull = pull
    all.applyRatio = pull.applyRatio
    loops.pull = pull.loopDelay
  }
  if (Number(values.push) > 0) {
    console.log('\npush: claims and decisions')
    all.push = await benchPush({ mutations: Number(values.push), log })
  }
  all.loopDelay = loops
  all.maxLoopDelayMs = Math.max(...Object.values(loops).map((d) => d.maxMs))
  console.log(`\nlongest event-loop stall: ${(all.maxLoopDelayMs as number).toFixed(1)} ms (${Object.entries(loops).map(([k, d]) => `${k} ${d.maxMs.toFixed(1)}`).join(', ')})`)
  // One JSON object, printed last.
  if (values.json) console.log(JSON.stringify(all))
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench-queue.ts')) await main()
