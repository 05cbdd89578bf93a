// The print console's signing, through the API handler on a real SQLite store, with a real OpenSSL P12
// (Chinese subject and passphrase): pdfsig verifies the signed letters, qpdf checks them.
import { execFileSync } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JobStatus, SigningCertificate } from '../../../shared/api/documents'
import type { FileContent } from '../../../shared/api/types'
import { createApiHandler, createServicesOn, type SessionSlot } from '../api'
import { addStaff, tempStore } from '../testing/fixtures'
import { makeTestP12 } from '../testing/p12'
import { configureTestCertificate, draftLetter, pdfText, pdfTool, TEST_P12_PASSPHRASE } from './testing'

let store: ReturnType<typeof tempStore>
let now: Date
let services: ReturnType<typeof createServicesOn>
let call: <T>(channel: string, input: unknown, who?: 'super' | 'admin') => Promise<T>
let fail: (channel: string, input: unknown, who?: 'super' | 'admin') => Promise<{ code: string; message: string }>
let slots: Record<string, SessionSlot>

beforeEach(() => {
  store = tempStore()
  now = new Date('2026-03-02T02:00:00Z')
  services = createServicesOn(store, { now: () => now })
  const handle = createApiHandler(services, () => {})
  slots = { super: { staff: addStaff(store, 'super1', 'supervisor', '赵建国') }, admin: { staff: addStaff(store, 'admin', 'admin', '系统管理员') } }
  call = async (channel, input, who = 'super') => {
    const r = await handle(channel, input, slots[who])
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
    return r.value as never
  }
  fail = async (channel, input, who = 'super') => {
    const r = await handle(channel, input, slots[who])
    if (r.ok) throw new Error(`${channel} succeeded`)
    return r.error
  }
})
afterEach(() => store.dispose())

const signJob = async (ids: number[], passphrase = TEST_P12_PASSPHRASE): Promise<JobStatus> => {
  const job = await call<JobStatus>('documents.sign', { ids, passphrase })
  return services.jobs.settled(job.id)
}
const letter = (id: number) =>
  store.sqlite.prepare('SELECT status, sha256, signed_sha256, signed_at, signed_by_id FROM issued_documents WHERE id = ?').get(id) as {
    status: string
    sha256: string
    signed_sha256: string | null
    signed_at: string | null
    signed_by_id: number | null
  }

describe('the office signing certificate', () => {
  it('the administrator stores the P12: what it says is shown, the passphrase is never kept', async () => {
    const p12 = makeTestP12()
    const info = await call<SigningCertificate>('settings.setSigning', { p12Base64: p12.toString('base64'), passphrase: TEST_P12_PASSPHRASE }, 'admin')
    const pem = execFileSync('openssl', ['pkcs12', '-nokeys', '-clcerts', '-passin', `pass:${TEST_P12_PASSPHRASE}`], { input: p12 })
    const fingerprint = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem }).toString().split('=')[1].trim()
    expect(info).toMatchObject({
      subject: 'C=CN, O=教育部留学服务中心, OU=留学人员档案室, CN=留学人员档案室电子签章',
      issuer: 'C=CN, O=教育部留学服务中心, OU=留学人员档案室, CN=留学人员档案室电子签章',
      fingerprint,
      configuredAt: '2026-03-02T02:00:00.000Z',
      configuredBy: '系统管理员'
    })
    expect(new Date(info.validTo).getTime()).toBeGreaterThan(now.getTime())
    expect(await call('settings.signing', {})).toEqual(info)
    const stored = store.sqlite.prepare('SELECT group_concat(value) AS v FROM settings').get() as { v: string }
    expect(stored.v).not.toContain(TEST_P12_PASSPHRASE)
  })

  it('a wrong passphrase is refused; only the administrator configures it', async () => {
    const p12Base64 = makeTestP12().toString('base64')
    expect(await fail('settings.setSigning', { p12Base64, passphrase: '档案室2025' }, 'admin')).toEqual({
      code: 'BAD_PASSPHRASE',
      message: '证书口令不正确（或证书文件已损坏），无法打开签章证书'
    })
    expect((await fail('settings.setSigning', { p12Base64, passphrase: TEST_P12_PASSPHRASE })).code).toBe('FORBIDDEN')
    expect(await call('settings.signing', {})).toBeNull()
  })
})

