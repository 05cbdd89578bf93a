import * as asn1js from 'asn1js'
import { createHash, type KeyObject, sign } from 'node:crypto'
import * as pkijs from 'pkijs'

/**
 * The detached CMS SignedData (RFC 5652) of a PDF signature, SubFilter ETSI.CAdES.detached: put together
 * as DER bytes (the same bytes pkijs writes: cms.test.ts compares them; pkijs/asn1js per letter were a tenth
 * of a letter's time), signed by Node's crypto (OpenSSL; node-forge's RSA in JavaScript took ~20 ms a letter).
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

/** DER of an OBJECT IDENTIFIER. */
const oid = (id: string) => Buffer.from(new asn1js.ObjectIdentifier({ value: id }).toBER())
/** AlgorithmIdentifier with NULL parameters (as pkijs writes them for these two). */
const algorithm = (id: string) => tlv(0x30, oid(id), Uint8Array.of(0x05, 0x00))
const DER = {
  version1: Uint8Array.of(0x02, 0x01, 0x01),
  sha256: algorithm(OID.sha256),
  rsa: algorithm(OID.rsaEncryption),
  signedData: oid(OID.signedData),
  /** encapContentInfo: id-data, detached (no content). */
  encapsulated: tlv(0x30, oid(OID.data)),
  /** The contentType attribute: id-data. */
  contentType: tlv(0x30, oid(OID.contentType), tlv(0x31, oid(OID.data))),
  signingTime: oid(OID.signingTime),
  messageDigest: oid(OID.messageDigest)
}

interface Prepared {
  /** The signer as SignerInfo names it: IssuerAndSerialNumber's DER (issuer and serial as pkijs parsed them). */
  sid: Buffer
  /** SignedData's `certificates` [0]: the P12's certificates as their exact bytes, in its order. */
  certificates: Buffer
}

/**
 * Per key (a few keys at most in a process's life: the office changes its P12 rarely): everything of the
 * SignedData that is the same for every letter, as DER. pkijs parses the signer certificate once; each letter's
 * CMS is then put together from bytes (pkijs encoded the certificates and the rest anew for each letter).
 */
const prepared = new Map<string, Prepared>()
function preparedOf(key: SigningKey): Prepared {
  let p = prepared.get(key.id)
  if (!p) {
    const signer = pkijs.Certificate.fromBER(new Uint8Array(key.certificates[0]))
    const sid = new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber })
    p = { sid: Buffer.from(sid.toSchema().toBER()), certificates: tlv(0xa0, ...key.certificates) }
    if (prepared.size > 8) prepared.clear()
    prepared.set(key.id, p)
  }
  return p
}

/** A DER element: its tag, its length (definite form) and its content. */
export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = content.length === 1 ? content[0] : Buffer.concat(content)
  const size: number[] = []
  for (let n = body.length; n > 0; n = Math.floor(n / 256)) size.unshift(n % 256)
  const length = body.length < 0x80 ? [body.length] : [0x80 | size.length, ...size]
  return Buffer.concat([Uint8Array.from([tag, ...length]), body])
}

/**
 * RFC 5652 § 11.3: UTCTime (YYMMDDHHMMSSZ) through 2049, GeneralizedTime (YYYYMMDDHHMMSSZ) after; whole seconds
 * (DER: no fraction of a second written as zeros).
 */
function timeValue(t: Date): Buffer {
  const iso = t.toISOString() // YYYY-MM-DDTHH:MM:SS.mmmZ
  const digits = iso.slice(0, 19).replace(/\D/g, '')
  return t.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, 'latin1')) : tlv(0x18, Buffer.from(`${digits}Z`, 'latin1'))
}

/** The DER CMS ContentInfo (SignedData, detached) signing `content` with `key` at `signingTime`. */
export function signDetached(content: Buffer, key: SigningKey, signingTime: Date): Buffer {
  const { sid, certificates } = preparedOf(key)
  const digest = createHash('sha256').update(content).digest()
  // DER orders a SET OF by the encodings of its members.
  const attributes = [
    DER.contentType,
    tlv(0x30, DER.signingTime, tlv(0x31, timeValue(signingTime))),
    tlv(0x30, DER.messageDigest, tlv(0x31, tlv(0x04, digest)))
  ].sort(Buffer.compare)
  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] IMPLICIT they are stored under.
  const toSign = tlv(0x31, ...attributes)
  const signature = sign('sha256', toSign, key.privateKey)
  const signedAttrs = Buffer.from(toSign)
  signedAttrs[0] = 0xa0
  // SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, signedAttrs [0], signatureAlgorithm, signature }
  const signerInfo = tlv(0x30, DER.version1, sid, DER.sha256, signedAttrs, DER.rsa, tlv(0x04, signature))
  // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, certificates [0], signerInfos }
  const body = tlv(0x30, DER.version1, tlv(0x31, DER.sha256), DER.encapsulated, certificates, tlv(0x31, signerInfo))
  // ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT }
  return tlv(0x30, DER.signedData, tlv(0xa0, body))
}

const rooms = new Map<string, number>()

/**
 * The bytes a letter reserves for `key`'s signature: the size of its CMS (fixed per key: an RSA signature is as
 * long as the modulus, the attributes have fixed lengths; measured by signing once, the signing time in its
 * longer form) and 512 to spare. The PDF carries the reserved room as hex whether used or not, so a letter
 * signed with a 2048-bit key and a short chain is some 25 KB smaller than with a fixed 16 KiB.
 */
export function cmsRoom(key: SigningKey): number {
  let room = rooms.get(key.id)
  if (room === undefined) {
    room = signDetached(Buffer.alloc(0), key, new Date(Date.UTC(2099, 11, 31))).length + 512
    if (rooms.size > 8) rooms.clear()
    rooms.set(key.id, room)
  }
  return room
}
