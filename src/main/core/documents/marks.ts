/**
 * Marks drawn over a letter: the office seal (公章) over the office name and date of a signed letter,
 * and the 草稿 watermark of an unsigned draft. Vector drawings, so they print sharp at any size.
 */

import { deflateSync } from 'node:zlib'
import { create, type Font, type Glyph } from 'fontkit'
import PDFDocument from 'pdfkit'
import type { SignatureInfo } from './sign'

/** How a letter is finished: an unsigned `draft` (watermarked), or the `final` letter (sealed, signed). */
export type LetterFinish = { kind: 'draft' } | { kind: 'final'; signature: SignatureInfo }

const MM = 72 / 25.4
const SEAL_RED = '#d7000f'

export interface SealSpec {
  /** Centre of the seal on the page. */
  cx: number
  cy: number
  /** Text along the upper arc (the office's name). */
  name: string
  /** Text in a straight line under the star (e.g. 档案专用章); optional. */
  label?: string
  /** The font file to draw the characters with (as outlines: the seal is a picture, not text). */
  fontFile: Buffer
  /** Diameter in millimetres (official seals: 40–42 mm). */
  diameterMm?: number
}

/** A five-pointed star centred at (cx, cy) with outer radius r. */
function star(doc: PDFKit.PDFDocument, cx: number, cy: number, r: number): void {
  const points: [number, number][] = []
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.382
    const a = -Math.PI / 2 + (i * Math.PI) / 5
    points.push([cx + radius * Math.cos(a), cy + radius * Math.sin(a)])
  }
  doc.polygon(...points).fill(SEAL_RED)
}

/**
 * The round office seal: red ring, the office's name along the upper arc (characters upright to the
 * centre, as carved), a star in the middle and an optional label below; slightly transparent, so the
 * printed name and date under it stay legible, as a real seal's ink does. The seal is the same on every
 * letter of an office, so it is drawn once (sealForm) and each letter places that drawing, a form XObject,
 * at its centre: the same operators as drawing it in place, made and deflated once per thread.
 */
export function drawSeal(doc: PDFKit.PDFDocument, s: SealSpec): void {
  const form = sealForm(s)
  const ref = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: form.bbox, Resources: {}, Filter: 'FlateDecode' })
  ref.end(form.deflated)
  const name = `Seal${(ref as unknown as { id: number }).id}`
  doc.page.xobjects[name] = ref
  // The form paints with the opacity in force where it is placed (its own colours, no transparency group).
  doc.save().opacity(0.82).translate(s.cx, s.cy)
  doc.addContent(`/${name} Do`)
  doc.restore()
}

interface SealForm {
  /** The seal's path operators around (0, 0) in page units, deflated. */
  deflated: Buffer
  bbox: number[]
}

const sealForms = new WeakMap<Buffer, Map<string, SealForm>>()

/** The seal's drawing, made once per font, name, label and size: what pdfkit writes when drawing it at (0, 0). */
export function sealForm(s: Omit<SealSpec, 'cx' | 'cy'>): SealForm {
  let byKey = sealForms.get(s.fontFile)
  if (!byKey) sealForms.set(s.fontFile, (byKey = new Map()))
  const key = JSON.stringify([s.name, s.label ?? '', s.diameterMm ?? 40])
  let form = byKey.get(key)
  if (!form) {
    const scratch = new PDFDocument({ compress: false, font: '' as unknown as string })
    const ops: string[] = []
    scratch.addContent = (data: string) => (ops.push(data), scratch)
    const r = sealShape(scratch, { ...s, cx: 0, cy: 0 })
    const edge = Math.ceil(r) + 1
    form = { deflated: deflateSync(ops.join('\n'), { level: 9 }), bbox: [-edge, -edge, edge, edge] }
    byKey.set(key, form)
  }
  return form
}

