import QRCode from 'qrcode'

export interface QrPlacement {
  x: number
  y: number
  /** Width and height of the symbol itself in points (the quiet zone is extra, see `quietZone`). */
  size: number
  /** Modules of white margin painted around the symbol (default 2; the page around it adds more). */
  quietZone?: number
  color?: string
}

/** A number as pdfkit writes it in an operator (PDFObject.number: rounded to 6 decimals). */
const num = (n: number): number => Math.round(n * 1e6) / 1e6

/**
 * Draws `text` as a QR code (error correction M) with vector rectangles, synchronously.
 * Dark modules of each row are merged into runs, so the path stays small and has no seams.
 * Returns the symbol's module count.
 */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, at: QrPlacement): number {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = modules.size
  const m = at.size / n
  const quiet = (at.quietZone ?? 2) * m
  doc.save()
  if (quiet > 0) {
    doc.rect(at.x - quiet, at.y - quiet, at.size + 2 * quiet, at.size + 2 * quiet).fill('#ffffff')
  }
  // One string of `re` operators, added at once: the same bytes as a doc.rect() per run, without pdfkit
  // turning each into its own chunk (a few hundred per symbol).
  const ops: string[] = []
  for (let row = 0; row < n; row++) {
    let col = 0
    while (col < n) {
      if (!modules.get(row, col)) {
        col++
        continue
      }
      const start = col
      while (col < n && modules.get(row, col)) col++
      ops.push(`${num(at.x + start * m)} ${num(at.y + row * m)} ${num((col - start) * m)} ${num(m)} re`)
    }
  }
  if (ops.length) doc.addContent(ops.join('\n'))
  doc.fill(at.color ?? '#000000')
  doc.restore()
  return n
}
