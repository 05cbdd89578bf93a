import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import { DomainError } from '../../../shared/result'
import { createServicesOn, type Services } from '../api'
import { fixedClock } from '../clock'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { explainRejection, listAttention, officeTime, resolveAttention, type RejectedCurrent } from './attention'
import { readPending, recordResults } from './outbox'
import { T0 } from './testing'

const now = new Date(T0) // 10:00 in Beijing
const ctx = { mine: '审核通过', caseType: 'archive_deposit', now, myName: '张敏' }
const current = (over: Partial<RejectedCurrent> = {}): RejectedCurrent => ({
  state: 'returned',
  version: 4,
  assignee: null,
  lastEvent: { actor: '李四', action: 'return_for_changes', at: '2026-03-02T02:42:00Z' },
  ...over
})

describe('explaining a rejection in Chinese', () => {
  it('writes office time (Asia/Shanghai) as HH:mm, with the date when it was not today', () => {
    expect(officeTime('2026-03-02T02:42:00Z', now)).toBe('10:42')
    expect(officeTime('2026-03-01T15:59:00Z', now)).toBe('3月1日 23:59')
    expect(officeTime('2026-03-01T16:01:00Z', now)).toBe('00:01')
  })

  it('says who did what when, and what of the clerk’s did not take effect', () => {
    expect(explainRejection({ code: 'VERSION_CONFLICT', message: '此业务已被他人更新', current: current() }, ctx)).toBe(
      '已由 李四 于 10:42 退回修改；您的“审核通过”未生效'
    )
    expect(explainRejection({ code: 'CLAIMED_BY_OTHER', message: 'x', current: current({ assignee: { id: 2, name: '李四' }, lastEvent: { actor: '李四', action: 'claim', at: '2026-03-02T01:30:00Z' } }) }, { ...ctx, mine: '认领' })).toBe(
      '此业务已由 李四 认领；您的“认领”未生效'
    )
    expect(explainRejection({ code: 'LEASE_LOST', message: 'x', current: current() }, ctx)).toBe(
      '您的认领已失效（已超时或已被他人重新认领）；已由 李四 于 10:42 退回修改；您的“审核通过”未生效'
    )
    expect(explainRejection({ code: 'LEASE_LOST', message: 'x', current: current({ assignee: { id: 2, name: '李四' }, lastEvent: null }) }, ctx)).toBe(
      '您的认领已失效，现由 李四 办理；您的“审核通过”未生效'
    )
  })

  it('does not explain with the clerk’s own last step, and falls back to the state or the server’s message', () => {
    const own = current({ state: 'awaiting_archive', lastEvent: { actor: '张敏', action: 'claim', at: T0 } })
    expect(explainRejection({ code: 'VERSION_CONFLICT', message: '此业务已被他人更新。', current: own }, ctx)).toBe(
      '此业务已有新的变化（现为“待档案寄达”）；您的“审核通过”未生效'
    )
    expect(explainRejection({ code: 'VALIDATION', message: '文书编号已被使用。' }, ctx)).toBe('文书编号已被使用；您的“审核通过”未生效')
    expect(explainRejection({ code: 'NOT_CLAIMED', message: 'x', current: current({ lastEvent: { actor: '申请人1', action: 'update', at: T0 } }) }, ctx)).toBe(
      '此业务未由您认领；已由 申请人1 于 10:00 修改申请；您的“审核通过”未生效'
    )
  })
})

