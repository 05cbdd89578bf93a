import { builtinModules } from 'node:module'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BuildOutput, buildOnce, DEMO_CHUNKS, forbiddenIn, REPO } from './build'

/**
 * The production bundle (issue 11): `out/main/index.js` — and every other main-process file the installer
 * carries — holds no demo module, no jpeg-js, no portal simulator, no exchange-service code and no
 * `demo1234`. The demo is its own chunk, reached only by the `--demo` dynamic import.
 */
let out: BuildOutput
beforeAll(async () => {
  out = await buildOnce({ renderer: false })
}, 180_000)
afterAll(() => out?.dispose())

const shippedMain = () => out.files.filter((f) => f.startsWith('main/') && !f.startsWith(DEMO_CHUNKS) && f.endsWith('.js'))
const demoChunks = () => out.files.filter((f) => f.startsWith(DEMO_CHUNKS))

describe('the production main bundle', () => {
  it('out/main/index.js contains none of the forbidden markers', () => {
    expect(out.files).toContain('main/index.js')
    expect(forbiddenIn(out.read('main/index.js'))).toEqual([])
  })

  it('no other main-process file outside the demo chunk does either', () => {
    for (const f of shippedMain()) expect(forbiddenIn(out.read(f)), f).toEqual([])
  })

  it('the demo is a separate chunk, imported only dynamically, and the markers do find it there', () => {
    expect(demoChunks().length).toBeGreaterThan(0)
    // The desk's core thread loads it (src/main/host/desk-worker.ts); the window's thread (index.js) never does.
    const entry = demoChunks().find((f) => out.read('main/desk-worker.js').includes(`import("./${f.slice('main/'.length)}")`))
    expect(entry, 'desk-worker.js imports the demo chunk with import()').toBeDefined()
    expect(out.read('main/index.js')).not.toContain('/demo/')
    for (const f of shippedMain()) {
      const text = out.read(f)
      // No static import of a demo chunk from anything the installer carries.
      expect(text, f).not.toMatch(/(?:^|\n)\s*import\b[^()]*?from\s*["'][^"']*\/demo\//)
      expect(text, f).not.toMatch(/(?:^|\n)\s*import\s*["'][^"']*\/demo\//)
    }
    // The same check run on the demo chunk finds what it is looking for: the grep is not vacuous.
    const demo = demoChunks().map((f) => out.read(f)).join('\n')
    expect(forbiddenIn(demo).length).toBeGreaterThanOrEqual(4)
    expect(demo).toContain('demo1234')
  })

  it('every package the shipped main process imports is a dependency of the desk (root package.json)', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    const allowed = new Set([...Object.keys(pkg.dependencies), 'electron', ...builtinModules])
    const bare = new Set<string>()
    for (const f of shippedMain()) {
      const text = out.read(f)
      // Rolldown writes one import/export statement per line at the top level; dynamic ones anywhere.
      const statics = text.matchAll(/^\s*(?:import|export)\b[^"'\n]*?["']([^"'\n]+)["'];?\s*$/gm)
      const dynamics = text.matchAll(/\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g)
      for (const m of [...statics, ...dynamics]) if (!m[1].startsWith('.')) bare.add(m[1])
    }
    const packageOf = (s: string) => (s.startsWith('node:') ? s.slice(5) : s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/'))
    const strays = [...bare].filter((s) => !allowed.has(packageOf(s)))
    expect(strays).toEqual([])
    expect(bare.size).toBeGreaterThan(5) // the scan found the imports at all
  })
})
