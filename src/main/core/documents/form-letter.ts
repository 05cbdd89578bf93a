import { DomainError } from '../../../shared/result'
import {
  BOTTOM,
  bodyLayout,
  type BodyLayout,
  drawHeader,
  drawSignatureAndQr,
  drawText,
  finishLetter,
  MM,
  newLetterDoc,
  SEAL_CY,
  SEAL_DIAMETER_MM,
  SERIF,
  type SignatureBlock,
  textHeight,
  WIDTH,
  X0
} from './layout'
import { type Cell, drawRow, rowHeight, type StubRow, type TableStyle } from './layout-table'
import type { LetterFinish } from './marks'

/**
 * A one-page form on the letter layout (收讫证明, 认证书, 就业报到证, 入户人员基本情况表): 版头, number and
 * title, a ruled table of label–value rows (optionally with a photo box beside the first rows), text under
 * it, and the 署名/日期 with the seal and the QR block beside it.
 */

/** A row: one label and its value across the width, or two label–value pairs. */
/** A row of label–value cells (two or four), as a stub's. */
export type FormRow = StubRow

export interface FormLetter extends SignatureBlock {
  number: string
  /** The number line under the red rule (default: the number), e.g. `认证书编号：…`. */
  numberLine?: string
  title: string
  /** PDF metadata: what the form is about. */
  subject: string
  rows: FormRow[]
  /** A photo box (1 inch, 25 × 35 mm) right of the first `rows` rows; no photo file yet, only its place. */
  photo?: { rows: number }
  /** Paragraphs under the table, indented two characters. */
  paragraphs?: string[]
  /** The Chinese message when the form does not fit one page even at the smallest sizes. */
  tooLong: string
}

interface Scale {
  table: TableStyle
  body: number
}

/** Sizes tried in turn until the form fits its page. */
const SCALES: Scale[] = [
  { table: { minRow: 28, labelSize: 12, valueMax: 13, valueMin: 10.5, wrapSize: 12 }, body: 14 },
  { table: { minRow: 25, labelSize: 11.5, valueMax: 12.5, valueMin: 10, wrapSize: 11 }, body: 13 },
  { table: { minRow: 22, labelSize: 11, valueMax: 12, valueMin: 9.5, wrapSize: 10.5 }, body: 12 }
]
const LABEL = 84
const LABEL2 = 84
const PHOTO = { w: 25 * MM, h: 35 * MM, pad: 7 }
const PHOTO_COL = PHOTO.w + 2 * PHOTO.pad
const SEAL_R = (SEAL_DIAMETER_MM / 2) * MM

function cells(r: FormRow, width: number): Cell[] {
  const cell = (text: string, x: number, w: number, label = false): Cell => ({ text, x: X0 + x, w, label, align: label ? 'center' : 'left' })
  if (r.length === 2) return [cell(r[0], 0, LABEL, true), cell(r[1], LABEL, width - LABEL)]
  const value = (width - LABEL - LABEL2) / 2
  return [cell(r[0], 0, LABEL, true), cell(r[1], LABEL, value), cell(r[2], LABEL + value, LABEL2, true), cell(r[3], LABEL + value + LABEL2, value)]
}

interface Plan {
  rows: { cells: Cell[]; height: number }[]
  style: TableStyle
  layout: BodyLayout
  height: number
}

/** The rows at a scale, the photo rows stretched together to the photo's height; and everything's height from the table's top. */
function plan(doc: PDFKit.PDFDocument, f: FormLetter, s: Scale): Plan {
  const photoRows = f.photo?.rows ?? 0
  const rows = f.rows.map((r, i) => {
    const c = cells(r, i < photoRows ? WIDTH - PHOTO_COL : WIDTH)
    return { cells: c, height: rowHeight(doc, c, s.table) }
  })
  const photoHeight = rows.slice(0, photoRows).reduce((h, r) => h + r.height, 0)
  const need = PHOTO.h + 2 * PHOTO.pad
  if (photoRows > 0 && photoHeight < need) for (const r of rows.slice(0, photoRows)) r.height += (need - photoHeight) / photoRows
  const layout = bodyLayout(doc, s.body)
  let height = rows.reduce((h, r) => h + r.height, 0)
  const text = { paragraphs: f.paragraphs ?? [] }
  if (text.paragraphs.length) height += layout.pitch / 2 + textHeight(doc, text, layout)
  // The seal (centred on 署名/日期) clears what is above it.
  height += Math.max(layout.signatureGap, SEAL_R - SEAL_CY * layout.pitch + 6) + layout.signatureHeight
  return { rows, style: s.table, layout, height }
}

function drawPhotoBox(doc: PDFKit.PDFDocument, top: number, height: number): void {
  const x = X0 + WIDTH - PHOTO_COL
  doc.lineWidth(0.75).strokeColor('#000000').rect(x, top, PHOTO_COL, height).stroke()
  const bx = x + PHOTO.pad
  const by = top + (height - PHOTO.h) / 2
  doc.save().lineWidth(0.5).strokeColor('#999999').dash(3, { space: 2 }).rect(bx, by, PHOTO.w, PHOTO.h).stroke().undash().restore()
  doc.font(SERIF).fontSize(10).fillColor('#999999')
  const lines = ['照片', '（1寸免冠）']
  lines.forEach((t, i) => doc.text(t, bx, by + PHOTO.h / 2 - 14 + i * 15, { width: PHOTO.w, align: 'center', lineBreak: false }))
  doc.fillColor('#000000')
}

/** Renders a one-page form at the largest sizes at which it fits. */
export function renderFormLetter(f: FormLetter, finish: LetterFinish): Buffer {
  const { doc, pages } = newLetterDoc({ title: `${f.title} ${f.number}`, author: f.office.name, subject: f.subject })
  const top = drawHeader(doc, { office: f.office, number: f.numberLine ?? f.number, title: f.title })
  // The largest scale that fits (the smaller ones are laid out only when it does not).
  let p: ReturnType<typeof plan> | undefined
  for (const s of SCALES) {
    const x = plan(doc, f, s)
    if (top + x.height <= BOTTOM) {
      p = x
      break
    }
  }
  if (!p) throw new DomainError('VALIDATION', f.tooLong)
  let y = top
  for (const r of p.rows) y += drawRow(doc, r.cells, y, { ...p.style, minRow: r.height })
  if (f.photo) drawPhotoBox(doc, top, p.rows.slice(0, f.photo.rows).reduce((h, r) => h + r.height, 0))
  const l = p.layout
  if (f.paragraphs?.length) y = drawText(doc, { paragraphs: f.paragraphs }, y + l.pitch / 2, l)
  const seal = drawSignatureAndQr(doc, f, y + Math.max(l.signatureGap, SEAL_R - SEAL_CY * l.pitch + 6), l)
  if (pages() !== 1) throw new Error(`${f.title}超出一页`)
  return finishLetter(doc, finish, f.office, seal)
}