describe('the clerk’s own claim is never the explanation', () => {
  // A claim and a decision queued offline: the claim was granted on the case as it is now (张敏 holds it),
  // the decision refused — the last event on the server is 张敏’s own claim.
  const ownClaim = current({ state: 'awaiting_archive', assignee: { id: 1, name: '张敏' }, lastEvent: { actor: { name: '张敏' }, action: 'claim', at: '2026-03-02T02:42:00Z' } })
  const expected = '此业务已有新的变化（现为“待档案寄达”，由您办理）；您的“审核通过”未生效'

  it('describes the state and the holder instead — also when the session’s name is not known', () => {
    for (const myName of ['张敏', null, undefined]) {
      const text = explainRejection({ code: 'VERSION_CONFLICT', message: '此业务已被他人更新', current: ownClaim }, { ...ctx, myName })
      expect(text).toBe(expected)
      expect(text).not.toContain('认领')
    }
    expect(explainRejection({ code: 'ILLEGAL_TRANSITION', message: 'x', current: ownClaim }, { ...ctx, myName: null })).toBe(expected)
  })

  it('still names a colleague’s decision, and a colleague holding the case', () => {
    expect(explainRejection({ code: 'VERSION_CONFLICT', message: 'x', current: current() }, { ...ctx, myName: null })).toBe('已由 李四 于 10:42 退回修改；您的“审核通过”未生效')
    const held = current({ state: 'submitted', assignee: { id: 2, name: '李四' }, lastEvent: null })
    expect(explainRejection({ code: 'VERSION_CONFLICT', message: 'x', current: held }, ctx)).toBe(
      '此业务已有新的变化（现为“申请已提交”，由 李四 办理）；您的“审核通过”未生效'
    )
    // A colleague’s claim (an action that needs none) is named when the session’s name says it is not the clerk’s.
    const colleagueClaim = current({ state: 'submitted', assignee: { id: 2, name: '李四' }, lastEvent: { actor: '李四', action: 'claim', at: '2026-03-02T02:42:00Z' } })
    expect(explainRejection({ code: 'VERSION_CONFLICT', message: 'x', current: colleagueClaim }, { ...ctx, mine: '取消申请' })).toBe('已由 李四 于 10:42 认领；您的“取消申请”未生效')
  })

  it('in the attention item the push records (no session name passed)', () => {
    const store = tempStore()
    try {
      const caseId = addCase(store, { state: 'awaiting_archive' })
      const id = randomUUID()
      store.sqlite.prepare("INSERT INTO outbox (id, case_id, name, args, base_version) VALUES (?, ?, 'case.act', ?, 2)").run(id, caseId, JSON.stringify({ caseId, action: 'approve' }))
      const rows = readPending(store, 10)
      recordResults(store, rows, [{ id, seq: rows[0].seq, status: 'rejected', code: 'VERSION_CONFLICT', message: '此业务已被他人更新', current: ownClaim }], now)
      expect(listAttention(store, { role: 'supervisor', scopes: null }).map((i) => i.message)).toEqual([expected])
    } finally {
      store.dispose()
    }
  })
})

describe('resolving attention items', () => {
  let store: ReturnType<typeof tempStore>
  let s: Services
  let clerk: StaffSession
  let other: StaffSession
  const clock = fixedClock(T0)
  beforeEach(() => {
    store = tempStore()
    s = createServicesOn(store, clock)
    clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
    other = addStaff(store, 'clerk2', 'clerk', '李强')
  })
  afterEach(() => store.dispose())

  const item = (caseId: string): number =>
    Number(
      store.sqlite.prepare("INSERT INTO attention (case_id, mutation_id, code, message) VALUES (?, ?, 'LEASE_LOST', '…')").run(caseId, randomUUID())
        .lastInsertRowid
    )
  const claims = () => (store.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE name = 'case.claim' AND status = 'pending'").get() as { n: number }).n
  const resolve = (id: number, r: 'discard' | 'reclaim') => resolveAttention(store, clock, id, r, clerk, s.cases.claim)

  it('lists open items with their case number; discarding closes one', () => {
    const id = addCase(store)
    const first = item(id)
    item(id)
    const list = listAttention(store, { role: 'supervisor', scopes: null })
    expect(list).toHaveLength(2)
    expect(list[0]).toMatchObject({ id: first, caseId: id, caseNumber: expect.stringMatching(/^CD/), code: 'LEASE_LOST' })
    expect(resolve(first, 'discard')).toHaveLength(1)
    expect(store.sqlite.prepare('SELECT resolution, resolved_at FROM attention WHERE id = ?').get(first)).toEqual({ resolution: 'discarded', resolved_at: T0.replace('Z', '.000Z') })
    expect(() => resolve(first, 'discard')).toThrow(DomainError)
  })

  it('reclaiming queues a new claim — also when the mirror still shows the clerk as holder (an expired lease)', () => {
    const free = addCase(store)
    resolve(item(free), 'reclaim')
    expect(claims()).toBe(1)
    const stillMine = addCase(store, { assigneeId: clerk.id })
    resolve(item(stillMine), 'reclaim')
    expect(claims()).toBe(2)
    expect(s.cases.detail(stillMine, clerk).version).toBe(2)
  })

  it('records the signed-in clerk as the actor of a re-claim, on both paths, so it is pushed only under their session', () => {
    const actors = () => store.sqlite.prepare("SELECT actor_id FROM outbox WHERE name = 'case.claim' ORDER BY seq").all()
    resolve(item(addCase(store)), 'reclaim')
    resolve(item(addCase(store, { assigneeId: clerk.id })), 'reclaim')
    expect(actors()).toEqual([{ actor_id: clerk.id }, { actor_id: clerk.id }])
    // Another clerk signed in now sees no re-claim of 张敏’s that they could push.
    expect(readPending(store, 10, other.id)).toEqual([])
    expect(readPending(store, 10, clerk.id)).toHaveLength(2)
  })

  it('refuses to reclaim a case someone else holds now, and leaves the item open', () => {
    const taken = addCase(store, { assigneeId: other.id })
    const id = item(taken)
    expect(() => resolve(id, 'reclaim')).toThrow(expect.objectContaining({ code: 'CLAIMED_BY_OTHER' }))
    expect(listAttention(store, { role: 'supervisor', scopes: null }).map((i) => i.id)).toEqual([id])
    expect(claims()).toBe(0)
  })
})
