// The print console across desks, against the REAL exchange service (in-memory PGlite, loopback port):
// a letter drafted on desk A is signed there, verified at the public page, printed on desk B; voids,
// refused letters' numbers and reprints travel both ways.
import { describe, expect, it } from 'vitest'
import type { DocumentPage, JobStatus, Ledger, OfficeSettings } from '../../../shared/api/documents'
import type { FileContent } from '../../../shared/api/types'
import { DEFAULT_ARREARS_CUTOFF, DEFAULT_OFFICE } from '../../../shared/domain/office'
import { schema } from '../../../../server/src/db'
import { pdfText, pdfTool, TEST_P12_PASSPHRASE } from '../documents/testing'
import { makeTestP12 } from '../testing/p12'
import { exchangePerTest } from './per-test'
import type { TestDesk } from './testing'

const t = exchangePerTest()

const run = async (d: TestDesk, channel: string, input: unknown): Promise<JobStatus> =>
  d.services.jobs.settled((await d.call<JobStatus>(channel, input)).id)
const verify = async (code: string) => ((await (await fetch(`${t.ex.url}/api/verify/${code}`)).json()) as { document: Record<string, unknown> }).document
const letterOn = (d: TestDesk, number: string) =>
  d.store.sqlite.prepare('SELECT id, status, data IS NOT NULL AS hasData, signed_sha256, void_reason FROM issued_documents WHERE number = ?').get(number) as {
    id: number
    status: string
    hasData: number
    signed_sha256: string | null
    void_reason: string | null
  }

/** Desk A: clerk1 approves a portal application (a draft 调档通知单), pushed; the admin configures the certificate; super1 signs in. */
async function draftedOnA(A: TestDesk) {
  const { caseId } = await t.ex.submit(1)
  await A.signIn('clerk1')
  await A.sync.pullOnce()
  await A.call('cases.claim', { id: caseId })
  const { documentId } = await A.call<{ documentId: number }>('cases.act', { id: caseId, action: 'approve', version: 2, input: {} })
  expect(await A.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0 })
  await A.signIn('admin')
  await A.call('settings.setSigning', { p12Base64: makeTestP12().toString('base64'), passphrase: TEST_P12_PASSPHRASE })
  await A.signIn('super1')
  const { number, verification_code: code } = A.store.sqlite.prepare('SELECT number, verification_code FROM issued_documents WHERE id = ?').get(documentId) as {
    number: string
    verification_code: string
  }
  return { caseId, documentId, number, code }
}

describe('a letter signed on one desk, printed on another', () => {
  it('sign on A → issued at the server (verified valid) → B pulls it signed, opens the signed file, prints it; A then needs a reason to print it again', async () => {
    const A = t.openDesk()
    const B = t.openDesk()
    const { documentId, number, code } = await draftedOnA(A)
    expect(letterOn(A, number).hasData).toBe(1)
    expect(await verify(code)).toMatchObject({ status: 'draft' })

    expect(await run(A, 'documents.sign', { ids: [documentId], passphrase: TEST_P12_PASSPHRASE })).toMatchObject({ state: 'done', failures: [] })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 0, pending: 0 })
    expect(await verify(code)).toMatchObject({ status: 'issued', number })
    const page = await (await fetch(`${t.ex.url}/verify/${code}`)).text()
    expect(page).toContain('✔ 该文书由本中心出具，真实有效')

    await B.signIn('super1')
    await B.sync.pullOnce()
    const onB = letterOn(B, number)
    expect(onB).toMatchObject({ status: 'issued', hasData: 1, signed_sha256: letterOn(A, number).signed_sha256 })
    const queue = await B.call<DocumentPage>('documents.list', { status: 'issued' })
    expect(queue.rows.map((r) => [r.number, r.signedBy])).toEqual([[number, '赵建国']])
    // The signed file comes from the server on first use, verified by its hash: still validly signed.
    const content = await B.call<FileContent>('documents.content', { id: onB.id })
    const sig = pdfTool('pdfsig', Buffer.from(content.base64, 'base64')).out
    expect(sig).toContain('Signature Validation: Signature is Valid.')
    expect(sig).toContain('Signer Certificate Common Name: 留学人员档案室电子签章')

    const printed = await run(B, 'documents.print', { ids: [onB.id] })
    expect(printed).toMatchObject({ state: 'done', hasOutput: true })
    const out = Buffer.from((await B.call<FileContent>('jobs.output', { id: printed.id })).base64, 'base64')
    expect(pdfText(out)).toContain(number)
    // One letter is printed as itself: the signed file, its signature intact.
    expect(pdfTool('pdfsig', out).out).toContain('Signature Validation: Signature is Valid.')
    expect(await B.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 0 })
    const atServer = await t.ex.sdb.db.select().from(schema.documentPrints)
    expect(atServer.map((p) => [p.number, p.kind, p.actorName])).toEqual([[number, 'print', '赵建国']])

    await A.sync.pullOnce()
    await expect(A.call('documents.print', { ids: [documentId] })).rejects.toMatchObject({ code: 'REASON_REQUIRED' })
    expect(await run(A, 'documents.print', { ids: [documentId], reason: '原件盖章不清' })).toMatchObject({ state: 'done' })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1 })
    await B.sync.pullOnce()
    const kinds = B.store.sqlite.prepare('SELECT kind, reason FROM document_prints WHERE number = ? ORDER BY id').all(number)
    expect(kinds).toEqual([{ kind: 'print', reason: '' }, { kind: 'reprint', reason: '原件盖章不清' }])
  })

  it('void on B → the verification page says 作废 with the reason → A pulls it void and can no longer print it', async () => {
    const A = t.openDesk()
    const B = t.openDesk()
    const { documentId, number, code } = await draftedOnA(A)
    await run(A, 'documents.sign', { ids: [documentId], passphrase: TEST_P12_PASSPHRASE })
    await A.sync.pushOnce()
    await B.signIn('super1')
    await B.sync.pullOnce()
    await B.call('documents.void', { id: letterOn(B, number).id, reason: '申请人信息有误，重新出具' })
    expect(await B.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 0 })
    expect(await verify(code)).toMatchObject({ status: 'void', statusReason: '申请人信息有误，重新出具', statusOn: '2026-03-02' })
    await A.sync.pullOnce()
    expect(letterOn(A, number)).toMatchObject({ status: 'void', void_reason: '申请人信息有误，重新出具' })
    await expect(A.call('documents.print', { ids: [documentId] })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' })
  })
})

