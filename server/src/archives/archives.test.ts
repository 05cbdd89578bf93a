import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { counterKey, formatArchiveNumber } from '../../../src/shared/domain/numbers'
import { schema } from '../db'
import type { Desk } from '../testing/harness'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

const signIn = { receivedOn: '2026-03-02', sender: '北京市海淀区人才服务中心', trackingNumber: 'JY20260302001', stubPresent: true }

/** Submit → approve (transfer notice) → sign in → (deposit with the desk's archive number). */
async function throughSignIn(desk: Desk, n = 1, stubPresent = true) {
  const { caseId } = await t.submitApplication(n)
  const r = await t.push(desk, [{ name: 'case.claim', args: { caseId } }])
  const doc = await t.letter(desk)
  await t.push(desk, [{ name: 'case.act', args: { caseId, action: 'approve', input: {}, document: doc }, baseVersion: 2, leaseToken: r.results[0].leaseToken as number }])
  const again = await t.push(desk, [{ name: 'case.claim', args: { caseId } }])
  const token = again.results[0].leaseToken as number
  const signed = await t.push(desk, [{ name: 'case.act', args: { caseId, action: 'archive_sign_in', input: { ...signIn, stubPresent } }, baseVersion: 4, leaseToken: token }])
  expect(signed.results[0]).toMatchObject({ status: 'applied' })
  return { caseId, token }
}

async function deposited(desk: Desk, n = 1) {
  const { caseId, token } = await throughSignIn(desk, n)
  const archiveNumber = formatArchiveNumber(2026, await t.draw(desk, counterKey('archive_number', 2026)))
  const r = await t.push(desk, [{ name: 'case.act', args: { caseId, action: 'approve_archive', input: {}, archiveNumber }, baseVersion: 5, leaseToken: token }])
  expect(r.results[0]).toMatchObject({ status: 'applied' })
  const [applicant] = await t.sdb.db.select().from(schema.applicants)
  return { caseId, archiveNumber, key: { archiveNumber, idType: applicant.idType, idNumber: applicant.idNumber } }
}

const custody = async () => (await t.sdb.db.select().from(schema.archiveCustody).orderBy(schema.archiveCustody.id)).map((e) => ({ ...e, at: e.at.toISOString() }))
const snapshotOf = async (desk: Desk, caseId: string) => {
  const body = (await t.pull(desk)).json() as { changes: { caseId: string; snapshot: { archive: Record<string, unknown> | null } }[] }
  return body.changes.find((c) => c.caseId === caseId)?.snapshot
}

describe('case actions record the archive (same rules as the desk)', () => {
  it('sign-in and deposit: the record, the number, custody entries with who and the sender’s tracking number; the snapshot carries them', async () => {
    const desk = await t.desk('clerk1')
    const { caseId, archiveNumber } = await deposited(desk)
    const [archive] = await t.sdb.db.select().from(schema.archives)
    expect(archive).toMatchObject({ archiveNumber, status: 'in_storage', custodian: null, shelfLocation: null })
    expect((await custody()).map((e) => [e.kind, e.fromPlace, e.trackingNumber, e.caseId, e.actorName, e.note])).toEqual([
      ['received', '北京市海淀区人才服务中心', 'JY20260302001', caseId, '张敏', '收件日期 2026-03-02'],
      ['deposited', null, null, caseId, '张敏', `档案编号 ${archiveNumber}`]
    ])
    const snap = await snapshotOf(desk, caseId)
    expect(snap?.archive).toMatchObject({ archiveNumber, status: 'in_storage', category: 'individual', custody: [{ kind: 'received', actor: '张敏' }, { kind: 'deposited' }] })
  })

  it('an envelope without the stub: returned to the sender, the archive not in', async () => {
    const desk = await t.desk('clerk1')
    await throughSignIn(desk, 1, false)
    expect(await t.sdb.db.select({ status: schema.archives.status, custodian: schema.archives.custodian }).from(schema.archives)).toEqual([
      { status: 'not_in', custodian: '北京市海淀区人才服务中心' }
    ])
    expect((await custody()).map((e) => [e.kind, e.toPlace])).toEqual([['returned_to_sender', '北京市海淀区人才服务中心']])
  })
})

