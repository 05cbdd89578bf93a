// The glyph cache of the font subsets, and their direct writer (subset-encode.ts), write exactly the bytes
// fontkit writes, for both letter fonts and for glyphs of every kind (CJK, Latin, digits, punctuation,
// compound glyphs), subset after subset.
import { create, type Font } from 'fontkit'
import { describe, expect, it } from 'vitest'
import { fontData } from './fonts'
import { cacheSubsetGlyphs } from './subset-cache'

interface Subset {
  includeGlyph(gid: number): number
  encode(): Uint8Array
  _addGlyph(gid: number): number
}
const subsetOf = (font: Font) => (font as unknown as { createSubset(): Subset }).createSubset()
const TEXT = '留学人员档案室调档函（回执联）兹有王嘉怡，身份证号码：440126199700000001。请贵单位收到本函后…ABCxyz 0123456789 ﬁ fl 《》〔2026〕第000123号'

/** fontkit's own, before any font is given the cache (the subset class is shared by every font). */
const fontkitSubset = Object.getPrototypeOf(subsetOf(create(fontData('serif')))) as Subset
const { _addGlyph: fontkitAddGlyph, encode: fontkitEncode } = fontkitSubset

/** A subset of `text`'s glyphs, encoded by fontkit itself (`plain`) or with the cache; `fetched`: glyphs fontkit was asked for meanwhile. */
function encode(font: Font, text: string, plain: boolean): Buffer & { fetched?: number } {
  const subset = subsetOf(font)
  if (plain) Object.assign(subset, { _addGlyph: fontkitAddGlyph, encode: fontkitEncode })
  for (const g of font.layout(text).glyphs as unknown as { id: number }[]) subset.includeGlyph(g.id)
  const internals = font as unknown as { getGlyph: (...a: unknown[]) => unknown }
  const getGlyph = internals.getGlyph
  let fetched = 0
  internals.getGlyph = (...a) => (fetched++, getGlyph.apply(font, a))
  try {
    return Object.assign(Buffer.from(subset.encode()), { fetched })
  } finally {
    internals.getGlyph = getGlyph
  }
}

describe('the font subsets’ glyph cache', () => {
  it.each(['serif', 'sansBold'] as const)('%s: the subset is byte for byte what fontkit makes, the first time and from the cache', (name) => {
    const plainFont = create(fontData(name))
    const cachedFont = create(fontData(name))
    const reference = encode(plainFont, TEXT, true)
    cacheSubsetGlyphs(cachedFont)
    const first = encode(cachedFont, TEXT, false)
    expect(first.fetched).toBeGreaterThan(50)
    expect(Buffer.from(first)).toEqual(Buffer.from(reference))
    const again = encode(cachedFont, TEXT, false)
    expect(again.fetched).toBe(0) // every glyph from the cache
    expect(Buffer.from(again)).toEqual(Buffer.from(reference))
    expect(Buffer.from(encode(cachedFont, '调档函 ﬁ', false))).toEqual(Buffer.from(encode(plainFont, '调档函 ﬁ', true)))
    // No glyph but .notdef; and a subset large enough for wide loca offsets in a font that has them.
    expect(Buffer.from(encode(cachedFont, '', false))).toEqual(Buffer.from(encode(plainFont, '', true)))
    const many = Array.from({ length: 1500 }, (_, i) => String.fromCodePoint(0x4e00 + i * 7)).join('')
    expect(Buffer.from(encode(cachedFont, many, false))).toEqual(Buffer.from(encode(plainFont, many, true)))
    expect(fontkitSubset.encode).not.toBe(fontkitEncode) // the direct writer is what ran
  })
})
