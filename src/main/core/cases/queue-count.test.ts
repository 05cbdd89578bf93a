import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import { queueQuery, type QueueQuery } from '../../../shared/api/contract'
import { WorkingCalendar } from '../../../shared/domain/calendar'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { listQueue } from './queue'
import { keptCount } from './queue-count'

let store: ReturnType<typeof tempStore>
let clerk: StaffSession
const TODAY = '2025-10-09'
const list = (q: QueueQuery = {}) => listQueue(store, new WorkingCalendar(), TODAY, clerk, queueQuery.parse(q))

beforeEach(() => {
  store = tempStore()
  clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
  addCase(store, { name: '刘洋', deadlineOn: '2025-09-30' })
  addCase(store, { name: '陈晨', deadlineOn: TODAY, assigneeId: clerk.id })
})
afterEach(() => store.dispose())

describe('queue counts kept until the cases change', () => {
  it('counts a filter once while nothing changes, again after any change of the cases, and per filter and parameters', () => {
    let counted = 0
    const count = (n: number) => () => (counted++, n)
    expect(keptCount(store.sqlite, 'a', [1], count(7))).toBe(7)
    expect(keptCount(store.sqlite, 'a', [1], count(99))).toBe(7)
    expect(counted).toBe(1)
    expect(keptCount(store.sqlite, 'a', [2], count(8))).toBe(8)
    expect(keptCount(store.sqlite, 'b', [1], count(9))).toBe(9)
    expect(counted).toBe(3)
    addCase(store, { name: '王磊' })
    expect(keptCount(store.sqlite, 'a', [1], count(10))).toBe(10)
    expect(counted).toBe(4)
  })

  it('gives the right totals as cases are added, assigned, decided and removed', () => {
    expect([list().total, list({ assignee: 'mine' }).total]).toEqual([2, 1])
    const id = addCase(store, { name: '王磊' })
    expect([list().total, list({ assignee: 'mine' }).total]).toEqual([3, 1])
    store.sqlite.prepare('UPDATE cases SET assignee_id = ? WHERE id = ?').run(clerk.id, id)
    expect(list({ assignee: 'mine' }).total).toBe(2)
    store.sqlite.prepare("UPDATE cases SET state = 'deposited' WHERE id = ?").run(id)
    expect([list().total, list({ assignee: 'mine' }).total, list({ states: ['deposited'] }).total]).toEqual([2, 1, 1])
    store.sqlite.prepare('DELETE FROM case_events WHERE case_id = ?').run(id)
    store.sqlite.prepare('DELETE FROM cases WHERE id = ?').run(id)
    expect(list({ states: ['deposited'] }).total).toBe(0)
  })

  it('keeps nothing counted inside a transaction: a rolled-back change cannot leave its count behind', () => {
    expect(list().total).toBe(2)
    const counter = () => store.sqlite.prepare('SELECT n FROM change_counter WHERE id = 1').pluck().get() as number
    const before = counter()
    const rollback = new Error('rolled back')
    expect(() =>
      store.sqlite.transaction(() => {
        addCase(store, { name: '王磊' })
        expect(list().total).toBe(3)
        throw rollback
      })()
    ).toThrow(rollback)
    expect(counter()).toBe(before)
    // A later change takes the counter to the value the rolled-back one had: the count is of the cases now.
    addCase(store, { name: '赵敏', state: 'deposited' })
    expect(counter()).toBe(before + 1)
    expect(list().total).toBe(2)
  })
})
