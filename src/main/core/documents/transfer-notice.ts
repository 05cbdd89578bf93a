import PDFDocument from 'pdfkit'
import { isIsoDate, type IsoDate } from '../../../shared/domain/calendar'
import type { OfficeInfo } from '../../../shared/domain/office'
import { DomainError } from '../../../shared/result'
import { fontData } from './fonts'
import { arabicDate, chineseDate } from './dates'
import { drawQrCode } from './qr'
import { drawDraftWatermark, drawSeal, type LetterFinish } from './marks'
import { finishPdf } from './sign'

export interface TransferNoticeData {
  office: OfficeInfo
  /** e.g. `留档调字〔2026〕第000123号` */
  number: string
  /** `XXXX-XXXX` */
  verificationCode: string
  issuedOn: IsoDate
  /** 现档案保管机构全称 */
  custodian: string
  applicant: { name: string; sex: 'male' | 'female'; idNumber: string; birthDate: IsoDate }
  caseNumber: string
  /** 出国存档 / 回国存档 */
  subtypeLabel: string
}

const MM = 72 / 25.4
const PAGE = { width: 595.28, height: 841.89 }
/** GB/T 9704 版心: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
const MARGIN = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM }
/** The stub is cut off and stuck on the envelope, so it may use part of the bottom margin. */
const STUB_BOTTOM = PAGE.height - 15 * MM
const X0 = MARGIN.left
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right
const RED = '#c8161d'
const SERIF = 'serif'
const SANS_BOLD = 'sansBold'
/** Body sizes tried in turn until the upper part fits above the cut line (long names, addresses). */
const BODY_SIZES = [15, 14.5, 14, 13.5, 13, 12]
/** Line pitch as a multiple of the body size (GB/T 9704: 3号 font on a 28.9 pt pitch ≈ 1.8). */
const PITCH = 1.6
const QR_SIZE = 64
const STUB_ROW = 21


function bodyParagraphs(data: TransferNoticeData): string[] {
  const { applicant: a, office: o } = data
  const sex = a.sex === 'male' ? '男' : '女'
  const we = o.name.endsWith('中心') ? '我中心' : '我单位'
  return [
    `兹有${a.name}（${sex}，身份证号码：${a.idNumber}，出生日期：${arabicDate(a.birthDate)}）申请在${we}办理${data.subtypeLabel}，其人事档案现由贵单位保管。请贵单位收到本通知单后，将其人事档案整理齐全、密封，通过机要通信寄至${we}（不通机要的地区，请以中国邮政EMS挂号寄送），并将本通知单下联沿虚线剪下，粘贴于档案袋封面。`,
    `请转递完整的人事档案，包括学籍材料、毕业生登记表等；本人为中共党员的，请一并转递入党材料。${we}自2015年8月起不再接收党组织关系，党组织关系请另行转接。`,
    `收件地址：${o.address}，${o.name}${o.department}（邮政编码：${o.postcode}）。`,
    `联系电话：${o.phone}　电子邮箱：${o.email}`
  ]
}

interface BodyLayout {
  size: number
  lineGap: number
  pitch: number
  /** Space between the body and the 署名: about one line (the seal may reach up into it), and the QR's clearance. */
  signatureGap: number
  /** From the 署名's top to the 日期's bottom. */
  signatureHeight: number
}

function bodyLayout(doc: PDFKit.PDFDocument, size: number): BodyLayout {
  doc.font(SERIF).fontSize(size)
  const lineHeight = doc.currentLineHeight()
  const pitch = PITCH * size
  const signatureHeight = pitch + lineHeight
  const signatureGap = Math.max(pitch, QR_SIZE + 12 - signatureHeight)
  return { size, lineGap: pitch - lineHeight, pitch, signatureGap, signatureHeight }
}

/** Height of the addressee line plus the body at a given layout. */
function bodyHeight(doc: PDFKit.PDFDocument, data: TransferNoticeData, l: BodyLayout): number {
  doc.font(SERIF).fontSize(l.size)
  const opts = { width: WIDTH, lineGap: l.lineGap, indent: 2 * l.size }
  const addressee = doc.heightOfString(`${data.custodian}：`, { width: WIDTH, lineGap: l.lineGap })
  return bodyParagraphs(data).reduce((h, p) => h + doc.heightOfString(p, opts), addressee)
}

/** The font size (≤ `max`) at which `text` fits on one line of `width`. */
function fitSize(doc: PDFKit.PDFDocument, font: string, text: string, width: number, max: number): number {
  let size = max
  while (size > 6 && doc.font(font).fontSize(size).widthOfString(text) > width) size -= 0.5
  return size
}

