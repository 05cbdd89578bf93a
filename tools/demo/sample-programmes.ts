import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type JointProgramme, programmeFromRecord } from '../../src/shared/domain/joint-programmes'
import type { Store } from '../../src/main/core/store'
import { readRecords } from '../../src/main/core/programmes/import'
import { registerSize, writeProgrammes } from '../../src/main/core/programmes/register'

/** The invented sample register the demo starts with (beside this file; never shipped with the desk). */
export const SAMPLE_FILE = 'joint-programmes-sample.csv'

/**
 * The sample file: beside this module when it runs from source (tsx, vitest), or found from the built demo
 * chunk (`out/main/chunks/`) by walking up to the checkout's tools/demo/.
 */
export function sampleFilePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  if (existsSync(join(dir, SAMPLE_FILE))) return join(dir, SAMPLE_FILE)
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'tools', 'demo', SAMPLE_FILE)
    if (existsSync(candidate)) return candidate
    const parent = resolve(dir, '..')
    if (parent === dir) break
    dir = parent
  }
  throw new Error(`${SAMPLE_FILE} not found`)
}

export function sampleProgrammes(): JointProgramme[] {
  const { cols, lines } = readRecords(readFileSync(sampleFilePath()))
  return lines.map((rec) => {
    const r = programmeFromRecord(rec, cols)
    if (!r.ok) throw new Error(`${SAMPLE_FILE} line ${rec.line}: ${JSON.stringify(r.errors)}`)
    return r.value
  })
}

/** The demo: the sample register when this desk has none. Returns how many programmes were added. */
export function seedSampleProgrammes(store: Store, at: Date): number {
  if (registerSize(store) > 0) return 0
  return writeProgrammes(store, sampleProgrammes(), 'replace', at).added
}
