import type Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueQuery, type QueueQuery } from '../../../shared/api/contract'
import type { StaffSession } from '../../../shared/api/types'
import { WorkingCalendar } from '../../../shared/domain/calendar'
import { idCheckChar } from '../../../shared/domain/identity'
import type { Store } from '../store'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { listQueue } from './queue'
import { FEW_CANDIDATES } from './search'

/**
 * The queue's query plans on a store whose planner statistics are those of a 1,000,000-case store (the demo
 * generator's ANALYZE): every page shape reads its page from the intended index in order (no scan of the table,
 * no temporary sort, no bloom filter), counts read the count index or a search's postings, and searches go through
 * the search indexes. Not timed: a plan that walks the table shows here whatever the machine.
 */

// sqlite_stat1 of a 1M-case demo store (ANALYZE after the demo generator; figures of 100k ×10).
const STAT1: [string, string, string][] = [
  ['cases', 'cases_queue_deadline', '1000000 37037 1 1 1 1 1'],
  ['cases', 'cases_queue_assignee', '1000000 200000 12830 1 1 1 1'],
  ['cases', 'cases_queue_state_submitted', '1000000 19231 1 1 1 1 1'],
  ['cases', 'cases_queue_count', '1000000 111112 19240 13700 2840 1'],
  ['cases', 'cases_applicant', '1000000 1'],
  ['cases', 'cases_case_number_unique', '1000000 1'],
  ['cases', 'sqlite_autoindex_cases_1', '1000000 1'],
  ['applicants', 'applicants_id_number', '974160 974160 1'],
  ['case_name_grams', 'case_name_grams', '4384180 630 1'],
  ['issued_documents', 'issued_documents_number_unique', '200000 1'],
  ['issued_documents', 'issued_documents_case', '200000 1'],
  ['staff', 'staff_username_unique', '50 1']
]

interface Run {
  sql: string
  params: unknown[]
}

/** The store with every statement listQueue runs recorded (SQL and parameters). */
function traced(store: Store, runs: Run[]): Store {
  const wrap = (stmt: Database.Statement, sql: string): Database.Statement =>
    new Proxy(stmt, {
      get(target, key) {
        if (key === 'all' || key === 'get' || key === 'run' || key === 'iterate') {
          return (...params: unknown[]) => {
            runs.push({ sql, params })
            return (target[key] as (...a: unknown[]) => unknown).apply(target, params)
          }
        }
        if (key === 'pluck' || key === 'raw' || key === 'expand') {
          return (...a: unknown[]) => {
            ;(target[key] as (...x: unknown[]) => unknown).apply(target, a)
            return wrap(target, sql)
          }
        }
        const v = Reflect.get(target, key) as unknown
        return typeof v === 'function' ? v.bind(target) : v
      }
    })
  const sqlite = new Proxy(store.sqlite, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql)
      const v = Reflect.get(target, key) as unknown
      return typeof v === 'function' ? v.bind(target) : v
    }
  })
  return { ...store, sqlite }
}

let store: ReturnType<typeof tempStore>
let clerk: StaffSession
const calendar = new WorkingCalendar()
const TODAY = '2025-10-09'
const VALID_ID = '11010819990101999' + idCheckChar('11010819990101999')

beforeAll(() => {
  store = tempStore()
  clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
  store.sqlite.transaction(() => {
    // More cases named 王… than a search sorts whole, so the common-surname search walks the queue index.
    const first = addCase(store, { name: '王磊' })
    const insert = store.sqlite.prepare(
      `INSERT INTO cases (id, case_number, type, subtype, state, applicant_id, search_text, form, assignee_id, submitted_at, deadline_on)
       SELECT ?, ?, type, subtype, state, applicant_id, replace(search_text, case_number, ?), form, ?, submitted_at, ? FROM cases WHERE id = ?`
    )
    for (let i = 1; i < FEW_CANDIDATES + 50; i++) {
      const caseNumber = `CD20251002${String(i).padStart(6, '0')}`
      insert.run(`bulk-${i}`, caseNumber, caseNumber, i % 5 ? null : clerk.id, i % 7 ? `2025-${i % 3 ? '10' : '09'}-${String(10 + (i % 20)).padStart(2, '0')}` : null, first)
    }
    const ouyang = addCase(store, { name: '欧阳娜娜', deadlineOn: '2025-10-13' })
    store.sqlite.prepare('UPDATE applicants SET id_number = ? WHERE id = (SELECT applicant_id FROM cases WHERE id = ?)').run(VALID_ID, ouyang)
  })()
  for (const [tbl, idx, stat] of STAT1) store.sqlite.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)').run(tbl, idx, stat)
  store.sqlite.exec('ANALYZE sqlite_schema') // reloads the statistics
})
afterAll(() => store.dispose())

