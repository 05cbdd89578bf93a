import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { DomainError } from '../../../shared/result'
import { createServicesOn, type Services } from '../api'
import { fixedClock } from '../clock'
import { addCase, addStaff, SAMPLE_FORM, tempStore } from '../testing/fixtures'

let store: ReturnType<typeof tempStore>
let s: Services
let clerk: StaffSession
let clerk2: StaffSession
let reviewer: StaffSession

const count = (table: string, where = '1=1', ...args: unknown[]) =>
  (store.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (e instanceof DomainError) return e.code
    throw e
  }
  return 'NO_ERROR'
}

beforeEach(() => {
  store = tempStore()
  s = createServicesOn(store, fixedClock('2025-10-09T02:00:00Z'))
  clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
  clerk2 = addStaff(store, 'clerk2', 'clerk', '李强')
  reviewer = addStaff(store, 'reviewer1', 'reviewer', '王芳')
})
afterEach(() => store.dispose())

describe('claiming', () => {
  it('claims once, records the event and the outbox mutation, refuses a second claimant', () => {
    const id = addCase(store)
    const d = s.cases.claim(id, clerk)
    expect(d.assignee?.name).toBe('张敏')
    expect(d.version).toBe(2)
    expect(count('case_events', "action = 'claim'")).toBe(1)
    expect(count('outbox', "name = 'case.claim'")).toBe(1)
    expect(codeOf(() => s.cases.claim(id, clerk2))).toBe('CLAIMED_BY_OTHER')
    expect(codeOf(() => s.cases.release(id, clerk2))).toBe('CLAIMED_BY_OTHER')
    expect(s.cases.release(id, clerk).assignee).toBeNull()
  })

  it('does not let anyone claim a finished case', () => {
    const id = addCase(store, { state: 'deposited', deadlineOn: null })
    expect(codeOf(() => s.cases.claim(id, clerk))).toBe('ILLEGAL_TRANSITION')
  })

  it('does not let a role that cannot act on the case type claim it', () => {
    expect(codeOf(() => s.cases.claim(addCase(store), reviewer))).toBe('FORBIDDEN')
  })
})

