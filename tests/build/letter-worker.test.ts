// The letter pool's worker as the build ships it (out/main/letter-worker.js, its own entry in
// electron.vite.config.ts): loaded by piscina as the desk loads it, it opens the office P12 and signs a
// letter that pdfsig finds valid. (@signpdf/utils bundled into the chunk while @signpdf/signpdf required
// its own copy made every signature fail with "Signer implementation expected.")
import { spawnSync } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Piscina from 'piscina'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FONT_FILES } from '../../src/main/core/documents/fonts'
import { SAMPLE_REQUEST_LETTER } from '../../src/main/core/testing/fixtures'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../../src/main/core/testing/p12'
import { type BuildOutput, buildOnce, REPO } from './build'

let out: BuildOutput
beforeAll(async () => {
  out = await buildOnce({ renderer: false })
  // The build's bare imports resolve from the app's node_modules; the packaged app passes its fonts folder.
  symlinkSync(join(REPO, 'node_modules'), join(out.dir, 'node_modules'))
  mkdirSync(join(out.dir, 'fonts'))
  symlinkSync(join(REPO, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular', FONT_FILES.serif), join(out.dir, 'fonts', FONT_FILES.serif))
  symlinkSync(join(REPO, 'node_modules/@expo-google-fonts/noto-sans-sc/700Bold', FONT_FILES.sansBold), join(out.dir, 'fonts', FONT_FILES.sansBold))
}, 180_000)
afterAll(() => out?.dispose())

describe('the built letter worker', () => {
  it('opens the P12 and signs a letter that pdfsig finds valid', async () => {
    expect(out.files).toContain('main/letter-worker.js')
    const pool = new Piscina({ filename: join(out.dir, 'main/letter-worker.js'), maxThreads: 1 })
    try {
      const opened = await pool.run({ p12: makeTestP12(), passphrase: TEST_P12_PASSPHRASE }, { name: 'openOfficeKey' })
      expect(opened).toMatchObject({ ok: true, key: { signerName: '留学人员档案室电子签章' } })
      expect(await pool.run({ p12: makeTestP12(), passphrase: '档案室2025' }, { name: 'openOfficeKey' })).toMatchObject({ ok: false, message: expect.stringContaining('无法读取签章证书') })
      const task = { docType: 'transfer_request_letter', data: JSON.stringify(SAMPLE_REQUEST_LETTER), signature: { name: '留学人员档案室电子签章', reason: '调档函', location: '北京' }, signedAt: Date.parse('2026-11-23T02:00:00Z'), key: opened.key, fontsDir: join(out.dir, 'fonts') }
      const { pdf } = await pool.run(task)
      const file = join(out.dir, 'letter.pdf')
      writeFileSync(file, pdf)
      const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout
      expect(sig).toContain('Signature Validation: Signature is Valid.')
      expect(sig).toContain('Signature Type: ETSI.CAdES.detached')
    } finally {
      await pool.destroy()
    }
  }, 60_000)
})
