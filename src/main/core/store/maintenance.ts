import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Store } from '.'
import { type Clock, officeToday } from '../clock'
import { BACKUP_KEEP, backupsDirOf, makeBackup, type BackupOutcome } from './backup'
import { integrityCheckInWorker, type IntegrityResult } from './integrity'

/**
 * The store's daily care while the desk runs: a full integrity_check (in a worker thread, on its own read-only
 * connection — the window is not held up) once a day, then today's backup if the check passed (rotating, 7 kept).
 * Looked at soon after the start and then every hour; what happened last is kept in `backups/store-health.json`
 * (readable in recovery mode too, where the store itself may not be).
 */
export interface HealthRecord {
  lastIntegrityCheck?: { at: string; ok: boolean; ms: number; problems: string[] }
  lastBackup?: { at: string; name: string; ms: number }
  /** The last time a backup was refused (damage found, or the copy failed its check). */
  lastRefusal?: { at: string; reason: string; problems: string[] }
}

export interface MaintenanceOptions {
  store: Store
  dbFile: string
  clock: Clock
  log?: (e: unknown) => void
  keep?: number
  /** How often to look whether a check or a backup is due (default 1 h). */
  everyMs?: number
  /** The first look after the start (default 2 min: the start and the first sync go first). */
  firstAfterMs?: number
  /** Called when the daily check finds damage (the desk's runtime then switches to recovery mode: runtime.ts). */
  onDamage?: (problems: string[]) => void
}

const DAY_MS = 24 * 60 * 60 * 1000
const STATE = 'store-health.json'

export function readHealthRecord(dbFile: string): HealthRecord {
  const file = join(backupsDirOf(dbFile), STATE)
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HealthRecord) : {}
  } catch {
    return {}
  }
}

function writeHealthRecord(dbFile: string, record: HealthRecord): void {
  const dir = backupsDirOf(dbFile)
  mkdirSync(dir, { recursive: true })
  const file = join(dir, STATE)
  writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 2))
  renameSync(`${file}.tmp`, file)
}

export interface MaintenanceReport {
  integrity: IntegrityResult | null
  backup: BackupOutcome | null
}

export function createStoreMaintenance(opts: MaintenanceOptions) {
  const log = opts.log ?? console.error
  const dir = backupsDirOf(opts.dbFile)
  let timer: NodeJS.Timeout | undefined
  let running: Promise<MaintenanceReport> | null = null

  async function once(): Promise<MaintenanceReport> {
    const record = readHealthRecord(opts.dbFile)
    const now = opts.clock.now()
    const last = record.lastIntegrityCheck
    let integrity: IntegrityResult | null = null
    if (!last || !last.ok || now.getTime() - Date.parse(last.at) >= DAY_MS) {
      integrity = await integrityCheckInWorker(opts.dbFile)
      record.lastIntegrityCheck = { at: now.toISOString(), ok: integrity.ok, ms: integrity.ms, problems: integrity.problems }
      if (!integrity.ok) {
        record.lastRefusal = { at: now.toISOString(), reason: 'damaged', problems: integrity.problems }
        writeHealthRecord(opts.dbFile, record)
        log(new Error(`本机案件库完整性检查未通过：${integrity.problems.slice(0, 3).join('；')}`))
        opts.onDamage?.(integrity.problems)
        return { integrity, backup: null }
      }
    }
    // Checked today (now or earlier): today's backup, unless it exists already.
    const backup = await makeBackup(opts.store, { dir, date: officeToday(opts.clock), keep: opts.keep ?? BACKUP_KEEP, checked: true })
    if (backup.made) record.lastBackup = { at: now.toISOString(), name: backup.backup.name, ms: backup.ms }
    else if (backup.reason !== 'exists') record.lastRefusal = { at: now.toISOString(), reason: backup.reason, problems: backup.problems }
    writeHealthRecord(opts.dbFile, record)
    return { integrity, backup }
  }

  /** Runs the check/backup now if due (one run at a time; a second call joins the running one). */
  function runNow(): Promise<MaintenanceReport> {
    running ??= once().finally(() => (running = null))
    return running
  }

  const tick = () =>
    void runNow().catch((e: unknown) => log(e))

  return {
    runNow,
    status: (): HealthRecord => readHealthRecord(opts.dbFile),
    start(): void {
      if (timer) return
      timer = setTimeout(function next() {
        tick()
        timer = setTimeout(next, opts.everyMs ?? 60 * 60 * 1000)
        timer.unref?.()
      }, opts.firstAfterMs ?? 2 * 60 * 1000)
      timer.unref?.()
    },
    /** Stops the timer and waits for a run in progress (before the store is closed). */
    async stop(): Promise<void> {
      clearTimeout(timer)
      timer = undefined
      await running?.catch(() => undefined)
    }
  }
}

export type StoreMaintenance = ReturnType<typeof createStoreMaintenance>