describe('application review', () => {
  it('refuses an action without a claim, by the wrong role, in the wrong state, or on a stale version', () => {
    const id = addCase(store)
    expect(codeOf(() => s.cases.act(id, 'approve', 1, {}, clerk))).toBe('NOT_CLAIMED')
    expect(codeOf(() => s.cases.act(id, 'approve', 1, {}, reviewer))).toBe('FORBIDDEN')
    const v = s.cases.claim(id, clerk).version
    expect(codeOf(() => s.cases.act(id, 'approve_archive', v, {}, clerk))).toBe('ILLEGAL_TRANSITION')
    expect(codeOf(() => s.cases.act(id, 'approve', v - 1, {}, clerk))).toBe('VERSION_CONFLICT')
    expect(count('case_events', "action <> 'claim'")).toBe(0)
  })

  it('approves: moves on, issues the transfer notice, releases the claim, queues the mutation — in one transaction', () => {
    const id = addCase(store)
    const v = s.cases.claim(id, clerk).version
    const { detail, documentId } = s.cases.act(id, 'approve', v, {}, clerk)
    expect(detail.state).toBe('awaiting_archive')
    expect(detail.assignee).toBeNull()
    expect(detail.deadline.date).toBeNull()
    expect(documentId).not.toBeNull()
    expect(detail.documents).toHaveLength(1)
    expect(detail.documents[0].number).toMatch(/〔2025〕第0*1号/)
    const event = detail.events.at(-1)!
    expect(event).toMatchObject({ action: 'approve', fromState: 'submitted', toState: 'awaiting_archive', actor: '张敏' })
    expect(String(event.data.notice)).toContain('调档通知单')
    const pdf = store.sqlite.prepare('SELECT b.data FROM issued_documents d JOIN blobs b ON b.sha256 = d.sha256').get() as { data: Buffer }
    expect(pdf.data.subarray(0, 5).toString()).toBe('%PDF-')
    expect(count('outbox', "name = 'case.act'")).toBe(1)
  })

  it('issues every letter the action lists for the case’s form, in order: the result, the event and the queued mutation name them all', () => {
    const approve = caseTypeDef('archive_deposit')!.actions.approve
    const issues = approve.issues
    // Test-only: the approval issues a second copy of the notice when the form says so (a custodian's address), one otherwise.
    approve.issues = (_subtype, form) => (form.custodianAddress ? ['transfer_notice', 'transfer_notice'] : 'transfer_notice')
    try {
      const id = addCase(store, { form: { ...SAMPLE_FORM, custodianAddress: '北京市海淀区某路 1 号' } })
      const r = s.cases.act(id, 'approve', s.cases.claim(id, clerk).version, {}, clerk)
      expect(r.documentIds).toHaveLength(2)
      expect(r.documentId).toBe(r.documentIds[0])
      expect(r.documentIds.map((d) => r.detail.documents.find((x) => x.id === d)?.number)).toEqual([expect.stringMatching(/第0*1号/), expect.stringMatching(/第0*2号/)])
      expect(r.detail.events.at(-1)!.data).toMatchObject({ documentId: r.documentIds[0], documentIds: r.documentIds })
      const args = JSON.parse((store.sqlite.prepare("SELECT args FROM outbox WHERE name = 'case.act'").get() as { args: string }).args)
      expect(args.documentIds).toEqual(r.documentIds)
      const other = addCase(store)
      const one = s.cases.act(other, 'approve', s.cases.claim(other, clerk).version, {}, clerk)
      expect(one.documentIds).toEqual([one.documentId])
    } finally {
      approve.issues = issues
    }
  })

  it('rolls everything back when the letter cannot be made', () => {
    const id = addCase(store, { form: { ...SAMPLE_FORM, custodian: '' } })
    const v = s.cases.claim(id, clerk).version
    expect(codeOf(() => s.cases.act(id, 'approve', v, {}, clerk))).toBe('VALIDATION')
    expect(count('issued_documents')).toBe(0)
    expect(count('document_counters')).toBe(0)
    expect(count('outbox')).toBe(1) // only the claim
    expect(s.cases.detail(id, clerk).state).toBe('submitted')
  })

  it('returns for changes with every reason in one notice; refuses an empty reason list', () => {
    const id = addCase(store)
    const v = s.cases.claim(id, clerk).version
    expect(codeOf(() => s.cases.act(id, 'return_for_changes', v, { reasons: [] }, clerk))).toBe('VALIDATION')
    const reasons = [
      { material: 'id_card', text: '身份证已过期' },
      { material: 'custodian', text: '现档案保管机构名称不准确，应填写全称' }
    ]
    const { detail } = s.cases.act(id, 'return_for_changes', v, { reasons, note: '请一并修改' }, clerk)
    expect(detail.state).toBe('returned')
    const event = detail.events.at(-1)!
    expect(event.reasons).toEqual(reasons)
    expect(event.note).toBe('请一并修改')
    expect(event.data.notice).toContain('1. 身份证正反面：身份证已过期；2. 现档案保管机构：现档案保管机构名称不准确')
  })

  it('does not accept with a reason', () => {
    const id = addCase(store)
    const v = s.cases.claim(id, clerk).version
    expect(codeOf(() => s.cases.act(id, 'not_accepted', v, { reason: '' }, clerk))).toBe('VALIDATION')
    const { detail } = s.cases.act(id, 'not_accepted', v, { reason: '档案保管在个人手中' }, clerk)
    expect(detail.state).toBe('not_accepted')
    expect(detail.actions).toEqual([])
  })
})

