import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { formatDocumentNumber } from '../../../src/shared/domain/numbers'
import { sha256Hex } from '../blobs'
import { schema } from '../db'
import type { Desk } from '../testing/harness'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

/** What a desk 400 days behind says: its own clock's time. */
const DESK_SAYS = '2025-01-26T02:00:00.000Z'

async function approveWith(d: Desk, doc: Record<string, unknown>) {
  const { caseId } = await t.submitApplication()
  const r = await t.push(d, [
    { name: 'case.claim', args: { caseId } },
    { name: 'case.act', args: { caseId, action: 'approve', input: {}, document: doc }, baseVersion: 2 }
  ])
  return { caseId, result: r.results[1] }
}

/** Signs in again on the same desk (sessions expire while the test moves the clock on by days). */
async function resume(d: Desk, username: string): Promise<Desk> {
  const r = await t.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username, password: 'demo1234', clientId: d.clientId } })
  d.headers = { ...d.headers, authorization: `Bearer ${r.json().token}` }
  return d
}

const verify = async (code: string) => (await t.app.inject({ method: 'GET', url: `/api/verify/${code}` })).json().document

describe('official letter times and number years are the service’s', () => {
  it('stamps a letter issued, signed and voided with the service’s time (the desk’s kept as what it said); /verify shows the service’s dates', async () => {
    t.clock.set('2026-03-02T02:00:00Z')
    const clerk = await t.desk('clerk1')
    const doc = { ...(await t.letter(clerk)), issuedAt: DESK_SAYS }
    const { caseId, result } = await approveWith(clerk, doc)
    expect(result).toMatchObject({ status: 'applied' })
    const [row] = await t.sdb.db.select().from(schema.issuedDocuments).where(eq(schema.issuedDocuments.number, doc.number))
    expect(row.issuedAt.toISOString()).toBe('2026-03-02T02:00:00.000Z')
    expect(await verify(doc.verificationCode)).toMatchObject({ issuedOn: '2026-03-02' })
    const events = await t.sdb.db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId))
    expect(JSON.stringify(events.at(-1)!.data)).toContain(DESK_SAYS)

    t.clock.set('2026-03-05T03:00:00Z')
    let boss = await t.desk('super1')
    const pdf = Buffer.from('%PDF-1.7 signed')
    await t.putBlob(pdf, boss.headers)
    const signed = await t.push(boss, [{ name: 'document.sign', args: { number: doc.number, signedSha256: sha256Hex(pdf), signedAt: DESK_SAYS } }])
    expect(signed.results[0]).toMatchObject({ status: 'applied' })
    const [s] = await t.sdb.db.select().from(schema.issuedDocuments).where(eq(schema.issuedDocuments.number, doc.number))
    expect(s.signedAt!.toISOString()).toBe('2026-03-05T03:00:00.000Z')

    t.clock.set('2026-03-09T03:00:00Z')
    boss = await resume(boss, 'super1')
    const voided = await t.push(boss, [{ name: 'document.void', args: { number: doc.number, reason: '申请人撤回', at: DESK_SAYS } }])
    expect(voided.results[0]).toMatchObject({ status: 'applied' })
    expect(await verify(doc.verificationCode)).toMatchObject({ status: 'void', issuedOn: '2026-03-02', statusOn: '2026-03-09' })
    const page = await t.app.inject({ method: 'GET', url: `/verify/${doc.verificationCode}` })
    expect(page.body).toContain('2026-03-09')
    expect(page.body).not.toContain('2025-01-26')
  })

  it('refuses blocks of a year that is not the service’s (NUMBER_YEAR); next year’s only in December', async () => {
    t.clock.set('2026-03-02T02:00:00Z')
    const d = await t.desk('clerk1')
    for (const counter of ['transfer_notice:2025', 'transfer_notice:2027']) {
      const r = await t.app.inject({ method: 'POST', url: '/sync/numbers', headers: d.headers, payload: { clientId: d.clientId, want: [{ counter, size: 5 }] } })
      expect(r.statusCode).toBe(409)
      expect(r.json().error.code).toBe('NUMBER_YEAR')
    }
    t.clock.set('2026-12-31T15:58:00Z') // 23:58 on 31 December, office time
    await resume(d, 'clerk1')
    expect((await t.numbers(d, [{ counter: 'transfer_notice:2027', size: 5 }])).blocks).toHaveLength(1)
  })

  it('refuses a letter whose number’s year is not the service’s, also from a block of that year the desk still held', async () => {
    t.clock.set('2025-12-20T02:00:00Z')
    const d = await t.desk('clerk1')
    const serial = await t.draw(d, 'transfer_notice:2025')
    t.clock.set('2026-03-02T02:00:00Z') // the desk, 400 days behind, still numbers 〔2025〕
    await resume(d, 'clerk1')
    const number = formatDocumentNumber('transfer_notice', 2025, serial)
    const { result } = await approveWith(d, { ...(await t.letter(d, number)), issuedAt: DESK_SAYS })
    expect(result).toMatchObject({ status: 'rejected', code: 'NUMBER_YEAR', message: expect.stringContaining('2026') })
  })

  it('accepts last year’s number from a desk that was offline over New Year, within the grace days', async () => {
    t.clock.set('2026-12-31T10:00:00Z')
    const d = await t.desk('clerk1')
    const serial = await t.draw(d, 'transfer_notice:2026')
    const number = formatDocumentNumber('transfer_notice', 2026, serial)
    const doc = await t.letter(d, number)
    t.clock.set('2027-01-03T02:00:00Z') // pushed after New Year
    await resume(d, 'clerk1')
    const { result } = await approveWith(d, { ...doc, issuedAt: '2026-12-31T10:00:00.000Z' })
    expect(result).toMatchObject({ status: 'applied' })
    // …but not when the desk itself says it issued the letter in the new year.
    const late = await t.letter(d, formatDocumentNumber('transfer_notice', 2026, await t.draw(d, 'transfer_notice:2026')))
    expect((await approveWith(d, { ...late, issuedAt: '2027-01-02T02:00:00.000Z' })).result).toMatchObject({ status: 'rejected', code: 'NUMBER_YEAR' })
  })
})
