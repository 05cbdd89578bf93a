import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { describe, expect, it } from 'vitest'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../testing/p12'
import { signDetached, tlv } from './cms'
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

  it('is the DER pkijs writes for the whole SignedData, the chain as the P12 holds it (certificates written once per key)', () => {
    const office = batchKeyOf(readP12(makeTestP12(), TEST_P12_PASSPHRASE))
    const other = batchKeyOf(readP12(makeTestP12({ subject: '/C=CN/O=上级签发机构/CN=上级签发机构' }), TEST_P12_PASSPHRASE))
    // A signer certificate and the rest of a chain (two certificates: the [0] field holds more than one).
    const key = { ...office, id: `${office.id}+chain`, certificates: [...office.certificates, ...other.certificates] }
    const at = new Date('2026-11-23T02:00:00Z')
    for (const content of [Buffer.from('the signed byte ranges'), Buffer.alloc(100_000, 7)]) {
      const der = signDetached(content, key, at)
      const info = pkijs.ContentInfo.fromBER(new Uint8Array(der))
      const signed = new pkijs.SignedData({ schema: info.content })
      expect(signed.certificates!.map((c) => Buffer.from((c as pkijs.Certificate).toSchema(true).toBER()))).toEqual(key.certificates)
      const whole = new pkijs.ContentInfo({ contentType: info.contentType, content: signed.toSchema(true) }).toSchema().toBER()
      expect(Buffer.from(whole)).toEqual(der)
      // Signing is deterministic (RSA PKCS#1 v1.5): the same letter at the same time signs to the same bytes.
      expect(signDetached(content, key, at)).toEqual(der)
    }
  })
})
