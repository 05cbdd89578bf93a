import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { schema } from '../db'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

/** A transfer notice issued through a desk's push, as in production. */
async function issued() {
  const { caseId } = await t.submitApplication(1)
  const d = await t.desk('clerk1')
  const doc = await t.letter(d)
  const r = await t.push(d, [
    { name: 'case.claim', args: { caseId } },
    { name: 'case.act', args: { caseId, action: 'approve', input: {}, document: doc }, baseVersion: 2 }
  ])
  expect(r.results[1]).toMatchObject({ status: 'applied' })
  return doc
}

/** What signing in the print console will record (not built yet): the letter is then issued. */
const sign = (code: string) => t.sdb.db.update(schema.issuedDocuments).set({ status: 'issued' }).where(eq(schema.issuedDocuments.verificationCode, code))

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { 'user-agent': 'vitest' } })

describe('public verification page', () => {
  it('a letter recorded but not yet signed is not valid', async () => {
    const doc = await issued()
    const page = await get(`/verify/${doc.verificationCode}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('✘ 该文书尚未签章生效，不能作为正式文书使用')
    expect((await get(`/api/verify/${doc.verificationCode}`)).json().document.status).toBe('draft')
  })

  it('answers without sign-in: type, number, date and the masked holder; the code as typed from paper is folded', async () => {
    const doc = await issued()
    await sign(doc.verificationCode)
    const json = await get(`/api/verify/${doc.verificationCode}`)
    expect(json.statusCode).toBe(200)
    expect(json.json()).toEqual({
      found: true,
      document: {
        status: 'issued',
        docType: 'transfer_notice',
        docTypeLabel: '调档通知单',
        number: doc.number,
        issuedOn: '2026-03-02',
        holder: '申***',
        verificationCode: doc.verificationCode,
        statusReason: null,
        statusOn: null
      }
    })
    const typed = doc.verificationCode.toLowerCase().replace('-', ' ').replace(/0/g, 'o')
    const page = await get(`/verify?code=${encodeURIComponent(typed)}`)
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body).toContain('✔ 该文书由本中心出具，真实有效')
    expect(page.body).toContain(doc.number)
    expect(page.body).not.toContain('申请人1')
  })

  it('shows a voided letter as void, with the reason', async () => {
    const doc = await issued()
    await t.sdb.db
      .update(schema.issuedDocuments)
      .set({ status: 'void', statusReason: '文号填写错误，已重新出具', statusAt: new Date('2026-03-03T02:00:00Z') })
      .where(eq(schema.issuedDocuments.verificationCode, doc.verificationCode))
    const page = await get(`/verify/${doc.verificationCode}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('✘ 该文书已作废，不再有效')
    expect(page.body).toContain('文号填写错误，已重新出具（2026-03-03）')
  })

  it('an unknown code is 404, a malformed one 400 — and every check is logged, found or not', async () => {
    const doc = await issued()
    expect((await get('/verify/ZZZZ-ZZZZ')).statusCode).toBe(404)
    expect((await get('/api/verify/abc%25')).json()).toEqual({ found: false, code: 'abc%', reason: 'format' })
    expect((await get('/verify/%3Cscript%3E')).body).not.toContain('<script>')
    await get(`/verify/${doc.verificationCode}`)
    const log = await t.sdb.db.select().from(schema.verificationChecks).orderBy(schema.verificationChecks.id)
    expect(log.map((l) => [l.code, l.documentId !== null, l.userAgent])).toEqual([
      ['ZZZZ-ZZZZ', false, 'vitest'],
      ['abc%', false, 'vitest'],
      ['<script>', false, 'vitest'],
      [doc.verificationCode, true, 'vitest']
    ])
  })
})
