import { fitSize, type LetterFoot, MM, PAGE, SANS_BOLD, SERIF, WIDTH, X0 } from './layout'

/**
 * Ruled tables of the letter layout (forms, the receipt) and the cut-off stub (下联/回执联) that the
 * sender sticks on the archive envelope, below a dashed cut line.
 */

/** Type sizes of a ruled table: labels in bold sans; a value shrinks to one line down to `valueMin`, else wraps at `wrapSize`. */
export interface TableStyle {
  minRow: number
  labelSize: number
  valueMax: number
  valueMin: number
  wrapSize: number
}

export interface Cell {
  text: string
  /** Left edge on the page, and width. */
  x: number
  w: number
  label?: boolean
  align?: 'left' | 'center'
}

interface CellLayout {
  font: string
  size: number
  height: number
  wrap: boolean
}

function cellLayout(doc: PDFKit.PDFDocument, c: Cell, st: TableStyle): CellLayout {
  const font = c.label ? SANS_BOLD : SERIF
  const max = c.label ? st.labelSize : st.valueMax
  const size = fitSize(doc, font, c.text, c.w - 10, max)
  if (size >= st.valueMin || c.label) return { font, size, height: st.minRow, wrap: false }
  const height = doc.font(font).fontSize(st.wrapSize).heightOfString(c.text, { width: c.w - 10, lineGap: 1 }) + 8
  return { font, size: st.wrapSize, height: Math.max(st.minRow, height), wrap: true }
}

export function rowHeight(doc: PDFKit.PDFDocument, cells: Cell[], st: TableStyle): number {
  return Math.max(...cells.map((c) => cellLayout(doc, c, st).height))
}

/** Draws one ruled row at `y` (cells side by side, text centred vertically); returns its height. */
export function drawRow(doc: PDFKit.PDFDocument, cells: Cell[], y: number, st: TableStyle): number {
  const h = rowHeight(doc, cells, st)
  const left = cells[0].x
  const last = cells[cells.length - 1]
  doc.lineWidth(0.75).strokeColor('#000000').fillColor('#000000')
  doc.rect(left, y, last.x + last.w - left, h).stroke()
  for (const c of cells) {
    if (c.x > left) doc.moveTo(c.x, y).lineTo(c.x, y + h).stroke()
    const l = cellLayout(doc, c, st)
    doc.font(l.font).fontSize(l.size)
    const textHeight = l.wrap ? l.height - 8 : doc.currentLineHeight()
    doc.text(c.text, c.x + 5, y + (h - textHeight) / 2, { width: c.w - 10, lineGap: 1, lineBreak: l.wrap, align: c.align ?? 'left' })
  }
  return h
}

/** A stub row: a label and its value across the width, or two label–value pairs. */
export type StubRow = [string, string] | [string, string, string, string]

export interface Stub {
  /** e.g. 调档通知单（下联）— 请贴于档案袋封面 */
  title: string
  rows: StubRow[]
  /** One line under the table. */
  note: string
}

/** The stub is cut off and stuck on the envelope, so it may use part of the bottom margin. */
const STUB_BOTTOM = PAGE.height - 15 * MM
export const STUB_BOTTOM_MARGIN = PAGE.height - STUB_BOTTOM
const STUB_TABLE: TableStyle = { minRow: 21, labelSize: 10.5, valueMax: 12, valueMin: 9.5, wrapSize: 10.5 }
const STUB_LABEL = 70
const STUB_LABEL2 = 60
const STUB_SPLIT = Math.round(WIDTH * 0.6)
const STUB_TITLE = 30
const STUB_NOTE_HEIGHT = 20

function stubCells(r: StubRow): Cell[] {
  const cell = (text: string, x: number, w: number, label = false): Cell => ({ text, x: X0 + x, w, label })
  if (r.length === 2) return [cell(r[0], 0, STUB_LABEL, true), cell(r[1], STUB_LABEL, WIDTH - STUB_LABEL)]
  return [
    cell(r[0], 0, STUB_LABEL, true),
    cell(r[1], STUB_LABEL, STUB_SPLIT - STUB_LABEL),
    cell(r[2], STUB_SPLIT, STUB_LABEL2, true),
    cell(r[3], STUB_SPLIT + STUB_LABEL2, WIDTH - STUB_SPLIT - STUB_LABEL2)
  ]
}

function drawCutLine(doc: PDFKit.PDFDocument, y: number): void {
  const left = 12 * MM
  const right = PAGE.width - 12 * MM
  doc.save().lineWidth(0.7).strokeColor('#444444').dash(5, { space: 3 })
  doc.moveTo(left, y).lineTo(right, y).stroke().undash().restore()
  doc.font(SERIF).fontSize(14).fillColor('#444444')
  doc.rect(left + 14, y - 9, 20, 18).fill('#ffffff')
  doc.fillColor('#444444').text('✂', left + 16, y - doc.currentLineHeight() / 2, { lineBreak: false })
  const label = '沿此线剪下'
  doc.fontSize(10)
  const w = doc.widthOfString(label) + 16
  const cx = PAGE.width / 2 - w / 2
  doc.rect(cx, y - 8, w, 16).fill('#ffffff')
  doc.fillColor('#444444').text(label, cx + 8, y - doc.currentLineHeight() / 2, { lineBreak: false })
  doc.fillColor('#000000')
}

/** The stub at the foot of the page, under a dashed cut line (use with `STUB_BOTTOM_MARGIN`). */
export function stubFoot(stub: Stub): LetterFoot {
  return (doc) => {
    const height = STUB_TITLE + stub.rows.reduce((h, r) => h + rowHeight(doc, stubCells(r), STUB_TABLE), 0) + STUB_NOTE_HEIGHT
    const top = STUB_BOTTOM - height
    const cutY = top - 16
    const draw = () => {
      drawCutLine(doc, cutY)
      doc.font(SANS_BOLD).fontSize(14).fillColor('#000000')
      doc.text(stub.title, X0, top, { width: WIDTH, align: 'center', lineBreak: false })
      let y = top + STUB_TITLE
      for (const r of stub.rows) y += drawRow(doc, stubCells(r), y, STUB_TABLE)
      doc.font(SERIF).fontSize(fitSize(doc, SERIF, stub.note, WIDTH, 9)).fillColor('#333333')
      doc.text(stub.note, X0, y + 6, { width: WIDTH, lineBreak: false })
      doc.fillColor('#000000')
    }
    return { top, draw }
  }
}
