import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { newVerificationCode } from '../../../src/main/core/documents/numbering'
import { counterKey, formatDocumentNumber } from '../../../src/shared/domain/numbers'
import { sha256Hex } from '../blobs'
import { schema } from '../db'
import type { Desk } from '../testing/harness'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()
/** T0 is 2026-03-02 in Beijing; the default cut-off 2026-01 applies unless the office sets another. */

interface Archive {
  status?: 'not_in' | 'in_storage' | 'transferred_out'
  category?: 'unit' | 'individual'
  employer?: string | null
  feesPaidUntil?: string | null
  dismissalDate?: string | null
}

/** The applicant of `applicationPayload(n)`, registered with an archive (or none). */
async function holder(n: number, archive: Archive | null) {
  const base = (await t.applicationPayload(n)) as { applicant: Record<string, string> }
  const a = base.applicant
  const [row] = await t.sdb.db
    .insert(schema.applicants)
    .values({ ...a, nationality: '中国', idType: '居民身份证', idNumber: a.idNumber, passportNumber: '' } as typeof schema.applicants.$inferInsert)
    .returning({ id: schema.applicants.id })
  if (archive) {
    await t.sdb.db.insert(schema.archives).values({
      applicantId: row.id,
      archiveNumber: `D2019${String(n).padStart(6, '0')}`,
      status: archive.status ?? 'in_storage',
      category: archive.category ?? 'individual',
      employer: archive.employer ?? null,
      feesPaidUntil: archive.feesPaidUntil === undefined ? '2026-06' : archive.feesPaidUntil,
      dismissalDate: archive.dismissalDate ?? null
    })
  }
  return { applicant: a, applicantId: row.id }
}

const introLetter = async (n: number) => {
  const data = Buffer.from(`\xff\xd8\xff intro letter ${n}`)
  await t.putBlob(data, t.portalHeaders, '/portal')
  return { materialCode: 'intro_letter', fileName: '单位介绍信.jpg', mime: 'image/jpeg', sha256: sha256Hex(data) }
}

async function request(n: number, body: Record<string, unknown>) {
  const payload = { ...(await t.applicationPayload(n)), attachments: [], form: {}, ...body }
  return t.app.inject({ method: 'POST', url: '/portal/applications', headers: t.portalHeaders, payload })
}
const certificate = (n: number, subtype = 'custody', extra: Record<string, unknown> = {}) => request(n, { type: 'certificate_request', subtype, ...extra })
const errorOf = (r: { json(): unknown }) => (r.json() as { error: { code: string; message: string } }).error

describe('certificate requests arriving from the portal (seed 003)', () => {
  it('refuses without an archive in storage, and in arrears up to the month before the cut-off, accepting the cut-off month', async () => {
    expect(errorOf(await certificate(1))).toEqual({ code: 'NO_ARCHIVE', message: '您的档案不在我中心（无存档记录），不能申请开具证明信' })
    await holder(2, { status: 'transferred_out' })
    expect(errorOf(await certificate(2)).code).toBe('NO_ARCHIVE')
    await holder(3, { feesPaidUntil: '2025-12' })
    const arrears = await certificate(3)
    expect(arrears.statusCode).toBe(400)
    expect(errorOf(arrears)).toEqual({ code: 'ARREARS', message: '您的存档费处于欠费状态，不能开具证明信，需到人才中心缴纳后再申请开具' })
    await holder(4, { feesPaidUntil: '2026-01' })
    expect((await certificate(4)).statusCode).toBe(201)
    // The office moves its cut-off: the same fees are now in arrears.
    await t.sdb.db.insert(schema.serverMeta).values({ key: 'office', value: JSON.stringify({ arrearsCutoff: '2026-02' }) })
    expect(errorOf(await certificate(4, 'political_review')).code).toBe('ARREARS')
  })

  it('refuses a unit archive without the introduction letter, or with a dismissal date registered — on the day or ahead of it (issue 14)', async () => {
    await holder(1, { category: 'unit', employer: '北京华信科技有限公司', feesPaidUntil: null })
    expect(errorOf(await certificate(1)).code).toBe('INTRO_LETTER_REQUIRED')
    expect((await certificate(1, 'custody', { attachments: [await introLetter(1)] })).statusCode).toBe(201)
    await holder(2, { category: 'unit', employer: '北京华信科技有限公司', dismissalDate: '2026-03-02' })
    expect(errorOf(await certificate(2, 'custody', { attachments: [await introLetter(2)] }))).toEqual({
      code: 'DISMISSED',
      message: '您已经从该单位离职，不能申请开具证明信，请联系人才中心办理档案转接业务'
    })
    // Seed 003: "系统登记了解聘时间" refuses — a date ahead of today as well.
    await holder(3, { category: 'unit', employer: '北京华信科技有限公司', dismissalDate: '2026-03-03' })
    expect(errorOf(await certificate(3, 'custody', { attachments: [await introLetter(3)] })).code).toBe('DISMISSED')
  })

  it('keeps one pending request per kind; a resubmission is not its own duplicate and replaces the submission time', async () => {
    await holder(1, {})
    const first = (await certificate(1)).json() as { caseId: string; state: string }
    expect(first.state).toBe('pending')
    const dup = await certificate(1)
    expect(errorOf(dup).code).toBe('DUPLICATE_PENDING')
    expect(errorOf(dup).message).toContain('CD20260302000001')
    expect((await certificate(1, 'political_review')).statusCode).toBe(201)

    await t.security({ sessionIdleMinutes: 720 }) // the clerk stays signed in while the clock moves 4½ hours
    const clerk = await t.desk('clerk1')
    const rejected = await t.push(clerk, [
      { name: 'case.claim', args: { caseId: first.caseId } },
      { name: 'case.act', args: { caseId: first.caseId, action: 'reject', input: { reason: '单位介绍信内容不合格' } }, baseVersion: 2 }
    ])
    expect(rejected.results.map((r) => r.status)).toEqual(['applied', 'applied'])
    t.clock.set('2026-03-02T06:30:00Z')
    const resubmit = () => t.app.inject({ method: 'POST', url: `/portal/applications/${first.caseId}/resubmit`, headers: t.portalHeaders, payload: {} })
    const again = await resubmit()
    expect(again.json()).toEqual({ state: 'pending', round: 2 })
    const [row] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, first.caseId))
    expect(row.submittedAt.toISOString()).toBe('2026-03-02T06:30:00.000Z')

    // Rejected again while another custody request came in meanwhile: now the resubmission would be a duplicate.
    await t.push(clerk, [
      { name: 'case.claim', args: { caseId: first.caseId } },
      { name: 'case.act', args: { caseId: first.caseId, action: 'reject', input: { reason: '请补充用途' } }, baseVersion: row.version + 1 }
    ])
    expect((await certificate(1)).statusCode).toBe(201)
    expect(errorOf(await resubmit()).code).toBe('DUPLICATE_PENDING')
  })
})

