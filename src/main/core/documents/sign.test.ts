// Digital signatures with a real P12 made by OpenSSL (a Chinese subject and passphrase, OpenSSL 3's
// default PBES2 encryption and the legacy one), verified by poppler's `pdfsig` and checked by `qpdf`.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_NOTICE } from '../testing/fixtures'
import { cmsRoom } from './cms'
import { readP12, signPdf } from './sign'
import { renderTransferNotice } from './transfer-notice'

const dir = mkdtempSync(join(tmpdir(), 'casedesk-sign-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const PASS = '档案室2026'
const SUBJECT = '/C=CN/O=教育部留学服务中心/OU=留学人员档案室/CN=留学人员档案室电子签章'
const INFO = { name: '留学人员档案室', reason: '调档通知单 留档调字〔2026〕第000123号', location: '北京' }

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  if (r.error) throw new Error(`${cmd} missing (apt-get install -y openssl poppler-utils qpdf): ${r.error.message}`)
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}
const p12 = (name: string) => readFileSync(join(dir, `${name}.p12`))

beforeAll(() => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '3650', '-utf8', '-subj', SUBJECT], { stdio: 'ignore' })
  for (const [name, legacy] of [['office', false], ['legacy', true]] as const) {
    execFileSync('openssl', ['pkcs12', '-export', ...(legacy ? ['-legacy'] : []), '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'cert.pem'), '-out', join(dir, `${name}.p12`), '-passout', `pass:${PASS}`])
  }
}, 60_000)

/** A signed 调档通知单; `fitted`: the placeholder reserves the key's own room (cmsRoom), as the letter pool's do. */
async function signedNotice(p12File: string, fitted = false): Promise<string> {
  const office = readP12(p12(p12File), PASS)
  const signature = fitted ? { ...INFO, room: cmsRoom(office) } : INFO
  const pdf = await signPdf(renderTransferNotice(SAMPLE_NOTICE, { kind: 'final', signature }), office, new Date('2026-11-23T02:00:00Z'))
  const file = join(dir, `${p12File}-${fitted ? 'fitted' : 'signed'}.pdf`)
  writeFileSync(file, pdf)
  return file
}

describe('signing a letter with the office’s P12', () => {
  it.each(['office', 'legacy'])('%s P12: pdfsig reports the signature valid, with the Chinese signer; qpdf finds no damage', async (name) => {
    const file = await signedNotice(name)
    const sig = run('pdfsig', [file]).out
    expect(sig).toContain('Signature Validation: Signature is Valid.')
    expect(sig).toContain('Signer Certificate Common Name: 留学人员档案室电子签章')
    expect(sig).toContain('O=教育部留学服务中心')
    expect(sig).toContain('Signature Type: ETSI.CAdES.detached')
    expect(sig).toContain('Total document signed')
    expect(run('qpdf', ['--check', file]).status).toBe(0)
    expect(run('pdftotext', [file, '-']).out.replace(/\s+/g, '')).toContain('留档调字〔2026〕第000123号')
  })

  it("reserving the key's own room instead of 16 KiB: still valid, some 25 KB smaller", async () => {
    const fitted = await signedNotice('office', true)
    expect(run('pdfsig', [fitted]).out).toContain('Signature Validation: Signature is Valid.')
    expect(run('qpdf', ['--check', fitted]).status).toBe(0)
    const saved = readFileSync(await signedNotice('office')).length - readFileSync(fitted).length
    // The placeholder is hex (two characters a byte); the offsets after it are written a digit shorter or so.
    expect(Math.abs(saved - 2 * (16_384 - cmsRoom(readP12(p12('office'), PASS))))).toBeLessThan(16)
    expect(saved).toBeGreaterThan(25_000)
  })

  it('a change to the signed bytes makes the signature invalid', async () => {
    const file = await signedNotice('office')
    const bytes = readFileSync(file)
    bytes[20] ^= 1 // inside the first signed range (the binary comment after the header)
    writeFileSync(file, bytes)
    expect(run('pdfsig', [file]).out).not.toContain('Signature is Valid.')
  })

  it('an independent check: OpenSSL verifies the CMS over the signed byte ranges, with the signed attributes of before', async () => {
    const pdf = readFileSync(await signedNotice('office'))
    const [a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+) *\]/.exec(pdf.toString('latin1'))!.slice(1).map(Number)
    expect(a).toBe(0)
    expect(c + d).toBe(pdf.length)
    writeFileSync(join(dir, 'ranges.bin'), Buffer.concat([pdf.subarray(a, b), pdf.subarray(c, c + d)]))
    // <hex…> between the ranges, zero-padded: the DER ContentInfo is as long as its header says.
    const der = Buffer.from(pdf.subarray(b + 1, c - 1).toString('latin1'), 'hex')
    expect(der[0]).toBe(0x30)
    const n = der[1] & 0x7f
    const length = der[1] & 0x80 ? 2 + n + der.subarray(2, 2 + n).reduce((v, x) => v * 256 + x, 0) : 2 + der[1]
    writeFileSync(join(dir, 'cms.der'), der.subarray(0, length))
    const cms = ['-inform', 'DER', '-in', join(dir, 'cms.der')]
    const verified = run('openssl', ['cms', '-verify', '-binary', ...cms, '-content', join(dir, 'ranges.bin'), '-noverify', '-out', '/dev/null'])
    expect(verified.out).toContain('Verification successful')
    const printed = run('openssl', ['cms', '-cmsout', '-print', ...cms]).out
    expect(printed.match(/object: (contentType|signingTime|messageDigest) /g)).toEqual(['object: contentType ', 'object: signingTime ', 'object: messageDigest '])
    expect(printed).toContain('Nov 23 02:00:00 2026 GMT')
    expect(printed).toMatch(/digestAlgorithm:\s+algorithm: sha256/)
    writeFileSync(join(dir, 'ranges.bin'), 'other bytes')
    expect(run('openssl', ['cms', '-verify', '-binary', ...cms, '-content', join(dir, 'ranges.bin'), '-noverify', '-out', '/dev/null']).out).not.toContain('Verification successful')
  })

  it('refuses a wrong passphrase and a corrupt file, in Chinese', () => {
    expect(() => readP12(p12('office'), 'wrong')).toThrow('无法读取签章证书：文件已损坏，或证书密码不正确')
    expect(() => readP12(Buffer.from('not a p12'), PASS)).toThrow('无法读取签章证书')
  })
})
