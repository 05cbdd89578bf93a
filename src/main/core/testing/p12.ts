import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The office's test certificate: a Chinese subject and passphrase, as real office certificates have. */
export const TEST_P12_PASSPHRASE = '档案室2026'
export const TEST_P12_SUBJECT = '/C=CN/O=教育部留学服务中心/OU=留学人员档案室/CN=留学人员档案室电子签章'

let cached: Buffer | undefined

/**
 * A P12 made by OpenSSL (RSA 2048 or `bits`, self-signed, OpenSSL 3's default PBES2 encryption; `legacy`: the
 * old RC2/3DES one), the plain one made once per process. Needs `openssl` (apt).
 */
export function makeTestP12(opts: { legacy?: boolean; subject?: string; passphrase?: string; bits?: number } = {}): Buffer {
  const plain = !opts.legacy && !opts.subject && !opts.passphrase && !opts.bits
  if (plain && cached) return cached
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-p12-'))
  try {
    const key = join(dir, 'key.pem')
    const cert = join(dir, 'cert.pem')
    const out = join(dir, 'office.p12')
    execFileSync('openssl', ['req', '-x509', '-newkey', `rsa:${opts.bits ?? 2048}`, '-nodes', '-keyout', key, '-out', cert, '-days', '3650', '-utf8', '-subj', opts.subject ?? TEST_P12_SUBJECT], { stdio: 'ignore' })
    execFileSync('openssl', ['pkcs12', '-export', ...(opts.legacy ? ['-legacy'] : []), '-inkey', key, '-in', cert, '-out', out, '-passout', `pass:${opts.passphrase ?? TEST_P12_PASSPHRASE}`])
    const p12 = readFileSync(out)
    if (plain) cached = p12
    return p12
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
