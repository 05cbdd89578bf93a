import * as asn1js from 'asn1js'
import { createHash, type KeyObject, sign } from 'node:crypto'
import * as pkijs from 'pkijs'

/**
 * The detached CMS SignedData (RFC 5652) of a PDF signature, SubFilter ETSI.CAdES.detached: built with
 * pkijs/asn1js, signed by Node's crypto (OpenSSL; node-forge's RSA in JavaScript took ~20 ms a letter).
 * The signed attributes are those the signer had before (node-forge's PKCS#7, as @signpdf's P12 signer):
 * contentType (data), signingTime and messageDigest (SHA-256 of the signed byte ranges); the signer's
 * certificate and its chain go in as the P12 holds them (their exact DER bytes, encoded once per key).
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

/**
 * Per key (a few keys at most in a process's life: the office changes its P12 rarely): the parsed signer
 * certificate (its issuer and serial number name the signer) and the SignedData's `certificates` field as DER —
 * the P12's certificates as their exact bytes, in its order, under [0] IMPLICIT. pkijs encoded every certificate
 * anew for each letter (three quarters of the CMS's time).
 */
const prepared = new Map<string, { signer: pkijs.Certificate; certificates: Buffer }>()
function preparedOf(key: SigningKey): { signer: pkijs.Certificate; certificates: Buffer } {
  let p = prepared.get(key.id)
  if (!p) {
    p = { signer: pkijs.Certificate.fromBER(new Uint8Array(key.certificates[0])), certificates: tlv(0xa0, ...key.certificates) }
    if (prepared.size > 8) prepared.clear()
    prepared.set(key.id, p)
  }
  return p
}

/** A DER element: its tag, its length (definite form) and its content. */
export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content)
  const size: number[] = []
  for (let n = body.length; n > 0; n = Math.floor(n / 256)) size.unshift(n % 256)
  const length = body.length < 0x80 ? [body.length] : [0x80 | size.length, ...size]
  return Buffer.concat([Uint8Array.from([tag, ...length]), body])
}

/** RFC 5652 § 11.3: UTCTime through 2049, GeneralizedTime after. */
const timeValue = (t: Date) => (t.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: t }) : new asn1js.GeneralizedTime({ valueDate: t }))

/** The DER CMS ContentInfo (SignedData, detached) signing `content` with `key` at `signingTime`. */
export function signDetached(content: Buffer, key: SigningKey, signingTime: Date): Buffer {
  const { signer, certificates } = preparedOf(key)
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
    signerInfos: [signerInfo]
  })
  // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, certificates [0], signerInfos }: pkijs
  // encodes all but the certificates, which go in as prepared.
  const [version, digestAlgorithms, encapContentInfo, signerInfos] = signedData
    .toSchema(true)
    .valueBlock.value.map((part: asn1js.BaseBlock) => new Uint8Array(part.toBER()))
  const body = tlv(0x30, version, digestAlgorithms, encapContentInfo, certificates, signerInfos)
  // ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT }
  return tlv(0x30, new Uint8Array(new asn1js.ObjectIdentifier({ value: OID.signedData }).toBER()), tlv(0xa0, body))
}
