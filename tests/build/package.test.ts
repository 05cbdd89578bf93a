import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { load } from 'js-yaml'
import { Minimatch } from 'minimatch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Lockfile, nameOf, productionClosure } from '../../scripts/desk-deps'
import { distWinArgs } from '../../scripts/dist-win'
import { type BuildOutput, buildOnce, DEMO_CHUNKS, REPO } from './build'

/**
 * What the Windows installer carries, checked without running electron-builder (it cannot download Electron
 * here): electron-builder.yml's `files` globs against the build output and the checkout, the production
 * dependency closure of the root package from package-lock.json, the extra resources, the icon, the
 * install mode and the signing options.
 */
interface ExtraResource {
  from: string
  to: string
  filter?: string[]
}
interface BuilderConfig {
  files: string[]
  extraResources: ExtraResource[]
  win: { icon: string; signtoolOptions?: Record<string, unknown> }
  nsis: Record<string, unknown>
}
const config = load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')) as BuilderConfig
const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as Lockfile

/** electron-builder's FileMatcher: patterns in order; a later `!pattern` excludes, a later one re-includes. */
function matcher(patterns: string[]): (file: string) => boolean {
  const list = patterns.map((p) => new Minimatch(p, { dot: true }))
  return (file) => {
    let match = false
    for (const m of list) {
      if (match !== m.negate) continue
      match = m.match(file)
    }
    return match
  }
}

/** Files under `dir` (relative, `/`-separated), skipping `skip` folder names. */
function walk(dir: string, skip = new Set<string>()): string[] {
  const files: string[] = []
  const go = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!skip.has(e.name)) go(join(d, e.name))
      } else files.push(relative(dir, join(d, e.name)).split(sep).join('/'))
    }
  }
  go(dir)
  return files
}

/** The packages the installer must not carry: the exchange service, the tools and the build tooling. */
const NOT_IN_DESK = ['fastify', 'pg', '@electric-sql/pglite', 'jpeg-js', 'docxtemplater', 'pizzip', 'drizzle-kit', 'electron-builder', 'electron', 'vite', 'electron-vite']

let out: BuildOutput
beforeAll(async () => {
  out = await buildOnce()
}, 180_000)
afterAll(() => out?.dispose())

