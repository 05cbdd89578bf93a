import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type JointProgramme, programmeFromRecord } from '../../../shared/domain/joint-programmes'
import type { Store } from '../store'
import { readRecords } from './import'
import { registerSize, writeProgrammes } from './register'

/** The invented sample register the demo starts with (resources/, shipped as an extra resource). */
export const SAMPLE_FILE = 'joint-programmes-sample.csv'

/** The sample file: next to the packaged app's resources, or in the source tree's resources/ (dev, tests, `out/main`). */
export function sampleFilePath(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath
  // electron-builder.yml ships resources/ (fonts aside) as process.resourcesPath/assets.
  if (packaged && existsSync(join(packaged, 'assets', SAMPLE_FILE))) return join(packaged, 'assets', SAMPLE_FILE)
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources', SAMPLE_FILE)
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
