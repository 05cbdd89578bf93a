import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../blobs'
import { schema } from '../db'
import { serverPerTest } from '../testing/per-test'
import { call, errorOf, GOOD_PASSWORD, newAccount } from '../testing/staff'

const t = serverPerTest()

/** An applicant with an archive in storage asks for it to be transferred out (an `archive_transfer_out` case). */
async function transferOut(n: number) {
  const base = (await t.applicationPayload(n)) as { applicant: Record<string, string> }
  const [row] = await t.sdb.db
    .insert(schema.applicants)
    .values({ ...base.applicant, nationality: '中国', idType: '居民身份证', passportNumber: '' } as typeof schema.applicants.$inferInsert)
    .returning({ id: schema.applicants.id })
  await t.sdb.db.insert(schema.archives).values({ applicantId: row.id, archiveNumber: `D2019${String(n).padStart(6, '0')}`, status: 'in_storage', category: 'individual', feesPaidUntil: '2026-06' })
  const letter = Buffer.from(`%PDF-1.4 调档函 ${n}`)
  await t.putBlob(letter, t.portalHeaders, '/portal')
  const attachments = ['transfer_request_letter', 'id_card'].map((materialCode) => ({ materialCode, fileName: `${materialCode}.pdf`, mime: 'application/pdf', sha256: sha256Hex(letter) }))
  const payload = { ...base, type: 'archive_transfer_out', subtype: 'standard', form: { receivingAgency: '广州市人才服务中心', receivingAddress: '广州市天河区' }, attachments }
  const r = await t.app.inject({ method: 'POST', url: '/portal/applications', headers: t.portalHeaders, payload })
  if (r.statusCode !== 201) throw new Error(r.body)
  return { caseId: (r.json() as { caseId: string }).caseId, sha256: sha256Hex(letter) }
}

describe('case-type scopes', () => {
  it('a clerk scoped to deposits neither pulls, opens nor works a transfer-out; the refusal names no detail of the case', async () => {
    const admin = await t.desk('admin')
    const { desk: depositor, id } = await newAccount(t, admin, { username: 'clerk3', role: 'clerk', scopes: ['archive_deposit'] })
    const deposit = await t.submitApplication(1)
    const transfer = await transferOut(2)
    // Someone in scope holds the transfer-out: the refusal must not say who.
    const zhang = await t.desk('clerk1')
    expect((await t.push(zhang, [{ name: 'case.claim', args: { caseId: transfer.caseId } }])).results[0]).toMatchObject({ status: 'applied' })

    const pulled = (await t.pull(depositor)).json() as { changes: { caseId: string }[] }
    expect(pulled.changes.map((c) => c.caseId)).toEqual([deposit.caseId])
    expect((await call(t, depositor, 'GET', `/blobs/${transfer.sha256}`)).statusCode).toBe(404)
    const depositFile = (await t.sdb.db.select().from(schema.attachments)).find((a) => a.caseId === deposit.caseId)!
    expect((await call(t, depositor, 'GET', `/blobs/${depositFile.sha256}`)).statusCode).toBe(200)

    const refused = await t.push(depositor, [
      { name: 'case.claim', args: { caseId: transfer.caseId } },
      { name: 'case.release', args: { caseId: transfer.caseId }, leaseToken: 1 },
      { name: 'case.act', args: { caseId: transfer.caseId, action: 'approve', input: {} }, baseVersion: 2, leaseToken: 1 },
      { name: 'case.claim', args: { caseId: deposit.caseId } }
    ])
    for (const r of refused.results.slice(0, 3)) {
      expect(r).toEqual({ id: expect.any(String), seq: expect.any(Number), status: 'rejected', code: 'FORBIDDEN', message: '您的业务范围不含档案转出，无权查看或办理' })
    }
    expect(refused.results[3]).toMatchObject({ status: 'applied', leaseToken: 1 })
    // The stored record answers a replay the same way (still without `current`).
    const replay = await t.app.inject({ method: 'POST', url: '/sync/push', headers: depositor.headers, payload: { clientId: depositor.clientId, mutations: refused.mutations } })
    expect(replay.json().results).toEqual(refused.results)

    // Widened scopes: the session ends, and the next one pulls and works the transfer-out.
    await call(t, admin, 'PATCH', `/admin/staff/${id}`, { displayName: '孙丽', role: 'clerk', scopes: ['archive_deposit', 'archive_transfer_out'] })
    expect(errorOf(await t.pull(depositor)).code).toBe('SESSION_ENDED')
    const again = await t.desk('clerk3', GOOD_PASSWORD)
    const all = (await t.pull(again)).json() as { changes: { caseId: string }[] }
    expect(all.changes.map((c) => c.caseId).sort()).toEqual([deposit.caseId, transfer.caseId].sort())
    expect((await call(t, again, 'GET', `/blobs/${transfer.sha256}`)).statusCode).toBe(200)
  })

  it('letters and the archive register follow the scopes too', async () => {
    const admin = await t.desk('admin')
    const { caseId } = await t.submitApplication(1)
    const zhang = await t.desk('clerk1')
    const claim = await t.push(zhang, [{ name: 'case.claim', args: { caseId } }])
    const doc = await t.letter(zhang)
    const approved = await t.push(zhang, [{ name: 'case.act', args: { caseId, action: 'approve', input: {}, document: doc }, baseVersion: 2, leaseToken: claim.results[0].leaseToken as number }])
    expect(approved.results[0]).toMatchObject({ status: 'applied' })
    const signed = Buffer.from('%PDF-1.4 signed')
    const { desk: certChief } = await newAccount(t, admin, { username: 'super2', role: 'supervisor', scopes: ['degree_certification'] })
    await t.putBlob(signed, certChief.headers)
    const sign = { name: 'document.sign', args: { number: doc.number, signedSha256: sha256Hex(signed), signedAt: t.clock.now().toISOString() } }
    const refusal = await t.push(certChief, [sign, { name: 'document.print', args: { number: doc.number, kind: 'save', reason: '', at: t.clock.now().toISOString() } }])
    expect(refusal.results.map((r) => [r.code, r.message])).toEqual([
      ['FORBIDDEN', '您的业务范围不含存档申请，无权查看或办理'],
      ['FORBIDDEN', '您的业务范围不含存档申请，无权查看或办理']
    ])
    expect((await t.push(await t.desk('super1'), [sign])).results[0]).toMatchObject({ status: 'applied' })

    const { desk: certClerk } = await newAccount(t, admin, { username: 'clerk4', role: 'clerk', scopes: ['certificate_request'] })
    const [applicant] = await t.sdb.db.select().from(schema.applicants)
    const move = { name: 'archive.move', args: { archiveNumber: 'D2026000001', idType: applicant.idType, idNumber: applicant.idNumber, toShelf: 'A-01-01', note: '' } }
    expect((await t.push(certClerk, [move])).results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN', message: '您的业务范围不含档案业务，无权修改档案登记' })
  })
})
