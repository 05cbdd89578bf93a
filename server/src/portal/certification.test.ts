import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { WorkingCalendar } from '../../../src/shared/domain/calendar'
import { sha256Hex } from '../blobs'
import { schema } from '../db'
import { portalDegreeForm } from '../testing/harness'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()
/** T0 is Monday 2026-03-02, 10:00 in Beijing. */
const TODAY = '2026-03-02'
const calendar = new WorkingCalendar()
const errorOf = (r: { json(): unknown }) => (r.json() as { error: { code: string; message: string } }).error

async function upload(materialCode: string, fileName: string, mime: string, body: string) {
  const data = Buffer.from(mime === 'image/jpeg' ? `\xff\xd8\xff ${body}` : `%PDF-1.4 ${body}`)
  const r = await t.putBlob(data, t.portalHeaders, '/portal')
  if (r.statusCode >= 300) throw new Error(r.body)
  return { materialCode, fileName, mime, sha256: sha256Hex(data) }
}

/** The shared sample (testing/harness.ts, from the desk tests' one), with fields replaced. */
const degreeForm = (over: Record<string, unknown> = {}) => ({ ...portalDegreeForm(), ...over })

/** The applicant of `applicationPayload(n)`. */
const applicantOf = async (n: number) => ((await t.applicationPayload(n)) as { applicant: Record<string, unknown> }).applicant

async function apply(n: number, type: string, subtype: string, form: Record<string, unknown>, attachments: unknown[]) {
  const payload = { type, subtype, applicant: await applicantOf(n), form, attachments }
  return t.app.inject({ method: 'POST', url: '/portal/applications', headers: t.portalHeaders, payload })
}

async function certification(n: number, form = degreeForm()) {
  const files = [await upload('diploma', '学位证书.pdf', 'application/pdf', `diploma ${n}`), await upload('photo', '照片.jpg', 'image/jpeg', `photo ${n}`), await upload('authorisation', '授权声明.pdf', 'application/pdf', `auth ${n}`)]
  return apply(n, 'degree_certification', 'foreign', form, files)
}

async function certified(n: number) {
  const r = await certification(n)
  expect(r.statusCode, r.body).toBe(201)
  return r.json() as { caseId: string; caseNumber: string }
}

/** Moves a certification to a result as a desk would have (the result's event at `at`, its input kept). */
async function result(caseId: string, state: 'certified' | 'deferred' | 'refused', at: string, data: Record<string, unknown> = {}) {
  const action = { certified: 'certify', deferred: 'defer', refused: 'refuse' }[state]
  await t.sdb.db.update(schema.cases).set({ state, clockStartedOn: null, clockDays: null, deadlineOn: null }).where(eq(schema.cases.id, caseId))
  await t.sdb.db.insert(schema.caseEvents).values({ caseId, at: new Date(at), actorName: '王芳', action, fromState: 'in_review', toState: state, data })
}

const rereview = (n: number, certificationCaseNumber: string, attachments: unknown[] = []) =>
  apply(n, 'certification_rereview', 'rereview', { certificationCaseNumber, reason: 'result_disputed', reasonText: '对暂不认证的结论有异议，颁证院校已出具核实函' }, attachments)
const refund = (n: number, certificationCaseNumber: string, bank: unknown = null) =>
  apply(n, 'certification_refund', 'refund', { certificationCaseNumber, reason: '已获得认证结果为暂不认证，申请退还认证费用', bank }, [])