async function approveArgs(d: Desk, caseId: string) {
  const year = 2026
  const number = formatDocumentNumber('custody_certificate', year, await t.draw(d, counterKey('custody_certificate', year)))
  const pdf = Buffer.from(`%PDF-1.4 certificate ${number}`)
  await t.putBlob(pdf, d.headers)
  const document = { docType: 'custody_certificate', number, verificationCode: newVerificationCode(), sha256: sha256Hex(pdf), fileName: `存档证明-${number}.pdf`, issuedAt: t.clock.now().toISOString() }
  return { caseId, action: 'approve', input: {}, document }
}

describe('the rules again when a desk’s decision arrives', () => {
  it('rejects an approval when the archive fell into arrears meanwhile, and applies it once paid', async () => {
    const { applicantId } = await holder(1, {})
    const { caseId } = (await certificate(1)).json() as { caseId: string }
    await t.sdb.db.update(schema.archives).set({ feesPaidUntil: '2025-11' }).where(eq(schema.archives.applicantId, applicantId))
    const clerk = await t.desk('clerk1')
    const r = await t.push(clerk, [
      { name: 'case.claim', args: { caseId } },
      { name: 'case.act', args: await approveArgs(clerk, caseId), baseVersion: 2 }
    ])
    expect(r.results[1]).toMatchObject({ status: 'rejected', code: 'ARREARS' })
    expect(String(r.results[1].message)).toContain('缴费截止 2025-11，早于截止线 2026-01')
    await t.sdb.db.update(schema.archives).set({ feesPaidUntil: '2026-12' }).where(eq(schema.archives.applicantId, applicantId))
    const ok = await t.push(clerk, [{ name: 'case.act', args: await approveArgs(clerk, caseId), baseVersion: 2 }])
    expect(ok.results[0]).toMatchObject({ status: 'applied' })
  })
})

describe('the other archive types from the portal', () => {
  it('checks the archive for transfer out and material filing, and the intake form per subtype', async () => {
    const letter = Buffer.from('%PDF-1.4 调档函')
    await t.putBlob(letter, t.portalHeaders, '/portal')
    const files = ['transfer_request_letter', 'id_card'].map((materialCode) => ({ materialCode, fileName: `${materialCode}.pdf`, mime: 'application/pdf', sha256: sha256Hex(letter) }))
    const transfer = (n: number) => request(n, { type: 'archive_transfer_out', subtype: 'standard', form: { receivingAgency: '广州市人才服务中心', receivingAddress: '广州市天河区' }, attachments: files })
    expect(errorOf(await transfer(1))).toEqual({ code: 'NO_ARCHIVE', message: '您的档案不在我中心（无存档记录），不能申请档案转出' })
    await holder(2, {})
    expect((await transfer(2)).statusCode).toBe(201)
    expect(errorOf(await request(2, { type: 'archive_transfer_out', subtype: 'standard', form: { receivingAgency: '广州' }, attachments: files }))).toEqual({
      code: 'VALIDATION',
      message: '申请表填写有误：请填写接收单位地址'
    })
    expect(errorOf(await request(3, { type: 'material_filing', subtype: 'standard', form: { materials: [{ name: '思想汇报', pages: 6, copies: 6 }] } })).code).toBe('NO_ARCHIVE')
    expect((await request(2, { type: 'material_filing', subtype: 'standard', form: { materials: [{ name: '思想汇报', pages: 6, copies: 6 }] } })).statusCode).toBe(201)
    expect(errorOf(await request(2, { type: 'material_filing', subtype: 'standard', form: { materials: [] } })).message).toBe('申请表填写有误：请至少填写一份材料')

    const intake = (subtype: string, form: Record<string, unknown>) =>
      request(4, { type: 'archive_intake', subtype, form: { custodianUnit: '教育部留学服务中心', currentHolder: '广州市番禺区人才交流管理办公室', ...form }, attachments: [files[1]] })
    expect(errorOf(await intake('household', { city: '广州市' })).message).toBe('申请表填写有误：按户籍地办理须选择所在区')
    expect(errorOf(await intake('employer', { city: '广州市', district: '番禺区' })).message).toBe('申请表填写有误：按现工作单位所在地办理须填写现工作单位名称')
    expect((await intake('household', { city: '广州市', district: '番禺区' })).statusCode).toBe(201)
    expect((await intake('employer', { employerName: '广州华南科技有限公司', employerLocation: '广州市天河区' })).statusCode).toBe(201)
  })
})
