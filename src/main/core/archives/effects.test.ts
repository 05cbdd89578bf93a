import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import type { ActionDef } from '../../../shared/domain/case-type'
import { createServicesOn, type Services } from '../api'
import { fixedClock } from '../clock'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { applyArchiveEffect } from './effects'

let store: ReturnType<typeof tempStore>
let s: Services
let clerk: StaffSession

const NOW = '2025-10-09T02:00:00.000Z'
beforeEach(() => {
  store = tempStore()
  s = createServicesOn(store, fixedClock(NOW))
  clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
})
afterEach(() => store.dispose())

const archiveOf = (caseId: string) =>
  store.sqlite.prepare('SELECT ar.* FROM archives ar JOIN cases c ON c.applicant_id = ar.applicant_id WHERE c.id = ?').get(caseId) as Record<string, unknown> | undefined
const custodyOf = (caseId: string) =>
  store.sqlite
    .prepare(
      `SELECT e.kind, e.from_place, e.to_place, e.tracking_number, e.case_id, e.actor_name, e.note, e.at FROM archive_custody e
       JOIN archives ar ON ar.id = e.archive_id JOIN cases c ON c.applicant_id = ar.applicant_id WHERE c.id = ? ORDER BY e.id`
    )
    .all(caseId) as Record<string, unknown>[]

const signIn = (id: string, stubPresent: boolean) => {
  const v = s.cases.detail(id, clerk).version
  return s.cases.act(id, 'archive_sign_in', v, { receivedOn: '2025-10-08', sender: '北京市海淀区人才服务中心', trackingNumber: 'JY20251008001', stubPresent }, clerk)
}

describe('archive deposit records its archive', () => {
  it('signs the archive in: the record exists (not yet in storage), custody from the sender with tracking number and date', () => {
    const id = addCase(store, { state: 'awaiting_archive', deadlineOn: null, assigneeId: clerk.id })
    signIn(id, true)
    expect(archiveOf(id)).toMatchObject({ status: 'not_in', archive_number: null, custodian: null, shelf_location: null })
    expect(custodyOf(id)).toEqual([
      { kind: 'received', from_place: '北京市海淀区人才服务中心', to_place: null, tracking_number: 'JY20251008001', case_id: id, actor_name: '张敏', note: '收件日期 2025-10-08', at: NOW }
    ])
  })

  it('an envelope without the stub goes back: an entry to the sender, the status unchanged', () => {
    const id = addCase(store, { state: 'awaiting_archive', deadlineOn: null, assigneeId: clerk.id })
    signIn(id, false)
    expect(archiveOf(id)).toMatchObject({ status: 'not_in', archive_number: null, custodian: '北京市海淀区人才服务中心' })
    expect(custodyOf(id)).toMatchObject([
      { kind: 'returned_to_sender', from_place: null, to_place: '北京市海淀区人才服务中心', tracking_number: 'JY20251008001', note: '2025-10-08 收到，档案袋未贴调档通知单下联，已退回寄件单位' }
    ])
  })

  it('deposits with a never-reused number: in storage, a deposit entry naming the number', () => {
    const id = addCase(store, { state: 'awaiting_archive', deadlineOn: null, assigneeId: clerk.id })
    signIn(id, true)
    const done = s.cases.act(id, 'approve_archive', s.cases.detail(id, clerk).version, {}, clerk)
    expect(done.detail.archiveNumber).toBe('D2025000001')
    expect(archiveOf(id)).toMatchObject({ status: 'in_storage', archive_number: 'D2025000001', custodian: null })
    expect(custodyOf(id).map((e) => [e.kind, e.note])).toEqual([
      ['received', '收件日期 2025-10-08'],
      ['deposited', '档案编号 D2025000001']
    ])
    // The outbox carries the number to the exchange service.
    const row = store.sqlite.prepare("SELECT args FROM outbox WHERE name = 'case.act' ORDER BY seq DESC LIMIT 1").get() as { args: string }
    expect(JSON.parse(row.args)).toMatchObject({ action: 'approve_archive', archiveNumber: 'D2025000001' })
  })

  it('refuses a sign-in for someone whose archive is already in storage, and rolls the whole action back', () => {
    const first = addCase(store, { state: 'archive_review', assigneeId: clerk.id })
    s.cases.act(first, 'approve_archive', 1, {}, clerk)
    const applicant = (store.sqlite.prepare('SELECT applicant_id FROM cases WHERE id = ?').get(first) as { applicant_id: number }).applicant_id
    const second = addCase(store, { state: 'awaiting_archive', deadlineOn: null, assigneeId: clerk.id })
    store.sqlite.prepare('UPDATE cases SET applicant_id = ? WHERE id = ?').run(applicant, second)
    expect(() => signIn(second, true)).toThrow('该申请人的档案已在库（档案编号 D2025000001），不能重复签收')
    expect(s.cases.detail(second, clerk).state).toBe('awaiting_archive')
    expect(custodyOf(first).map((e) => e.kind)).toEqual(['deposited'])
  })
})