describe('degree certifications from the portal', () => {
  it('accepts a complete application, checks the form by the definition’s schema and the materials', async () => {
    const ok = await certification(1)
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json()).toMatchObject({ state: 'submitted' })
    const one = degreeForm({ studyHistory: [degreeForm().studyHistory[2]] })
    expect(errorOf(await certification(2, one))).toEqual({ code: 'VALIDATION', message: '申请表填写有误：学习经历从高中阶段开始填写，至少两条' })
    const noPhoto = [await upload('diploma', '学位证书.pdf', 'application/pdf', 'd3'), await upload('authorisation', '授权声明.pdf', 'application/pdf', 'a3')]
    expect(errorOf(await apply(3, 'degree_certification', 'foreign', degreeForm(), noPhoto))).toEqual({ code: 'VALIDATION', message: '缺少必需的材料：近期标准证件照' })
    const pdfPhoto = [...noPhoto, await upload('photo', '照片.pdf', 'application/pdf', 'p3')]
    expect(errorOf(await apply(3, 'degree_certification', 'foreign', degreeForm(), pdfPhoto)).message).toBe('“近期标准证件照”不接受 application/pdf 格式的文件')
  })

  it('accepts an employment registration checked by its form schema', async () => {
    const form = {
      degreeLevel: 'master',
      certificationNumber: '留认证字〔2025〕第000456号',
      institution: '伦敦大学学院',
      country: '英国',
      trips: [{ exitOn: '2024-09-15', entryOn: '2025-10-05' }],
      firstReturnOn: '2025-10-05',
      preDepartureEmployment: 'none',
      employer: { name: '北京数智科技有限公司', creditCode: '91110108MA01234567', city: '北京市海淀区' },
      socialInsuranceMonths: 4,
      hukou: { region: '河北省/石家庄市/长安区', kind: 'family' }
    }
    const files = [await upload('acceptance_letter', '接收函.pdf', 'application/pdf', 'acc'), await upload('hukou', '户口本.pdf', 'application/pdf', 'hk')]
    const r = await apply(4, 'employment_registration', 'non_beijing_settlement', form, files)
    expect(r.statusCode, r.body).toBe(201)
    const [c] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, (r.json() as { caseId: string }).caseId))
    expect(c).toMatchObject({ clockStartedOn: TODAY, clockDays: 50, deadlineOn: calendar.addWorkingDays(TODAY, 50) })
    expect(errorOf(await apply(5, 'employment_registration', 'joint_programme', { ...form, preDepartureEmployment: 'maybe' }, files)).code).toBe('VALIDATION')
  })
})

