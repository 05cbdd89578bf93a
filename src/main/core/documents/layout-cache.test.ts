import { create, type Font } from 'fontkit'
import PDFDocument from 'pdfkit'
import { describe, expect, it, vi } from 'vitest'
import { fontData } from './fonts'
import { shareLayoutCache } from './layout-cache'

const TEXT = '兹有我单位存档人员王嘉怡，身份证号码 440126199700000001，因工作调动，请贵单位协助办理人事档案转递手续。'

/** One page of TEXT in a fresh document (`share`: with the font's shared shaping cache); its bytes. */
async function page(font: Font, share: boolean): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', compress: false, info: { CreationDate: new Date('2026-11-23T02:00:00Z') } })
  doc.registerFont('serif', font as unknown as Buffer)
  if (share) shareLayoutCache(doc, new Set([font]))
  doc.font('serif').fontSize(15).text(TEXT, 80, 100, { width: 430, indent: 30 })
  doc.font('serif').text('留学人员档案室', { align: 'right' })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise((r) => doc.on('end', r))
  doc.end()
  await ended
  return Buffer.concat(chunks)
}

describe('the shaping cache shared by the letters of a thread', () => {
  it('a second document shapes nothing again and comes out byte for byte the same', async () => {
    const font = create(fontData('serif'))
    const layout = vi.spyOn(font, 'layout')
    const first = await page(font, true)
    const shapedFirst = layout.mock.calls.length
    expect(shapedFirst).toBeGreaterThan(0)
    const second = await page(font, true)
    expect(layout.mock.calls.length).toBe(shapedFirst)
    expect(second.equals(first)).toBe(true)
  })

  it('without it every document shapes its text again (what it saves), to the same bytes', async () => {
    const font = create(fontData('serif'))
    const layout = vi.spyOn(font, 'layout')
    const first = await page(font, false)
    const shapedFirst = layout.mock.calls.length
    const second = await page(font, false)
    expect(layout.mock.calls.length).toBe(2 * shapedFirst)
    expect(second.equals(first)).toBe(true)
  })

  it('is bounded: once it holds more than 20,000 texts it starts again (counted every 64 documents, not per letter)', () => {
    const font = create(fontData('serif'))
    const cacheIn = () => {
      const doc = new PDFDocument({ size: 'A4', font: '' as unknown as string })
      doc.registerFont('serif', font as unknown as Buffer)
      shareLayoutCache(doc, new Set([font]))
      doc.font('serif')
      return (doc as unknown as { _font: { layoutCache: Record<string, unknown> } })._font.layoutCache
    }
    const cache = cacheIn()
    for (let i = 0; i <= 20_000; i++) cache[`text ${i}`] = {}
    const seen = Array.from({ length: 64 }, cacheIn)
    expect(seen[0]).toBe(cache) // the next documents still share it...
    expect(seen.at(-1)).not.toBe(cache) // ... until the count: then a new, empty one
    expect(Object.keys(seen.at(-1)!)).toHaveLength(0)
  })
})
