import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { defaultMigrationsFolder, openStore, type Store } from '.'

/**
 * The store's health: `PRAGMA quick_check`, and the errors SQLite gives for a damaged file. A store that fails the
 * check, or that SQLite cannot read at all (a damaged header: "file is not a database"), is a StoreDamagedError —
 * the desk then goes to recovery mode (core/store/runtime.ts) instead of serving the queue from it or stopping.
 */
/** `upgrade_failed`: a migration after an update was refused (the store left as it was: core/store/upgrade.ts). */
export type DamageKind = 'corrupt' | 'not_a_database' | 'upgrade_failed'

export class StoreDamagedError extends Error {
  constructor(
    readonly kind: DamageKind,
    /** SQLite's own findings (quick_check lines, or the error it gave), for the log and the detail view. */
    readonly problems: string[]
  ) {
    super(
      kind === 'not_a_database'
        ? '本机案件库已损坏：文件头无法识别，不能打开。'
        : kind === 'upgrade_failed'
          ? '本机案件库升级未能完成（库保持升级前的样子）。'
          : '本机案件库已损坏：完整性检查未通过。'
    )
    this.name = 'StoreDamagedError'
  }
}

/** At most this many quick_check findings are kept (SQLite stops there too). */
const MAX_PROBLEMS = 20

const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB'])

/** An error SQLite raises for a damaged file (as opposed to a locked, missing or unwritable one). */
export function isDamage(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && (DAMAGE_CODES.has(code) || code.startsWith('SQLITE_CORRUPT'))
}

const kindOf = (e: unknown): DamageKind => ((e as { code?: unknown }).code === 'SQLITE_NOTADB' ? 'not_a_database' : 'corrupt')

/** `PRAGMA quick_check` findings; empty = sound. Throws StoreDamagedError when SQLite cannot even run it. */
export function quickCheck(sqlite: Database.Database, max = MAX_PROBLEMS): string[] {
  try {
    const rows = sqlite.pragma(`quick_check(${max})`) as { quick_check: string }[]
    const lines = rows.map((r) => r.quick_check)
    return lines.length === 1 && lines[0] === 'ok' ? [] : lines
  } catch (e) {
    if (isDamage(e)) throw new StoreDamagedError(kindOf(e), [String((e as Error).message)])
    throw e
  }
}

/** Checks a store file on a connection of its own (closed after): null = sound or absent, else the damage. */
export function checkFile(file: string): StoreDamagedError | null {
  if (!existsSync(file)) return null
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(file, { fileMustExist: true })
    const problems = quickCheck(sqlite)
    return problems.length ? new StoreDamagedError('corrupt', problems) : null
  } catch (e) {
    if (e instanceof StoreDamagedError) return e
    if (isDamage(e)) return new StoreDamagedError(kindOf(e), [String((e as Error).message)])
    throw e
  } finally {
    sqlite?.close()
  }
}

/** The StoreDamagedError an error of SQLite's means (null: not damage — locked, missing, unwritable…). */
export function damageOf(e: unknown): StoreDamagedError | null {
  if (e instanceof StoreDamagedError) return e
  return isDamage(e) ? new StoreDamagedError(kindOf(e), [String((e as Error).message)]) : null
}

/**
 * Opens the case store for the desk without checking it first (the desk's start leaves quick_check, linear in the
 * store's size, to a worker thread: core/store/runtime.ts): the usual pragmas and migrations (openStore). A file
 * SQLite cannot read at all ("file is not a database") or damage surfacing while migrating throws StoreDamagedError;
 * other errors (locked, no permission) pass through unchanged.
 */
export function openDeskStore(file: string, migrationsFolder = defaultMigrationsFolder()): Store {
  try {
    return openStore(file, migrationsFolder)
  } catch (e) {
    throw damageOf(e) ?? e
  }
}

/**
 * Opens the case store after a quick_check on the calling thread (a restored backup, tests): throws StoreDamagedError
 * for a damaged file; other errors (locked, no permission) pass through unchanged.
 */
export function openCheckedStore(file: string, migrationsFolder = defaultMigrationsFolder()): Store {
  const damage = checkFile(file)
  if (damage) throw damage
  // Damage quick_check cannot see (it skips some index checks) may still surface while migrating.
  return openDeskStore(file, migrationsFolder)
}