describe('re-reviews and refunds checked against the certification on arrival (seed 004 四、五)', () => {
  it('takes up to 50 JPG supplements, no other format', async () => {
    const cert = await certified(1)
    await result(cert.caseId, 'deferred', '2026-01-10T03:00:00Z', { reasonCode: 'no_reply', reason: '颁证院校未反馈' })
    const pdf = await upload('supplement', '补充.pdf', 'application/pdf', 'sup pdf')
    expect(errorOf(await rereview(1, cert.caseNumber, [pdf])).message).toBe('“复核补充材料（JPG，最多 50 张）”不接受 application/pdf 格式的文件')
    const jpgs = []
    for (let i = 0; i < 50; i++) jpgs.push(await upload('supplement', `补充${i + 1}.jpg`, 'image/jpeg', `sup ${i}`))
    const r = await rereview(1, cert.caseNumber, jpgs)
    expect(r.statusCode, r.body).toBe(201)
    const rows = await t.sdb.db.select().from(schema.attachments).where(eq(schema.attachments.caseId, (r.json() as { caseId: string }).caseId))
    expect(rows).toHaveLength(50)
  })

  it('refuses a re-review after the one-year window with the precise code and wording, and names the other rules', async () => {
    const old = await certified(1)
    await result(old.caseId, 'certified', '2025-02-28T03:00:00Z', { equivalence: '硕士学位' })
    expect(errorOf(await rereview(1, old.caseNumber))).toEqual({
      code: 'REREVIEW_EXPIRED',
      message: '认证结果日期为 2025-02-28，复核申请应在获得认证结果的一年内（2026-02-28 前，含当日）提出，现已超过期限'
    })
    const r = await rereview(1, 'CD20990101000001')
    expect(r.statusCode).toBe(400)
    expect(errorOf(r).code).toBe('CERTIFICATION_NOT_FOUND')
    // Within the window (the result on 2025-03-02 office time: the last day is today), by the holder only, one at a time.
    const recent = await certified(2)
    await result(recent.caseId, 'deferred', '2025-03-01T17:00:00Z', { reasonCode: 'no_reply' })
    expect(errorOf(await rereview(3, recent.caseNumber)).code).toBe('NOT_OWN_CERTIFICATION')
    expect((await rereview(2, recent.caseNumber)).statusCode).toBe(201)
    expect(errorOf(await rereview(2, recent.caseNumber)).code).toBe('REREVIEW_PENDING')
    const pending = await certified(4)
    expect(errorOf(await rereview(4, pending.caseNumber)).code).toBe('NO_RESULT_YET')
  })

  it('refuses a refund after a refusal for false materials; a deferred one is refunded once, and ends the certification', async () => {
    const refused = await certified(1)
    await result(refused.caseId, 'refused', '2026-02-10T03:00:00Z', { reasonCode: 'false_materials', reason: '颁证院校回函确认未颁发该证书' })
    expect(errorOf(await refund(1, refused.caseNumber))).toEqual({ code: 'FALSE_MATERIALS', message: '因提供虚假材料导致不予认证的申请者不能申请退费' })
    const deferred = await certified(2)
    await result(deferred.caseId, 'deferred', '2026-02-10T03:00:00Z', { reasonCode: 'no_reply' })
    const ok = await refund(2, deferred.caseNumber)
    expect(ok.statusCode, ok.body).toBe(201)
    expect(errorOf(await refund(2, deferred.caseNumber)).code).toBe('REFUND_PENDING')
    expect(errorOf(await rereview(2, deferred.caseNumber)).code).toBe('REFUNDED')
    // The desk's 办理退费 checks again: the refund is not its own duplicate.
    const refundId = (ok.json() as { caseId: string }).caseId
    const desk = await t.desk('reviewer1')
    const claim = await t.push(desk, [{ name: 'case.claim', args: { caseId: refundId } }])
    expect(claim.results[0]).toMatchObject({ status: 'applied' })
    const done = await t.push(desk, [{ name: 'case.act', args: { caseId: refundId, action: 'refund', input: {} }, baseVersion: 2, leaseToken: Number(claim.results[0].leaseToken) }])
    expect(done.results[0]).toMatchObject({ status: 'applied' })
  })

  it('stops the office’s work on a certification while its refund (paid, not yet evaluated) is pending', async () => {
    const cert = await certified(1)
    const ok = await refund(1, cert.caseNumber)
    expect(ok.statusCode, ok.body).toBe(201)
    const desk = await t.desk('reviewer1')
    const claim = await t.push(desk, [{ name: 'case.claim', args: { caseId: cert.caseId } }])
    expect(claim.results[0]).toMatchObject({ status: 'applied' })
    const accept = await t.push(desk, [{ name: 'case.act', args: { caseId: cert.caseId, action: 'accept', input: {} }, baseVersion: 2, leaseToken: Number(claim.results[0].leaseToken) }])
    expect(accept.results[0]).toMatchObject({ status: 'rejected', code: 'REFUND_PENDING' })
    const [c] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, cert.caseId))
    expect(c.state).toBe('submitted')
  })

  it('asks for bank details more than 10 months after payment', async () => {
    const late = await certified(1)
    const [c] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, late.caseId))
    const form = c.form as ReturnType<typeof degreeForm>
    await t.sdb.db.update(schema.cases).set({ form: { ...form, payment: { ...form.payment, paidAt: '2025-04-30T16:30:00.000Z' } } }).where(eq(schema.cases.id, late.caseId))
    await result(late.caseId, 'deferred', '2025-06-10T03:00:00Z', { reasonCode: 'no_reply' })
    expect(errorOf(await refund(1, late.caseNumber)).code).toBe('BANK_DETAILS_REQUIRED')
    expect((await refund(1, late.caseNumber, { accountName: '申请人1', bankName: '中国银行北京海淀支行', accountNumber: '6216610100001234567' })).statusCode).toBe(201)
  })
})

