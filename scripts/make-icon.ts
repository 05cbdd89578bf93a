/**
 * The app icon: `npx tsx scripts/make-icon.ts` writes resources/icon.png (256×256) and resources/icon.ico
 * (PNG-compressed 256, 48, 32 and 16 px images; electron-builder wants the 256 one). A white 档 (Noto Sans SC
 * Bold, the letters' heading font) on a blue rounded square. The glyph is drawn with pdfkit and rasterised by
 * poppler's `pdftoppm` (apt poppler-utils); the rounded corners' transparency is computed here. Both files are
 * committed: run this again only to change the design.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'
import PDFDocument from 'pdfkit'
import { fontData } from '../src/main/core/documents/fonts'

const BLUE = '#1f5fbf'
/** Corner radius as a share of the side (Windows 11's app icons are about this round). */
const RADIUS = 0.19
const SIZES = [256, 48, 32, 16]

/** A one-page PDF, `side` points square: blue background, the glyph centred in white. */
function iconPdf(side: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [side, side], margin: 0 })
    const parts: Buffer[] = []
    doc.on('data', (b: Buffer) => parts.push(b))
    doc.on('end', () => resolve(Buffer.concat(parts)))
    doc.on('error', reject)
    doc.rect(0, 0, side, side).fill(BLUE)
    doc.registerFont('sans', fontData('sansBold'))
    const size = side * 0.66
    doc.font('sans').fontSize(size).fillColor('#ffffff')
    // Noto's CJK glyphs sit in a 1 em box: centre it (the baseline offset is the font's ascent share).
    const width = doc.widthOfString('档')
    doc.text('档', (side - width) / 2, (side - size) / 2 - size * 0.15, { lineBreak: false })
    doc.end()
  })
}

/** Rasterises the PDF at `px`×`px` through pdftoppm's binary PPM output (RGB, 8 bits). */
function rasterise(pdf: Buffer, px: number, dir: string): Buffer {
  const file = join(dir, `icon-${px}.pdf`)
  writeFileSync(file, pdf)
  const ppm = execFileSync('pdftoppm', ['-r', '72', '-scale-to', String(px), '-aa', 'yes', '-aaVector', 'yes', file])
  // Header: "P6\n<w> <h>\n255\n" then w*h*3 bytes.
  const header = ppm.subarray(0, 32).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)
  if (!header || Number(header[1]) !== px || Number(header[2]) !== px) throw new Error('pdftoppm: unexpected output')
  return ppm.subarray(header[0].length)
}

/** Coverage (0..1) of pixel (x, y) by the rounded square, 4×4 supersampled. */
function coverage(x: number, y: number, px: number): number {
  const r = RADIUS * px
  let inside = 0
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const sx = x + (i + 0.5) / 4
      const sy = y + (j + 0.5) / 4
      const cx = Math.min(Math.max(sx, r), px - r)
      const cy = Math.min(Math.max(sy, r), px - r)
      if ((sx - cx) ** 2 + (sy - cy) ** 2 <= r * r) inside++
    }
  }
  return inside / 16
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf: Buffer): number => {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** An RGBA PNG (colour type 6, no interlace). */
function png(rgba: Buffer, px: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(px, 0)
  ihdr.writeUInt32BE(px, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  const rows = Buffer.alloc(px * (px * 4 + 1))
  for (let y = 0; y < px; y++) rgba.copy(rows, y * (px * 4 + 1) + 1, y * px * 4, (y + 1) * px * 4)
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

/** An .ico holding PNG images (Windows Vista and later read PNG entries; 256 is written as 0). */
function ico(images: { px: number; data: Buffer }[]): Buffer {
  const head = Buffer.alloc(6 + 16 * images.length)
  head.writeUInt16LE(0, 0)
  head.writeUInt16LE(1, 2) // icon
  head.writeUInt16LE(images.length, 4)
  let offset = head.length
  images.forEach(({ px, data }, i) => {
    const e = 6 + 16 * i
    head[e] = px >= 256 ? 0 : px
    head[e + 1] = px >= 256 ? 0 : px
    head.writeUInt16LE(1, e + 4) // colour planes
    head.writeUInt16LE(32, e + 6) // bits per pixel
    head.writeUInt32LE(data.length, e + 8)
    head.writeUInt32LE(offset, e + 12)
    offset += data.length
  })
  return Buffer.concat([head, ...images.map((i) => i.data)])
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-icon-'))
  try {
    const pdf = await iconPdf(256)
    const images = SIZES.map((px) => {
      const rgb = rasterise(pdf, px, dir)
      const rgba = Buffer.alloc(px * px * 4)
      for (let y = 0; y < px; y++) {
        for (let x = 0; x < px; x++) {
          const p = y * px + x
          rgb.copy(rgba, p * 4, p * 3, p * 3 + 3)
          rgba[p * 4 + 3] = Math.round(255 * coverage(x, y, px))
        }
      }
      return { px, data: png(rgba, px) }
    })
    const resources = fileURLToPath(new URL('../resources/', import.meta.url))
    writeFileSync(join(resources, 'icon.png'), images[0].data)
    writeFileSync(join(resources, 'icon.ico'), ico(images))
    process.stdout.write(`wrote resources/icon.png (${images[0].data.length} bytes) and resources/icon.ico (${SIZES.join(', ')} px)\n`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
