// Letters at the exchange service as tests make them: drafted on a clerk's desk and pushed with its approval,
// signed by a supervisor (the signed PDF uploaded, then `document.sign` pushed) — the production path.
import { expect } from 'vitest'
import { sha256Hex } from '../blobs'
import type { Desk, TestServer } from './harness'

export const LETTER_DATA = { custodian: '北京市海淀区人才服务中心', applicant: { name: '申请人1' } }

/** A portal application approved on a clerk's desk with its transfer notice drafted (template data kept). */
export async function draftedLetter(t: TestServer, n = 1) {
  const { caseId } = await t.submitApplication(n)
  const clerk = await t.desk('clerk1')
  const doc = { ...(await t.letter(clerk)), data: LETTER_DATA }
  const r = await t.push(clerk, [
    { name: 'case.claim', args: { caseId } },
    { name: 'case.act', args: { caseId, action: 'approve', input: {}, document: doc }, baseVersion: 2 }
  ])
  expect(r.results[1]).toMatchObject({ status: 'applied' })
  return { caseId, doc, clerk }
}

/** The signed PDF uploaded (unless `upload` is false), then `document.sign` pushed from `d`. */
export async function signLetter(t: TestServer, d: Desk, number: string, pdf: Buffer = Buffer.from(`%PDF-1.7 signed ${number}`), upload = true) {
  if (upload) expect((await t.putBlob(pdf, d.headers)).statusCode).toBeLessThan(300)
  return t.push(d, [{ name: 'document.sign', args: { number, signedSha256: sha256Hex(pdf), signedAt: '2026-03-02T03:00:00.000Z' } }])
}