describe('the installer’s app files (electron-builder.yml `files`)', () => {
  it('take the build output and package.json, never the demo chunk, the sources, server/ or tools/', () => {
    const shipped = matcher(config.files)
    // The candidates: the checkout's own files (no node_modules: electron-builder adds production
    // dependencies itself) and the build output standing in for out/.
    const checkout = walk(REPO, new Set(['node_modules', '.git', 'out', 'dist', '.data', 'test-results', 'playwright-report', 'e2e-artifacts']))
    const built = out.files.map((f) => `out/${f}`)
    const included = [...checkout, ...built].filter(shipped)
    expect(included).toContain('package.json')
    expect(included).toContain('out/main/index.js')
    expect(included).toContain('out/preload/index.cjs')
    expect(included).toContain('out/renderer/index.html')
    expect(included.filter((f) => f !== 'package.json' && !f.startsWith('out/'))).toEqual([])
    const demo = built.filter((f) => f.startsWith(`out/${DEMO_CHUNKS}`))
    expect(demo.length).toBeGreaterThan(0) // there is a demo chunk to leave out …
    expect(included.filter((f) => f.startsWith(`out/${DEMO_CHUNKS}`))).toEqual([]) // … and it is left out
    expect(included.filter((f) => /\.(map|ts|tsx)$/.test(f))).toEqual([])
  })

  it('the production dependency closure of the desk has no server, tools or build packages', () => {
    const closure = [...productionClosure(lock)]
    const names = new Set(closure.map(nameOf))
    expect(names).toContain('better-sqlite3')
    expect(names).toContain('pdfkit')
    for (const name of NOT_IN_DESK) expect(names.has(name), name).toBe(false)
    // Workspaces are not dependencies of the desk.
    expect(closure.filter((k) => !k.startsWith('node_modules/'))).toEqual([])
    expect([...names].filter((n) => n.startsWith('@casedesk/'))).toEqual([])
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    for (const name of NOT_IN_DESK) expect(pkg.dependencies[name], name).toBeUndefined()
  })

  it('every package the shipped bundle imports is in that closure', () => {
    const names = new Set([...productionClosure(lock)].map(nameOf))
    // The main process's entry and the desk's core thread (and the chunks they share).
    const text = out.files.filter((f) => f.startsWith('main/') && !f.startsWith('main/demo/') && f.endsWith('.js')).map((f) => out.read(f)).join('\n')
    const imported = [...text.matchAll(/^\s*import\b[^"'\n]*?["']([^"'.\n][^"'\n]*)["'];?\s*$/gm)].map((m) => m[1])
    const packages = new Set(imported.filter((s) => !s.startsWith('node:') && s !== 'electron').map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/')))
    expect(packages.size).toBeGreaterThan(5)
    expect([...packages].filter((p) => !names.has(p))).toEqual([])
  })
})

describe('the installer’s extra resources', () => {
  it('exist, and hold the migrations, the two letter fonts and their licence — no benchmark or demo file', () => {
    const shipped: string[] = []
    for (const r of config.extraResources) {
      expect(existsSync(join(REPO, r.from)), r.from).toBe(true)
      expect(r.from.startsWith('tools') || r.from.startsWith('server') || r.from.includes('bench'), r.from).toBe(false)
      const keep = matcher(r.filter ?? ['**/*'])
      const files = walk(join(REPO, r.from)).filter(keep)
      expect(files.length, r.from).toBeGreaterThan(0)
      shipped.push(...files.map((f) => `${r.to}/${f}`))
    }
    expect(shipped.filter((f) => /bench|\.docx$|demo|sample/i.test(f))).toEqual([])
    expect(shipped).toEqual(expect.arrayContaining(['fonts/NotoSerifSC_400Regular.ttf', 'fonts/NotoSansSC_700Bold.ttf', 'fonts/OFL.txt']))
    expect(shipped.filter((f) => /^migrations\/\d{4}_.*\.sql$/.test(f)).length).toBeGreaterThan(5)
    expect(shipped).toContain('migrations/meta/_journal.json')
  })

  it('the desk needs nothing from resources/ but the fonts’ licence (the icon is built into the executable)', () => {
    expect(config.extraResources.filter((r) => r.from === 'resources' || r.from === 'resources/')).toEqual([])
    const bench = walk(join(REPO, 'resources')).filter((f) => /bench|\.docx$/i.test(f))
    expect(bench).toEqual([])
  })
})

describe('the installer itself', () => {
  it('has the app icon: an .ico with a 256×256 PNG image, used for the app, installer and uninstaller', () => {
    const icon = join(REPO, config.win.icon)
    const ico = readFileSync(icon)
    expect(ico.readUInt16LE(2)).toBe(1) // an icon resource
    const entries = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const e = 6 + 16 * i
      return { w: ico[e] || 256, h: ico[e + 1] || 256, size: ico.readUInt32LE(e + 8), offset: ico.readUInt32LE(e + 12) }
    })
    const big = entries.find((e) => e.w === 256 && e.h === 256)
    expect(big).toBeDefined()
    const png = ico.subarray(big!.offset, big!.offset + big!.size)
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256])
    expect(readFileSync(join(REPO, 'resources/icon.png')).equals(png)).toBe(true)
    expect(config.nsis.installerIcon).toBe(config.win.icon)
    expect(config.nsis.uninstallerIcon).toBe(config.win.icon)
    expect(statSync(icon).size).toBeLessThan(64 * 1024)
  })

  it('offers per-machine installation, selected by default', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, selectPerMachineByDefault: true, allowElevation: true })
  })

  it('signs with sha256 and an RFC 3161 time stamp; the certificate and its details come from the environment only', () => {
    expect(config.win.signtoolOptions).toMatchObject({ signingHashAlgorithms: ['sha256'] })
    expect(String(config.win.signtoolOptions?.rfc3161TimeStampServer)).toMatch(/^https?:\/\//)
    const yml = readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')
    // No certificate, password or thumbprint written into the configuration.
    expect(yml).not.toMatch(/^\s*(cscLink|cscKeyPassword|certificateFile|certificatePassword|certificateSha1|certificateSubjectName)\s*:/m)
    expect(distWinArgs({})).toEqual(['--win', '--config', 'electron-builder.yml'])
    expect(
      distWinArgs({ CASEDESK_SIGN_PUBLISHER: '某某人才服务中心', CASEDESK_TIMESTAMP_URL: 'http://ts.example', CASEDESK_SIGN_SHA1: ' ab12 ', CSC_LINK: 'x.pfx' })
    ).toEqual([
      '--win',
      '--config',
      'electron-builder.yml',
      '-c.win.signtoolOptions.publisherName=某某人才服务中心',
      '-c.win.signtoolOptions.certificateSha1=ab12',
      '-c.win.signtoolOptions.rfc3161TimeStampServer=http://ts.example'
    ])
  })
})
