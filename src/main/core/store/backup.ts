import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Store } from '.'
import { quickCheck } from './health'
import { integrityCheckInWorker } from './integrity'

/**
 * Rotating local backups of the desk store, in the user-data folder next to it: `backups/casedesk-YYYY-MM-DD.db`
 * (the office's date), one a day, the newest `keep` (7) kept. Made with SQLite's online backup API
 * (better-sqlite3 `db.backup()`: a consistent copy while the desk keeps working), written under a temporary
 * name, made a single self-contained file (journal_mode DELETE), checked (opened read-only + quick_check, in a worker) and
 * only then renamed into place. A store that fails its own check is never backed up, so the good copies stay.
 */
export const BACKUP_KEEP = 7
const NAME = /^casedesk-(\d{4}-\d{2}-\d{2})\.db$/

export interface BackupInfo {
  /** File name in the backups folder (what a restore names). */
  name: string
  /** The office date it was made on. */
  date: string
  size: number
  /** When it was written (ISO). */
  at: string
}

export type BackupOutcome =
  | { made: true; backup: BackupInfo; removed: string[]; ms: number }
  | { made: false; reason: 'exists' | 'damaged' | 'verify_failed'; problems: string[] }

export const backupsDirOf = (dbFile: string): string => join(dirname(dbFile), 'backups')

/** The backups in `dir`, newest first (only our own file names count). */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((f): f is { name: string; m: RegExpExecArray } => f.m !== null)
    .map(({ name, m }) => {
      const st = statSync(join(dir, name))
      return { name, date: m[1], size: st.size, at: st.mtime.toISOString() }
    })
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
}

/** A backup's problems when opened read-only (quick_check, and the outbox readable); empty = good. */
export function verifyBackup(file: string): string[] {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const problems = quickCheck(db)
    if (problems.length) return problems
    db.prepare('SELECT count(*) AS n FROM outbox').get()
    return []
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)]
  } finally {
    db?.close()
  }
}

/** quick_check's findings on the store file, read in a worker (not holding the window up on a big store). */
async function checkedProblems(store: Store): Promise<string[]> {
  return (await integrityCheckInWorker(store.sqlite.name, { quick: true, max: 20 })).problems
}

/** Removes the oldest backups beyond `keep`; returns the names removed. */
export function rotateBackups(dir: string, keep = BACKUP_KEEP): string[] {
  const old = listBackups(dir).slice(keep)
  for (const b of old) rmSync(join(dir, b.name), { force: true })
  return old.map((b) => b.name)
}

/**
 * Today's backup of `store` (skipped when today's exists). `checked` = the store passed an integrity check just
 * before (the maintenance's daily integrity_check); otherwise quick_check runs here first. A damaged store or
 * a copy that fails verification writes nothing: the earlier backups are left as they are.
 */
export async function makeBackup(store: Store, opts: { dir: string; date: string; keep?: number; checked?: boolean }): Promise<BackupOutcome> {
  const started = performance.now()
  const target = join(opts.dir, `casedesk-${opts.date}.db`)
  if (existsSync(target)) return { made: false, reason: 'exists', problems: [] }
  if (!opts.checked) {
    const problems = await checkedProblems(store)
    if (problems.length) return { made: false, reason: 'damaged', problems }
  }
  mkdirSync(opts.dir, { recursive: true })
  const partial = `${target}.partial`
  rmSync(partial, { force: true })
  try {
    // In steps of 100 pages, yielding between them: the desk keeps working meanwhile.
    await store.sqlite.backup(partial)
  } catch (e) {
    rmSync(partial, { force: true })
    throw e
  }
  // Made a single file, then quick_check (and the outbox read) — in a worker: on a store of 100k cases these take seconds.
  const verified = await integrityCheckInWorker(partial, { quick: true, max: 20, outbox: true, selfContained: true }).catch((e: unknown) => ({
    ok: false,
    problems: [String(e)]
  }))
  const problems = verified.ok ? [] : verified.problems
  if (problems.length) {
    rmSync(partial, { force: true })
    return { made: false, reason: 'verify_failed', problems }
  }
  renameSync(partial, target)
  const removed = rotateBackups(opts.dir, opts.keep ?? BACKUP_KEEP)
  const backup = listBackups(opts.dir).find((b) => b.name === `casedesk-${opts.date}.db`)!
  return { made: true, backup, removed, ms: Math.round(performance.now() - started) }
}