describe('archive.move / archive.update', () => {
  it('moves a shelf: custody from/to by the server’s current shelf, a change every desk pulls', async () => {
    const desk = await t.desk('clerk1')
    const { caseId, key } = await deposited(desk)
    const { cursor } = (await t.pull(desk)).json() as { cursor: string }
    const first = await t.push(desk, [{ name: 'archive.move', args: { ...key, toShelf: 'A-03-12', note: '' } }])
    expect(first.results[0]).toMatchObject({ status: 'applied' })
    const moved = await t.push(desk, [{ name: 'archive.move', args: { ...key, toShelf: 'b-1-2', note: '整理库房' } }])
    expect(moved.results[0]).toMatchObject({ status: 'applied' })
    expect((await custody()).slice(-2).map((e) => [e.kind, e.fromPlace, e.toPlace, e.actorName, e.note])).toEqual([
      ['shelved', null, 'A-03-12', '张敏', ''],
      ['moved', 'A-03-12', 'B-01-02', '张敏', '整理库房']
    ])
    const later = (await t.pull(desk, cursor)).json() as { changes: { caseId: string; snapshot: { archive: { shelfLocation: string; custody: unknown[] } } }[] }
    expect(later.changes.map((c) => c.caseId)).toEqual([caseId])
    expect(later.changes[0].snapshot.archive).toMatchObject({ shelfLocation: 'B-01-02' })
    expect(later.changes[0].snapshot.archive.custody).toHaveLength(4)
  })

  it('refuses by the same rules, with Chinese reasons: role, shelf code, same shelf, unknown archive, changed number', async () => {
    const desk = await t.desk('clerk1')
    const { key } = await deposited(desk)
    const reviewer = await t.desk('reviewer1')
    const r = await t.push(reviewer, [{ name: 'archive.move', args: { ...key, toShelf: 'A-01-01', note: '' } }])
    expect(r.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN', message: '认证审核员无权修改档案登记' })
    const bad = await t.push(desk, [
      { name: 'archive.move', args: { ...key, toShelf: 'A0312', note: '' } },
      { name: 'archive.move', args: { ...key, toShelf: 'A-01-01', note: '' } },
      { name: 'archive.move', args: { ...key, toShelf: 'A-1-1', note: '' } },
      { name: 'archive.move', args: { ...key, idNumber: '110105199001011234', toShelf: 'A-02-01', note: '' } },
      { name: 'archive.move', args: { ...key, archiveNumber: 'D2026999999', toShelf: 'A-02-01', note: '' } },
      { name: 'archive.move', args: { toShelf: 'A-02-01' } }
    ])
    expect(bad.results.map((x) => [x.status, x.code ?? null])).toEqual([
      ['rejected', 'VALIDATION'],
      ['applied', null],
      ['rejected', 'VALIDATION'],
      ['rejected', 'NOT_FOUND'],
      ['rejected', 'VERSION_CONFLICT'],
      ['rejected', 'VALIDATION']
    ])
    expect(bad.results[0].message).toContain('架位编号格式不正确')
    expect(bad.results[2].message).toBe('档案已在架位 A-01-01，无需移架')
  })

  it('updates the record with a custody entry naming each change; the same values again change nothing', async () => {
    const desk = await t.desk('clerk1')
    const { key } = await deposited(desk)
    const args = { ...key, category: 'unit', employer: '北京某科技有限公司', feesPaidUntil: '2027-12', dismissalDate: '2026-03-02', note: '单位来函' }
    const r = await t.push(desk, [
      { name: 'archive.update', args: { ...args, dismissalDate: '2026-03-03' } },
      { name: 'archive.update', args },
      { name: 'archive.update', args: { ...args, note: '' } }
    ])
    expect(r.results.map((x) => [x.status, x.message ?? null])).toEqual([
      ['rejected', '解聘时间不能晚于今天'],
      ['applied', null],
      ['applied', null]
    ])
    const [archive] = await t.sdb.db.select().from(schema.archives).where(eq(schema.archives.archiveNumber, key.archiveNumber))
    expect(archive).toMatchObject({ category: 'unit', employer: '北京某科技有限公司', feesPaidUntil: '2027-12', dismissalDate: '2026-03-02' })
    const entries = (await custody()).filter((e) => (e.kind as string) === 'updated')
    expect(entries.map((e) => e.note)).toEqual([
      '存档类别：个人存档→单位存档；存档单位：（空）→北京某科技有限公司；缴费截止时间：（空）→2027-12；解聘时间：（空）→2026-03-02（单位来函）'
    ])
  })
})
