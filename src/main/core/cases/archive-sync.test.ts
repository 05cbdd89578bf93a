// A certificate request from the portal to a desk and back (the real exchange service on PGlite): the desk
// issues the certificate its subtype names, and the service checks the archive rules again on arrival.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActResult, AttentionItem, CaseDetail } from '../../../shared/api/types'
import { schema } from '../../../../server/src/db'
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
