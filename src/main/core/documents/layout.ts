import { create, type Font } from 'fontkit'
import PDFDocument from 'pdfkit'
import type { IsoDate } from '../../../shared/domain/calendar'
import type { OfficeInfo } from '../../../shared/domain/office'
import { DomainError } from '../../../shared/result'
import { chineseDate } from './dates'
import { fontData, type FontName } from './fonts'
import { drawDraftWatermark, drawSeal, type LetterFinish } from './marks'
import { drawQrCode } from './qr'
import { finishPdf } from './sign'
import { shareLayoutCache } from './layout-cache'
import { cacheSubsetGlyphs } from './subset-cache'

/**
 * The one page layout of every letter the office issues (GB/T 9704-2012, 党政机关公文格式): A4, the 版心
 * margins, the red 版头 with the double red line, 发文字号, title, addressee, body paragraphs, ruled tables,
 * the 署名/成文日期 block the seal goes over, the QR + verification block, page numbers, and the finish
 * (seal and signature placeholder, or the 草稿 watermark). Templates only say what goes where.
 */

export const MM = 72 / 25.4
export const PAGE = { width: 595.28, height: 841.89 }
/** GB/T 9704 版心: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
export const MARGIN = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM }
export const X0 = MARGIN.left
export const WIDTH = PAGE.width - MARGIN.left - MARGIN.right
/** The lowest line of the 版心. */
export const BOTTOM = PAGE.height - MARGIN.bottom
export const RED = '#c8161d'
/** Noto Serif SC: the stand-in for 仿宋 (body text). */
export const SERIF = 'serif'
/** Noto Sans SC Bold: the stand-in for 小标宋/黑体 (header, title, labels). */
export const SANS_BOLD = 'sansBold'
/** Body sizes tried in turn until a letter fits its page: 3号 (15–16 pt) first, 小4 (12 pt) at least. */
export const BODY_SIZES = [15, 14.5, 14, 13.5, 13, 12]
/** Line pitch as a multiple of the body size (GB/T 9704: 3号 font on a 28.9 pt pitch ≈ 1.8). */
export const PITCH = 1.6
export const QR_SIZE = 64
/** Official seals are 40–42 mm across. */
export const SEAL_DIAMETER_MM = 40
/** The seal's centre under the 署名's top, in line pitches: between the name and the date. */
export const SEAL_CY = 0.55
/** 2号 title. */
const TITLE_SIZE = 22

export interface LetterDocInfo {
  title: string
  author: string
  subject: string
  /** Bottom margin in points when a template uses part of the standard one (the transfer notice's stub). */
  bottomMargin?: number
}

const parsedFonts = new Map<Buffer, Font>()

/**
 * The font parsed once per process and shared by every letter (pdfkit takes a fontkit font as it is;
 * each document still embeds its own subset). Parsing the CJK fonts anew took most of a letter's time.
 */
function parsedFont(name: FontName): Font {
  const data = fontData(name)
  let font = parsedFonts.get(data)
  if (!font) {
    parsedFonts.set(data, (font = create(data)))
    cacheSubsetGlyphs(font)
  }
  return font
}

/** A new A4 letter with the letter fonts registered; `pages()` counts its pages. */
export function newLetterDoc(info: LetterDocInfo): { doc: PDFKit.PDFDocument; pages: () => number } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN.top, bottom: info.bottomMargin ?? MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    // No default font: pdfkit would set up Helvetica (parsing its metrics) for every letter, which never uses it.
    font: '',
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'CaseDesk', Producer: 'CaseDesk' }
  })
  let pages = 1
  doc.on('pageAdded', () => pages++)
  const fonts = new Set([parsedFont('serif'), parsedFont('sansBold')])
  doc.registerFont(SERIF, parsedFont('serif') as unknown as Buffer)
  doc.registerFont(SANS_BOLD, parsedFont('sansBold') as unknown as Buffer)
  shareLayoutCache(doc, fonts)
  return { doc, pages: () => pages }
}

