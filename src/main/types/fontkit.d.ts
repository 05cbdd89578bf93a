// The part of fontkit 2 (pdfkit's font engine) CaseDesk uses directly; the package ships no types.
declare module 'fontkit' {
  export interface Glyph {
    id: number
    /** The outline in font units: moveTo/lineTo (x, y), quadraticCurveTo (cx, cy, x, y), bezierCurveTo (3 points), closePath. */
    path: { commands: { command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath'; args: number[] }[] }
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
