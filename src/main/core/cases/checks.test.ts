import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import type { ArchiveFacts } from '../../../shared/domain/certificate-rules'
import { DomainError } from '../../../shared/result'
import { createServicesOn, type Services } from '../api'
import { fixedClock } from '../clock'
import { addStaff, tempStore } from '../testing/fixtures'
import { arrearsCutoff } from './checks'

let store: ReturnType<typeof tempStore>
let s: Services
let clerk: StaffSession

/** The office's today in these tests: 2026-11-23 (10:00 in Beijing). */
beforeEach(() => {
  store = tempStore()
  s = createServicesOn(store, fixedClock('2026-11-23T02:00:00Z'))
  clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
  store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('office.arrearsCutoff', '2026-01')").run()
})
afterEach(() => store.dispose())

let seq = 0
function applicant(archive: Partial<ArchiveFacts> | null): number {
  seq++
  const id = Number(
    store.sqlite
      .prepare(
        `INSERT INTO applicants (name, sex, id_number, birth_date, ethnicity, political_status, marital_status, fertility_status,
           household_region, mobile, email, contact_name, contact_mobile) VALUES ('冯海峰', 'male', ?, '1988-04-18', '汉族', '中共党员', '已婚', '已育',
           '河北省/石家庄市/长安区', '13412344707', 'fhf@example.cn', '冯建国', '13900001111')`
      )
      .run(`13012019880418${String(seq).padStart(3, '0')}X`).lastInsertRowid
  )
  if (archive) {
    const a = { archiveNumber: `D2019${String(seq).padStart(6, '0')}`, status: 'in_storage', category: 'individual', employer: null, feesPaidUntil: '2026-06', dismissalDate: null, ...archive }
    store.sqlite
      .prepare('INSERT INTO archives (applicant_id, archive_number, status, category, employer, fees_paid_until, dismissal_date, shelf_location) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, a.archiveNumber, a.status, a.category, a.employer, a.feesPaidUntil, a.dismissalDate, 'A-03-12')
  }
  return id
}

function addCase(applicantId: number, type: string, subtype: string, state: string, opts: { submittedAt?: string; form?: object; materials?: string[] } = {}): string {
  seq++
  const id = `case-${seq}`
  store.sqlite
    .prepare(
      `INSERT INTO cases (id, case_number, type, subtype, state, applicant_id, search_text, form, assignee_id, claimed_at, submitted_at)
       VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)`
    )
    .run(id, `CD20261120${String(seq).padStart(6, '0')}`, type, subtype, state, applicantId, JSON.stringify(opts.form ?? {}), clerk.id, '2026-11-23T01:00:00Z', opts.submittedAt ?? '2026-11-20T02:00:00.000Z')
  for (const code of opts.materials ?? []) {
    store.sqlite.prepare("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES ('ab', 1, x'00')").run()
    store.sqlite.prepare("INSERT INTO attachments (case_id, material_code, file_name, mime, size, sha256, uploaded_at) VALUES (?, ?, 'x.jpg', 'image/jpeg', 1, 'ab', '2026-11-20T02:00:00Z')").run(id, code)
  }
  return id
}

const version = (id: string): number => (store.sqlite.prepare('SELECT version FROM cases WHERE id = ?').get(id) as { version: number }).version
function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (e instanceof DomainError) return e.code
    throw e
  }
  return 'NO_ERROR'
}
const approve = (id: string) => s.cases.act(id, 'approve', version(id), {}, clerk)

