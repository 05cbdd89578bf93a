import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { schema } from '../db'
import { draftedLetter, signLetter } from '../testing/letters'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

const list = (caseId: string, headers: Record<string, string> = t.portalHeaders) => t.app.inject({ method: 'GET', url: `/portal/applications/${caseId}/documents`, headers })
const download = (url: string, headers: Record<string, string> = t.portalHeaders) => t.app.inject({ method: 'GET', url, headers })
const downloads = () => t.sdb.db.select().from(schema.portalDownloads).orderBy(schema.portalDownloads.id)

describe('the applicant downloads their signed letters through the portal (seeds 002, 003 §3.5, 004)', () => {
  it('lists nothing while the letter is a draft; once a supervisor signed it, lists it with its code and serves the signed file, each download recorded', async () => {
    const { caseId, doc } = await draftedLetter(t)
    const draft = await list(caseId)
    expect(draft.statusCode).toBe(200)
    expect(draft.json()).toEqual({ letters: [] })
    const [row] = await t.sdb.db.select({ id: schema.issuedDocuments.id }).from(schema.issuedDocuments).where(eq(schema.issuedDocuments.number, doc.number))
    // The draft's own file is not served either, whatever id the portal asks for.
    expect((await download(`/portal/applications/${caseId}/documents/${row.id}`)).statusCode).toBe(404)

    const pdf = Buffer.from('%PDF-1.7 the signed 调档通知单')
    const boss = await t.desk('super1')
    expect((await signLetter(t, boss, doc.number, pdf)).results[0]).toMatchObject({ status: 'applied' })
    const { letters } = (await list(caseId)).json()
    expect(letters).toEqual([
      {
        id: row.id,
        docType: 'transfer_notice',
        label: '调档通知单',
        number: doc.number,
        verificationCode: doc.verificationCode,
        verifyUrl: expect.stringMatching(new RegExp(`/${doc.verificationCode}$`)),
        fileName: doc.fileName,
        signedAt: expect.any(String),
        size: pdf.length,
        url: `/portal/applications/${caseId}/documents/${row.id}`
      }
    ])
    const file = await download(letters[0].url, { ...t.portalHeaders, 'x-portal-user': '  applicant-0001\u0000  ' })
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('application/pdf')
    expect(file.headers['content-disposition']).toBe(`attachment; filename="letter.pdf"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
    expect(file.headers['cache-control']).toBe('no-store')
    expect(file.rawPayload.equals(pdf)).toBe(true)
    expect(await downloads()).toEqual([
      { id: expect.any(Number), documentId: row.id, caseId, at: t.clock.now(), portalUser: 'applicant-0001\uFFFD', address: '127.0.0.1' }
    ])
    await download(letters[0].url)
    expect((await downloads()).map((d) => d.portalUser)).toEqual(['applicant-0001\uFFFD', null])
  })

  it('serves a letter only to its own application, never a voided one, and needs the portal key', async () => {
    const { caseId, doc } = await draftedLetter(t, 1)
    const other = await t.submitApplication(2)
    const boss = await t.desk('super1')
    await signLetter(t, boss, doc.number)
    const [letter] = (await list(caseId)).json().letters
    const foreign = await download(`/portal/applications/${other.caseId}/documents/${letter.id}`)
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('不属于此申请') } })
    expect((await list(other.caseId)).json()).toEqual({ letters: [] })
    expect((await download(letter.url, {})).statusCode).toBe(401)
    expect((await list(caseId, {})).statusCode).toBe(401)
    expect((await list('no-such-case')).statusCode).toBe(404)
    for (const bad of ['0', '-1', 'x', '99999999999']) expect((await download(`/portal/applications/${caseId}/documents/${bad}`)).statusCode).toBe(400)
    expect(await downloads()).toEqual([])

    const voided = await t.push(boss, [{ name: 'document.void', args: { number: doc.number, reason: '信息有误', at: '2026-03-03T02:00:00.000Z' } }])
    expect(voided.results[0]).toMatchObject({ status: 'applied' })
    expect((await list(caseId)).json()).toEqual({ letters: [] })
    expect((await download(letter.url)).statusCode).toBe(404)
  })
})