describe('archive sign-in and review', () => {
  const signIn = { receivedOn: '2025-09-30', sender: '北京市海淀区人才服务中心', trackingNumber: 'JY2025093001' }

  it('sends an envelope without the stub back: the case keeps waiting for the archive', () => {
    const id = addCase(store, { state: 'awaiting_archive', deadlineOn: null })
    const v = s.cases.claim(id, clerk).version
    const { detail } = s.cases.act(id, 'archive_sign_in', v, { ...signIn, stubPresent: false }, clerk)
    expect(detail.state).toBe('awaiting_archive')
    expect(detail.events.at(-1)!.data).toMatchObject({ envelopeReturned: true, trackingNumber: 'JY2025093001' })
  })

  it('signs in with the stub: archive review with a 5-working-day clock from the receipt date, then deposits with an archive number', () => {
    const id = addCase(store, { state: 'awaiting_archive', deadlineOn: null })
    const v = s.cases.claim(id, clerk).version
    const signed = s.cases.act(id, 'archive_sign_in', v, { ...signIn, stubPresent: true }, clerk).detail
    expect(signed.state).toBe('archive_review')
    expect(signed.deadline.date).toBe('2025-10-14') // 30 Sep + 5 working days across National Day
    expect(signed.deadline.remaining).toBe(4) // today is 9 Oct: 10, 11 (make-up Saturday), 13, 14
    expect(signed.assignee?.name).toBe('张敏')
    const supp = s.cases.act(id, 'request_supplements', signed.version, { reasons: [{ material: 'archive', text: '缺少大学成绩单' }] }, clerk).detail
    expect(supp.state).toBe('supplements_needed')
    const v2 = s.cases.claim(id, clerk).version
    const back = s.cases.act(id, 'supplements_received', v2, {}, clerk).detail
    expect(back.state).toBe('archive_review')
    const done = s.cases.act(id, 'approve_archive', back.version, {}, clerk).detail
    expect(done.state).toBe('deposited')
    expect(done.archiveNumber).toBe('D2025000001')
    expect(done.events.at(-1)!.data.notice).toContain('D2025000001')
  })

  it('still signs in when the 5-day clock runs past the known calendar, and says the deadline cannot be computed', () => {
    const late = createServicesOn(store, fixedClock('2026-12-28T02:00:00Z'))
    const id = addCase(store, { state: 'awaiting_archive', deadlineOn: null })
    const v = late.cases.claim(id, clerk).version
    const { detail } = late.cases.act(id, 'archive_sign_in', v, { ...signIn, receivedOn: '2026-12-28', stubPresent: true }, clerk)
    expect(detail.state).toBe('archive_review')
    expect(detail.deadline).toMatchObject({ date: null, remaining: null, label: '档案审核' })
    expect(detail.deadline.error).toContain('2027')
  })

  it('refuses a sign-in dated in the future and a second deposit of an archive already in storage', () => {
    const id = addCase(store, { state: 'awaiting_archive', deadlineOn: null })
    const v = s.cases.claim(id, clerk).version
    expect(codeOf(() => s.cases.act(id, 'archive_sign_in', v, { ...signIn, receivedOn: '2025-10-10', stubPresent: true }, clerk))).toBe('VALIDATION')
    const reviewed = s.cases.act(id, 'archive_sign_in', v, { ...signIn, stubPresent: true }, clerk).detail
    const applicant = store.sqlite.prepare('SELECT applicant_id FROM cases WHERE id = ?').get(id) as { applicant_id: number }
    // The sign-in created the archive record; meanwhile it was stored under another case.
    store.sqlite.prepare("UPDATE archives SET archive_number = 'D2024000007', status = 'in_storage' WHERE applicant_id = ?").run(applicant.applicant_id)
    expect(codeOf(() => s.cases.act(id, 'approve_archive', reviewed.version, {}, clerk))).toBe('ILLEGAL_TRANSITION')
    expect(store.sqlite.prepare('SELECT archive_number FROM archives WHERE applicant_id = ?').get(applicant.applicant_id)).toEqual({ archive_number: 'D2024000007' })
  })

  it('rejects a malformed sign-in without writing anything', () => {
    const id = addCase(store, { state: 'awaiting_archive', deadlineOn: null })
    const v = s.cases.claim(id, clerk).version
    expect(codeOf(() => s.cases.act(id, 'archive_sign_in', v, { ...signIn, receivedOn: '2025-02-30', stubPresent: true }, clerk))).toBe('VALIDATION')
    expect(s.cases.detail(id, clerk).version).toBe(v)
  })
})
