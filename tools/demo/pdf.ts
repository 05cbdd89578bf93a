import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import PDFDocument from 'pdfkit'
import { fontData } from '../../src/main/core/documents/fonts'

/** pdfkit helpers for the demo attachments: one CJK font parsed once per process, reproducible output. */

const FONT_PATH = join('node_modules', '@expo-google-fonts', 'noto-sans-sc', '400Regular', 'NotoSansSC_400Regular.ttf')

function findSansFont(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 10; i++) {
    const candidate = join(dir, FONT_PATH)
    if (existsSync(candidate)) return candidate
    const parent = resolve(dir, '..')
    if (parent === dir) break
    dir = parent
  }
  return null
}

let font: unknown = null

/**
 * Noto Sans SC Regular from node_modules (dev, tests, CLI); the shipped Noto Sans SC Bold when the
 * package is absent (packaged app). Returned as pdfkit's parsed font object: parsing the 10 MB file
 * once instead of once per document makes rendering several times faster.
 */
function demoFont(): unknown {
  if (font) return font
  const file = findSansFont()
  const data = file ? readFileSync(file) : fontData('sansBold')
  const probe = new PDFDocument({ autoFirstPage: false })
  probe.font(data)
  const parsed = (probe as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font
  font = typeof parsed?.layout === 'function' ? parsed : data
  return font
}

export type Doc = PDFKit.PDFDocument

type PdfConstructor = new (options?: PDFKit.PDFDocumentOptions) => Doc

/**
 * A document whose bytes are collected as pdfkit writes them. pdfkit is a Readable stream; pushing
 * into it queues process.nextTick callbacks that keep every document alive until the event loop
 * runs, which a long synchronous run never lets happen (2,000 cases grew to ~1.8 GB). Taking the
 * bytes here bypasses the stream buffer entirely.
 */
class CollectedPdf extends (PDFDocument as unknown as PdfConstructor) {
  declare chunks?: Uint8Array[]

  push(chunk: Uint8Array | null): boolean {
    if (chunk) (this.chunks ??= []).push(chunk)
    return true
  }
}

/** Renders one PDF synchronously. `createdAt` is fixed so the same input gives the same bytes (and SHA-256). */
export function renderPdf(createdAt: Date, title: string, build: (doc: Doc) => void, size: string | [number, number] = 'A4'): Buffer {
  const doc = new CollectedPdf({
    size,
    margin: 50,
    // Skip pdfkit's default Helvetica (parsed per document); every text uses the CJK font.
    font: null as unknown as string,
    info: { Title: title, Author: 'CaseDesk 演示数据', CreationDate: createdAt, ModDate: createdAt }
  })
  doc.registerFont('cjk', demoFont() as Buffer)
  doc.font('cjk')
  build(doc)
  watermark(doc)
  doc.end()
  return Buffer.concat(doc.chunks ?? [])
}

/** Every demo file says it is a sample, so none can pass for a real document. */
function watermark(doc: Doc): void {
  const { width, height } = doc.page
  doc.save()
  doc.rotate(-30, { origin: [width / 2, height / 2] })
  doc.fillColor('#d9363e').fillOpacity(0.12).fontSize(Math.min(width, height) / 9)
  doc.text('演示样例 DEMO', 0, height / 2 - 30, { width, align: 'center', lineBreak: false })
  doc.restore()
  doc.fillOpacity(1).fillColor('black')
}

/** A label and value on one line, at a fixed position. */
export function field(doc: Doc, x: number, y: number, label: string, value: string, size = 10): void {
  doc.fillColor('#666').fontSize(size * 0.8).text(label, x, y, { lineBreak: false })
  doc.fillColor('black').fontSize(size).text(value, x + size * 4.2, y - size * 0.1, { lineBreak: false })
}

/** A face-shaped placeholder for an ID photo. */
export function photoBox(doc: Doc, x: number, y: number, w: number, h: number): void {
  doc.save()
  doc.rect(x, y, w, h).fill('#e8eef5')
  doc.circle(x + w / 2, y + h * 0.4, w * 0.22).fill('#a9b8c9')
  doc.ellipse(x + w / 2, y + h * 0.95, w * 0.42, h * 0.3).fill('#a9b8c9')
  doc.restore()
}

const mrzValue = (c: string): number => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55)

/** ICAO 9303 check digit (weights 7, 3, 1). */
export function mrzCheck(s: string): string {
  let sum = 0
  for (let i = 0; i < s.length; i++) sum += mrzValue(s[i]) * [7, 3, 1][i % 3]
  return String(sum % 10)
}

/** The two machine-readable lines of a passport's data page. */
export function passportMrz(surname: string, given: string, number: string, birth: string, sex: 'M' | 'F', expiry: string): [string, string] {
  const line1 = `P<CHN${surname}<<${given}`.padEnd(44, '<').slice(0, 44)
  const yymmdd = (d: string): string => d.slice(2).replaceAll('-', '')
  const num = number.padEnd(9, '<')
  const personal = '<'.repeat(14)
  const parts = num + mrzCheck(num) + yymmdd(birth) + mrzCheck(yymmdd(birth)) + yymmdd(expiry) + mrzCheck(yymmdd(expiry)) + personal + mrzCheck(personal)
  const line2 = `${num}${mrzCheck(num)}CHN${yymmdd(birth)}${mrzCheck(yymmdd(birth))}${sex}${yymmdd(expiry)}${mrzCheck(yymmdd(expiry))}${personal}${mrzCheck(personal)}`
  return [line1, line2 + mrzCheck(parts)]
}
