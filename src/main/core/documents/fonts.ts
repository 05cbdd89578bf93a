import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The font files the letters embed (SIL OFL 1.1; see resources/fonts/OFL.txt). Only these weights ship. */
export const FONT_FILES = {
  /** Body text: Noto Serif SC Regular. */
  serif: 'NotoSerifSC_400Regular.ttf',
  /** Headings: Noto Sans SC Bold. */
  sansBold: 'NotoSansSC_700Bold.ttf'
} as const

export type FontName = keyof typeof FONT_FILES

let configuredDir: string | null = null
let resolvedDir: string | null = null
const cache = new Map<string, Buffer>()

/**
 * Sets the fonts folder explicitly. The packaged app calls this once at start-up with
 * `join(process.resourcesPath, 'fonts')`; dev runs and tests read them from the npm packages.
 */
export function setFontsDir(dir: string | null): void {
  configuredDir = dir
  resolvedDir = null
  cache.clear()
}

/** The folder `setFontsDir` set (null: the npm packages): a worker thread is given it to read the same fonts. */
export const fontsDir = (): string | null => configuredDir

/** Where each font comes from in a source checkout: the npm packages (not copied into git). */
const PACKAGE_DIRS: Record<string, string> = {
  [FONT_FILES.serif]: 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular',
  [FONT_FILES.sansBold]: 'node_modules/@expo-google-fonts/noto-sans-sc/700Bold'
}

/** The project root (source tree, or `out/main` after a build), found by walking up from this module. */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, PACKAGE_DIRS[FONT_FILES.serif]))) return dir
    const parent = resolve(dir, '..')
    if (parent === dir) break
    dir = parent
  }
  throw new Error('font packages not found (the packaged app must call setFontsDir)')
}

function fontPath(file: string): string {
  if (configuredDir) return join(configuredDir, file)
  resolvedDir ??= findProjectRoot()
  return join(resolvedDir, PACKAGE_DIRS[file], file)
}

/** The font file's bytes, read once per process. */
export function fontData(name: FontName): Buffer {
  const file = fontPath(FONT_FILES[name])
  let data = cache.get(file)
  if (!data) {
    data = readFileSync(file)
    cache.set(file, data)
  }
  return data
}
