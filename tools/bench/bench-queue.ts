/**
 * Queue query benchmark: `npm run bench -- [--cases 100000]`.
 * Times the work-queue queries a clerk runs all day on a demo store of N cases and prints each as a
 * ratio to a baseline measured in the same run (reading one page of rows by primary key), so the
 * numbers mean something on a shared, noisy machine. Also times the transfer-notice PDF.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { queueQuery, type QueueQuery } from '../../src/shared/api/contract'
import { loadCalendar } from '../../src/main/core/calendar/load'
import { listQueue } from '../../src/main/core/cases/queue'
import { generateDemo } from '../demo/generate'
import { seedStaff } from '../demo/staff'
import { renderTransferNotice } from '../../src/main/core/documents/transfer-notice'
import { openStore } from '../../src/main/core/store'
import { DEFAULT_OFFICE } from '../../src/shared/domain/office'

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
const calendar = loadCalendar(store)
const staff = { id: (store.sqlite.prepare("SELECT id FROM staff WHERE username = 'clerk1'").get() as { id: number }).id, role: 'clerk' as const, scopes: null }

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

const pageByKey = store.sqlite.prepare('SELECT * FROM cases WHERE id > ? ORDER BY id LIMIT 50')
const baseline = time(() => pageByKey.all(''))
const queries: [string, QueueQuery][] = [
  ['default queue (open states, by deadline)', {}],
  ['unassigned, overdue', { assignee: 'unassigned', due: 'overdue' }],
  ['mine, due within 3 working days', { assignee: 'mine', due: 'within3' }],
  ['search by name fragment', { search: '王' }],
  ['search by ID number fragment', { search: '1101081999' }],
  ['page 200 of the default queue', { page: 200 }],
  ['all states, by submission time desc', { states: ['submitted', 'returned', 'not_accepted', 'cancelled', 'awaiting_archive', 'archive_review', 'supplements_needed', 'deposited'], sort: 'submittedAt', order: 'desc' }]
]
console.log(`\nqueue at ${n} cases (median of 30; baseline = one 50-row page by primary key: ${baseline.toFixed(3)} ms)`)
for (const [label, q] of queries) {
  const parsed = queueQuery.parse(q)
  const ms = time(() => listQueue(store, calendar, today, staff, parsed))
  console.log(`${label.padEnd(45)} ${ms.toFixed(2).padStart(8)} ms  ×${(ms / baseline).toFixed(1)}`)
}

const letter = () =>
  renderTransferNotice({
    office: DEFAULT_OFFICE,
    number: '留档调字〔2026〕第000123号',
    verificationCode: 'AB12-CD34',
    issuedOn: today,
    custodian: '北京市海淀区人才服务中心',
    applicant: { name: '刘洋', sex: 'male', idNumber: '11010519491231002X', birthDate: '1949-12-31' },
    caseNumber: 'CD20261123000001',
    subtypeLabel: '出国存档'
  }, { kind: 'draft' })
const rawPdf = time(() => pageByKey.all(''), 10)
const pdfMs = time(letter, 20)
console.log(`\ntransfer notice PDF: ${pdfMs.toFixed(1)} ms per letter (×${(pdfMs / rawPdf).toFixed(0)} the page-read baseline)`)
store.close()