function drawHeader(doc: PDFKit.PDFDocument, data: TransferNoticeData): number {
  const { office } = data
  let y = MARGIN.top
  const head = `${office.name}${office.department}`
  const size = fitSize(doc, SANS_BOLD, head, WIDTH, 22)
  doc.font(SANS_BOLD).fontSize(size).fillColor(RED)
  doc.text(head, X0, y, { width: WIDTH, align: 'center', lineBreak: false, characterSpacing: 1 })
  y += doc.currentLineHeight() + 4
  doc.moveTo(X0, y).lineTo(X0 + WIDTH, y).lineWidth(1.5).strokeColor(RED).stroke()
  doc.moveTo(X0, y + 3).lineTo(X0 + WIDTH, y + 3).lineWidth(0.5).stroke()
  y += 10
  doc.font(SERIF).fontSize(14).fillColor('#000000')
  doc.text(data.number, X0, y, { width: WIDTH, align: 'right', lineBreak: false })
  y += doc.currentLineHeight() + 14
  doc.font(SANS_BOLD).fontSize(22)
  doc.text('调档通知单', X0, y, { width: WIDTH, align: 'center', lineBreak: false, characterSpacing: 6 })
  return y + doc.currentLineHeight() + 14
}

function drawBody(doc: PDFKit.PDFDocument, data: TransferNoticeData, y: number, l: BodyLayout): number {
  doc.font(SERIF).fontSize(l.size).fillColor('#000000')
  doc.text(`${data.custodian}：`, X0, y, { width: WIDTH, lineGap: l.lineGap })
  for (const p of bodyParagraphs(data)) {
    doc.text(p, X0, doc.y, { width: WIDTH, lineGap: l.lineGap, indent: 2 * l.size })
  }
  return doc.y
}

/**
 * 署名 centred over the 成文日期 (right indent 4 characters) with room for the seal, which a later
 * issue stamps centred on this block; the QR code and the verification code sit on the left.
 */
