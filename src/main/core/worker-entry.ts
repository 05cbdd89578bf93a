import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * The file a worker thread of ours runs: `<name>.ts` beside the calling module when the code runs from source
 * (vitest, tsx, Playwright: the browser bridge, the benchmarks, e2e — tsx's loader is passed on to the thread),
 * and `out/main/<name>.js` in a build (its own entry in electron.vite.config.ts; the caller is in out/main/ or in
 * one of its chunk folders). `here` is the caller's `import.meta.url`; `sourceDir` is where `<name>.ts` lives
 * relative to the caller.
 */
export function workerEntry(name: string, here: string, sourceDir = '.'): { filename: string; execArgv?: string[] } {
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) {
    const loaded = process.execArgv.some((a) => a.includes('tsx'))
    const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href
    return { filename: fileURLToPath(new URL(`${sourceDir}/${name}.ts`, here)), execArgv: loaded ? process.execArgv : [...process.execArgv, '--import', tsx] }
  }
  for (const rel of [`./${name}.js`, `../${name}.js`]) {
    const file = fileURLToPath(new URL(rel, here))
    if (existsSync(file)) return { filename: file }
  }
  throw new Error(`${name}.js not found beside ${here}`)
}