/** The font size (≤ `max`) at which `text` fits on one line of `width`. */
export function fitSize(doc: PDFKit.PDFDocument, font: string, text: string, width: number, max: number): number {
  let size = max
  while (size > 6 && doc.font(font).fontSize(size).widthOfString(text) > width) size -= 0.5
  return size
}

/** How the office refers to itself in a letter's body. */
export const officeSelf = (office: OfficeInfo): string => (office.name.endsWith('中心') ? '我中心' : '我单位')

export const sexLabel = (sex: 'male' | 'female'): string => (sex === 'male' ? '男' : '女')

/** 版头 (office name and department in red over the double red line), 发文字号 and title; returns the y under the title. */
export function drawHeader(doc: PDFKit.PDFDocument, h: { office: OfficeInfo; number: string; title: string }): number {
  let y = MARGIN.top
  const head = `${h.office.name}${h.office.department}`
  const size = fitSize(doc, SANS_BOLD, head, WIDTH - [...head].length, 22) // the 1 pt character spacing included
  doc.font(SANS_BOLD).fontSize(size).fillColor(RED)
  doc.text(head, X0, y, { width: WIDTH, align: 'center', lineBreak: false, characterSpacing: 1 })
  y += doc.currentLineHeight() + 4
  doc.moveTo(X0, y).lineTo(X0 + WIDTH, y).lineWidth(1.5).strokeColor(RED).stroke()
  doc.moveTo(X0, y + 3).lineTo(X0 + WIDTH, y + 3).lineWidth(0.5).stroke()
  y += 10
  doc.font(SERIF).fontSize(14).fillColor('#000000')
  doc.text(h.number, X0, y, { width: WIDTH, align: 'right', lineBreak: false })
  y += doc.currentLineHeight() + 14
  doc.font(SANS_BOLD).fontSize(TITLE_SIZE)
  doc.text(h.title, X0, y, { width: WIDTH, align: 'center', lineBreak: false, characterSpacing: 6 })
  return y + doc.currentLineHeight() + 14
}

export interface BodyLayout {
  size: number
  lineGap: number
  pitch: number
  /** Space between the body and the 署名: about one line (the seal may reach up into it), and the QR's clearance. */
  signatureGap: number
  /** From the 署名's top to the 日期's bottom. */
  signatureHeight: number
}

export function bodyLayout(doc: PDFKit.PDFDocument, size: number): BodyLayout {
  doc.font(SERIF).fontSize(size)
  const lineHeight = doc.currentLineHeight()
  const pitch = PITCH * size
  const signatureHeight = pitch + lineHeight
  const signatureGap = Math.max(pitch, QR_SIZE + 12 - signatureHeight)
  return { size, lineGap: pitch - lineHeight, pitch, signatureGap, signatureHeight }
}

/** A letter's text: the addressee (主送机关, flush left) and paragraphs indented two characters. */
export interface LetterText {
  addressee?: string
  paragraphs: string[]
}

export function textHeight(doc: PDFKit.PDFDocument, t: LetterText, l: BodyLayout): number {
  doc.font(SERIF).fontSize(l.size)
  const opts = { width: WIDTH, lineGap: l.lineGap, indent: 2 * l.size }
  const addressee = t.addressee ? doc.heightOfString(`${t.addressee}：`, { width: WIDTH, lineGap: l.lineGap }) : 0
  return t.paragraphs.reduce((h, p) => h + doc.heightOfString(p, opts), addressee)
}

/** Draws the addressee and the paragraphs from `y`; returns the y under them. */
export function drawText(doc: PDFKit.PDFDocument, t: LetterText, y: number, l: BodyLayout): number {
  doc.font(SERIF).fontSize(l.size).fillColor('#000000')
  if (t.addressee) doc.text(`${t.addressee}：`, X0, y, { width: WIDTH, lineGap: l.lineGap })
  else doc.y = y
  for (const p of t.paragraphs) {
    doc.text(p, X0, doc.y, { width: WIDTH, lineGap: l.lineGap, indent: 2 * l.size })
  }
  return doc.y
}

