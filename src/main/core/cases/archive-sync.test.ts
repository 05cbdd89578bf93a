// A certificate request from the portal to a desk and back (the real exchange service on PGlite): the desk
// issues the certificate its subtype names, and the service checks the archive rules again on arrival; an action
// issuing two letters goes through to another desk, and is refused whole when the letters do not match.
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActResult, AttentionItem, CaseDetail } from '../../../shared/api/types'
import { schema } from '../../../../server/src/db'
import type { ActionDef } from '../../../shared/domain/case-type'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { CERTIFICATE_OF } from '../../../shared/domain/case-types/certificate-request'
import { openDesk, type Exchange, sampleSnapshot, startExchange, type TestDesk } from '../sync/testing'

let ex: Exchange
let A: TestDesk
beforeEach(async () => {
  ex = await startExchange()
  A = openDesk(ex.url, ex.clock)
}, 60_000)
afterEach(async () => {
  await A.dispose()
  await ex.close()
}, 60_000)

/** Applicant `n` with an individual archive in storage at the service, then their certificate request. */
async function certificateRequest(n: number, subtype: 'custody' | 'political_review'): Promise<{ caseId: string; applicantId: number }> {
  const applicant = { ...sampleSnapshot(n).applicant, idValidFrom: undefined, idValidTo: undefined }
  const { id: _id, ...values } = sampleSnapshot(n).applicant as typeof applicant & { id?: number }
  const [row] = await ex.sdb.db.insert(schema.applicants).values(values as typeof schema.applicants.$inferInsert).returning({ id: schema.applicants.id })
  await ex.sdb.db.insert(schema.archives).values({ applicantId: row.id, archiveNumber: `D2019${String(n).padStart(6, '0')}`, status: 'in_storage', feesPaidUntil: '2026-12' })
  const r = await ex.portal('POST', '/applications', { type: 'certificate_request', subtype, applicant, form: { purpose: '办理积分落户' }, attachments: [] })
  return { caseId: String(r.caseId), applicantId: row.id }
}

describe('certificate requests between the portal, a desk and the exchange service', () => {
  it('the desk approves with the certificate of the subtype; the service records it; a later change to arrears is refused on arrival', async () => {
    const first = await certificateRequest(1, 'political_review')
    const second = await certificateRequest(2, 'custody')
    await A.signIn('clerk1')
    await A.sync.pullOnce()

    const d1 = await A.call<CaseDetail>('cases.claim', { id: first.caseId })
    expect(d1.ruleChecks?.every((c) => c.outcome !== 'fail')).toBe(true)
    const r1 = await A.call<ActResult>('cases.act', { id: first.caseId, action: 'approve', version: d1.version, input: {} })
    expect(r1.detail.state).toBe('approved')
    expect(r1.detail.documents.map((d) => d.docType)).toEqual(['political_review_certificate'])

    // The fees fall into arrears at the service after the desk pulled (the desk's copy does not know yet).
    await ex.sdb.db.update(schema.archives).set({ feesPaidUntil: '2025-12' }).where(eq(schema.archives.applicantId, second.applicantId))
    const d2 = await A.call<CaseDetail>('cases.claim', { id: second.caseId })
    await A.call<ActResult>('cases.act', { id: second.caseId, action: 'approve', version: d2.version, input: {} })

    await A.sync.pushOnce()
    const [c1] = await ex.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, first.caseId))
    expect(c1.state).toBe('approved')
    const docs = await ex.sdb.db.select().from(schema.issuedDocuments).where(eq(schema.issuedDocuments.caseId, first.caseId))
    expect(docs.map((d) => d.docType)).toEqual(['political_review_certificate'])
    const [c2] = await ex.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, second.caseId))
    expect(c2.state).toBe('pending')
    const attention = await A.call<AttentionItem[]>('sync.attention')
    expect(attention.map((a) => a.code)).toContain('ARREARS')
    expect(attention.find((a) => a.code === 'ARREARS')?.message).toContain('欠费')
  })
})