/** Draws the seal's ring, star, name and label at (s.cx, s.cy), opaque; returns its outer radius. */
function sealShape(doc: PDFKit.PDFDocument, s: SealSpec): number {
  const r = ((s.diameterMm ?? 40) * MM) / 2
  const chars = [...s.name]
  doc.lineWidth(r * 0.07).circle(s.cx, s.cy, r - r * 0.035).stroke(SEAL_RED)
  star(doc, s.cx, s.cy, r * 0.3)
  // Name along an arc of up to 250° centred on the top: each character's top just inside the ring, its
  // width at most 80% of the spacing measured at its middle (so neighbours never touch).
  const arc = Math.min(250, 26 * chars.length) * (Math.PI / 180)
  const top = r * 0.86
  const step = arc / chars.length
  const size = Math.min(r * 0.26, (0.8 * step * top) / (1 + 0.4 * step))
  doc.fillColor(SEAL_RED)
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - arc / 2 + step * (i + 0.5)
    doc.save().translate(s.cx + top * Math.cos(a), s.cy + top * Math.sin(a)).rotate((a * 180) / Math.PI + 90)
    drawOutlinedText(doc, s.fontFile, ch, -outlinedWidth(s.fontFile, ch, size) / 2, size * 0.88, size)
    doc.restore()
  })
  if (s.label) {
    const labelSize = r * 0.17
    drawOutlinedText(doc, s.fontFile, s.label, s.cx - outlinedWidth(s.fontFile, s.label, labelSize) / 2, s.cy + r * 0.42 + labelSize * 0.88, labelSize)
  }
  return r
}

const outlineFonts = new Map<Buffer, Font>()

/** The parsed font of a font file (parsed once: the CJK fonts are 10–15 MB). */
function outlineFont(fontFile: Buffer): Font {
  let font = outlineFonts.get(fontFile)
  if (!font) outlineFonts.set(fontFile, (font = create(fontFile)))
  return font
}

const outlines = new WeakMap<Font, Map<number, string>>()
const num = (n: number) => String(Math.round(n * 100) / 100)

/**
 * A glyph's outline as PDF path operators in font units, made once per glyph (every seal draws the same
 * characters): fontkit's path commands, a quadratic curve (TrueType's) written as the cubic it equals.
 */
export function outlineOps(font: Font, glyph: Glyph): string {
  let byId = outlines.get(font)
  if (!byId) outlines.set(font, (byId = new Map()))
  let ops = byId.get(glyph.id)
  if (ops === undefined) {
    const out: string[] = []
    let [x, y] = [0, 0]
    for (const { command, args: a } of glyph.path.commands) {
      if (command === 'moveTo' || command === 'lineTo') out.push(`${num(a[0])} ${num(a[1])} ${command === 'moveTo' ? 'm' : 'l'}`)
      else if (command === 'bezierCurveTo') out.push(`${a.map(num).join(' ')} c`)
      else if (command === 'quadraticCurveTo') {
        const [qx, qy, ex, ey] = a
        const c = [x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y), ex + (2 / 3) * (qx - ex), ey + (2 / 3) * (qy - ey), ex, ey]
        out.push(`${c.map(num).join(' ')} c`)
      } else if (command === 'closePath') out.push('h')
      if (command !== 'closePath') [x, y] = a.slice(-2)
    }
    byId.set(glyph.id, (ops = out.join('\n')))
  }
  return ops
}

/**
 * Text drawn as glyph outlines (paths), not as text: it prints like text but is not extracted, so a
 * watermark does not mix into the letter's text (copy, search, screen readers, pdftotext).
 */
function drawOutlinedText(doc: PDFKit.PDFDocument, fontFile: Buffer, text: string, x: number, baseline: number, size: number): void {
  const font = outlineFont(fontFile)
  const scale = size / font.unitsPerEm
  const run = font.layout(text)
  let pen = 0
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]
    // Font units are y-up; the page's are y-down.
    doc.save().translate(x + (pen + p.xOffset) * scale, baseline - p.yOffset * scale).scale(scale, -scale)
    doc.addContent(outlineOps(font, g)).fill().restore()
    pen += p.xAdvance
  })
}

function outlinedWidth(fontFile: Buffer, text: string, size: number): number {
  const font = outlineFont(fontFile)
  return (font.layout(text).positions.reduce((w, p) => w + p.xAdvance, 0) * size) / font.unitsPerEm
}

/** 草稿 across the page and a line at its top saying a draft is not valid as a letter — outlines, not text. */
export function drawDraftWatermark(doc: PDFKit.PDFDocument, fontFile: Buffer, page: { width: number; height: number }): void {
  const big = 150
  doc.save().opacity(0.13).fillColor('#000000').translate(page.width / 2, page.height / 2).rotate(-35)
  drawOutlinedText(doc, fontFile, '草 稿', -outlinedWidth(fontFile, '草 稿', big) / 2, big * 0.35, big)
  doc.restore()
  const note = '草稿 · 未经签章，不得作为正式文书使用'
  doc.save().fillColor('#c8161d')
  drawOutlinedText(doc, fontFile, note, page.width - 12 * MM - outlinedWidth(fontFile, note, 9), 11 * MM, 9)
  doc.restore()
  doc.fillColor('#000000')
}
