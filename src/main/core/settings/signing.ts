import { createHash } from 'node:crypto'
import forge from 'node-forge'
import type { SigningCertificate } from '../../../shared/api/documents'
import type { StaffSession } from '../../../shared/api/types'
import { DomainError } from '../../../shared/result'
import { type BatchKey, batchKeyOf, type OfficeKey, readP12, signerName } from '../documents/sign'
import type { Store } from '../store'

/**
 * The office's signing certificate on this desk: the P12 file (base64) in `settings` row `signing.p12`
 * and what it says (`signing.certificate`, JSON) — configured by the administrator on each supervisor's
 * desk (it never leaves the desk; the exchange service does not keep it). The passphrase is never
 * stored: the supervisor types it for each signing batch.
 */
const P12_KEY = 'signing.p12'
const INFO_KEY = 'signing.certificate'

const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Any failure to decrypt the P12 is a wrong passphrase (or a damaged file: forge cannot tell). */
function passphraseError(e: unknown): unknown {
  return e instanceof DomainError && e.message.startsWith('无法读取签章证书') ? new DomainError('BAD_PASSPHRASE', '证书口令不正确（或证书文件已损坏），无法打开签章证书') : e
}

function open(p12: Buffer, passphrase: string): OfficeKey {
  try {
    return readP12(p12, passphrase)
  } catch (e) {
    throw passphraseError(e)
  }
}

/**
 * Refuses an expired certificate. (One not yet valid is not refused: that only happens with a desk clock
 * running behind, and the signature is still sound — verifiers judge the certificate themselves.)
 */
function requireUnexpired(notAfter: Date, now: Date): void {
  if (now > notAfter) throw new DomainError('CERT_EXPIRED', `签章证书已于 ${ymd.format(notAfter)} 过期，请系统管理员更换证书后再签章`)
}

const distinguishedName = (attrs: forge.pki.CertificateField[]): string =>
  attrs.map((a) => `${a.shortName ?? a.name ?? a.type}=${String(a.value)}`).join(', ')

export { signerName }

function describe(cert: forge.pki.Certificate, configuredAt: string, configuredBy: string): SigningCertificate {
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary')
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase()
  return {
    subject: distinguishedName(cert.subject.attributes),
    issuer: distinguishedName(cert.issuer.attributes),
    serialNumber: cert.serialNumber.toUpperCase(),
    validFrom: cert.validity.notBefore.toISOString(),
    validTo: cert.validity.notAfter.toISOString(),
    fingerprint: hex.match(/../g)!.join(':'),
    configuredAt,
    configuredBy
  }
}

const read = (store: Store, key: string): string | null =>
  (store.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null

/** The configured certificate, or null. */
export function signingCertificate(store: Store): SigningCertificate | null {
  const info = read(store, INFO_KEY)
  return info ? (JSON.parse(info) as SigningCertificate) : null
}

/** Stores the office's P12 after opening it with its passphrase (which is not kept); replaces the previous one. */
export function setSigningCertificate(store: Store, p12Base64: string, passphrase: string, me: StaffSession, now: Date): SigningCertificate {
  const b64 = p12Base64.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw new DomainError('VALIDATION', '证书文件内容格式不正确，请重新选择 .p12 / .pfx 文件')
  const p12 = Buffer.from(b64, 'base64')
  const key = open(p12, passphrase)
  requireUnexpired(key.certificate.validity.notAfter, now)
  const info = describe(key.certificate, now.toISOString(), me.displayName)
  const upsert = store.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  store.sqlite.transaction(() => {
    upsert.run(P12_KEY, p12.toString('base64'))
    upsert.run(INFO_KEY, JSON.stringify(info))
  })()
  return info
}

/**
 * The office's signing key for one batch: refused when no certificate is configured, the passphrase is
 * wrong, or the certificate is not valid now. `openKey` opens the P12 (the letter pool does it off this
 * thread; by default it is opened here).
 */
export async function openSigningKey(
  store: Store,
  passphrase: string,
  now: Date,
  openKey: (p12: Buffer, passphrase: string) => Promise<BatchKey> = async (p12, pass) => batchKeyOf(readP12(p12, pass))
): Promise<BatchKey> {
  const p12 = read(store, P12_KEY)
  if (!p12) throw new DomainError('NO_CERTIFICATE', '本机尚未配置签章证书，请系统管理员在“系统设置”中导入单位的 .p12 证书')
  let key: BatchKey
  try {
    key = await openKey(Buffer.from(p12, 'base64'), passphrase)
  } catch (e) {
    throw passphraseError(e)
  }
  requireUnexpired(new Date(key.notAfter), now)
  return key
}