describe('signing drafts in the print console', () => {
  it('signs each draft: the final letter from its data, sealed and signed (pdfsig valid, qpdf clean); an event and a push each', async () => {
    configureTestCertificate(store, { id: 0, username: 'x', displayName: '系统管理员', role: 'admin', scopes: null, mustChangePassword: false })
    const drafts = [draftLetter(store), draftLetter(store, { name: '欧阳晓晨' })]
    const end = await signJob(drafts.map((d) => d.id))
    expect(end).toMatchObject({ kind: 'sign', state: 'done', total: 2, done: 2, failures: [], error: null })
    for (const d of drafts) {
      const row = letter(d.id)
      expect(row).toMatchObject({ status: 'issued', signed_at: '2026-03-02T02:00:00.000Z' })
      expect(row.signed_sha256).not.toBe(row.sha256)
      const content = await call<FileContent>('documents.content', { id: d.id })
      const pdf = Buffer.from(content.base64, 'base64')
      const sig = pdfTool('pdfsig', pdf).out
      expect(sig).toContain('Signature Validation: Signature is Valid.')
      expect(sig).toContain('Signer Certificate Common Name: 留学人员档案室电子签章')
      expect(sig).toContain('Total document signed')
      expect(pdfTool('qpdf', pdf, ['--check']).status).toBe(0)
      expect(pdfText(pdf)).toContain(d.number)
      expect(pdfTool('pdftotext', Buffer.from(content.base64, 'base64')).out).not.toContain('草稿')
      const event = store.sqlite.prepare("SELECT actor_name, data FROM case_events WHERE case_id = ? AND action = 'document_signed'").get(d.caseId) as { actor_name: string; data: string }
      expect(event.actor_name).toBe('赵建国')
      expect(JSON.parse(event.data)).toEqual({ documentId: d.id, number: d.number })
      const push = store.sqlite.prepare("SELECT args, case_id FROM outbox WHERE name = 'document.sign' AND json_extract(args, '$.number') = ?").get(d.number) as { args: string; case_id: string }
      expect(JSON.parse(push.args)).toEqual({ number: d.number, signedSha256: row.signed_sha256, signedAt: '2026-03-02T02:00:00.000Z' })
      expect(push.case_id).toBe(d.caseId)
    }
  })

  it('a letter that is no draft, or has no data, fails on its own; the others are signed', async () => {
    configureTestCertificate(store, { id: 0, username: 'x', displayName: '系统管理员', role: 'admin', scopes: null, mustChangePassword: false })
    const [a, b, old, gone] = [draftLetter(store), draftLetter(store), draftLetter(store, { withData: false }), draftLetter(store)]
    await call('documents.void', { id: gone.id, reason: '申请人撤回申请' })
    expect((await signJob([a.id])).failures).toEqual([])
    const end = await signJob([a.id, b.id, old.id, gone.id])
    expect(end).toMatchObject({ state: 'done', done: 4, error: null })
    expect(end.failures).toEqual([
      { id: a.id, number: a.number, message: `${a.number} 已签章，无需再次签章` },
      { id: old.id, number: old.number, message: `${old.number} 由早期版本生成，未保存生成正式文书所需的数据，无法签章；请作废后重新出具` },
      { id: gone.id, number: gone.number, message: `${gone.number} 已作废，不能签章` }
    ])
    expect([a, b, old, gone].map((d) => letter(d.id).status)).toEqual(['issued', 'issued', 'draft', 'void'])
    expect((store.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE name = 'document.sign'").get() as { n: number }).n).toBe(2)
  })

  it('the whole job fails up front, nothing signed: a wrong passphrase, no certificate, an expired certificate', async () => {
    const d = draftLetter(store)
    expect(await signJob([d.id])).toMatchObject({ state: 'failed', done: 0, error: { code: 'NO_CERTIFICATE' } })
    configureTestCertificate(store, { id: 0, username: 'x', displayName: '系统管理员', role: 'admin', scopes: null, mustChangePassword: false })
    const wrong = await signJob([d.id], '档案室2025')
    expect(wrong).toMatchObject({ state: 'failed', done: 0, total: 1, error: { code: 'BAD_PASSPHRASE', message: '证书口令不正确（或证书文件已损坏），无法打开签章证书' } })
    now = new Date('2046-03-02T02:00:00Z')
    services.sessions.begin(slots.super, slots.super.staff!) // twenty years on, the supervisor signs in again
    const expired = await signJob([d.id])
    expect(expired).toMatchObject({ state: 'failed', error: { code: 'CERT_EXPIRED' } })
    expect(expired.error?.message).toMatch(/^签章证书已于 20\d\d-\d\d-\d\d 过期，请系统管理员更换证书后再签章$/)
    expect(letter(d.id).status).toBe('draft')
    expect(store.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE name LIKE 'document.%'").get()).toEqual({ n: 0 })
  })

  it('a cancel stops between letters: every letter signed so far is complete (file, status, push), the rest untouched', async () => {
    configureTestCertificate(store, { id: 0, username: 'x', displayName: '系统管理员', role: 'admin', scopes: null, mustChangePassword: false })
    const drafts = Array.from({ length: 6 }, () => draftLetter(store))
    const job = await call<JobStatus>('documents.sign', { ids: drafts.map((d) => d.id), passphrase: TEST_P12_PASSPHRASE })
    while ((await call<JobStatus>('jobs.status', { id: job.id })).done < 1) await new Promise((r) => setImmediate(r))
    expect((await call<JobStatus>('jobs.cancel', { id: job.id })).state).toBe('running')
    const end = await services.jobs.settled(job.id)
    expect(end.state).toBe('cancelled')
    expect(end.done).toBeGreaterThanOrEqual(1)
    expect(end.done).toBeLessThan(6)
    const statuses = drafts.map((d) => letter(d.id))
    expect(statuses.filter((s) => s.status === 'issued')).toHaveLength(end.done)
    expect(statuses.slice(end.done).every((s) => s.status === 'draft' && s.signed_sha256 === null)).toBe(true)
    for (const s of statuses.slice(0, end.done)) {
      expect((store.sqlite.prepare('SELECT length(data) AS n FROM blobs WHERE sha256 = ?').get(s.signed_sha256) as { n: number }).n).toBeGreaterThan(10_000)
    }
    expect(store.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE name = 'document.sign'").get()).toEqual({ n: end.done })
    expect(await call<JobStatus>('jobs.status', { id: job.id })).toEqual(end)
  })
})
