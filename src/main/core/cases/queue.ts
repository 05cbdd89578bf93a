import type Database from 'better-sqlite3'
import type { ParsedInput } from '../../../shared/api/contract'
import type { QueuePage, QueueRow } from '../../../shared/api/types'
import type { IsoDate, WorkingCalendar } from '../../../shared/domain/calendar'
import { CASE_TYPES } from '../../../shared/domain/case-types'
import { maskIdNumber, maskMobile, maskName } from '../../../shared/domain/masking'
import { type Access, caseTypesOf } from '../../../shared/domain/staff'
import { openStates } from '../../../shared/domain/workflow'
import type { Store } from '../store'
import { describeDeadline } from './deadline'
import { prep } from '../store/prepared'
import { keptCount } from './queue-count'
import { candidates, FEW_CANDIDATES, likeFragment, planSearch, type SearchPlan } from './search'

type QueueQuery = ParsedInput<'queue.list'>

interface Row {
  rid: number
  id: string
  case_number: string
  type: string
  subtype: string
  state: string
  submitted_at: string
  deadline_on: string | null
  clock_started_on: string | null
  clock_days: number | null
  version: number
  assignee_id: number | null
  assignee_name: string | null
  name: string
  id_number: string
  mobile: string
}

/**
 * Totals are exact up to 1,000, then shown as "1000+". A page beyond the first 1,000 cases is read with one case
 * more than it shows: its total is "at least this far" (`offset + rows`, and "+" when a case follows), so no count
 * reads further into an index than the page itself does, and the pager can always go one page further.
 */
export const COUNT_CAP = 1000
/** A common search term's total is counted through its postings, a case row each: exact up to 200 ("200+"). */
export const SEARCH_COUNT_CAP = 200


/** A query's filters: the states asked for, and the rest (case types, assignee, deadline bucket, search) as SQL. */
interface Filter {
  states: string[]
  where: string
  params: unknown[]
}

/** The whole filter as one WHERE clause. */
function whole(f: Filter): { where: string; params: unknown[] } {
  if (!f.states.length) return f
  return { where: `c.state IN (${f.states.map(() => '?').join(',')}) AND ${f.where}`, params: [...f.states, ...f.params] }
}

/**
 * The page's rowids, read from an index in the page's order (no sort, no table rows): deadline order from
 * `cases_queue_assignee` when the assignee is fixed, else `cases_queue_deadline`; submission order from
 * `cases_queue_submitted`; case-number order from the unique index. Deadline ascending puts cases without a deadline
 * last: the dated ones, then the undated (both in index order); descending does so by itself (NULLs sort last in DESC).
 */
export function pageSql(q: QueueQuery, filter: Filter, limit: number, offset: number): { sql: string; params: unknown[] } {
  const dir = q.order === 'desc' ? 'DESC' : 'ASC'
  if (q.sort === 'submittedAt') {
    // One run per state from `cases_queue_state_submitted`, merged in order (SQLite's MERGE of UNION ALL arms).
    if (!filter.states.length) return { sql: 'SELECT NULL AS rid WHERE 0', params: [] }
    const arm = `SELECT c.rowid AS rid, c.submitted_at, c.case_number FROM cases c INDEXED BY cases_queue_state_submitted WHERE c.state = ? AND ${filter.where}`
    return {
      sql: `SELECT rid FROM (${filter.states.map(() => arm).join(' UNION ALL ')} ORDER BY 2 ${dir}, 3 ${dir} LIMIT ? OFFSET ?)`,
      params: [...filter.states.flatMap((state) => [state, ...filter.params]), limit, offset]
    }
  }
  const f = whole(filter)
  if (q.sort === 'deadline') {
    const index = q.assignee === 'all' ? 'cases_queue_deadline' : 'cases_queue_assignee'
    const from = `SELECT c.rowid AS rid FROM cases c INDEXED BY ${index} WHERE ${f.where}`
    if (dir === 'DESC' || q.due !== 'any') {
      return { sql: `${from} ORDER BY c.deadline_on ${dir}, c.case_number ${dir} LIMIT ? OFFSET ?`, params: [...f.params, limit, offset] }
    }
    const n = limit + offset
    return {
      sql: `SELECT rid FROM (${from} AND c.deadline_on IS NOT NULL ORDER BY c.deadline_on, c.case_number LIMIT ?)
            UNION ALL SELECT rid FROM (${from} AND c.deadline_on IS NULL ORDER BY c.case_number LIMIT ?) LIMIT ? OFFSET ?`,
      params: [...f.params, n, ...f.params, n, limit, offset]
    }
  }
  return {
    sql: `SELECT c.rowid AS rid FROM cases c INDEXED BY cases_case_number_unique WHERE ${f.where} ORDER BY c.case_number ${dir} LIMIT ? OFFSET ?`,
    params: [...f.params, limit, offset]
  }
}

