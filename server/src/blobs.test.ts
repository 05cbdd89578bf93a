import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sha256Hex } from './blobs'
import { startTest, type TestServer } from './testing/harness'

let t: TestServer
beforeEach(async () => {
  t = await startTest()
})
afterEach(async () => {
  await t.close()
})

describe('blobs', () => {
  it('stores a blob idempotently under its hash and serves the bytes back', async () => {
    const desk = await t.desk('clerk1')
    const data = Buffer.from('%PDF-1.4 附件')
    const first = await t.putBlob(data, desk.headers)
    expect(first.statusCode).toBe(201)
    expect(first.json()).toEqual({ sha256: sha256Hex(data), size: data.length })
    expect((await t.putBlob(data, desk.headers)).statusCode).toBe(200)
    const got = await t.app.inject({ method: 'GET', url: `/blobs/${sha256Hex(data)}`, headers: desk.headers })
    expect(got.statusCode).toBe(200)
    expect(got.rawPayload.equals(data)).toBe(true)
    expect((await t.app.inject({ method: 'GET', url: `/blobs/${'0'.repeat(64)}`, headers: desk.headers })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/blobs/${sha256Hex(data)}` })).statusCode).toBe(401)
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
