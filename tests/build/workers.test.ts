// The worker threads as the build ships them (their own entries in electron.vite.config.ts).
// The letter pool's (out/main/letter-worker.js): loaded by piscina as the desk loads it, it opens the office P12 and
// signs a letter that pdfsig finds valid. (@signpdf/utils bundled into the chunk while @signpdf/signpdf required
// its own copy made every signature fail with "Signer implementation expected.")
// The desk's core (out/main/desk-worker.js): started as main/index.js starts it, it opens a store and answers
// through the handler table; with --demo it loads the demo chunk (out/main/demo/), without it has no demo account.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import Piscina from 'piscina'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FONT_FILES } from '../../src/main/core/documents/fonts'
import { SAMPLE_REQUEST_LETTER } from '../../src/main/core/testing/fixtures'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../../src/main/core/testing/p12'
import { rpcOn } from '../../src/main/host/rpc'
import type { DeskHostConfig, DeskStatus } from '../../src/main/host/desk-host'
import { type BuildOutput, buildOnce, REPO } from './build'

let out: BuildOutput
beforeAll(async () => {
  out = await buildOnce({ renderer: false })
  // The build's bare imports resolve from the app's node_modules; the packaged app passes its fonts folder.
  symlinkSync(join(REPO, 'node_modules'), join(out.dir, 'node_modules'))
  // A development build's demo chunk reads its sample files from the checkout's tools/ (the installer has neither).
  symlinkSync(join(REPO, 'tools'), join(out.dir, 'tools'))
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

describe('the built desk worker', () => {
  /** What the packaged app passes: its resources folders (the build has no source tree to find them in). */
  const resources = () => ({ migrationsFolder: join(REPO, 'db/migrations'), fontsFolder: join(out.dir, 'fonts') })
  /** The built worker on a fresh store, spoken to as the host speaks to it (rpc.ts). */
  async function withDeskWorker(config: Omit<DeskHostConfig, 'dbFile'>, use: (call: <T>(m: string, ...a: unknown[]) => Promise<T>) => Promise<void>) {
    const dir = mkdtempSync(join(tmpdir(), 'casedesk-built-desk-'))
    const worker = new Worker(join(out.dir, 'main/desk-worker.js'), { workerData: { config: { dbFile: join(dir, 'casedesk.db'), ...resources(), ...config }, printer: false } })
    let up: () => void = () => {}
    const ready = new Promise<void>((resolve, reject) => {
      up = resolve
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`exited ${code}`)))
    })
    const rpc = rpcOn(worker, {}, (name) => name === 'ready' && up())
    try {
      await ready
      await use((m, ...a) => rpc.call(m, ...a))
    } finally {
      await worker.terminate()
      rmSync(dir, { recursive: true, force: true })
    }
  }

  it('serves a demo desk (the demo chunk loaded) and a production desk without any account', async () => {
    expect(out.files).toContain('main/desk-worker.js')
    await withDeskWorker({ demo: true, demoCases: 20, fixedNow: '2026-11-23T02:00:00Z', maintenance: false }, async (call) => {
      expect(await call<DeskStatus>('status')).toMatchObject({ mode: 'normal', demo: 'loaded', demoCases: 20 })
      expect(await call('handle', 'auth.signIn', { username: 'clerk1', password: 'demo1234' }, 1, 'test')).toMatchObject({ ok: true })
      expect(await call('handle', 'queue.list', {}, 1, 'test')).toMatchObject({ ok: true, value: { total: expect.any(Number) } })
    })
    await withDeskWorker({ maintenance: false }, async (call) => {
      expect(await call<DeskStatus>('status')).toMatchObject({ mode: 'normal', demo: 'off', setup: { mode: 'unset' } })
      expect(await call('handle', 'auth.signIn', { username: 'clerk1', password: 'demo1234' }, 1, 'test')).toMatchObject({ ok: false })
    })
  }, 60_000)
})
