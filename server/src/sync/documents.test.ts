import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../blobs'
import { schema } from '../db'
import type { Desk } from '../testing/harness'
import { draftedLetter, LETTER_DATA, signLetter } from '../testing/letters'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

/** A transfer notice drafted on a clerk's desk (with its template data) and pushed, as in production. */
const drafted = (n = 1) => draftedLetter(t, n)

/** The signed PDF uploaded, then `document.sign` pushed. */
const sign = (d: Desk, number: string, pdf?: Buffer, upload?: boolean) => signLetter(t, d, number, pdf, upload)

const verify = async (code: string) => (await t.app.inject({ method: 'GET', url: `/api/verify/${code}` })).json().document
const letterOf = async (caseId: string, d: Desk) => (await t.pull(d)).json().changes.find((c: { caseId: string }) => c.caseId === caseId).snapshot.documents[0]

describe('a letter’s life at the exchange service', () => {
  it('keeps the draft’s template data; a supervisor’s signing makes it issued — verified valid, pulled by every desk, its file served', async () => {
    const { caseId, doc, clerk } = await drafted()
    expect(await letterOf(caseId, clerk)).toMatchObject({ number: doc.number, status: 'draft', data: LETTER_DATA, signedSha256: null, prints: [] })
    const boss = await t.desk('super1')
    const pdf = Buffer.from('%PDF-1.7 the signed letter')
    const r = await sign(boss, doc.number, pdf)
    expect(r.results[0]).toMatchObject({ status: 'applied' })
    expect(await verify(doc.verificationCode)).toMatchObject({ status: 'issued', number: doc.number })
    const pulled = await letterOf(caseId, clerk)
    expect(pulled).toMatchObject({ status: 'issued', signedSha256: sha256Hex(pdf), signedAt: '2026-03-02T02:00:00.000Z' /* the service's time, not the desk's 03:00 */, signedBy: { id: t.staffIds.get('super1'), name: '赵建国' } })
    const events = (await t.pull(clerk)).json().changes[0].snapshot.events as { action: string; actor: string }[]
    expect(events.at(-1)).toMatchObject({ action: 'document_signed', actor: '赵建国' })
    const file = await t.app.inject({ method: 'GET', url: `/blobs/${sha256Hex(pdf)}`, headers: clerk.headers })
    expect(file.statusCode).toBe(200)
    expect(file.rawPayload.equals(pdf)).toBe(true)
    // The case itself did not change: a clerk's decision queued on version 3 still applies.
    const [c] = await t.sdb.db.select({ version: schema.cases.version }).from(schema.cases).where(eq(schema.cases.id, caseId))
    expect(c.version).toBe(3)
  })

  it('signing is refused: by a clerk, twice, before its file is uploaded, for an unknown number — each recorded, the repeat answered from the record', async () => {
    const { doc, clerk } = await drafted()
    expect((await sign(clerk, doc.number)).results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN', message: '档案管理员不能签章、打印或作废文书' })
    const boss = await t.desk('super1')
    expect((await sign(boss, doc.number, Buffer.from('%PDF never uploaded'), false)).results[0]).toMatchObject({
      status: 'rejected',
      code: 'VALIDATION',
      message: '签章后的文书文件尚未上传到交换服务，请先上传后再同步'
    })
    const first = await sign(boss, doc.number)
    expect(first.results[0]).toMatchObject({ status: 'applied' })
    const again = await t.push(boss, [{ ...first.mutations[0], seq: first.mutations[0].seq }])
    expect(again.results[0]).toEqual(first.results[0])
    expect((await sign(boss, doc.number)).results[0]).toMatchObject({ status: 'rejected', code: 'ILLEGAL_TRANSITION', message: `${doc.number} 已签章，不能签章` })
    expect((await sign(boss, '留档调字〔2026〕第999999号')).results[0]).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' })
  })

  it('voiding needs a reason; the verification page then shows 作废 with the reason and date; it happens once', async () => {
    const { caseId, doc, clerk } = await drafted()
    const boss = await t.desk('super1')
    await sign(boss, doc.number)
    const voidIt = (reason: string) => t.push(boss, [{ name: 'document.void', args: { number: doc.number, reason, at: '2026-03-03T02:00:00.000Z' } }])
    expect((await voidIt(' ')).results[0]).toMatchObject({ status: 'rejected', code: 'MALFORMED' })
    expect((await voidIt('申请人撤回申请')).results[0]).toMatchObject({ status: 'applied' })
    // Voided when the service recorded it (2 March), not the desk's 3 March.
    expect(await verify(doc.verificationCode)).toMatchObject({ status: 'void', statusReason: '申请人撤回申请', statusOn: '2026-03-02' })
    const page = await t.app.inject({ method: 'GET', url: `/verify/${doc.verificationCode}` })
    expect(page.body).toContain('✘ 该文书已作废，不再有效')
    expect(page.body).toContain('申请人撤回申请（2026-03-02）')
    expect(await letterOf(caseId, clerk)).toMatchObject({ status: 'void', statusReason: '申请人撤回申请', statusBy: { name: '赵建国' } })
    expect((await voidIt('再次作废')).results[0]).toMatchObject({ status: 'rejected', code: 'ILLEGAL_TRANSITION' })
    expect((await sign(boss, doc.number)).results[0]).toMatchObject({ status: 'rejected', code: 'ILLEGAL_TRANSITION', message: `${doc.number} 已作废，不能签章` })
  })

  it('records prints (a draft cannot be printed); a “first” print after another desk’s is recorded as a reprint; every desk pulls them', async () => {
    const { caseId, doc, clerk } = await drafted()
    const [a, b] = [await t.desk('super1'), await t.desk('super1')]
    const print = (d: Desk, kind: string, reason = '') =>
      t.push(d, [{ name: 'document.print', args: { number: doc.number, kind, reason, printer: 'HP', at: '2026-03-02T04:00:00.000Z' } }])
    expect((await print(a, 'print')).results[0]).toMatchObject({ status: 'rejected', code: 'ILLEGAL_TRANSITION' })
    expect((await print(a, 'save', '校对')).results[0]).toMatchObject({ status: 'applied' })
    await sign(a, doc.number)
    expect((await print(a, 'print')).results[0]).toMatchObject({ status: 'applied' })
    expect((await print(b, 'print')).results[0]).toMatchObject({ status: 'applied' })
    expect((await print(b, 'reprint', '卡纸')).results[0]).toMatchObject({ status: 'applied' })
    const prints = (await letterOf(caseId, clerk)).prints as { kind: string; reason: string; actor: string }[]
    expect(prints.map((p) => [p.kind, p.reason, p.actor])).toEqual([
      ['save', '校对', '赵建国'],
      ['print', '', '赵建国'],
      ['reprint', '（其他窗口已先打印此文书，本机打印时尚未同步到）', '赵建国'],
      ['reprint', '卡纸', '赵建国']
    ])
  })

  it('number.void: a number of the desk’s own block with no letter is recorded once; others are refused', async () => {
    const { doc, clerk } = await drafted()
    const year = 2026
    const serial = await t.draw(clerk, `transfer_notice:${year}`)
    const voidNumber = (d: Desk, s: number, reason = '交换服务未接受：版本冲突') => t.push(d, [{ name: 'number.void', args: { counter: `transfer_notice:${year}`, serial: s, reason } }])
    expect((await voidNumber(clerk, serial)).results[0]).toMatchObject({ status: 'applied' })
    expect((await voidNumber(clerk, serial, '重复')).results[0]).toMatchObject({ status: 'applied' })
    const rows = await t.sdb.db.select().from(schema.numberVoids)
    expect(rows.map((r) => [r.counter, r.serial, r.reason, r.actorName])).toEqual([[`transfer_notice:${year}`, serial, '交换服务未接受：版本冲突', '张敏']])
    const used = Number(/第(\d+)号/.exec(doc.number)![1])
    expect((await voidNumber(clerk, used)).results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION', message: `${doc.number} 已有在用的记录，不能登记为作废编号` })
    const other = await t.desk('clerk2')
    expect((await voidNumber(other, serial + 1)).results[0]).toMatchObject({ status: 'rejected', code: 'NUMBER_NOT_RESERVED' })
  })
})
