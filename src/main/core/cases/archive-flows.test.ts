import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import { createServicesOn, type Services } from '../api'
import { fixedClock } from '../clock'
import { addStaff, tempStore } from '../testing/fixtures'

/** The new archive case types through the desk's case service, with what they issue and record. */
let store: ReturnType<typeof tempStore>
let s: Services
let clerk: StaffSession

beforeEach(() => {
  store = tempStore()
  s = createServicesOn(store, fixedClock('2026-11-23T02:00:00Z'))
  clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
})
afterEach(() => store.dispose())

let seq = 0
function newCase(type: string, subtype: string, state: string, form: object, archive: 'in_storage' | null = 'in_storage'): string {
  seq++
  const applicantId = Number(
    store.sqlite
      .prepare(
        `INSERT INTO applicants (name, sex, id_number, birth_date, ethnicity, political_status, marital_status, fertility_status,
           household_region, mobile, email, contact_name, contact_mobile) VALUES ('陈嘉怡', 'female', ?, '1997-03-15', '汉族', '中共党员', '未婚', '未育',
           '广东省/广州市/番禺区', '13412344707', 'cjy@example.cn', '陈建国', '13900001111')`
      )
      .run(`44012619970315${String(seq).padStart(3, '0')}6`).lastInsertRowid
  )
  if (archive) {
    store.sqlite
      .prepare("INSERT INTO archives (applicant_id, archive_number, status, category, fees_paid_until, shelf_location) VALUES (?, ?, 'in_storage', 'individual', '2026-12', 'B-07-03')")
      .run(applicantId, `D2020${String(seq).padStart(6, '0')}`)
  }
  const id = `case-${seq}`
  store.sqlite
    .prepare(
      `INSERT INTO cases (id, case_number, type, subtype, state, applicant_id, search_text, form, submitted_at, clock_started_on, deadline_on)
       VALUES (?, ?, ?, ?, ?, ?, '', ?, '2026-11-20T02:00:00.000Z', '2026-11-20', '2026-11-27')`
    )
    .run(id, `CD20261120${String(seq).padStart(6, '0')}`, type, subtype, state, applicantId, JSON.stringify(form))
  s.cases.claim(id, clerk)
  return id
}
const act = (id: string, action: string, input: object = {}) => s.cases.act(id, action, s.cases.detail(id, clerk).version, input, clerk)
const docTypeOf = (documentId: number | null) => (store.sqlite.prepare('SELECT doc_type FROM issued_documents WHERE id = ?').get(documentId) as { doc_type: string }).doc_type

describe('archive case types on the desk', () => {
  it('transfers an archive out: approval keeps the claim, dispatch makes it 已转出 with the details in the notice', () => {
    const id = newCase('archive_transfer_out', 'standard', 'submitted', { receivingAgency: '广州市番禺区人才交流管理办公室', receivingAddress: '广州市番禺区市桥街' })
    const approved = act(id, 'approve')
    expect(approved.detail.state).toBe('awaiting_dispatch')
    expect(approved.detail.assignee?.id).toBe(clerk.id)
    expect(approved.detail.deadline.label).toBe('档案转递')
    const sent = act(id, 'dispatch', { sentOn: '2026-11-23', channel: 'confidential', trackingNumber: 'JY202611230001', receivingAgency: '广州市番禺区人才交流管理办公室' })
    expect(sent.detail.state).toBe('transferred_out')
    expect(sent.detail.assignee).toBeNull()
    expect(sent.detail.deadline.date).toBeNull()
    expect(String(sent.detail.events.at(-1)?.data.notice)).toBe(
      '您的档案已于 2026-11-23 以机要方式（单号 JY202611230001）转递至 广州市番禺区人才交流管理办公室，请留意接收单位的签收。'
    )
    expect(sent.detail.archiveRecord?.status).toBe('transferred_out')
  })

  it('refuses a dispatch dated after today', () => {
    const id = newCase('archive_transfer_out', 'standard', 'awaiting_dispatch', { receivingAgency: '某单位', receivingAddress: '某地' })
    expect(() => act(id, 'dispatch', { sentOn: '2026-11-24', channel: 'ems', trackingNumber: 'EA123456789CN', receivingAgency: '某单位' })).toThrow('日期不能晚于今天')
  })

  it('approves an archive intake issuing the 调档函, then signs the archive in and deposits it with a number', () => {
    const form = { city: '广州市', district: '番禺区', custodianUnit: '教育部留学服务中心', currentHolder: '广州市番禺区人才交流管理办公室' }
    const id = newCase('archive_intake', 'household', 'submitted', form, null)
    const approved = act(id, 'approve')
    expect(approved.detail.state).toBe('awaiting_archive')
    expect(docTypeOf(approved.documentId)).toBe('transfer_request_letter')
    s.cases.claim(id, clerk)
    const signed = act(id, 'archive_sign_in', { receivedOn: '2026-11-23', sender: form.currentHolder, trackingNumber: 'JY202611230002', stubPresent: true })
    expect(signed.detail.state).toBe('archive_review')
    const deposited = act(id, 'deposit')
    expect(deposited.detail.state).toBe('deposited')
    expect(deposited.detail.archiveNumber).toMatch(/^D2026\d{6}$/)
  })

  it('files materials issuing the receipt', () => {
    const id = newCase('material_filing', 'standard', 'submitted', { materials: [{ name: '思想汇报', pages: 6, copies: 6 }] })
    const r = act(id, 'file_materials', { materials: [{ name: '思想汇报', pages: 6, copies: 6 }, { name: '入党志愿书', pages: 4, copies: 1 }], receivedOn: '2026-11-23', remarks: '' })
    expect(r.detail.state).toBe('filed')
    expect(docTypeOf(r.documentId)).toBe('material_receipt')
    expect(String(r.detail.events.at(-1)?.data.notice)).toContain('思想汇报、入党志愿书，共 7 份 10 页')
  })

  it('approves a certificate request issuing the certificate its subtype asks for', () => {
    const custody = newCase('certificate_request', 'custody', 'pending', { purpose: '办理积分落户' })
    expect(docTypeOf(act(custody, 'approve').documentId)).toBe('custody_certificate')
    const review = newCase('certificate_request', 'political_review', 'pending', {})
    const r = act(review, 'approve')
    expect(docTypeOf(r.documentId)).toBe('political_review_certificate')
    expect(r.detail.state).toBe('approved')
  })
})
