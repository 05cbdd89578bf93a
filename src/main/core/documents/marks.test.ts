import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { create } from 'fontkit'
import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { fontData } from './fonts'
import { drawSeal, outlineOps, sealForm } from './marks'
import { finishPdf } from './sign'

const font = create(fontData('sansBold'))

/** A point of a Bézier curve of any degree at t (de Casteljau). */
function at(points: number[][], t: number): number[] {
  let p = points
  while (p.length > 1) p = p.slice(1).map((q, i) => [p[i][0] + (q[0] - p[i][0]) * t, p[i][1] + (q[1] - p[i][1]) * t])
  return p[0]
}

describe('seal characters drawn as outlines', () => {
  it("writes a glyph's outline as PDF path operators: each TrueType quadratic as the cubic that draws the same curve", () => {
    const glyph = font.layout('档').glyphs[0]
    const ops = outlineOps(font, glyph).split('\n')
    const commands = glyph.path.commands
    expect(ops).toHaveLength(commands.length)
    let pen = [0, 0]
    let quadratics = 0
    commands.forEach(({ command, args }, i) => {
      const op = ops[i].split(' ')
      expect(op.at(-1)).toBe({ moveTo: 'm', lineTo: 'l', quadraticCurveTo: 'c', bezierCurveTo: 'c', closePath: 'h' }[command])
      if (command === 'quadraticCurveTo') {
        quadratics++
        const c = op.slice(0, 6).map(Number)
        const cubic = [pen, [c[0], c[1]], [c[2], c[3]], [c[4], c[5]]]
        const quad = [pen, [args[0], args[1]], [args[2], args[3]]]
        for (const t of [0.25, 0.5, 0.75]) at(cubic, t).forEach((v, k) => expect(v).toBeCloseTo(at(quad, t)[k], 1))
      }
      if (command !== 'closePath') pen = args.slice(-2)
    })
    expect(quadratics).toBeGreaterThan(0)
  })
})

/** Page 1 of a PDF at 100 dpi, as PPM bytes (pdftoppm). */
function rendered(pdf: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-seal-'))
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf)
    execFileSync('pdftoppm', ['-r', '100', '-singlefile', join(dir, 'a.pdf'), join(dir, 'a')])
    return readFileSync(join(dir, 'a.ppm'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A page with a line of text and the seal over it at (cx, cy): placed as its form, or its operators written in place. */
function sealedPage(asForm: boolean): Buffer {
  const doc = new PDFDocument({ size: 'A4', font: '' as unknown as string })
  doc.font(fontData('serif')).fontSize(14).text('教育部留学服务中心 二〇二六年十一月二十三日', 300, 395, { lineBreak: false })
  const spec = { cx: 400, cy: 400, name: '教育部留学服务中心', label: '留学人员档案室', fontFile: fontData('sansBold') }
  if (asForm) drawSeal(doc, spec)
  else {
    doc.save().opacity(0.82).translate(spec.cx, spec.cy)
    doc.addContent(inflateSync(sealForm(spec).deflated).toString('latin1'))
    doc.restore()
  }
  return finishPdf(doc)
}

describe('the office seal', () => {
  it('is drawn once per office and placed on each letter as a form that prints exactly as drawing it in place', () => {
    const spec = { name: '教育部留学服务中心', label: '留学人员档案室', fontFile: fontData('sansBold') }
    const form = sealForm(spec)
    expect(sealForm({ ...spec })).toBe(form)
    expect(sealForm({ ...spec, label: '档案专用章' })).not.toBe(form)
    const ops = inflateSync(form.deflated).toString('latin1')
    expect(ops).toMatch(/ re\b| c\n/) // paths, no text
    expect(ops).not.toMatch(/\bgs\b|\bTf\b|\bDo\b/) // no resource of its own: the opacity is the page's
    // Its box: the 40 mm seal around (0, 0), with a point to spare.
    const r = (40 * 72) / 25.4 / 2
    for (const edge of form.bbox) expect(Math.abs(edge)).toBeGreaterThan(r)
    for (const edge of form.bbox) expect(Math.abs(edge)).toBeLessThan(r + 2)
    const placed = rendered(sealedPage(true))
    expect(placed.equals(rendered(sealedPage(false)))).toBe(true)
    // ... and the seal is there: a seal-red pixel count far above zero.
    let red = 0
    const body = placed.subarray(placed.length - 827 * 1170 * 3)
    for (let i = 0; i < body.length; i += 3) if (body[i] > 170 && body[i + 1] < 110 && body[i + 2] < 110) red++
    expect(red).toBeGreaterThan(2000)
  })
})
