/**
 * Writes a TrueType font subset (fontkit's TTFSubset) as bytes directly. fontkit encodes each subset through
 * restructure's generic structs — sizing, then writing, every glyph, loca offset and metric as an object —
 * which was a tenth of a letter's time. A subset's tables are the font's own head, cvt, prep and fpgm,
 * hhea and maxp with their glyph counts, and its glyf, loca and hmtx; the directory, table order and
 * everything that does not depend on the glyphs are taken once per font from fontkit's encoding of a
 * one-glyph subset. The bytes are exactly fontkit's (subset-cache.test.ts compares them).
 */

/** What a TTFSubset holds once its glyphs are added (fontkit 2). */
export interface EncodedGlyphs {
  glyf: Uint8Array[]
  loca: { offsets: number[]; version: number }
  hmtx: { metrics: { advance: number; bearing: number }[] }
}

/** The font's subset layout: the directory's tags in order and the tables that are the font's own. */
export interface SubsetLayout {
  header: Uint8Array
  tags: string[]
  fixed: Map<string, Uint8Array>
}

/** Where the glyph count sits in hhea (numberOfMetrics) and maxp (numGlyphs). */
const HHEA_METRICS = 34
const MAXP_GLYPHS = 4

/** Splits fontkit's encoding of a subset into its tables, in the directory's order. */
export function subsetLayout(encoded: Uint8Array): SubsetLayout {
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength)
  const count = view.getUint16(4)
  const tags: string[] = []
  const fixed = new Map<string, Uint8Array>()
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i
    const tag = String.fromCharCode(...encoded.subarray(at, at + 4))
    const offset = view.getUint32(at + 8)
    tags.push(tag)
    fixed.set(tag, encoded.slice(offset, offset + view.getUint32(at + 12)))
  }
  return { header: encoded.slice(0, 12), tags, fixed }
}

/** The table `tag` of a subset with these glyphs. */
function table(tag: string, layout: SubsetLayout, g: EncodedGlyphs): Uint8Array {
  const n = g.glyf.length
  switch (tag) {
    case 'glyf': {
      const out = new Uint8Array(g.loca.offsets[n])
      let at = 0
      for (const bytes of g.glyf) {
        out.set(bytes, at)
        at += bytes.length
      }
      return out
    }
    case 'loca': {
      const wide = g.loca.version === 1
      const out = new DataView(new ArrayBuffer(g.loca.offsets.length * (wide ? 4 : 2)))
      g.loca.offsets.forEach((o, i) => (wide ? out.setUint32(i * 4, o) : out.setUint16(i * 2, o >>> 1)))
      return new Uint8Array(out.buffer)
    }
    case 'hmtx': {
      const out = new DataView(new ArrayBuffer(g.hmtx.metrics.length * 4))
      g.hmtx.metrics.forEach((m, i) => (out.setUint16(i * 4, m.advance), out.setInt16(i * 4 + 2, m.bearing)))
      return new Uint8Array(out.buffer)
    }
    case 'hhea':
    case 'maxp': {
      const out = layout.fixed.get(tag)!.slice()
      new DataView(out.buffer).setUint16(tag === 'hhea' ? HHEA_METRICS : MAXP_GLYPHS, tag === 'hhea' ? g.hmtx.metrics.length : n)
      return out
    }
    default:
      return layout.fixed.get(tag)!
  }
}

/** The subset's font file: fontkit's directory (checksums 0, as fontkit writes them) and tables in its order. */
export function writeSubset(layout: SubsetLayout, glyphs: EncodedGlyphs): Uint8Array {
  const tables = layout.tags.map((tag) => table(tag, layout, glyphs))
  const start = 12 + 16 * tables.length
  const out = new Uint8Array(start + tables.reduce((sum, t) => sum + t.length, 0))
  const view = new DataView(out.buffer)
  out.set(layout.header)
  let offset = start
  layout.tags.forEach((tag, i) => {
    const at = 12 + 16 * i
    for (let k = 0; k < 4; k++) out[at + k] = tag.charCodeAt(k)
    view.setUint32(at + 8, offset)
    view.setUint32(at + 12, tables[i].length)
    out.set(tables[i], offset)
    offset += tables[i].length
  })
  return out
}