describe('effects of the other archive case types', () => {
  const action = (archiveEffect: ActionDef['archiveEffect']) => ({ label: '测试', archiveEffect }) as ActionDef
  const deposited = () => {
    const id = addCase(store, { state: 'archive_review', assigneeId: clerk.id })
    s.cases.act(id, 'approve_archive', 1, {}, clerk)
    store.sqlite.prepare("UPDATE archives SET shelf_location = 'B-07-03'").run()
    const c = store.sqlite.prepare('SELECT applicant_id FROM cases WHERE id = ?').get(id) as { applicant_id: number }
    return { id, applicantId: c.applicant_id }
  }
  const apply = (effect: ActionDef['archiveEffect'], input: Record<string, unknown>, c: { id: string; applicantId: number }) =>
    store.sqlite.transaction(() =>
      applyArchiveEffect(store.sqlite, { action: action(effect), input, caseId: c.id, applicantId: c.applicantId, actorName: '李强', at: NOW, today: '2025-10-09' })
    )()

  it('transfers out: status 已转出, shelf cleared, the receiving agency holds it, an entry with channel, tracking number and date', () => {
    const c = deposited()
    apply('transferred_out', { sentOn: '2025-10-09', channel: 'ems', trackingNumber: 'EA123456789CN', receivingAgency: '上海市人才服务中心' }, c)
    expect(archiveOf(c.id)).toMatchObject({ status: 'transferred_out', shelf_location: null, custodian: '上海市人才服务中心' })
    expect(custodyOf(c.id).at(-1)).toMatchObject({
      kind: 'transferred_out',
      from_place: 'B-07-03',
      to_place: '上海市人才服务中心',
      tracking_number: 'EA123456789CN',
      note: 'EMS寄出，寄出日期 2025-10-09',
      actor_name: '李强'
    })
    // Gone: it cannot be transferred again, nor can materials be filed into it.
    expect(() => apply('transferred_out', { channel: 'confidential', trackingNumber: 'JY1', receivingAgency: '某地' }, c)).toThrow('档案已转出，不能转出')
    expect(() => apply('materials_filed', {}, c)).toThrow('档案已转出，不能归档材料')
  })

  it('files materials into an archive in storage, with the summary; refuses an archive that is not here', () => {
    const c = deposited()
    apply('materials_filed', { materials: [{ name: '思想汇报', pages: 6, copies: 6 }, { name: '入党志愿书', pages: 3, copies: 1 }] }, c)
    expect(custodyOf(c.id).at(-1)).toMatchObject({ kind: 'materials_filed', to_place: 'B-07-03', note: '思想汇报（6页，6份）、入党志愿书（3页，1份）' })
    const none = addCase(store)
    const applicantId = (store.sqlite.prepare('SELECT applicant_id FROM cases WHERE id = ?').get(none) as { applicant_id: number }).applicant_id
    expect(() => apply('materials_filed', { materials: ['思想汇报'] }, { id: none, applicantId })).toThrow('该申请人的档案尚未存入本中心，不能归档材料')
    expect(archiveOf(none)).toBeUndefined()
  })

  it('takes the effect from the validated input when the definition gives a function', () => {
    const c = deposited()
    apply((i: { ok: boolean }) => (i.ok ? 'materials_filed' : 'transferred_out'), { ok: true, materialNames: '思想汇报', pages: 2, copies: 1 }, c)
    expect(custodyOf(c.id).at(-1)).toMatchObject({ kind: 'materials_filed', note: '思想汇报（2页，1份）' })
  })
})
