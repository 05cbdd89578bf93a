import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import { queueQuery, type QueueQuery } from '../../../shared/api/contract'
import { WorkingCalendar } from '../../../shared/domain/calendar'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { listQueue } from './queue'

let store: ReturnType<typeof tempStore>
let clerk: StaffSession
const calendar = new WorkingCalendar()
const TODAY = '2025-10-09'
const list = (q: QueueQuery = {}) => listQueue(store, calendar, TODAY, clerk, queueQuery.parse(q))

beforeEach(() => {
  store = tempStore()
  clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
  addCase(store, { name: '刘洋', deadlineOn: '2025-09-30' }) // overdue
  addCase(store, { name: '陈晨', deadlineOn: TODAY, assigneeId: clerk.id }) // due today, mine
  addCase(store, { name: '欧阳娜娜', deadlineOn: '2025-10-13' }) // 3rd working day (10, 11 make-up, 13)
  addCase(store, { name: '王磊', deadlineOn: '2025-10-20' })
  addCase(store, { name: '赵敏', state: 'awaiting_archive', deadlineOn: null })
  addCase(store, { name: '孙丽', state: 'deposited', deadlineOn: null })
})
afterEach(() => store.dispose())

describe('work queue', () => {
  it('shows open cases by default, sorted by deadline with no-deadline cases last, PII masked', () => {
    const page = list()
    expect(page.total).toBe(5)
    expect(page.rows.map((r) => r.applicantName)).toEqual(['刘*', '陈*', '欧***', '王*', '赵*'])
    expect(page.rows[0].idNumber).toMatch(/^1101\*+\d{3}X$/)
    expect(page.rows[0].mobile).toMatch(/^134\*{4}\d{4}$/)
    expect(page.rows[0].deadline).toMatchObject({ date: '2025-09-30', remaining: -1 }) // 1–8 Oct are holidays
    expect(page.rows[1].deadline.remaining).toBe(0)
    expect(page.rows[2].deadline.remaining).toBe(3)
  })

  it('filters by deadline bucket, assignee and state', () => {
    expect(list({ due: 'overdue' }).rows.map((r) => r.applicantName)).toEqual(['刘*'])
    expect(list({ due: 'today' }).rows.map((r) => r.applicantName)).toEqual(['陈*'])
    expect(list({ due: 'within3' }).rows.map((r) => r.applicantName)).toEqual(['陈*', '欧***'])
    expect(list({ assignee: 'mine' }).total).toBe(1)
    expect(list({ assignee: 'unassigned' }).total).toBe(4)
    expect(list({ states: ['deposited'] }).rows.map((r) => r.applicantName)).toEqual(['孙*'])
  })

  it('searches by partial name, ID number, mobile or case number, treating LIKE wildcards literally', () => {
    expect(list({ search: '娜娜' }).total).toBe(1)
    expect(list({ search: '0101' }).total).toBe(5)
    const { mobile } = store.sqlite.prepare("SELECT mobile FROM applicants WHERE name = '欧阳娜娜'").get() as { mobile: string }
    expect(list({ search: mobile.slice(3) }).rows.map((r) => r.applicantName)).toEqual(['欧***'])
    expect(list({ search: 'cd20251001000' }).total).toBe(5)
    expect(list({ search: '%' }).total).toBe(0)
    expect(list({ search: '_' }).total).toBe(0)
  })

  it('lists only the case types the role works on', () => {
    const reviewer = addStaff(store, 'reviewer1', 'reviewer')
    expect(listQueue(store, calendar, TODAY, reviewer, queueQuery.parse({})).total).toBe(0)
    expect(list({ types: ['constructor'] }).total).toBe(0)
  })

  it('pages on the server', () => {
    const p1 = list({ pageSize: 2, page: 1 })
    const p3 = list({ pageSize: 2, page: 3 })
    expect(p1.rows).toHaveLength(2)
    expect(p3.rows).toHaveLength(1)
    expect(p1.total).toBe(5)
    expect(list({ sort: 'deadline', order: 'desc' }).rows[0].applicantName).toBe('王*')
  })

  it('sorts by submission time both ways across states, and counts exactly up to the cap', () => {
    addCase(store, { name: '周杰', state: 'returned', submittedAt: '2025-09-29T01:00:00.000Z' })
    addCase(store, { name: '吴凡', state: 'supplements_needed', submittedAt: '2025-10-02T01:00:00.000Z', deadlineOn: null })
    const states = ['submitted', 'returned', 'supplements_needed', 'awaiting_archive']
    const asc = list({ states, sort: 'submittedAt' }).rows.map((r) => r.submittedAt + r.caseNumber)
    expect(asc).toEqual([...asc].sort())
    expect(asc).toHaveLength(7)
    expect(list({ states, sort: 'submittedAt', order: 'desc' }).rows.map((r) => r.submittedAt + r.caseNumber)).toEqual([...asc].reverse())
    expect(list({ states, sort: 'submittedAt', pageSize: 3, page: 2 }).rows.map((r) => r.submittedAt + r.caseNumber)).toEqual(asc.slice(3, 6))
    expect(list({ states })).toMatchObject({ total: 7, totalCapped: false })
  })

  it('marks a deadline beyond the known calendar instead of guessing', () => {
    addCase(store, { name: '周杰', deadlineOn: '2027-01-08' })
    const row = list({ search: '周杰' }).rows[0]
    expect(row.deadline.remaining).toBeNull()
    expect(row.deadline.error).toContain('2027')
  })
})
