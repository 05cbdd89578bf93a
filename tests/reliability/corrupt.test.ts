// Corrupt payloads straight at the exchange service: each answered with its precise code, nothing stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sha256 } from '../../src/main/core/sync/testing'
import { type Desk, deskAt, type Server, SETUP_MS, startServer, underTest } from './env'
import { checkInvariants } from './invariants'

let s: Server
let A: Desk
let headers: Record<string, string>
beforeEach(async () => {
  s = await startServer()
  A = await deskAt(s.url, s.clock, 'clerk1')
  const token = A.store.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'token'").get() as { value: string }
  headers = { authorization: `Bearer ${token.value}`, 'x-casedesk-schema': '1' }
}, SETUP_MS)
afterEach(async () => {
  await A.dispose()
  await s.close()
})

const TABLES = ['mutations', 'caseEvents', 'changes', 'blobs', 'issuedDocuments'] as const
const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await s.count(t)] as const)))

async function send(method: string, path: string, body: string | Buffer, extra: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${path}`, { method, headers: { ...headers, 'content-type': 'application/json', ...extra }, body: typeof body === 'string' ? body : new Uint8Array(body) })
  return { status: res.status, error: ((await res.json()) as { error?: { code: string; message: string } }).error }
}

describe('corrupt payloads', () => {
  it('truncated JSON, another schema version, an oversized body, a disordered batch: precise codes, nothing stored', async () => {
    const caseId = await s.submit(1)
    const before = await counts()
    const claim = { seq: 1, id: crypto.randomUUID(), name: 'case.claim', args: { caseId }, baseVersion: null, leaseToken: null }
    const whole = JSON.stringify({ clientId: A.clientId, mutations: [claim] })

    expect(await send('POST', '/sync/push', whole.slice(0, whole.length - 7))).toMatchObject({ status: 400, error: { code: 'VALIDATION', message: '请求内容不是有效的 JSON' } })
    expect(await send('POST', '/sync/push', whole, { 'x-casedesk-schema': '2' })).toMatchObject({ status: 426, error: { code: 'SCHEMA_VERSION' } })
    const padding = { ...claim, args: { caseId, pad: 'x'.repeat(2 * 1024 * 1024) } }
    expect(await send('POST', '/sync/push', JSON.stringify({ clientId: A.clientId, mutations: [padding] }))).toMatchObject({ status: 413, error: { code: 'TOO_LARGE' } })
    const disordered = JSON.stringify({ clientId: A.clientId, mutations: [{ ...claim, seq: 2 }, { ...claim, id: crypto.randomUUID() }] })
    expect(await send('POST', '/sync/push', disordered)).toMatchObject({ status: 400, error: { code: 'VALIDATION' } })
    expect(await counts()).toEqual(before)

    // The well-formed batch still goes through afterwards, exactly once.
    const ok = await fetch(`${s.url}/sync/push`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: whole })
    expect(((await ok.json()) as { results: { status: string }[] }).results).toMatchObject([{ status: 'applied' }])

    // A malformed mutation (a name that is not text) is its own fault, not the batch's (issue 12): recorded as rejected MALFORMED.
    const named = await fetch(`${s.url}/sync/push`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: A.clientId, mutations: [{ ...claim, seq: 2, id: crypto.randomUUID(), name: 7 }] })
    })
    expect(((await named.json()) as { results: { status: string; code?: string }[] }).results).toMatchObject([{ status: 'rejected', code: 'MALFORMED' }])
  })

  it('a tampered or oversized blob is refused (CORRUPT_FILE / TOO_LARGE), and a letter naming it is rejected', async () => {
    const caseId = await s.submit(1)
    const before = await counts()
    const pdf = Buffer.from('%PDF-1.4 letter')
    const tampered = Buffer.from('%PDF-1.4 lettex')
    const put = (sha: string, data: Buffer) => send('PUT', `/blobs/${sha}`, data, { 'content-type': 'application/octet-stream' })
    expect(await put(sha256(pdf), tampered)).toMatchObject({ status: 400, error: { code: 'CORRUPT_FILE' } })
    const big = Buffer.alloc(1024 * 1024 + 1, 1)
    expect(await put(sha256(big), big)).toMatchObject({ status: 413, error: { code: 'TOO_LARGE' } })
    expect(await put('zz', pdf)).toMatchObject({ status: 400, error: { code: 'VALIDATION' } })
    expect(await counts()).toEqual(before)

    // The desk's approval naming that letter: recorded as rejected, no event, no letter.
    await A.sync.pullOnce()
    await A.call('cases.claim', { id: caseId })
    await A.call('cases.act', { id: caseId, action: 'approve', version: 2, input: {} })
    A.store.sqlite.prepare("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, 0, x'')").run(sha256(pdf))
    A.store.sqlite.prepare('UPDATE issued_documents SET sha256 = ?').run(sha256(pdf)) // its file never reached the server
    // The claim applied, the approval refused — and then the refused letter's number recorded void (`number.void`).
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 1 })
    expect(A.store.sqlite.prepare("SELECT json_extract(result, '$.code') AS code FROM outbox WHERE status = 'rejected'").get()).toEqual({ code: 'VALIDATION' })
    expect(await s.eventActions(caseId)).toEqual(['submit', 'claim'])
    expect(await s.count('issuedDocuments')).toBe(0)
    expect(await checkInvariants({ serverDb: s.db, desks: [underTest(A)], now: s.clock.now() })).toEqual([])
  })
})
