import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FONT_FILES, fontData, setFontsDir } from './fonts'

describe('fonts', () => {
  afterEach(() => setFontsDir(null))

  it('reads the TrueType fonts from their npm packages in a source tree, each file once', () => {
    const serif = fontData('serif')
    expect(serif.readUInt32BE(0)).toBe(0x00010000) // TrueType
    expect(fontData('serif')).toBe(serif)
    expect(fontData('sansBold').length).toBeGreaterThan(1_000_000)
  })

  it('uses the folder the packaged app passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casedesk-fonts-'))
    try {
      copyFileSync(join('node_modules/@expo-google-fonts/noto-serif-sc/400Regular', FONT_FILES.serif), join(dir, FONT_FILES.serif))
      copyFileSync(join('node_modules/@expo-google-fonts/noto-sans-sc/700Bold', FONT_FILES.sansBold), join(dir, FONT_FILES.sansBold))
      setFontsDir(dir)
      expect(fontData('sansBold').length).toBeGreaterThan(1_000_000)
      setFontsDir(join(dir, 'missing'))
      expect(() => fontData('serif')).toThrow(/ENOENT/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