/** Each statement listQueue ran for the query, with its EXPLAIN QUERY PLAN lines. */
function plans(q: QueueQuery): { sql: string; plan: string[] }[] {
  const runs: Run[] = []
  listQueue(traced(store, runs), calendar, TODAY, clerk, queueQuery.parse(q))
  return runs.map((r) => ({
    sql: r.sql,
    plan: (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...r.params) as { detail: string }[]).map((p) => p.detail)
  }))
}

const tableAccess = (plan: string[]) => plan.filter((l) => /^(SCAN|SEARCH) (?!\(subquery)/.test(l))
const isPage = (sql: string) => /INDEXED BY cases_queue_(deadline|assignee|state_submitted)/.test(sql) && /LIMIT \? OFFSET \?/.test(sql)
const isCount = (sql: string) => sql.startsWith('SELECT count(*)')

/** Nothing reads the case table row by row or sorts the page; cases are read from an index or by rowid. */
function expectNoTableWalk(all: { sql: string; plan: string[] }[]) {
  for (const { sql, plan } of all) {
    for (const line of plan) {
      expect(line, sql).not.toMatch(/^SCAN (c|cases|a|applicants)$/)
      expect(line, sql).not.toMatch(/BLOOM FILTER/)
      expect(line, sql).not.toMatch(/AUTOMATIC/)
    }
  }
}

const PAGES: [string, QueueQuery, string][] = [
  ['default (open states, by deadline)', {}, 'cases_queue_deadline'],
  ['unassigned, overdue', { assignee: 'unassigned', due: 'overdue' }, 'cases_queue_assignee'],
  ['mine, due within 3 working days', { assignee: 'mine', due: 'within3' }, 'cases_queue_assignee'],
  ['mine, by deadline', { assignee: 'mine' }, 'cases_queue_assignee'],
  ['by submission asc', { sort: 'submittedAt' }, 'cases_queue_state_submitted'],
  ['by submission desc', { sort: 'submittedAt', order: 'desc' }, 'cases_queue_state_submitted'],
  ['deadline desc', { order: 'desc' }, 'cases_queue_deadline'],
  ['page 200', { page: 200 }, 'cases_queue_deadline'],
  ['page 30 (beyond the first 1,000)', { page: 30 }, 'cases_queue_deadline'],
  ['page size 200', { pageSize: 200 }, 'cases_queue_deadline'],
  ['all states by submission desc', { states: ['submitted', 'returned', 'deposited', 'cancelled'], sort: 'submittedAt', order: 'desc' }, 'cases_queue_state_submitted'],
  ['one case type', { types: ['archive_intake'] }, 'cases_queue_deadline'],
  ['one case type, due today', { types: ['archive_deposit'], due: 'today' }, 'cases_queue_deadline'],
  ['common surname (walks the index)', { search: '王' }, 'cases_queue_deadline'],
  ['a digit (walks the index)', { search: '7' }, 'cases_queue_deadline']
]

describe('queue query plans at 1M-case statistics', () => {
  it.each(PAGES)('%s: the page in index order, a capped count from an index', (_name, q, index) => {
    const all = plans(q)
    expectNoTableWalk(all)
    const page = all.filter((s) => isPage(s.sql))
    expect(page).toHaveLength(1)
    const access = tableAccess(page[0].plan)
    expect(access.length).toBeGreaterThan(0)
    // The page from the index; its rows (the same statement) by rowid, applicant and assignee by key.
    for (const line of access) {
      expect(line).toMatch(new RegExp(`^((SCAN|SEARCH) c USING COVERING INDEX ${index}\\b.*|SEARCH (c|a|s) USING INTEGER PRIMARY KEY \\(rowid=\\?\\)( LEFT-JOIN)?|SCAN p)$`))
    }
    expect(access.some((l) => l.includes(index))).toBe(true)
    expect(page[0].plan.join('\n')).not.toMatch(/TEMP B-TREE/)
    const count = all.filter((s) => isCount(s.sql))
    expect(count.length).toBeLessThanOrEqual(1) // none on a page beyond the first 1,000 cases: it reads one case more instead
    for (const line of tableAccess(count[0]?.plan ?? [])) expect(line).toMatch(/^SEARCH (c USING COVERING INDEX cases_queue_count|case_name_grams USING PRIMARY KEY \(gram=\?\)|c USING INTEGER PRIMARY KEY \(rowid=\?\))/)
    // The rows of the page: by rowid, with applicant and assignee by key.
    const rows = all.filter((s) => s.sql.includes('FROM json_each(?) j) p CROSS JOIN cases c') && s.sql.includes('applicants'))
    expect(rows.length).toBeLessThanOrEqual(1) // none for an empty page
    for (const r of rows) {
      expect(tableAccess(r.plan).filter((l) => !l.startsWith('SCAN j'))).toEqual([
        'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
        'SEARCH a USING INTEGER PRIMARY KEY (rowid=?)',
        'SEARCH s USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN'
      ])
    }
  })

  const SEARCHES: [string, string, RegExp][] = [
    ['a rare name character', '欧', /^SEARCH case_name_grams USING PRIMARY KEY \(gram=\?\)/],
    ['a two-character given name', '娜娜', /^SEARCH case_name_grams USING PRIMARY KEY \(gram=\?\)/],
    ['an ID number fragment', '1101081999', /^SCAN cases_search VIRTUAL TABLE INDEX/],
    ['a mobile fragment', '13412344', /^SCAN cases_search VIRTUAL TABLE INDEX/],
    ['a whole resident ID number', VALID_ID, /^SEARCH a USING COVERING INDEX applicants_id_number \(id_type=\? AND id_number=\?\)/],
    ['a whole case number', 'CD20251001000001', /^SEARCH c USING COVERING INDEX cases_case_number_unique \(case_number=\?\)/],
    ['the beginning of a case number', 'CD2025100100', /^SEARCH c USING COVERING INDEX cases_case_number_unique \(case_number>\? AND case_number<\?\)/],
    ['a letter number', '留档调字〔2026〕第000123号', /^SEARCH d USING (COVERING )?INDEX issued_documents_number_unique \(number>\? AND number<\?\)/]
  ]
  it.each(SEARCHES)('search for %s: candidates from its index, checked by rowid', (_name, search, source) => {
    const all = plans({ search })
    expectNoTableWalk(all)
    // The intended index is a source of the candidates (a 3+ character term also probes its trigrams first).
    expect(all.flatMap((r) => tableAccess(r.plan)).some((line) => source.test(line))).toBe(true)
    for (const { plan } of all) for (const line of tableAccess(plan)) expect(line).not.toMatch(/^SCAN c\b/)
  })

  it('finds what the plans promise', () => {
    const list = (q: QueueQuery) => listQueue(store, calendar, TODAY, clerk, queueQuery.parse(q))
    expect(list({ search: '王' })).toMatchObject({ total: 200, totalCapped: true }) // a common term: counted through its postings up to 200
    expect(list({ search: '欧阳' }).rows.map((r) => r.applicantName)).toEqual(['欧***'])
    expect(list({ search: '娜娜' }).total).toBe(1)
    expect(list({ search: VALID_ID.toLowerCase() }).rows.map((r) => r.applicantName)).toEqual(['欧***'])
    expect(list({ search: 'CD2025100200' })).toMatchObject({ total: 200, totalCapped: true })
    expect(list({}).totalCapped).toBe(true)
    expect(list({ page: 30 })).toMatchObject({ total: 1500, totalCapped: true }) // beyond the first 1,000: at least this far
    expect(list({ page: 42 })).toMatchObject({ total: FEW_CANDIDATES + 51, totalCapped: false }) // the last page
  })
})