/** The order of a search's few candidates, sorted whole (the same order as the page shapes). */
function wholeOrder(q: QueueQuery): string {
  const dir = q.order === 'desc' ? 'DESC' : 'ASC'
  if (q.sort === 'deadline') return `c.deadline_on IS NULL, c.deadline_on ${dir}, c.case_number ${dir}`
  return q.sort === 'submittedAt' ? `c.submitted_at ${dir}, c.case_number ${dir}` : `c.case_number ${dir}`
}

/** The filters of a query but its search: case types of the role, states, assignee, deadline bucket. */
export function queueFilter(calendar: WorkingCalendar, today: IsoDate, staff: { id: number } & Access, q: QueueQuery): Filter | null {
  const where: string[] = []
  const params: unknown[] = []
  // Only the case types this role works on; unknown names select nothing.
  const mine = caseTypesOf(staff)
  const types = q.types.length ? q.types.filter((t) => mine.includes(t)) : mine
  if (!types.length) return null
  where.push(`c.type IN (${types.map(() => '?').join(',')})`)
  params.push(...types)
  const states = q.states.length ? q.states : [...new Set(types.flatMap((t) => openStates(CASE_TYPES[t])))]
  if (q.assignee === 'mine') {
    where.push('c.assignee_id = ?')
    params.push(staff.id)
  } else if (q.assignee === 'unassigned') where.push('c.assignee_id IS NULL')
  if (q.due === 'overdue') {
    where.push('c.deadline_on < ?')
    params.push(today)
  } else if (q.due === 'today') {
    where.push('c.deadline_on = ?')
    params.push(today)
  } else if (q.due === 'within3') {
    where.push('c.deadline_on >= ? AND c.deadline_on <= ?')
    params.push(today, calendar.addWorkingDays(today, 3))
  }
  return { states, where: where.join(' AND '), params }
}

const LIKE = "c.search_text LIKE ? ESCAPE '\\'"

/** The work queue: filters in SQL, one page at a time (never the whole table), each shape read from an index in order. */
export function listQueue(store: Store, calendar: WorkingCalendar, today: IsoDate, staff: { id: number } & Access, q: QueueQuery): QueuePage {
  const sqlite = store.sqlite
  const base = queueFilter(calendar, today, staff, q)
  if (!base) return { rows: [], total: 0, totalCapped: false, page: q.page, pageSize: q.pageSize, today }
  const limit = q.pageSize
  const offset = (q.page - 1) * q.pageSize
  const plan: SearchPlan | null = q.search ? planSearch(sqlite, q.search) : null
  const filter: Filter = plan && plan.kind !== 'exact' ? { ...base, where: `${base.where} AND ${LIKE}`, params: [...base.params, likeFragment(q.search)] } : base
  const f = whole(filter)
  let rows: Row[]
  let total: number
  let totalCapped = false
  const found = plan && plan.kind === 'postings' ? candidates(sqlite, plan, FEW_CANDIDATES + 1) : null
  if (plan?.kind === 'exact') {
    // An ID, a case number, a letter number (or a series' beginning): the matches through their index, the queue's
    // filters on each, sorted whole; the total is exact.
    const all = prep(sqlite, `SELECT c.rowid FROM (${plan.sql}) p CROSS JOIN cases c ON c.rowid = p.rid WHERE ${f.where} ORDER BY ${wholeOrder(q)}`, 'pluck')
      .all(...plan.params, ...f.params) as number[]
    rows = pageRows(sqlite, all.slice(offset, offset + limit))
    total = all.length
  } else if (plan && found && found.length <= FEW_CANDIDATES) {
    // Few candidates: check and sort them whole (a temporary sort of at most FEW_CANDIDATES rows); the total is exact.
    const all = prep(sqlite, `SELECT c.rowid FROM json_each(?) j CROSS JOIN cases c ON c.rowid = j.value WHERE ${f.where} ORDER BY ${wholeOrder(q)}`, 'pluck')
      .all(JSON.stringify(found), ...f.params) as number[]
    rows = pageRows(sqlite, all.slice(offset, offset + limit))
    total = all.length
  } else {
    const deep = offset + limit > COUNT_CAP
    const page = pageSql(q, filter, deep ? limit + 1 : limit, offset)
    // The page and its rows in one statement: the rowids from the index, then each row by rowid, in the page's order
    // (the page is the outer loop of the join).
    const read = prep(sqlite, `SELECT ${ROW_COLUMNS} FROM (${page.sql}) p ${ROW_JOINS}`).all(...page.params) as Row[]
    rows = read.slice(0, limit)
    if (deep && rows.length) {
      total = offset + rows.length
      totalCapped = read.length > limit
    } else {
      const postings = plan && plan.kind === 'postings'
      const countFiltered = () =>
        prep(sqlite, `SELECT count(*) FROM (SELECT 1 FROM cases c INDEXED BY cases_queue_count WHERE ${f.where} LIMIT ?)`, 'pluck').get(...f.params, COUNT_CAP + 1) as number
      const cap = postings ? SEARCH_COUNT_CAP : COUNT_CAP
      const counted = postings
        ? // A common term: count through its postings (each a row by rowid), up to the cap.
          (prep(sqlite, `SELECT count(*) FROM (SELECT 1 FROM (${plan.sql}) p CROSS JOIN cases c ON c.rowid = p.rid WHERE ${f.where} LIMIT ?)`, 'pluck')
            .get(...plan.params, ...f.params, cap + 1) as number)
        : plan
          ? countFiltered()
          : keptCount(sqlite, f.where, f.params, countFiltered) // no search term: kept until the cases change
      totalCapped = counted > cap
      total = Math.min(counted, cap)
    }
  }
  const cal = memoCalendar(calendar)
  return { rows: rows.map((r) => toQueueRow(r, cal, today)), total, totalCapped, page: q.page, pageSize: q.pageSize, today }
}

