import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit'
import { SignPdf } from '@signpdf/signpdf'
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils'
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto'
import forge from 'node-forge'
import { DomainError } from '../../../shared/result'
import { signDetached, type SigningKey } from './cms'
import { endDeflated } from './compress'

export type { SigningKey } from './cms'

/**
 * Digital signatures of official letters (PAdES-style: a detached CMS signature, SubFilter
 * ETSI.CAdES.detached, over the whole PDF) with the office's P12 certificate. pdfkit documents get a
 * signature placeholder before they end; the signature is then written into it (cms.ts builds it, Node's
 * crypto signs). node-forge only reads the P12, once per signing batch.
 */

/** What the signature dictionary says (shown by PDF readers and `pdfsig`). */
export interface SignatureInfo {
  /** 签署人 (the certificate holder's name, e.g. the office). */
  name: string
  reason: string
  location: string
  contactInfo?: string
  /** Bytes reserved for the signature: `cmsRoom(key)` of the key that will sign (16 KiB when not said). */
  room?: number
}

/** Room for a CMS signature by a key not known yet (a 2048/4096-bit key with a short chain fits well within 16 KiB). */
const SIGNATURE_LENGTH = 16_384

/**
 * Ends a pdfkit document rendered synchronously and returns its bytes; with `signature`, the signature
 * placeholder goes in first (sign the result with `signPdf`).
 */
export function finishPdf(doc: PDFKit.PDFDocument, signature?: SignatureInfo): Buffer {
  if (signature) addSignaturePlaceholder(doc, signature)
  endDeflated(doc)
  const chunks: Buffer[] = []
  let chunk: Buffer | null
  while ((chunk = doc.read() as Buffer | null) !== null) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** Adds the signature placeholder to a pdfkit document; call it before `doc.end()`. */
function addSignaturePlaceholder(doc: PDFKit.PDFDocument, info: SignatureInfo): void {
  pdfkitAddPlaceholder({
    pdf: doc,
    pdfBuffer: Buffer.alloc(0),
    name: info.name,
    reason: info.reason,
    location: info.location,
    contactInfo: info.contactInfo ?? '',
    signatureLength: info.room ?? SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'CaseDesk'
  })
}

/**
 * node-forge keeps a parsed UTF8String attribute as its raw UTF-8 bytes and encodes it to UTF-8 again
 * when it writes the signer's issuer, so a Chinese issuer (O=某某档案馆) no longer matches the
 * certificate and the signature fails verification. Decoding first makes the round trip exact.
 */
function decodeUtf8Attributes(cert: forge.pki.Certificate): void {
  for (const attrs of [cert.issuer.attributes, cert.subject.attributes]) {
    for (const a of attrs as { valueTagClass?: number; value?: unknown }[]) {
      if (a.valueTagClass === forge.asn1.Type.UTF8 && typeof a.value === 'string') a.value = forge.util.decodeUtf8(a.value)
    }
  }
}

/**
 * The office's signing key and certificate chain, read from a P12 (PKCS#12) file: node-forge's view of the
 * certificates (what the settings show and check) and what signing needs (`SigningKey`: a KeyObject and
 * the certificates' DER, the signer's first), which is all a worker thread is given.
 */
export interface OfficeKey extends SigningKey {
  certificate: forge.pki.Certificate
  chain: forge.pki.Certificate[]
}

/**
 * What a signing batch needs of the office's P12 — the key, the certificates, the signer's name and the end
 * of the certificate's validity — as data that crosses to and from a worker thread (the P12 is opened in
 * the letter pool: node-forge's PBKDF2 and key parsing take some 100 ms).
 */
export interface BatchKey extends SigningKey {
  signerName: string
  /** The certificate's notAfter (ms since the epoch). */
  notAfter: number
}

/** The certificate's common name (the signer's name in the signature), else its organisation. */
export function signerName(cert: forge.pki.Certificate): string {
  const field = cert.subject.getField('CN') ?? cert.subject.getField('O')
  return field ? String(field.value) : ''
}

export const batchKeyOf = (office: OfficeKey): BatchKey => ({
  id: office.id,
  privateKey: office.privateKey,
  certificates: office.certificates,
  signerName: signerName(office.certificate),
  notAfter: office.certificate.validity.notAfter.getTime()
})

/** A certificate's DER exactly as the P12 holds it (forge keeps the parsed TBSCertificate as it was read). */
function certificateDer(cert: forge.pki.Certificate): Buffer {
  const outer = forge.pki.certificateToAsn1(cert)
  const tbs = (cert as unknown as { tbsCertificate?: forge.asn1.Asn1 }).tbsCertificate
  if (tbs) outer.value = [tbs, ...(outer.value as forge.asn1.Asn1[]).slice(1)]
  return Buffer.from(forge.asn1.toDer(outer).getBytes(), 'binary')
}

/**
 * A P12 made by OpenSSL 3 (the default PBES2/PBKDF2 encryption) takes its passphrase as UTF-8 bytes for
 * the PBKDF2 key, but as a BMPString for the MAC and for legacy PBE. node-forge uses the one JS string for
 * all of them (binary for PBKDF2), so a Chinese passphrase failed. PBES2 keys are now derived from the
 * UTF-8 bytes of a passphrase that is not already a binary string (forge itself passes those through).
 */
const pbe = (forge.pki as unknown as { pbe: unknown }).pbe as { getCipherForPBES2: (oid: string, params: unknown, password: string) => unknown }
const forgePbes2 = pbe.getCipherForPBES2
pbe.getCipherForPBES2 = (oid, params, password) => forgePbes2(oid, params, /[^\x00-\xff]/.test(password) ? forge.util.encodeUtf8(password) : password)

const openP12 = (p12: Buffer, passphrase: string): forge.pkcs12.Pkcs12Pfx =>
  forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase)

