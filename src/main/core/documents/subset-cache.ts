import type { Font } from 'fontkit'
import { type SubsetLayout, subsetLayout, writeSubset } from './subset-encode'

/**
 * Each letter embeds a subset of the CJK fonts holding only its glyphs (fontkit's TTFSubset). fontkit
 * fetches every glyph of the subset anew for each document — the glyph's bytes, its components, its
 * metrics, decoding its whole outline on the way — which took a fifth of a letter's time; the letters of a
 * batch share most of their glyphs. This keeps what a glyph contributes to a subset per parsed font (the
 * fonts are parsed once per thread: layout.ts) and writes exactly the bytes fontkit writes
 * (subset-cache.test.ts compares them). Variable fonts (fontkit re-encodes their outlines) take fontkit's
 * own path.
 */
interface GlyphEntry {
  /** The glyph's bytes in the font's glyf table. */
  bytes: Uint8Array
  /** A compound glyph's parts: the glyph ids and where each sits in `bytes` (renumbered per subset). */
  components: { glyphID: number; pos: number }[] | null
  advance: number
  bearing: number
}

/** fontkit's internals this relies on (fontkit 2: TTFSubset._addGlyph, TTFFont.loca / _getTableStream). */
interface TTFSubsetInternals {
  font: FontInternals
  glyphs: number[]
  glyf: Uint8Array[]
  loca: { offsets: number[]; version: number }
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings: number[] }
  offset: number
  includeGlyph(gid: number): number
  _addGlyph(gid: number): number
  encode(): Uint8Array
}
interface FontInternals {
  loca: { offsets: number[]; version: number }
  createSubset(): TTFSubsetInternals
  _variationProcessor?: unknown
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array }
  getGlyph(gid: number): { advanceWidth: number; _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } }
}

const glyphs = new WeakMap<object, Map<number, GlyphEntry>>()

function entry(font: FontInternals, gid: number): GlyphEntry {
  let byId = glyphs.get(font)
  if (!byId) glyphs.set(font, (byId = new Map()))
  let e = byId.get(gid)
  if (!e) {
    const glyph = font.getGlyph(gid)
    const glyf = glyph._decode()
    const stream = font._getTableStream('glyf')
    stream.pos += font.loca.offsets[gid]
    const bytes = Uint8Array.from(stream.readBuffer(font.loca.offsets[gid + 1] - font.loca.offsets[gid]))
    const components = glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null
    e = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing }
    byId.set(gid, e)
  }
  return e
}

const patched = new WeakSet<object>()
const layouts = new WeakMap<object, SubsetLayout>()

/**
 * Makes the subsets of this TrueType font (and of every font sharing fontkit's TTFSubset) use the glyph cache,
 * and be written as bytes directly (subset-encode.ts).
 */
export function cacheSubsetGlyphs(font: Font): void {
  const internals = font as unknown as FontInternals
  if (!internals.loca) return // CFF outlines: another subsetter
  const proto = Object.getPrototypeOf((font as unknown as { createSubset(): object }).createSubset()) as TTFSubsetInternals
  if (patched.has(proto) || typeof proto._addGlyph !== 'function') return
  patched.add(proto)
  const fontkitAddGlyph = proto._addGlyph
  proto._addGlyph = function (this: TTFSubsetInternals, gid: number): number {
    if (this.font._variationProcessor) return fontkitAddGlyph.call(this, gid)
    const e = entry(this.font, gid)
    let bytes = e.bytes
    if (e.components) {
      bytes = new Uint8Array(bytes)
      const view = new DataView(bytes.buffer)
      for (const c of e.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID))
    }
    this.glyf.push(bytes)
    this.loca.offsets.push(this.offset)
    this.hmtx.metrics.push({ advance: e.advance, bearing: e.bearing })
    this.offset += bytes.length
    return this.glyf.length - 1
  }
  const fontkitEncode = proto.encode
  proto.encode = function (this: TTFSubsetInternals): Uint8Array {
    if (this.font._variationProcessor) return fontkitEncode.call(this)
    let layout = layouts.get(this.font)
    if (!layout) layouts.set(this.font, (layout = subsetLayout(fontkitEncode.call(this.font.createSubset()))))
    // fontkit's own steps up to the tables (TTFSubset.encode): each glyph added in turn, adding its components.
    this.glyf = []
    this.offset = 0
    this.loca = { offsets: [], version: this.font.loca.version }
    this.hmtx = { metrics: [], bearings: [] }
    for (let i = 0; i < this.glyphs.length; i++) this._addGlyph(this.glyphs[i])
    this.loca.offsets.push(this.offset)
    return writeSubset(layout, this)
  }
}
