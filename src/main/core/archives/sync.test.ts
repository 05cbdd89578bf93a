// The register across desks, against the REAL exchange service (server/src/app.ts on PGlite, loopback port).
import { describe, expect, it } from 'vitest'
import type { ArchiveDetail, ArchivePage } from '../../../shared/api/archives'
import type { ActResult, CaseDetail } from '../../../shared/api/types'
import { exchangePerTest } from '../sync/per-test'
import { type Exchange, sampleSnapshot, sha256, type TestDesk } from '../sync/testing'

const env = exchangePerTest()

const act = (d: TestDesk, id: string, action: string, input: Record<string, unknown> = {}) =>
  d.call<CaseDetail>('cases.get', { id }).then((c) => d.call<ActResult>('cases.act', { id, action, version: c.version, input }))

/** Applicant 1's archive-deposit case taken to 在库 on desk `d`, pushed; returns the archive number. */
async function depositOn(d: TestDesk): Promise<{ caseId: string; archiveNumber: string }> {
  const { caseId } = await env.ex.submit(1)
  await d.sync.pullOnce()
  await d.call('cases.claim', { id: caseId })
  await act(d, caseId, 'approve')
  await d.call('cases.claim', { id: caseId })
  await act(d, caseId, 'archive_sign_in', { receivedOn: '2026-03-02', sender: '北京市海淀区人才服务中心', trackingNumber: 'JY20260302001', stubPresent: true })
  const done = await act(d, caseId, 'approve_archive')
  expect(await d.sync.pushOnce()).toMatchObject({ rejected: 0, pending: 0 })
  return { caseId, archiveNumber: done.detail.archiveNumber! }
}

/** Applicant 1 asks, through the portal, for their archive to go to another agency. */
async function submitTransferOut(ex: Exchange): Promise<string> {
  const attachments = []
  for (const code of ['transfer_request_letter', 'id_card']) {
    const data = Buffer.from(`%PDF-1.4 ${code}`)
    await ex.portal('PUT', `/blobs/${sha256(data)}`, undefined, data)
    attachments.push({ materialCode: code, fileName: `${code}.pdf`, mime: 'application/pdf', sha256: sha256(data) })
  }
  const applicant = { ...sampleSnapshot(1).applicant, idValidFrom: undefined, idValidTo: undefined }
  const form = { receivingAgency: '上海市人才服务中心', receivingAddress: '上海市静安区梅园路77号 200070' }
  const r = await ex.portal('POST', '/applications', { type: 'archive_transfer_out', subtype: 'standard', applicant, form, attachments })
  return String(r.caseId)
}

const register = async (d: TestDesk, archiveNumber: string): Promise<ArchiveDetail> => {
  const page = await d.call<ArchivePage>('archives.search', { query: archiveNumber })
  expect(page.exactId).not.toBeNull()
  return d.call<ArchiveDetail>('archives.get', { id: page.exactId })
}

