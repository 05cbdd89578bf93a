import * as asn1js from 'asn1js'
import { createHash, type KeyObject, sign } from 'node:crypto'
import * as pkijs from 'pkijs'

/**
 * The detached CMS SignedData (RFC 5652) of a PDF signature, SubFilter ETSI.CAdES.detached: built with
 * pkijs/asn1js, signed by Node's crypto (OpenSSL; node-forge's RSA in JavaScript took ~20 ms a letter).
 * The signed attributes are those the signer had before (node-forge's PKCS#7, as @signpdf's P12 signer):
 * contentType (data), signingTime and messageDigest (SHA-256 of the signed byte ranges); the signer's
 * certificate and its chain go in as the P12 holds them (their exact DER bytes).
 */
export interface SigningKey {
  /** Tells keys apart (the signer certificate's SHA-256): what a worker caches its parsed certificates by. */
  id: string
  /** The RSA private key (a KeyObject crosses to a worker thread by postMessage). */
  privateKey: KeyObject
  /** DER certificates, the signer's first, then the rest of the chain. */
  certificates: Buffer[]
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1'
} as const

const algorithm = (id: string) => new pkijs.AlgorithmIdentifier({ algorithmId: id, algorithmParams: new asn1js.Null() })

/** Parsed certificates per key (a few keys at most in a process's life: the office changes its P12 rarely). */
const parsed = new Map<string, pkijs.Certificate[]>()
function certificatesOf(key: SigningKey): pkijs.Certificate[] {
  let certs = parsed.get(key.id)
  if (!certs) {
    certs = key.certificates.map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)))
    if (parsed.size > 8) parsed.clear()
    parsed.set(key.id, certs)
  }
  return certs
}

/** RFC 5652 § 11.3: UTCTime through 2049, GeneralizedTime after. */
const timeValue = (t: Date) => (t.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: t }) : new asn1js.GeneralizedTime({ valueDate: t }))

/** The DER CMS ContentInfo (SignedData, detached) signing `content` with `key` at `signingTime`. */
export function signDetached(content: Buffer, key: SigningKey, signingTime: Date): Buffer {
  const certificates = certificatesOf(key)
  const signer = certificates[0]
  const digest = createHash('sha256').update(content).digest()
  // DER orders a SET OF by the encodings of its members.
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.signingTime, values: [timeValue(signingTime)] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] })
  ]
    .map((a) => ({ a, der: Buffer.from(a.toSchema().toBER()) }))
    .sort((x, y) => Buffer.compare(x.der, y.der))
    .map((x) => x.a)
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes })
  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] they are stored under.
  const toSign = Buffer.from(signedAttrs.toSchema().toBER())
  toSign[0] = 0x31
  const signature = sign('sha256', toSign, key.privateKey)
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: algorithm(OID.sha256),
    signedAttrs,
    signatureAlgorithm: algorithm(OID.rsaEncryption),
    signature: new asn1js.OctetString({ valueHex: signature })
  })
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [algorithm(OID.sha256)],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates,
    signerInfos: [signerInfo]
  })
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) })
  return Buffer.from(info.toSchema().toBER())
}
