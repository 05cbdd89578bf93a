// The print console's queue, voiding, and the number ledger, on a real SQLite store through the API handler.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DocumentPage, DocumentRow, Ledger, OfficeSettings } from '../../../shared/api/documents'
import { DEFAULT_ARREARS_CUTOFF, DEFAULT_OFFICE } from '../../../shared/domain/office'
import { createApiHandler, createServicesOn, type SessionSlot } from '../api'
import { addStaff, tempStore } from '../testing/fixtures'
import { GAP_DRAWN_HERE, GAP_OTHER_DESK } from './ledger'
import { recordNumberVoid } from './number-voids'
import { draftLetter } from './testing'

let store: ReturnType<typeof tempStore>
let handle: ReturnType<typeof createApiHandler>
const slots: Record<'super' | 'admin' | 'clerk', SessionSlot> = { super: { staff: null }, admin: { staff: null }, clerk: { staff: null } }
async function call<T>(channel: string, input: unknown, who: keyof typeof slots = 'super'): Promise<T> {
  const r = await handle(channel, input, slots[who])
  if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code} ${r.error.message}`), r.error)
  return r.value as T
}

beforeEach(() => {
  store = tempStore()
  handle = createApiHandler(createServicesOn(store, { now: () => new Date('2026-03-05T02:00:00Z') }), () => {})
  slots.super.staff = addStaff(store, 'super1', 'supervisor', '赵建国')
  slots.admin.staff = addStaff(store, 'admin', 'admin', '系统管理员')
  slots.clerk.staff = addStaff(store, 'clerk1', 'clerk', '张敏')
})
afterEach(() => store.dispose())

describe('the print console’s queue', () => {
  it('drafts oldest first, voided letters by status; search by number, name or case number; paged', async () => {
    const a = draftLetter(store, { issuedAt: '2026-03-02T01:00:00.000Z', name: '欧阳晓晨' })
    const b = draftLetter(store, { issuedAt: '2026-03-01T01:00:00.000Z', name: '刘洋' })
    const c = draftLetter(store, { issuedAt: '2026-03-03T01:00:00.000Z', name: '王芳' })
    const voided = await call<DocumentRow>('documents.void', { id: c.id, reason: '申请人撤回申请' })
    expect(voided).toMatchObject({ id: c.id, status: 'void', voidReason: '申请人撤回申请', voidedAt: '2026-03-05T02:00:00.000Z', docLabel: '调档通知单', applicantName: '王芳' })
    const drafts = await call<DocumentPage>('documents.list', { status: 'draft' })
    expect(drafts.rows.map((r) => r.number)).toEqual([b.number, a.number])
    expect(drafts.total).toBe(2)
    expect((await call<DocumentPage>('documents.list', { status: 'void' })).rows.map((r) => r.id)).toEqual([c.id])
    expect((await call<DocumentPage>('documents.list', { status: 'all', search: '欧阳' })).rows.map((r) => r.id)).toEqual([a.id])
    expect((await call<DocumentPage>('documents.list', { status: 'all', search: b.number.slice(-8) })).rows.map((r) => r.id)).toEqual([b.id])
    const page2 = await call<DocumentPage>('documents.list', { status: 'all', pageSize: 2, page: 2 })
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(page2.rows.map((r) => r.id)).toEqual([b.id])
    expect((await call<DocumentPage>('documents.list', { status: 'all', docType: 'custody_certificate' })).total).toBe(0)
  })

  it('voiding needs a reason, happens once, leaves an event and a push; clerks cannot open the console', async () => {
    const d = draftLetter(store)
    await expect(call('documents.void', { id: d.id, reason: '' })).rejects.toMatchObject({ code: 'VALIDATION' })
    await call('documents.void', { id: d.id, reason: '文号重复，重新出具' })
    await expect(call('documents.void', { id: d.id, reason: '再次作废' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION', message: `${d.number} 已作废，不能再作废` })
    const event = store.sqlite.prepare("SELECT actor_name, note FROM case_events WHERE case_id = ? AND action = 'document_voided'").all(d.caseId)
    expect(event).toEqual([{ actor_name: '赵建国', note: `作废：调档通知单 ${d.number}（文号重复，重新出具）` }])
    const pushed = store.sqlite.prepare("SELECT args FROM outbox WHERE name = 'document.void'").all() as { args: string }[]
    expect(pushed.map((p) => JSON.parse(p.args))).toEqual([{ number: d.number, reason: '文号重复，重新出具', at: '2026-03-05T02:00:00.000Z' }])
    await expect(call('documents.list', {}, 'clerk')).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('the number ledger', () => {
  it('every serial up to the highest known: its letter and status, a recorded void with its reason, unused block numbers, honest gaps', async () => {
    const first = draftLetter(store)
    const second = draftLetter(store)
    await call('documents.void', { id: second.id, reason: '信息有误' })
    store.sqlite.transaction(() => recordNumberVoid(store.sqlite, { counter: 'transfer_notice:2026', serial: 3, reason: '交换服务未接受：版本冲突', at: '2026-03-04T02:00:00.000Z' }, null))()
    // Numbers 6–10 are this desk's block (6–7 drawn), 4–5 went to another desk.
    store.sqlite.prepare("INSERT INTO number_blocks (counter, first, last, next, received_at) VALUES ('transfer_notice:2026', 6, 10, 8, '2026-03-01T00:00:00Z')").run()
    const ledger = await call<Ledger>('documents.ledger', { docType: 'transfer_notice', year: 2026 })
    expect(ledger.rows.map((r) => [r.serial, r.status, r.reason])).toEqual([
      [1, 'draft', null],
      [2, 'void', '信息有误'],
      [3, 'number_void', '交换服务未接受：版本冲突'],
      [4, 'gap', GAP_OTHER_DESK],
      [5, 'gap', GAP_OTHER_DESK],
      [6, 'gap', GAP_DRAWN_HERE],
      [7, 'gap', GAP_DRAWN_HERE],
      [8, 'unused', null],
      [9, 'unused', null],
      [10, 'unused', null]
    ])
    expect(ledger.rows[0]).toMatchObject({ number: first.number, documentId: first.id, applicantName: '刘洋', at: '2026-03-02T02:00:00.000Z' })
    expect(ledger.rows[3].number).toBe('留档调字〔2026〕第000004号')
    expect((await call<Ledger>('documents.ledger', { docType: 'transfer_notice', year: 2025 })).rows).toEqual([])
    await expect(call('documents.ledger', { docType: 'nonsense', year: 2026 })).rejects.toMatchObject({ code: 'VALIDATION', message: '未知的文书类型：nonsense' })
  })
})

describe('office settings on a desk working alone', () => {
  it('start from the defaults; the administrator changes them and new letters carry them', async () => {
    expect(await call('settings.office', {}, 'clerk')).toEqual({ ...DEFAULT_OFFICE, arrearsCutoff: DEFAULT_ARREARS_CUTOFF })
    const next: OfficeSettings = { ...DEFAULT_OFFICE, name: '某市人才交流服务中心', phone: '(010)12345678', arrearsCutoff: '2026-06' }
    await expect(call('settings.setOffice', next, 'super')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await call('settings.setOffice', next, 'admin')).toEqual(next)
    expect(await call('settings.office', {}, 'clerk')).toEqual(next)
    const services = createServicesOn(store, { now: () => new Date() })
    expect(services.office()).toEqual({ ...DEFAULT_OFFICE, name: '某市人才交流服务中心', phone: '(010)12345678' })
  })
})
