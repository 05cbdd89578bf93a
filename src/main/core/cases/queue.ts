import type { ParsedInput } from '../../../shared/api/contract'
import type { QueuePage, QueueRow } from '../../../shared/api/types'
import type { IsoDate, WorkingCalendar } from '../../../shared/domain/calendar'
import { CASE_TYPES } from '../../../shared/domain/case-types'
import { maskIdNumber, maskMobile, maskName } from '../../../shared/domain/masking'
import { type Access, caseTypesOf } from '../../../shared/domain/staff'
import { openStates } from '../../../shared/domain/workflow'
import type { Store } from '../store'
import { describeDeadline } from './deadline'

type QueueQuery = ParsedInput<'queue.list'>

interface Row {
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

/** Ascending orders match the queue indexes (db/schema), so a page is read from an index in order. */
const SORT_SQL: Record<QueueQuery['sort'], string> = {
  deadline: 'c.due_key',
  submittedAt: 'c.submitted_at',
  caseNumber: 'c.case_number'
}

/** The work queue: filters in SQL, one page at a time (never the whole table). */
export function listQueue(store: Store, calendar: WorkingCalendar, today: IsoDate, staff: { id: number } & Access, q: QueueQuery): QueuePage {
  const staffId = staff.id
  const where: string[] = []
  const params: unknown[] = []
  // Only the case types this role works on; unknown names select nothing.
  const mine = caseTypesOf(staff)
  const types = q.types.length ? q.types.filter((t) => mine.includes(t)) : mine
  if (!types.length) return { rows: [], total: 0, page: q.page, pageSize: q.pageSize, today }
  where.push(`c.type IN (${types.map(() => '?').join(',')})`)
  params.push(...types)
  const states = q.states.length ? q.states : [...new Set(types.flatMap((t) => openStates(CASE_TYPES[t])))]
  if (states.length) {
    where.push(`c.state IN (${states.map(() => '?').join(',')})`)
    params.push(...states)
  }
  if (q.assignee === 'mine') {
    where.push('c.assignee_id = ?')
    params.push(staffId)
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
  if (q.search) {
    where.push(`c.search_text LIKE ? ESCAPE '\\'`)
    params.push(`%${q.search.toUpperCase().replace(/[\\%_]/g, (m) => '\\' + m)}%`)
  }
  const whereSql = where.join(' AND ')
  const total = (store.sqlite.prepare(`SELECT count(*) AS n FROM cases c WHERE ${whereSql}`).get(...params) as { n: number }).n
  const dir = q.order === 'desc' ? 'DESC' : 'ASC'
  // Cases without a deadline stay last in both directions.
  const order = q.sort === 'deadline' && dir === 'DESC' ? 'c.deadline_on IS NULL, c.due_key DESC' : `${SORT_SQL[q.sort]} ${dir}`
  const rows = store.sqlite
    .prepare(
      // The page's rowids first (from the covering index), then the joins for those rows only.
      `WITH page AS (SELECT c.rowid AS rid FROM cases c WHERE ${whereSql} ORDER BY ${order}, c.case_number ${dir} LIMIT ? OFFSET ?)
       SELECT c.id, c.case_number, c.type, c.subtype, c.state, c.submitted_at, c.deadline_on, c.clock_started_on, c.clock_days, c.version,
              c.assignee_id, s.display_name AS assignee_name, a.name, a.id_number, a.mobile
       FROM page JOIN cases c ON c.rowid = page.rid JOIN applicants a ON a.id = c.applicant_id LEFT JOIN staff s ON s.id = c.assignee_id
       ORDER BY ${order}, c.case_number ${dir}`
    )
    .all(...params, q.pageSize, (q.page - 1) * q.pageSize) as Row[]
  return { rows: rows.map((r) => toQueueRow(r, calendar, today)), total, page: q.page, pageSize: q.pageSize, today }
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
