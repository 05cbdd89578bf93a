import { describe, expect, it } from 'vitest'
import { sha256Hex } from './blobs'
import { schema } from './db'
import { serverPerTest } from './testing/per-test'

const t = serverPerTest()

describe('blobs', () => {
  it('stores a blob idempotently under its hash', async () => {
    const desk = await t.desk('clerk1')
    const data = Buffer.from('%PDF-1.4 附件')
    const first = await t.putBlob(data, desk.headers)
    expect(first.statusCode).toBe(201)
    expect(first.json()).toEqual({ sha256: sha256Hex(data), size: data.length })
    expect((await t.putBlob(data, desk.headers)).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: `/blobs/${sha256Hex(data)}` })).statusCode).toBe(401)
  })

  it('serves a blob only to staff whose role works on a case referencing it; to others it does not exist', async () => {
    const { caseId } = await t.submitApplication()
    const attachment = Buffer.from('%PDF-1.4 id_card 1')
    const get = async (username: string, data: Buffer) => {
      const d = await t.desk(username)
      return t.app.inject({ method: 'GET', url: `/blobs/${sha256Hex(data)}`, headers: d.headers })
    }
    const clerk = await get('clerk1', attachment)
    expect(clerk.statusCode).toBe(200)
    expect(clerk.rawPayload.equals(attachment)).toBe(true)
    expect((await get('super1', attachment)).statusCode).toBe(200)
    const notFound = { error: { code: 'NOT_FOUND', message: '交换服务上没有这个文件' } }
    for (const other of ['reviewer1', 'admin']) {
      const r = await get(other, attachment)
      expect(r.statusCode).toBe(404)
      expect(r.json()).toEqual(notFound)
    }
    expect((await get('clerk1', Buffer.from('never uploaded'))).json()).toEqual(notFound)

    // A letter uploaded but not yet recorded is referenced by nothing; once issued on the case it is served.
    const desk = await t.desk('clerk1')
    const pdf = Buffer.from('%PDF-1.4 调档通知单')
    expect((await t.putBlob(pdf, desk.headers)).statusCode).toBe(201)
    expect((await get('clerk1', pdf)).json()).toEqual(notFound)
    await t.sdb.db.insert(schema.issuedDocuments).values({ caseId, docType: 'transfer_notice', number: 'T1', verificationCode: 'V1', sha256: sha256Hex(pdf), fileName: '调档通知单.pdf', issuedById: desk.staffId, issuedAt: t.clock.now() })
    expect((await get('clerk1', pdf)).rawPayload.equals(pdf)).toBe(true)
    expect((await get('reviewer1', pdf)).statusCode).toBe(404)
  })

  it('answers CORRUPT_FILE when the bytes do not match the hash', async () => {
    const desk = await t.desk('clerk1')
    const r = await t.app.inject({
      method: 'PUT',
      url: `/blobs/${sha256Hex(Buffer.from('original'))}`,
      headers: { ...desk.headers, 'content-type': 'application/pdf' },
      payload: Buffer.from('tampered')
    })
    expect(r.statusCode).toBe(400)
    expect(r.json().error.code).toBe('CORRUPT_FILE')
  })

  it('answers 413 TOO_LARGE for a blob over 1 MB and a JSON body over 2 MB', async () => {
    const desk = await t.desk('clerk1')
    const big = Buffer.alloc(1024 * 1024 + 1, 1)
    const r = await t.putBlob(big, desk.headers)
    expect(r.statusCode).toBe(413)
    expect(r.json().error.code).toBe('TOO_LARGE')
    const huge = { clientId: desk.clientId, mutations: [{ seq: 1, id: crypto.randomUUID(), name: 'case.act', args: { note: 'x'.repeat(2 * 1024 * 1024) } }] }
    const p = await t.app.inject({ method: 'POST', url: '/sync/push', headers: desk.headers, payload: huge })
    expect(p.statusCode).toBe(413)
    expect(p.json().error).toEqual({ code: 'TOO_LARGE', message: '请求内容过大（上限 2 MB，单个文件 1 MB）' })
  })
})
