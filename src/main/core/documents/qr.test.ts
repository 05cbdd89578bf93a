import { execFileSync } from 'node:child_process'
import jsQR from 'jsqr'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { SAMPLE_REQUEST_LETTER } from '../testing/fixtures'
import { drawQrCode } from './qr'
import { finishPdf } from './sign'
import { renderTransferRequestLetter } from './transfer-request-letter'

/** What a phone's camera reads off the printed page: the PDF rendered by pdftoppm (grey, 150 dpi), decoded by jsQR. */
function readQr(pdf: Buffer): string | null {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '150', '-f', '1', '-l', '1', '-'], { input: pdf, maxBuffer: 64 << 20 })
  // A binary PGM: "P5\n<w> <h>\n255\n" then one byte a pixel.
  const [magic, width, height, max] = pgm.subarray(0, 40).toString('latin1').split(/\s+/)
  expect([magic, max]).toEqual(['P5', '255'])
  const w = Number(width)
  const h = Number(height)
  const grey = pgm.subarray(pgm.length - w * h)
  const rgba = new Uint8ClampedArray(w * h * 4)
  for (let i = 0; i < w * h; i++) {
    rgba.fill(grey[i], i * 4, i * 4 + 3)
    rgba[i * 4 + 3] = 255
  }
  return jsQR(rgba, w, h)?.data ?? null
}

/** The symbol drawn with one pdfkit rect per run of dark modules: how drawQrCode drew it before. */
function drawWithRects(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = modules.size
  const m = size / n
  doc.save()
  doc.rect(x - 2 * m, y - 2 * m, size + 4 * m, size + 4 * m).fill('#ffffff')
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; ) {
      if (!modules.get(row, col)) {
        col++
        continue
      }
      const start = col
      while (col < n && modules.get(row, col)) col++
      doc.rect(x + start * m, y + row * m, (col - start) * m, m)
    }
  doc.fill('#000000')
  doc.restore()
}

const page = (draw: (doc: PDFKit.PDFDocument) => void): Buffer => {
  const doc = new PDFDocument({ size: 'A4', compress: false, font: '' as unknown as string, info: { CreationDate: new Date(0) } })
  draw(doc)
  return finishPdf(doc)
}

describe('the verification QR code', () => {
  it("is read off a rendered letter as the office's verification address and the letter's code", () => {
    const signature = { name: '留学人员档案室', reason: '调档函', location: '北京' }
    const pdf = renderTransferRequestLetter(SAMPLE_REQUEST_LETTER, { kind: 'final', signature })
    const { verifyBaseUrl } = SAMPLE_REQUEST_LETTER.office
    expect(readQr(pdf)).toBe(verifyBaseUrl + SAMPLE_REQUEST_LETTER.verificationCode)
  })

  it('writes the same page operators as one pdfkit rect per run of dark modules, and reads back', () => {
    const text = 'https://verify.example.cn/v/K7QH-3M9X'
    const ours = page((doc) => drawQrCode(doc, text, { x: 100.123456789, y: 200.5, size: 85 }))
    const rects = page((doc) => drawWithRects(doc, text, 100.123456789, 200.5, 85))
    expect(ours.length).toBeGreaterThan(3000)
    expect(ours.equals(rects)).toBe(true)
    expect(readQr(ours)).toBe(text)
  })
})
