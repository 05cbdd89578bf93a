// The part of fontkit 2 (pdfkit's font engine) CaseDesk uses directly; the package ships no types.
declare module 'fontkit' {
  export interface Glyph {
    path: { toSVG(): string }
  }
  export interface GlyphRun {
    glyphs: Glyph[]
    positions: { xAdvance: number; xOffset: number; yOffset: number }[]
  }
  export interface Font {
    unitsPerEm: number
    layout(text: string): GlyphRun
  }
  export function create(buffer: Buffer): Font
}
