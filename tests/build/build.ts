import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/** The repository root. */
export const REPO = fileURLToPath(new URL('../..', import.meta.url))

/**
 * A production build (`electron-vite build` with electron.vite.config.ts, as `npm run build`) in a temp
 * folder; `renderer: false` builds the main process and preload only (tests/build/main-only.config.ts).
 */
export interface BuildOutput {
  /** The folder standing for `out/` (main/, preload/, renderer/). */
  dir: string
  /** Every file, relative to `dir`, with `/` separators. */
  files: string[]
  read(file: string): string
  dispose(): void
}

export async function buildOnce({ renderer = true } = {}): Promise<BuildOutput> {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-build-'))
  const env = { ...process.env }
  // Not vitest's test mode: the build must be the production one.
  for (const k of Object.keys(env)) if (k === 'NODE_ENV' || k.startsWith('VITEST')) delete env[k]
  const cli = join(REPO, 'node_modules/electron-vite/bin/electron-vite.js')
  const config = renderer ? [] : ['--config', 'tests/build/main-only.config.ts']
  try {
    await promisify(execFile)(process.execPath, [cli, 'build', '--outDir', dir, '--logLevel', 'error', ...config], { cwd: REPO, env, maxBuffer: 16 << 20 })
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
  const files: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name))
      else files.push(relative(dir, join(d, e.name)).split(sep).join('/'))
    }
  }
  walk(dir)
  return { dir, files: files.sort(), read: (f) => readFileSync(join(dir, f), 'utf8'), dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Where the `--demo` chunk lands (electron.vite.config.ts); electron-builder.yml leaves it out. */
export const DEMO_CHUNKS = 'main/demo/'

/**
 * What must never be in the desk's production main bundle: demo data, the demo generator and its JPEG
 * encoder, the portal simulator, the exchange service and the benchmarks' Word tooling. Each entry is a
 * marker the module leaves in an unminified bundle (a string it contains, or a declaration of its own).
 */
export const FORBIDDEN: readonly { what: string; pattern: RegExp }[] = [
  // (\b: the common-password deny list may hold longer words such as demo123456.)
  { what: 'the demo password', pattern: /\bdemo1234\b/ },
  { what: 'the demo accounts', pattern: /DEMO_ACCOUNTS|DEMO_PASSWORD/ },
  { what: 'jpeg-js', pattern: /jpeg-js|JPEGEncoder|JPEGDecoder/ },
  {
    what: 'the demo generator (tools/demo)',
    pattern: /function (generateDemo|ensureDemoData|issueDemoLetters|addDemoCustody|seedStaff|seedSampleProgrammes|demoJpeg|renderCaseFiles|makePerson)\b/
  },
  { what: 'the demo’s history actor and sample register', pattern: /历史数据|joint-programmes-sample/ },
  { what: 'the portal simulator (tools/portal-sim)', pattern: /function (runSimulator|makeApplication|applicantOf)\b|class ApplicationSource\b|DEFAULT_MIX/ },
  { what: 'fastify', pattern: /fastify/i },
  { what: 'PGlite', pattern: /pglite|electric-sql/i },
  { what: 'pg (node-postgres)', pattern: /["']pg(?:\/[^"']*)?["']|["']pg-(?:protocol|pool|types)["']|drizzle-orm\/(?:pg-core|node-postgres)/ },
  { what: 'docxtemplater / pizzip (benchmarks)', pattern: /docxtemplater|pizzip/i }
]

/** The markers found in a bundle's text, with a line of context each. */
export function forbiddenIn(text: string): string[] {
  const found: string[] = []
  for (const { what, pattern } of FORBIDDEN) {
    const m = pattern.exec(text)
    if (m) {
      const line = text.slice(text.lastIndexOf('\n', m.index) + 1, text.indexOf('\n', m.index)).trim().slice(0, 120)
      found.push(`${what}: ${line}`)
    }
  }
  return found
}