/** Reads a P12; a wrong passphrase, a corrupt file or a P12 without a matching key → Chinese DomainError. */
export function readP12(p12: Buffer, passphrase: string): OfficeKey {
  let bags: { certs: forge.pki.Certificate[]; key: forge.pki.rsa.PrivateKey | undefined }
  try {
    const parsed = openP12(p12, passphrase)
    const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []))
    const keyBag = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0]
    bags = { certs, key: keyBag?.key as forge.pki.rsa.PrivateKey | undefined }
  } catch {
    throw new DomainError('VALIDATION', '无法读取签章证书：文件已损坏，或证书密码不正确')
  }
  const { key } = bags
  if (!key) throw new DomainError('VALIDATION', '签章证书文件中没有私钥，请使用包含私钥的 .p12 / .pfx 文件')
  const privateKey = createPrivateKey({ key: Buffer.from(forge.asn1.toDer(forge.pki.privateKeyToAsn1(key)).getBytes(), 'binary'), format: 'der', type: 'pkcs1' })
  const ders = bags.certs.map(certificateDer)
  const signer = ders.findIndex((der) => new X509Certificate(der).checkPrivateKey(privateKey))
  if (signer < 0) throw new DomainError('VALIDATION', '签章证书文件中的证书与私钥不匹配')
  for (const c of bags.certs) decodeUtf8Attributes(c)
  const certificates = [ders[signer], ...ders.filter((_, i) => i !== signer)]
  return {
    id: createHash('sha256').update(ders[signer]).digest('hex'),
    privateKey,
    certificates,
    certificate: bags.certs[signer],
    chain: bags.certs
  }
}

/** Signs with Node's crypto (cms.ts). */
class OfficeSigner extends Signer {
  constructor(private readonly key: SigningKey) {
    super()
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return signDetached(pdfBuffer, this.key, signingTime ?? new Date())
  }
}

/** Writes the signature into a PDF that `finishPdf` ended with a signature placeholder. */
export async function signPdf(pdf: Buffer, key: SigningKey, signingTime: Date): Promise<Buffer> {
  return new SignPdf().sign(pdf, new OfficeSigner(key), signingTime)
}
