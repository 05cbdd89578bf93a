import * as asn1js from 'asn1js'
import { createHash, sign, verify, X509Certificate } from 'node:crypto'
import * as pkijs from 'pkijs'
import { describe, expect, it } from 'vitest'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../testing/p12'
import { cmsRoom, type SigningKey, signDetached, tlv } from './cms'
import { batchKeyOf, readP12 } from './sign'

describe('the CMS of a letter signature', () => {
  it('writes DER lengths in short and long form', () => {
    for (const n of [0, 5, 127, 128, 200, 255, 256, 70_000]) {
      const der = tlv(0x04, Buffer.alloc(n, 1))
      const decoded = asn1js.fromBER(der)
      expect(decoded.offset).toBe(der.length)
      expect(decoded.result).toBeInstanceOf(asn1js.OctetString)
      expect((decoded.result as asn1js.OctetString).getValue().byteLength).toBe(n)
    }
  })

  it('is the DER pkijs builds from the same parts, the chain as the P12 holds it; an independent verify of its signature', () => {
    const office = batchKeyOf(readP12(makeTestP12(), TEST_P12_PASSPHRASE))
    const other = batchKeyOf(readP12(makeTestP12({ subject: '/C=CN/O=上级签发机构/CN=上级签发机构' }), TEST_P12_PASSPHRASE))
    // A signer certificate and the rest of a chain (two certificates: the [0] field holds more than one).
    const key = { ...office, id: `${office.id}+chain`, certificates: [...office.certificates, ...other.certificates] }
    const cases = [
      [Buffer.from('the signed byte ranges'), new Date('2026-11-23T02:00:00Z')],
      [Buffer.alloc(100_000, 7), new Date('2049-12-31T23:59:59Z')], // the last UTCTime
      [Buffer.from('after 2049'), new Date('2099-06-30T12:00:00Z')] // GeneralizedTime
    ] as const
    for (const [content, at] of cases) {
      const der = signDetached(content, key, at)
      expect(der).toEqual(pkijsSignedData(content, key, at))
      // Signing is deterministic (RSA PKCS#1 v1.5): the same letter at the same time signs to the same bytes.
      expect(signDetached(content, key, at)).toEqual(der)
      // Within the second, the same bytes: the signing time is written in whole seconds (DER writes no zero fraction).
      expect(signDetached(content, key, new Date(at.getTime() + 789))).toEqual(der)
      // Node's crypto verifies the signature over the signed attributes (as a SET) with the certificate's key.
      const signer = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(der)).content }).signerInfos[0]
      const attrs = Buffer.from(signer.signedAttrs!.toSchema().toBER())
      attrs[0] = 0x31
      const publicKey = new X509Certificate(key.certificates[0]).publicKey
      expect(verify('sha256', attrs, publicKey, Buffer.from(signer.signature.valueBlock.valueHexView))).toBe(true)
    }
  })

  it('reserves room for exactly the signatures a key makes, with 512 bytes to spare, whatever the signing date', () => {
    const office = batchKeyOf(readP12(makeTestP12(), TEST_P12_PASSPHRASE))
    const big = batchKeyOf(readP12(makeTestP12({ bits: 4096, subject: '/C=CN/O=上级签发机构/CN=上级签发机构' }), TEST_P12_PASSPHRASE))
    const chained = { ...big, id: `${big.id}+chain`, certificates: [...big.certificates, ...office.certificates] }
    for (const key of [office, chained]) {
      const sizes = ['2026-11-23T02:00:00Z', '2049-12-31T23:59:59Z', '2050-01-01T00:00:00Z', '2099-06-30T12:00:00Z'].map(
        (t) => signDetached(Buffer.from('the signed byte ranges'), key, new Date(t)).length
      )
      expect(cmsRoom(key)).toBe(Math.max(...sizes) + 512)
      expect(cmsRoom(key)).toBe(cmsRoom({ ...key })) // once per key
    }
    expect(cmsRoom(chained)).toBeGreaterThan(cmsRoom(office) + 1000) // a longer key and chain reserve more
    expect(cmsRoom(office)).toBeLessThan(4096) // not the 16 KiB reserved for a key not known
  })
})

/** The same CMS as pkijs builds it from its objects (what signDetached wrote per letter before it wrote bytes). */
function pkijsSignedData(content: Buffer, key: SigningKey, at: Date): Buffer {
  const algorithm = (id: string) => new pkijs.AlgorithmIdentifier({ algorithmId: id, algorithmParams: new asn1js.Null() })
  const time = at.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: at }) : new asn1js.GeneralizedTime({ valueDate: at })
  const digest = createHash('sha256').update(content).digest()
  const attributes = [
    new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })] }),
    new pkijs.Attribute({ type: '1.2.840.113549.1.9.5', values: [time] }),
    new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: digest })] })
  ]
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes })
  const toSign = Buffer.from(signedAttrs.toSchema().toBER())
  toSign[0] = 0x31
  const signer = pkijs.Certificate.fromBER(new Uint8Array(key.certificates[0]))
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [algorithm('2.16.840.1.101.3.4.2.1')],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    certificates: key.certificates.map((c) => pkijs.Certificate.fromBER(new Uint8Array(c))),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
        digestAlgorithm: algorithm('2.16.840.1.101.3.4.2.1'),
        signedAttrs,
        signatureAlgorithm: algorithm('1.2.840.113549.1.1.1'),
        signature: new asn1js.OctetString({ valueHex: sign('sha256', toSign, key.privateKey) })
      })
    ]
  })
  return Buffer.from(new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) }).toSchema().toBER())
}
