import { create } from 'fontkit'
import { describe, expect, it } from 'vitest'
import { fontData } from './fonts'
import { outlineOps } from './marks'

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