describe('supplements (补充材料) of a paused certification', () => {
  it('pauses on the desk’s request: no deadline, the expected date moves with the day; supplements are added and resume the clock', async () => {
    const cert = await certified(1)
    // Accepted three working days ago with the UK's 15 working days.
    const started = '2026-02-25'
    const deadline = calendar.addWorkingDays(started, 15)
    await t.sdb.db.update(schema.cases).set({ state: 'in_review', clockStartedOn: started, clockDays: 15, deadlineOn: deadline }).where(eq(schema.cases.id, cert.caseId))
    const early = await t.app.inject({ method: 'POST', url: `/portal/applications/${cert.caseId}/supplement`, headers: t.portalHeaders, payload: { attachments: [] } })
    expect(errorOf(early).code).toBe('ILLEGAL_TRANSITION')
    const desk = await t.desk('reviewer1')
    const claim = await t.push(desk, [{ name: 'case.claim', args: { caseId: cert.caseId } }])
    const [before] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, cert.caseId))
    const ask = await t.push(desk, [
      { name: 'case.act', args: { caseId: cert.caseId, action: 'request_supplements', input: { reasons: [{ material: 'transcript', text: '请补充完整的成绩单' }] } }, baseVersion: before.version, leaseToken: Number(claim.results[0].leaseToken) }
    ])
    expect(ask.results[0]).toMatchObject({ status: 'applied' })
    const left = 15 - calendar.workingDaysUntil(started, TODAY)
    const status = async () => (await t.app.inject({ method: 'GET', url: `/portal/applications/${cert.caseId}`, headers: t.portalHeaders })).json() as Record<string, unknown>
    const paused = await status()
    expect(paused).toMatchObject({ state: 'awaiting_supplements', deadlineOn: null, expectedOn: calendar.addWorkingDays(TODAY, left), paused: { since: TODAY, daysLeft: left, label: '等待申请人补充材料' } })
    t.clock.advance(24 * 3600_000) // Tuesday
    const nextDay = await status()
    expect(nextDay).toMatchObject({ deadlineOn: null, expectedOn: calendar.addWorkingDays('2026-03-03', left) })
    expect(nextDay.expectedOn).not.toBe(paused.expectedOn)
    // The applicant supplements: files added to the case's own, the clock resumes with the days left.
    const transcript = await upload('transcript', '成绩单.pdf', 'application/pdf', 'transcript')
    const r = await t.app.inject({ method: 'POST', url: `/portal/applications/${cert.caseId}/supplement`, headers: t.portalHeaders, payload: { attachments: [transcript] } })
    expect(r.statusCode, r.body).toBe(200)
    expect(r.json()).toMatchObject({ state: 'in_review' })
    const files = await t.sdb.db.select().from(schema.attachments).where(eq(schema.attachments.caseId, cert.caseId))
    expect(files.map((f) => f.materialCode).sort()).toEqual(['authorisation', 'diploma', 'photo', 'transcript'])
    const [after] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, cert.caseId))
    expect(after).toMatchObject({ state: 'in_review', clockStartedOn: '2026-03-03', clockDays: left, deadlineOn: calendar.addWorkingDays('2026-03-03', left) })
    expect((await status()).notices).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'request_supplements' })]))
  })

  it('keeps a re-review’s supplements within 50 files when more are added', async () => {
    const cert = await certified(1)
    await result(cert.caseId, 'deferred', '2026-01-10T03:00:00Z', { reasonCode: 'no_reply' })
    const jpgs = []
    for (let i = 0; i < 50; i++) jpgs.push(await upload('supplement', `补充${i + 1}.jpg`, 'image/jpeg', `s ${i}`))
    const r = await rereview(1, cert.caseNumber, jpgs)
    const id = (r.json() as { caseId: string }).caseId
    await t.sdb.db.update(schema.cases).set({ state: 'awaiting_supplements', clockStartedOn: TODAY, clockDays: 10 }).where(eq(schema.cases.id, id))
    const one = await upload('supplement', '补充51.jpg', 'image/jpeg', 's 51')
    const more = await t.app.inject({ method: 'POST', url: `/portal/applications/${id}/supplement`, headers: t.portalHeaders, payload: { attachments: [one] } })
    expect(errorOf(more)).toEqual({ code: 'VALIDATION', message: '“复核补充材料（JPG，最多 50 张）”最多上传 50 个文件，现有 51 个' })
    // The same file again is kept once (nothing over the limit).
    const again = await t.app.inject({ method: 'POST', url: `/portal/applications/${id}/supplement`, headers: t.portalHeaders, payload: { attachments: [jpgs[0]] } })
    expect(again.statusCode, again.body).toBe(200)
  })
})