/** Draws 署名, 成文日期 and the QR block; returns the centre of the name-and-date block (where the seal goes). */
function drawSignatureAndQr(doc: PDFKit.PDFDocument, data: TransferNoticeData, top: number, l: BodyLayout): { cx: number; cy: number } {
  const { office } = data
  doc.font(SERIF).fontSize(l.size).fillColor('#000000')
  const date = chineseDate(data.issuedOn)
  const dateWidth = doc.widthOfString(date)
  const dateX = X0 + WIDTH - 4 * l.size - dateWidth
  const nameWidth = doc.widthOfString(office.name)
  const nameX = Math.min(dateX + (dateWidth - nameWidth) / 2, X0 + WIDTH - nameWidth)
  doc.text(office.name, nameX, top, { lineBreak: false })
  doc.text(date, dateX, top + l.pitch, { lineBreak: false })

  const qrY = top + l.signatureHeight - QR_SIZE
  drawQrCode(doc, office.verifyBaseUrl + data.verificationCode, { x: X0, y: qrY, size: QR_SIZE })
  const tx = X0 + QR_SIZE + 8
  const tw = Math.min(dateX, nameX) - tx - 8
  doc.font(SANS_BOLD).fontSize(11).text(`验证码：${data.verificationCode}`, tx, qrY, { width: tw, lineBreak: false })
  doc.font(SERIF).fontSize(8).fillColor('#333333')
  doc.text('扫描左侧二维码，或登录以下网址输入验证码，核验本通知单真伪：', tx, qrY + 20, { width: tw, lineGap: 1 })
  doc.fontSize(fitSize(doc, SERIF, office.verifyBaseUrl, tw, 8))
  doc.text(office.verifyBaseUrl, tx, doc.y + 1, { width: tw + 20, lineBreak: false })
  doc.fillColor('#000000')
  return { cx: Math.max(nameX + nameWidth, dateX + dateWidth) - Math.max(nameWidth, dateWidth) / 2, cy: top + l.pitch * 0.55 }
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

type StubRow = [string, string] | [string, string, string, string]

function stubRows(data: TransferNoticeData): StubRow[] {
  const { office: o, applicant: a } = data
  return [
    ['通知单编号', data.number, '验证码', data.verificationCode],
    ['姓名', a.name, '业务编号', data.caseNumber],
    ['身份证号码', a.idNumber, '业务类别', data.subtypeLabel],
    ['寄件单位', data.custodian],
    ['收件单位', `${o.name}${o.department}`],
    ['收件地址', `${o.address}（邮政编码：${o.postcode}）`]
  ]
}

const STUB_LABEL = 70
const STUB_LABEL2 = 60
const STUB_SPLIT = Math.round(WIDTH * 0.6)
const STUB_TITLE = 30
const STUB_NOTE = '寄送前请密封档案袋并在封口处加盖密封章；本联请贴于档案袋封面，勿装入袋内。'
const STUB_NOTE_HEIGHT = 20

interface StubCell {
  text: string
  x: number
  w: number
  label: boolean
}

function stubCells(r: StubRow): StubCell[] {
  const cell = (text: string, x: number, w: number, label = false): StubCell => ({ text, x: X0 + x, w, label })
  if (r.length === 2) return [cell(r[0], 0, STUB_LABEL, true), cell(r[1], STUB_LABEL, WIDTH - STUB_LABEL)]
  return [
    cell(r[0], 0, STUB_LABEL, true),
    cell(r[1], STUB_LABEL, STUB_SPLIT - STUB_LABEL),
    cell(r[2], STUB_SPLIT, STUB_LABEL2, true),
    cell(r[3], STUB_SPLIT + STUB_LABEL2, WIDTH - STUB_SPLIT - STUB_LABEL2)
  ]
}

/** A value shrinks to fit one line down to 9.5 pt; anything longer wraps at 10.5 pt in a taller row. */
function cellLayout(doc: PDFKit.PDFDocument, c: StubCell): { font: string; size: number; height: number; wrap: boolean } {
  const font = c.label ? SANS_BOLD : SERIF
  const max = c.label ? 10.5 : 12
  const size = fitSize(doc, font, c.text, c.w - 10, max)
  if (size >= 9.5 || c.label) return { font, size, height: STUB_ROW, wrap: false }
  const height = doc.font(font).fontSize(10.5).heightOfString(c.text, { width: c.w - 10, lineGap: 1 }) + 8
  return { font, size: 10.5, height: Math.max(STUB_ROW, height), wrap: true }
}

function rowHeight(doc: PDFKit.PDFDocument, r: StubRow): number {
  return Math.max(...stubCells(r).map((c) => cellLayout(doc, c).height))
}

function stubHeight(doc: PDFKit.PDFDocument, rows: StubRow[]): number {
  return STUB_TITLE + rows.reduce((h, r) => h + rowHeight(doc, r), 0) + STUB_NOTE_HEIGHT
}

function drawStub(doc: PDFKit.PDFDocument, data: TransferNoticeData, top: number): void {
  doc.font(SANS_BOLD).fontSize(14).fillColor('#000000')
  doc.text('调档通知单（下联）— 请贴于档案袋封面', X0, top, { width: WIDTH, align: 'center', lineBreak: false })
  let y = top + STUB_TITLE
  doc.lineWidth(0.75).strokeColor('#000000')
  for (const r of stubRows(data)) {
    const h = rowHeight(doc, r)
    doc.rect(X0, y, WIDTH, h).stroke()
    for (const c of stubCells(r)) {
      if (c.x > X0) doc.moveTo(c.x, y).lineTo(c.x, y + h).stroke()
      const l = cellLayout(doc, c)
      doc.font(l.font).fontSize(l.size)
      const textHeight = l.wrap ? l.height - 8 : doc.currentLineHeight()
      doc.text(c.text, c.x + 5, y + (h - textHeight) / 2, { width: c.w - 10, lineGap: 1, lineBreak: l.wrap })
    }
    y += h
  }
  doc.font(SERIF).fontSize(fitSize(doc, SERIF, STUB_NOTE, WIDTH, 9)).fillColor('#333333')
  doc.text(STUB_NOTE, X0, y + 6, { width: WIDTH, lineBreak: false })
  doc.fillColor('#000000')
}

/**
 * Renders the 调档通知单 with its 下联 (stub) on one A4 page, synchronously: a `draft` carries the 草稿
 * watermark; a `final` letter the office seal over its name and date, and a signature placeholder (sign
 * the result with signPdf).
 */
export function renderTransferNotice(data: TransferNoticeData, finish: LetterFinish): Buffer {
  for (const d of [data.issuedOn, data.applicant.birthDate]) if (!isIsoDate(d)) throw new Error(`invalid date ${d}`)
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN.top, bottom: PAGE.height - STUB_BOTTOM, left: MARGIN.left, right: MARGIN.right },
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `调档通知单 ${data.number}`,
      Author: data.office.name,
      Subject: `${data.subtypeLabel}调档通知（业务编号 ${data.caseNumber}）`,
      Creator: 'CaseDesk',
      Producer: 'CaseDesk'
    }
  })
  let pages = 1
  doc.on('pageAdded', () => pages++)
  doc.registerFont(SERIF, fontData('serif'))
  doc.registerFont(SANS_BOLD, fontData('sansBold'))

  const stubTop = STUB_BOTTOM - stubHeight(doc, stubRows(data))
  const cutY = stubTop - 16
  const upperBottom = cutY - 14
  const bodyTop = drawHeader(doc, data)
  // The largest body size at which addressee, body, the seal gap and the 署名/日期 block fit above the cut line.
  const fits = (l: BodyLayout) => bodyTop + bodyHeight(doc, data, l) + l.signatureGap + l.signatureHeight <= upperBottom
  const layouts = BODY_SIZES.map((s) => bodyLayout(doc, s))
  const layout = layouts.find(fits)
  if (!layout) throw new DomainError('VALIDATION', '调档通知单内容过长，无法排入一页，请核对现档案保管机构全称')
  const bodyEnd = drawBody(doc, data, bodyTop, layout)
  const seal = drawSignatureAndQr(doc, data, bodyEnd + layout.signatureGap, layout)
  drawCutLine(doc, cutY)
  drawStub(doc, data, stubTop)
  if (finish.kind === 'final') drawSeal(doc, { ...seal, name: data.office.name, label: data.office.department, fontFile: fontData('sansBold') })
  else drawDraftWatermark(doc, fontData('sansBold'), PAGE)
  if (pages !== 1) throw new Error('调档通知单超出一页')

  return finishPdf(doc, finish.kind === 'final' ? finish.signature : undefined)
}