/** Where the seal goes: the centre of the 署名/成文日期 block. */
export interface SealAt {
  cx: number
  cy: number
}

/**
 * 署名 centred over the 成文日期 (right indent 4 characters, or `right` as the block's right edge), with
 * room for the seal over both; returns the seal's centre.
 */
export function drawSignature(doc: PDFKit.PDFDocument, s: { office: OfficeInfo; issuedOn: IsoDate }, top: number, l: BodyLayout, right = X0 + WIDTH - 4 * l.size): SealAt & { left: number } {
  doc.font(SERIF).fontSize(l.size).fillColor('#000000')
  const date = chineseDate(s.issuedOn)
  const dateWidth = doc.widthOfString(date)
  const dateX = right - dateWidth
  const nameWidth = doc.widthOfString(s.office.name)
  const nameX = Math.min(dateX + (dateWidth - nameWidth) / 2, X0 + WIDTH - nameWidth)
  doc.text(s.office.name, nameX, top, { lineBreak: false })
  doc.text(date, dateX, top + l.pitch, { lineBreak: false })
  const cx = Math.max(nameX + nameWidth, dateX + dateWidth) - Math.max(nameWidth, dateWidth) / 2
  return { cx, cy: top + SEAL_CY * l.pitch, left: Math.min(dateX, nameX) }
}

/** The QR code (to the verification page) at (x, y) and, right of it up to `right`, the code and how to check it. */
export function drawVerification(doc: PDFKit.PDFDocument, v: { office: OfficeInfo; verificationCode: string; noun: string }, x: number, y: number, right: number): void {
  drawQrCode(doc, v.office.verifyBaseUrl + v.verificationCode, { x, y, size: QR_SIZE })
  const tx = x + QR_SIZE + 8
  const tw = right - tx
  doc.font(SANS_BOLD).fontSize(11).fillColor('#000000').text(`验证码：${v.verificationCode}`, tx, y, { width: tw, lineBreak: false })
  doc.font(SERIF).fontSize(8).fillColor('#333333')
  doc.text(`扫描左侧二维码，或登录以下网址输入验证码，核验本${v.noun}真伪：`, tx, y + 20, { width: tw, lineGap: 1 })
  doc.fontSize(fitSize(doc, SERIF, v.office.verifyBaseUrl, tw, 8))
  doc.text(v.office.verifyBaseUrl, tx, doc.y + 1, { width: tw + 20, lineBreak: false })
  doc.fillColor('#000000')
}

export interface SignatureBlock {
  office: OfficeInfo
  issuedOn: IsoDate
  verificationCode: string
  /** What the reader verifies: 本{noun}真伪 (通知单, 函, 证明, 回执单). */
  noun: string
}

/** 署名 and 成文日期 on the right, the QR block on the left level with them; returns where the seal goes. */
export function drawSignatureAndQr(doc: PDFKit.PDFDocument, s: SignatureBlock, top: number, l: BodyLayout): SealAt {
  const sig = drawSignature(doc, s, top, l)
  drawVerification(doc, s, X0, top + l.signatureHeight - QR_SIZE, sig.left - 8)
  return { cx: sig.cx, cy: sig.cy }
}

/**
 * GB/T 9704 page numbers (`— 1 —`, 4号, 7 mm under the 版心; odd pages right, even pages left, one
 * character in), on every page when a letter runs to more than one.
 */
function drawPageNumbers(doc: PDFKit.PDFDocument, count: number): void {
  if (count < 2) return
  for (let i = 0; i < count; i++) {
    doc.switchToPage(i)
    const label = `— ${i + 1} —`
    doc.font(SERIF).fontSize(14).fillColor('#000000')
    const w = doc.widthOfString(label)
    const x = i % 2 === 0 ? X0 + WIDTH - 14 - w : X0 + 14
    doc.text(label, x, BOTTOM + 7 * MM, { lineBreak: false }) // no line breaking: never a new page
  }
}

