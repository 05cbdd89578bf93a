/**
 * Archive register benchmark: `npm run bench:archives -- [--cases 100000]` (tools/bench/bench-archives.ts).
 * Times 档案查询's searches on a demo store of N cases (one archive each; the same store `npm run bench`
 * makes and keeps in .data/) and prints each as a ratio to a baseline measured in the same run (reading one
 * archive and its holder by primary key), so the numbers mean something on a shared, noisy machine.
 * "Where is this archive" (an exact archive or ID number) must stay within a small multiple of the baseline
 * whatever N is; partial text scans the register once.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { contract } from '../../src/shared/api/contract'
import { getArchiveDetail } from '../../src/main/core/archives/detail'
import { searchArchives } from '../../src/main/core/archives/search'
import { generateDemo } from '../demo/generate'
import { seedStaff } from '../demo/staff'
import { openStore } from '../../src/main/core/store'

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, today: { type: 'string', default: '2026-11-23' } } })
const n = Number(values.cases)
const today = values.today
mkdirSync('.data', { recursive: true })
const file = join('.data', `bench-${n}-${today}.db`)
const fresh = !existsSync(file)
const store = openStore(file)
if (fresh) {
  const t0 = performance.now()
  seedStaff(store)
  generateDemo(store, { cases: n, seed: 7, today })
  console.log(`generated ${n} demo cases in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}`)
}
const sql = store.sqlite
const me = { id: 1, username: 'clerk1', displayName: '张敏', role: 'clerk' as const, scopes: null, mustChangePassword: false }

function time(fn: () => unknown, rounds = 30): number {
  for (let i = 0; i < 3; i++) fn()
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]
}

const total = (sql.prepare('SELECT count(*) AS n FROM archives').get() as { n: number }).n
const some = sql
  .prepare(
    `SELECT ar.id, ar.archive_number AS number, a.id_number AS idNumber, a.name FROM archives ar JOIN applicants a ON a.id = ar.applicant_id
     WHERE ar.archive_number IS NOT NULL ORDER BY ar.id LIMIT 1 OFFSET ?`
  )
  .get(Math.floor((sql.prepare('SELECT count(archive_number) AS n FROM archives').get() as { n: number }).n / 2)) as { id: number; number: string; idNumber: string; name: string }
const q = (over: Record<string, unknown>) => contract['archives.search'].input.parse(over)
const byPk = sql.prepare('SELECT * FROM archives ar JOIN applicants a ON a.id = ar.applicant_id WHERE ar.id = ?')
const baseline = time(() => byPk.get(some.id))

const cases: [string, () => unknown][] = [
  ['exact archive number (Enter opens it)', () => searchArchives(store, q({ query: some.number }))],
  ['exact ID number (Enter opens it)', () => searchArchives(store, q({ query: some.idNumber }))],
  ['the archive’s detail (record, custody, cases)', () => getArchiveDetail(sql, some.id, me)],
  ['first page, no filter', () => searchArchives(store, q({}))],
  ['status 在库, first page', () => searchArchives(store, q({ status: 'in_storage' }))],
  ['shelf prefix A-03', () => searchArchives(store, q({ shelf: 'A-03' }))],
  ['partial name (scan)', () => searchArchives(store, q({ query: some.name.slice(1) }))],
  ['partial number (scan)', () => searchArchives(store, q({ query: some.number.slice(3, 9) }))]
]
console.log(`${total} archives; baseline (one archive + holder by primary key): ${baseline.toFixed(3)} ms`)
for (const [label, fn] of cases) {
  const ms = time(fn, 15)
  console.log(`${label.padEnd(46)} ${ms.toFixed(2).padStart(8)} ms  ×${(ms / baseline).toFixed(0).padStart(6)} baseline`)
}
store.close()