describe('an action issuing several letters, desk → exchange service → another desk', () => {
  // Test-only: a request whose form asks for both certificates gets both, in this order.
  let approve: ActionDef
  let issues: ActionDef['issues']
  const both = ['custody_certificate', 'political_review_certificate'] as const
  beforeEach(() => {
    approve = caseTypeDef('certificate_request')!.actions.approve
    issues = approve.issues
    approve.issues = (subtype, form) => (form.purpose === '两份证明' ? both : CERTIFICATE_OF[subtype])
  })
  afterEach(() => {
    approve.issues = issues
  })

  async function requestForBoth(n: number): Promise<string> {
    const applicant = { ...sampleSnapshot(n).applicant, idValidFrom: undefined, idValidTo: undefined }
    const { id: _id, ...values } = sampleSnapshot(n).applicant as typeof applicant & { id?: number }
    const [row] = await ex.sdb.db.insert(schema.applicants).values(values as typeof schema.applicants.$inferInsert).returning({ id: schema.applicants.id })
    await ex.sdb.db.insert(schema.archives).values({ applicantId: row.id, archiveNumber: `D2019${String(n).padStart(6, '0')}`, status: 'in_storage', feesPaidUntil: '2026-12' })
    const r = await ex.portal('POST', '/applications', { type: 'certificate_request', subtype: 'custody', applicant, form: { purpose: '两份证明' }, attachments: [] })
    return String(r.caseId)
  }

  it('issues both letters in order; the service records both; another desk pulls them with the event naming its own rows', async () => {
    const caseId = await requestForBoth(3)
    await A.signIn('clerk1')
    await A.sync.pullOnce()
    const d = await A.call<CaseDetail>('cases.claim', { id: caseId })
    const r = await A.call<ActResult>('cases.act', { id: caseId, action: 'approve', version: d.version, input: {} })
    expect(r.documentIds).toHaveLength(2)
    expect(r.documentId).toBe(r.documentIds[0])
    expect(r.documentIds.map((id) => r.detail.documents.find((x) => x.id === id)?.docType)).toEqual([...both])
    const event = A.store.sqlite.prepare("SELECT data FROM case_events WHERE case_id = ? AND action = 'approve'").get(caseId) as { data: string }
    expect(JSON.parse(event.data)).toMatchObject({ documentId: r.documentIds[0], documentIds: r.documentIds })

    await A.sync.pushOnce()
    expect(A.store.sqlite.prepare("SELECT status FROM outbox WHERE name = 'case.act'").all()).toEqual([{ status: 'applied' }])
    const docs = await ex.sdb.db.select().from(schema.issuedDocuments).where(eq(schema.issuedDocuments.caseId, caseId)).orderBy(schema.issuedDocuments.id)
    expect(docs.map((x) => x.docType)).toEqual([...both])
    const [serverEvent] = await ex.sdb.db.select().from(schema.caseEvents).where(and(eq(schema.caseEvents.caseId, caseId), eq(schema.caseEvents.action, 'approve')))
    expect(serverEvent.data).toMatchObject({ documentId: docs[0].id, documentIds: docs.map((x) => x.id) })

    const B = openDesk(ex.url, ex.clock)
    try {
      await B.signIn('super1')
      await B.sync.pullOnce()
      const onB = B.store.sqlite.prepare('SELECT id, doc_type, number FROM issued_documents WHERE case_id = ? ORDER BY id').all(caseId) as { id: number; doc_type: string; number: string }[]
      expect(onB.map((x) => [x.doc_type, x.number])).toEqual(docs.map((x) => [x.docType, x.number]))
      const eventOnB = B.store.sqlite.prepare("SELECT data FROM case_events WHERE case_id = ? AND action = 'approve'").get(caseId) as { data: string }
      expect(JSON.parse(eventOnB.data)).toMatchObject({ documentId: onB[0].id, documentIds: onB.map((x) => x.id) })
    } finally {
      await B.dispose()
    }
  })

  it('letters that do not match what the service’s definition issues are refused; the desk drops them all and voids their numbers', async () => {
    const caseId = await requestForBoth(4)
    await A.signIn('clerk1')
    await A.sync.pullOnce()
    const d = await A.call<CaseDetail>('cases.claim', { id: caseId })
    const r = await A.call<ActResult>('cases.act', { id: caseId, action: 'approve', version: d.version, input: {} })
    const numbers = (A.store.sqlite.prepare('SELECT number FROM issued_documents WHERE case_id = ? ORDER BY id').all(caseId) as { number: string }[]).map((x) => x.number)
    expect(numbers).toHaveLength(2)
    expect(r.documentIds).toHaveLength(2)

    approve.issues = issues // the service now issues only the subtype's certificate
    await A.sync.pushOnce()
    const act = A.store.sqlite.prepare("SELECT status, result FROM outbox WHERE name = 'case.act'").get() as { status: string; result: string }
    expect(act.status).toBe('rejected')
    expect(JSON.parse(act.result)).toMatchObject({ code: 'VALIDATION' })
    expect(JSON.parse(act.result).message).toContain('应依次出具1份文书（存档证明），收到2份（存档证明、政审证明）')
    expect(A.store.sqlite.prepare('SELECT count(*) AS n FROM issued_documents WHERE case_id = ?').get(caseId)).toEqual({ n: 0 })
    expect((A.store.sqlite.prepare('SELECT counter FROM number_voids ORDER BY counter').all() as { counter: string }[]).map((x) => x.counter)).toEqual([
      'custody_certificate:2026',
      'political_review_certificate:2026'
    ])
    expect(await ex.sdb.db.select().from(schema.issuedDocuments).where(eq(schema.issuedDocuments.caseId, caseId))).toEqual([])
  })
})
