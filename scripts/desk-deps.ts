/**
 * The desk installer's production dependencies: `npx tsx scripts/desk-deps.ts [package-lock.json]` prints
 * every package electron-builder copies into the installer — the closure of the root package's
 * `dependencies` (and optional ones) in the lockfile, as electron-builder's npm collector computes it —
 * with its disk usage in node_modules (du; nested node_modules counted under their own entries).
 * tests/build/package.test.ts uses `productionClosure` to keep the exchange service and tools out of it.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface LockEntry {
  name?: string
  version?: string
  link?: boolean
  resolved?: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}
export interface Lockfile {
  packages: Record<string, LockEntry>
}

/** Lockfile key → package name (`node_modules/a/node_modules/@b/c` → `@b/c`). */
export const nameOf = (key: string): string => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)

/** Node's lookup from the package at `from`: its own node_modules, then each parent's, then the root's. */
function resolveIn(lock: Lockfile, from: string, name: string): string | null {
  let base = from
  for (;;) {
    const key = base ? `${base}/node_modules/${name}` : `node_modules/${name}`
    if (lock.packages[key]) return key
    if (!base) return null
    const i = base.lastIndexOf('/node_modules/')
    base = i >= 0 ? base.slice(0, i) : ''
  }
}

/**
 * The lockfile keys of every package the package at `root` ('' = the repository root) needs at run time:
 * `dependencies` and `optionalDependencies`, transitively (peer dependencies are the dependents' own
 * declared ones, as electron-builder's collector does). Workspace links are followed to their folder.
 */
export function productionClosure(lock: Lockfile, root = ''): Set<string> {
  const seen = new Set<string>()
  const missing: string[] = []
  const visit = (key: string) => {
    const entry = lock.packages[key]
    const deps = { ...entry?.dependencies, ...entry?.optionalDependencies }
    for (const name of Object.keys(deps)) {
      let found = resolveIn(lock, key, name)
      if (!found) {
        if (!entry?.optionalDependencies?.[name]) missing.push(`${key || '<root>'} → ${name}`)
        continue
      }
      if (lock.packages[found].link && lock.packages[found].resolved) found = lock.packages[found].resolved!
      if (seen.has(found)) continue
      seen.add(found)
      visit(found)
    }
  }
  visit(root)
  if (missing.length) throw new Error(`package-lock.json lacks ${missing.join(', ')}`)
  return seen
}

/** Disk usage (du: allocated blocks) of a package folder, without its nested node_modules. */
export function diskUsage(dir: string): number {
  let bytes = 0
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p)
      } else bytes += lstatSync(p).blocks * 512
    }
  }
  walk(dir)
  return bytes
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const repo = fileURLToPath(new URL('..', import.meta.url))
  const lockFile = process.argv[2] ?? join(repo, 'package-lock.json')
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as Lockfile
  const rows = [...productionClosure(lock)]
    .map((key) => {
      let size = NaN
      try {
        size = diskUsage(join(repo, key))
      } catch {
        // not installed here
      }
      return { name: nameOf(key), version: lock.packages[key].version ?? '', size }
    })
    .sort((a, b) => (b.size || 0) - (a.size || 0))
  const mb = (n: number) => (Number.isNaN(n) ? '?' : (n / 1048576).toFixed(2))
  for (const r of rows) process.stdout.write(`${mb(r.size).padStart(8)} MB  ${r.name}@${r.version}\n`)
  const total = rows.reduce((s, r) => s + (r.size || 0), 0)
  process.stdout.write(`${mb(total).padStart(8)} MB  total, ${rows.length} packages (${lockFile})\n`)
}