describe('certificate requests at review', () => {
  it('shows every rule with its data, and refuses the approval of a request in arrears with the clerk’s wording', () => {
    const id = addCase(applicant({ feesPaidUntil: '2025-12' }), 'certificate_request', 'custody', 'pending')
    const d = s.cases.detail(id, clerk)
    expect(d.archiveRecord).toMatchObject({ status: 'in_storage', category: 'individual', feesPaidUntil: '2025-12', shelfLocation: 'A-03-12' })
    expect(d.ruleChecks?.map((c) => [c.label, c.outcome])).toEqual([
      ['档案在库', 'pass'],
      ['存档类别', 'pass'],
      ['缴费截止', 'fail'],
      ['解聘时间', 'na'],
      ['单位介绍信', 'na'],
      ['同类待审核', 'pass']
    ])
    expect(() => approve(id)).toThrow('缴费截止 2025-12，早于截止线 2026-01')
    expect(codeOf(() => approve(id))).toBe('ARREARS')
    expect(s.cases.detail(id, clerk).state).toBe('pending')
  })

  it('reads the cut-off from the office settings (the default when unset or malformed)', () => {
    expect(arrearsCutoff(store)).toBe('2026-01')
    store.sqlite.prepare("UPDATE settings SET value = '2026-13' WHERE key = 'office.arrearsCutoff'").run()
    expect(arrearsCutoff(store)).toMatch(/^\d{4}-\d{2}$/)
    expect(arrearsCutoff(store)).not.toBe('2026-13')
  })

  it('refuses a unit archive whose dismissal date is today, and one without the introduction letter', () => {
    const dismissed = addCase(applicant({ category: 'unit', employer: '北京华信科技有限公司', dismissalDate: '2026-11-23' }), 'certificate_request', 'custody', 'pending', { materials: ['intro_letter'] })
    expect(codeOf(() => approve(dismissed))).toBe('DISMISSED')
    const noLetter = addCase(applicant({ category: 'unit', employer: '北京华信科技有限公司' }), 'certificate_request', 'political_review', 'pending')
    expect(codeOf(() => approve(noLetter))).toBe('INTRO_LETTER_REQUIRED')
  })

  it('lets the earlier of two pending requests of a kind through and holds the later one', () => {
    const who = applicant({})
    const first = addCase(who, 'certificate_request', 'custody', 'pending', { submittedAt: '2026-11-18T02:00:00.000Z' })
    const second = addCase(who, 'certificate_request', 'custody', 'pending', { submittedAt: '2026-11-19T02:00:00.000Z' })
    const other = addCase(who, 'certificate_request', 'political_review', 'pending', { submittedAt: '2026-11-17T02:00:00.000Z' })
    expect(s.cases.detail(second, clerk).ruleChecks?.find((c) => c.key === 'duplicate')).toMatchObject({ outcome: 'fail', code: 'DUPLICATE_PENDING' })
    expect(codeOf(() => approve(second))).toBe('DUPLICATE_PENDING')
    expect(s.cases.detail(first, clerk).ruleChecks?.find((c) => c.key === 'duplicate')?.outcome).toBe('pass')
    expect(s.cases.detail(other, clerk).ruleChecks?.find((c) => c.key === 'duplicate')?.outcome).toBe('pass')
  })

  it('refuses a request when the archive left storage meanwhile, and lets the clerk refuse it with the reason', () => {
    const who = applicant({})
    const id = addCase(who, 'certificate_request', 'custody', 'pending')
    store.sqlite.prepare("UPDATE archives SET status = 'transferred_out' WHERE applicant_id = ?").run(who)
    expect(codeOf(() => approve(id))).toBe('NO_ARCHIVE')
    const reason = s.cases.detail(id, clerk).ruleChecks?.find((c) => c.outcome === 'fail')?.message ?? ''
    const r = s.cases.act(id, 'reject', version(id), { reason }, clerk)
    expect(r.detail.state).toBe('rejected')
    const event = r.detail.events.at(-1)!
    expect(event.reasons).toEqual([{ material: 'general', text: '您的档案不在我中心（已转出），不能申请开具证明信' }])
    expect(event.at).toBe('2026-11-23T02:00:00.000Z')
    expect(String(event.data.notice)).toContain('审核未通过，原因：1. 您的档案不在我中心')
  })

  it('has no checklist for a type without archive rules', () => {
    const id = addCase(applicant(null), 'archive_intake', 'household', 'submitted')
    expect(s.cases.detail(id, clerk).ruleChecks).toBeNull()
    expect(s.cases.detail(id, clerk).archiveRecord).toBeNull()
  })
})

describe('transfer out and material filing need the archive in storage', () => {
  it('refuses approval and dispatch of a transfer out whose archive is not in storage', () => {
    const who = applicant({ status: 'not_in', archiveNumber: null })
    const a = addCase(who, 'archive_transfer_out', 'standard', 'submitted')
    expect(codeOf(() => approve(a))).toBe('NO_ARCHIVE')
    const b = addCase(who, 'archive_transfer_out', 'standard', 'awaiting_dispatch')
    const dispatch = { sentOn: '2026-11-23', channel: 'ems', trackingNumber: 'EA123456789CN', receivingAgency: '广州市人才服务中心' }
    expect(codeOf(() => s.cases.act(b, 'dispatch', version(b), dispatch, clerk))).toBe('NO_ARCHIVE')
  })

  it('refuses filing materials into an archive that is not here', () => {
    const id = addCase(applicant(null), 'material_filing', 'standard', 'submitted')
    const input = { materials: [{ name: '思想汇报', pages: 6, copies: 6 }], receivedOn: '2026-11-23', remarks: '' }
    expect(() => s.cases.act(id, 'file_materials', version(id), input, clerk)).toThrow('申请人的档案不在库（无存档记录），不能办理档案材料归档')
  })
})