describe('the archive register across desks', () => {
  it('a shelf move on desk A reaches desk B: the new shelf and the move in the custody chain', async () => {
    const A = env.openDesk()
    const B = env.openDesk()
    await A.signIn('clerk1')
    await B.signIn('clerk2')
    const { archiveNumber } = await depositOn(A)
    await B.sync.pullOnce()
    const before = await register(B, archiveNumber)
    expect(before).toMatchObject({ status: 'in_storage', shelfLocation: null })
    expect(before.custody.map((e) => e.kind)).toEqual(['received', 'deposited'])

    const onA = await register(A, archiveNumber)
    await A.call('archives.move', { id: onA.id, toShelf: 'A-03-12' })
    const moved = await A.call<ArchiveDetail>('archives.move', { id: onA.id, toShelf: 'B-01-02', note: '整理库房' })
    expect(moved.pendingSync).toBe(2)
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0, pending: 0 })
    await B.sync.pullOnce()
    const after = await register(B, archiveNumber)
    expect(after.shelfLocation).toBe('B-01-02')
    expect(after.custody.map((e) => [e.kind, e.fromPlace, e.toPlace, e.actor, e.note])).toEqual([
      ['received', '北京市海淀区人才服务中心', null, '张敏', '收件日期 2026-03-02'],
      ['deposited', null, null, '张敏', `档案编号 ${archiveNumber}`],
      ['shelved', null, 'A-03-12', '张敏', ''],
      ['moved', 'A-03-12', 'B-01-02', '张敏', '整理库房']
    ])
    // A's own copy is the server's too now (its local entries replaced, nothing doubled).
    await A.sync.pullOnce()
    expect((await register(A, archiveNumber)).custody).toHaveLength(4)
    expect((await register(A, archiveNumber)).pendingSync).toBe(0)
  })

  it('an edit on B reaches A; a move the server refuses comes back as an attention item and the server’s shelf wins', async () => {
    const A = env.openDesk()
    const B = env.openDesk()
    await A.signIn('clerk1')
    await B.signIn('clerk2')
    const { archiveNumber } = await depositOn(A)
    await B.sync.pullOnce()
    const onB = await register(B, archiveNumber)
    await B.call('archives.update', { id: onB.id, category: 'unit', employer: '北京某科技有限公司', feesPaidUntil: '2027-12', dismissalDate: null })
    // Meanwhile A moves the archive while B, not yet synced, moves it too.
    const onA = await register(A, archiveNumber)
    await A.call('archives.move', { id: onA.id, toShelf: 'A-03-12' })
    await A.sync.pushOnce()
    await B.call('archives.move', { id: onB.id, toShelf: 'A-03-12' })
    expect(await B.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 1 })
    const [item] = await B.call<{ code: string; message: string; caseId: string | null }[]>('sync.attention')
    expect(item).toMatchObject({ code: 'VALIDATION', caseId: null })
    expect(item.message).toBe('档案已在架位 A-03-12，无需移架；您的“移架”未生效')
    await A.sync.pullOnce()
    await B.sync.pullOnce()
    for (const d of [A, B]) {
      const r = await register(d, archiveNumber)
      expect(r).toMatchObject({ category: 'unit', employer: '北京某科技有限公司', feesPaidUntil: '2027-12', shelfLocation: 'A-03-12' })
      expect(r.custody.map((e) => [e.kind, e.actor])).toEqual([
        ['received', '张敏'],
        ['deposited', '张敏'],
        ['shelved', '张敏'], // pushed first
        ['updated', '李强']
      ])
    }
  })

  it('a transfer out dispatched on desk A shows as 已转出 on desk B, with the receiving agency and tracking number', async () => {
    const A = env.openDesk()
    const B = env.openDesk()
    await A.signIn('clerk1')
    await B.signIn('clerk2')
    const { archiveNumber } = await depositOn(A)
    const onA = await register(A, archiveNumber)
    await A.call('archives.move', { id: onA.id, toShelf: 'C-02-05' })
    const transferId = await submitTransferOut(env.ex)
    await A.sync.pushOnce()
    await A.sync.pullOnce()
    await A.call('cases.claim', { id: transferId })
    await act(A, transferId, 'approve')
    await act(A, transferId, 'dispatch', { sentOn: '2026-03-02', channel: 'confidential', trackingNumber: 'JY20260302777', receivingAgency: '上海市人才服务中心' })
    expect((await register(A, archiveNumber)).status).toBe('transferred_out')
    expect(await A.sync.pushOnce()).toMatchObject({ rejected: 0, pending: 0 })
    await B.sync.pullOnce()
    const onB = await register(B, archiveNumber)
    expect(onB).toMatchObject({ status: 'transferred_out', shelfLocation: null, custodian: '上海市人才服务中心' })
    expect(onB.custody.at(-1)).toMatchObject({
      kind: 'transferred_out',
      fromPlace: 'C-02-05',
      toPlace: '上海市人才服务中心',
      trackingNumber: 'JY20260302777',
      note: '机要寄出，寄出日期 2026-03-02',
      caseId: transferId
    })
    expect(onB.cases.map((c) => [c.type, c.state])).toEqual(expect.arrayContaining([['archive_transfer_out', 'transferred_out'], ['archive_deposit', 'deposited']]))
  })
})