/**
 * The calendar for one page: working days from today to a date counted once per date (a page's cases share a few
 * dates; counting walks the calendar day by day, 20 µs a row).
 */
function memoCalendar(calendar: WorkingCalendar): WorkingCalendar {
  const days = new Map<string, number>()
  const workingDaysUntil = (today: IsoDate, date: IsoDate): number => {
    const key = today + date
    let n = days.get(key)
    if (n === undefined) days.set(key, (n = calendar.workingDaysUntil(today, date)))
    return n
  }
  return Object.assign(Object.create(calendar) as WorkingCalendar, { workingDaysUntil })
}

const ROW_COLUMNS = `c.rowid AS rid, c.id, c.case_number, c.type, c.subtype, c.state, c.submitted_at, c.deadline_on, c.clock_started_on, c.clock_days,
  c.version, c.assignee_id, s.display_name AS assignee_name, a.name, a.id_number, a.mobile`
/** A page's rows by rowid (`p.rid`), with their applicant and assignee by key. */
const ROW_JOINS = 'CROSS JOIN cases c ON c.rowid = p.rid CROSS JOIN applicants a ON a.id = c.applicant_id LEFT JOIN staff s ON s.id = c.assignee_id'

/** The rows of a page of rowids, in the page's order. */
function pageRows(sqlite: Database.Database, rids: number[]): Row[] {
  if (!rids.length) return []
  const rows = prep(sqlite, `SELECT ${ROW_COLUMNS} FROM (SELECT j.value AS rid FROM json_each(?) j) p ${ROW_JOINS}`).all(JSON.stringify(rids)) as Row[]
  const at = new Map(rids.map((r, i) => [r, i]))
  return rows.sort((x, y) => at.get(x.rid)! - at.get(y.rid)!)
}

function toQueueRow(r: Row, calendar: WorkingCalendar, today: IsoDate): QueueRow {
  return {
    id: r.id,
    caseNumber: r.case_number,
    type: r.type,
    subtype: r.subtype,
    state: r.state,
    applicantName: maskName(r.name),
    idNumber: maskIdNumber(r.id_number),
    mobile: maskMobile(r.mobile),
    assignee: r.assignee_id === null ? null : { id: r.assignee_id, name: r.assignee_name ?? '' },
    submittedAt: r.submitted_at,
    deadline: describeDeadline(calendar, today, { type: r.type, state: r.state, clockStartedOn: r.clock_started_on, clockDays: r.clock_days, deadlineOn: r.deadline_on }),
    version: r.version
  }
}