describe('a letter the server refused', () => {
  it('is dropped on the desk; its number is void on both sides, with the reason, and the ledger says so', async () => {
    const A = t.openDesk()
    const B = t.openDesk()
    const { caseId } = await t.ex.submit(1)
    await A.signIn('clerk1')
    await B.signIn('clerk2')
    await A.sync.pullOnce()
    await B.sync.pullOnce()
    await B.call('cases.claim', { id: caseId })
    await B.sync.pushOnce()
    // A has not pulled B's claim: it claims and approves on its stale mirror, drafting a letter.
    await A.call('cases.claim', { id: caseId })
    const { documentId } = await A.call<{ documentId: number }>('cases.act', { id: caseId, action: 'approve', version: 2, input: {} })
    const { number } = A.store.sqlite.prepare('SELECT number FROM issued_documents WHERE id = ?').get(documentId) as { number: string }
    const serial = Number(/第(\d+)号/.exec(number)![1])
    expect(await A.sync.pushOnce()).toMatchObject({ rejected: 2, pending: 0 })
    expect(A.store.sqlite.prepare('SELECT count(*) AS n FROM issued_documents WHERE number = ?').get(number)).toEqual({ n: 0 })
    const voids = A.store.sqlite.prepare('SELECT counter, serial, reason FROM number_voids').all() as { counter: string; serial: number; reason: string }[]
    expect(voids).toEqual([{ counter: 'transfer_notice:2026', serial, reason: expect.stringMatching(/^交换服务未接受出具此文书的操作：/) }])
    const atServer = await t.ex.sdb.db.select().from(schema.numberVoids)
    expect(atServer.map((v) => [v.counter, v.serial, v.reason, v.actorName])).toEqual([['transfer_notice:2026', serial, voids[0].reason, '张敏']])
    const ledger = await (async () => {
      await A.signIn('super1')
      return A.call<Ledger>('documents.ledger', { docType: 'transfer_notice', year: 2026 })
    })()
    expect(ledger.rows.find((r) => r.serial === serial)).toMatchObject({ status: 'number_void', number, reason: voids[0].reason })
    expect(ledger.rows.filter((r) => r.status === 'unused').length).toBeGreaterThan(0)
  })
})

describe('office settings with an exchange service', () => {
  it('are saved at the server by an administrator (online only) and followed by every desk', async () => {
    const A = t.openDesk()
    const B = t.openDesk()
    await A.signIn('admin')
    await B.signIn('clerk2')
    const next: OfficeSettings = { ...DEFAULT_OFFICE, name: '某市人才交流服务中心', arrearsCutoff: '2026-06' }
    A.net.offline = true
    await expect(A.call('settings.setOffice', next)).rejects.toMatchObject({ code: 'OFFLINE' })
    A.net.offline = false
    expect(await A.call('settings.setOffice', next)).toEqual(next)
    expect(await B.call('settings.office')).toEqual({ ...DEFAULT_OFFICE, arrearsCutoff: DEFAULT_ARREARS_CUTOFF })
    await B.sync.pullOnce()
    expect(await B.call('settings.office')).toEqual(next)
    expect(B.services.office().name).toBe('某市人才交流服务中心')
    expect(await (await fetch(`${t.ex.url}/verify`)).text()).toContain('某市人才交流服务中心 · 文书真伪核验')
  })
})