/**
 * Finishes a letter: the final one gets the office seal at `seal` on its last page and a signature
 * placeholder (sign it with signPdf); a draft gets the 草稿 watermark on every page. Returns the PDF.
 */
export function finishLetter(doc: PDFKit.PDFDocument, finish: LetterFinish, office: OfficeInfo, seal: SealAt): Buffer {
  const { count } = doc.bufferedPageRange()
  drawPageNumbers(doc, count)
  if (finish.kind === 'draft') {
    for (let i = 0; i < count; i++) {
      doc.switchToPage(i)
      drawDraftWatermark(doc, fontData('sansBold'), PAGE)
    }
  }
  doc.switchToPage(count - 1)
  if (finish.kind === 'final') drawSeal(doc, { ...seal, name: office.name, label: office.department, fontFile: fontData('sansBold'), diameterMm: SEAL_DIAMETER_MM })
  return finishPdf(doc, finish.kind === 'final' ? finish.signature : undefined)
}

/**
 * A part printed under a letter (the cut-off stub), measured on the letter's document: its top on the
 * page (the letter ends 30 pt above it: room for the cut line) and how to draw it.
 */
export type LetterFoot = (doc: PDFKit.PDFDocument) => { top: number; draw(): void }

/** A one-page letter of text: 版头, number, title, addressee and paragraphs, 署名/日期 with the QR block, 附注. */
export interface TextLetter extends SignatureBlock {
  number: string
  title: string
  /** PDF metadata: what the letter is about. */
  subject: string
  text: LetterText
  /** 附注 (GB/T 9704: under the 成文日期, two characters in, in parentheses). */
  note?: string
  /** The Chinese message when the text does not fit one page even at the smallest body size. */
  tooLong: string
  foot?: { bottomMargin: number; part: LetterFoot }
}

/** Renders a one-page text letter at the largest body size at which it fits. */
export function renderTextLetter(t: TextLetter, finish: LetterFinish): Buffer {
  const { doc, pages } = newLetterDoc({ title: `${t.title} ${t.number}`, author: t.office.name, subject: t.subject, bottomMargin: t.foot?.bottomMargin })
  const foot = t.foot?.part(doc)
  const bottom = foot ? foot.top - 30 : BOTTOM
  const bodyTop = drawHeader(doc, t)
  const note = t.note ? `（${t.note}）` : ''
  const noteOpts = (l: BodyLayout) => ({ width: WIDTH, lineGap: l.lineGap, indent: 2 * l.size })
  // The 附注 stands half a line under the date, and under the seal's lower edge (the seal is centred on 署名/日期).
  const noteGap = (l: BodyLayout) => Math.max(l.signatureHeight + l.pitch / 2, SEAL_CY * l.pitch + (SEAL_DIAMETER_MM / 2) * MM + 4)
  const noteHeight = (l: BodyLayout) => (note ? noteGap(l) - l.signatureHeight + doc.font(SERIF).fontSize(l.size).heightOfString(note, noteOpts(l)) : 0)
  // The largest body size at which addressee, body, the seal gap, the 署名/日期 block and the 附注 fit.
  const fits = (l: BodyLayout) => bodyTop + textHeight(doc, t.text, l) + l.signatureGap + l.signatureHeight + noteHeight(l) <= bottom
  const layout = BODY_SIZES.map((s) => bodyLayout(doc, s)).find(fits)
  if (!layout) throw new DomainError('VALIDATION', t.tooLong)
  const signatureTop = drawText(doc, t.text, bodyTop, layout) + layout.signatureGap
  const seal = drawSignatureAndQr(doc, t, signatureTop, layout)
  if (note) doc.font(SERIF).fontSize(layout.size).text(note, X0, signatureTop + noteGap(layout), noteOpts(layout))
  foot?.draw()
  if (pages() !== 1) throw new Error(`${t.title}超出一页`)
  return finishLetter(doc, finish, t.office, seal)
}
