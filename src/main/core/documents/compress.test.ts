import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { endDeflated, LETTER_DEFLATE_LEVEL } from './compress'
import { renderTransferRequestLetter } from './transfer-request-letter'
import { SAMPLE_REQUEST_LETTER } from '../testing/fixtures'

/** Each stream's bytes in a PDF written by pdfkit (`>>\nstream\n` … `\nendstream`). */
function streams(pdf: Buffer): Buffer[] {
  const out: Buffer[] = []
  let at = 0
  while ((at = pdf.indexOf('>>\nstream\n', at)) !== -1) {
    const start = at + '>>\nstream\n'.length
    const end = pdf.indexOf('\nendstream', start)
    out.push(pdf.subarray(start, end))
    at = end
  }
  return out
}

/** The level a zlib stream says it was written at (RFC 1950 FLEVEL: 0 fastest, 1 fast, 2 default, 3 best). */
const flevel = (s: Buffer) => s[1] >> 6

describe('letter streams deflated at the letter level', () => {
  it('writes every stream of a letter at level 2 (FLEVEL 1) but the seal, and zlib is left as it was', () => {
    const deflateSync = zlib.deflateSync
    const signature = { name: '留学人员档案室', reason: '调档函', location: '北京' }
    const pdf = renderTransferRequestLetter(SAMPLE_REQUEST_LETTER, { kind: 'final', signature })
    expect(zlib.deflateSync).toBe(deflateSync)
    // Two font subsets and their ToUnicode maps, the page, the seal's form.
    const all = streams(pdf)
    expect(all).toHaveLength(6)
    // The seal's form is made once per thread at level 9 (FLEVEL 3, marks.ts): a caller's own options stay.
    expect(all.map(flevel).sort()).toEqual([1, 1, 1, 1, 1, 3])
    for (const s of all) expect(zlib.inflateSync(s).length).toBeGreaterThan(0)
    expect(LETTER_DEFLATE_LEVEL).toBe(2)
    // The largest stream is the body font's subset: its bytes are what level 2 writes, not level 6.
    const font = all.reduce((a, b) => (b.length > a.length ? b : a))
    const raw = zlib.inflateSync(font)
    expect(raw.length).toBeGreaterThan(30_000)
    expect(font.equals(zlib.deflateSync(raw, { level: 2 }))).toBe(true)
    expect(font.equals(zlib.deflateSync(raw))).toBe(false)
  })

  it('puts zlib back when ending the document throws', () => {
    const deflateSync = zlib.deflateSync
    const doc = {
      end() {
        expect(zlib.deflateSync).not.toBe(deflateSync)
        throw new Error('disk full')
      }
    } as unknown as PDFKit.PDFDocument
    expect(() => endDeflated(doc)).toThrow('disk full')
    expect(zlib.deflateSync).toBe(deflateSync)
  })
})
