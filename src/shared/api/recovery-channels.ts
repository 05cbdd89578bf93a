import { z } from 'zod'

/**
 * Recovery mode (core/store/runtime.ts): when the desk's store cannot be opened or fails its check at start, the
 * desk serves only these channels — what is wrong, the local backups, exporting the unsent outbox, restoring a
 * backup. They are public: nobody can sign in against a damaged store, and they act only on this computer's own
 * files (the person at the desk could reach those anyway). On a sound store `recovery.status` says so and the
 * other two refuse.
 */
export interface RecoveryBackup {
  /** File name in the backups folder, e.g. `casedesk-2026-11-22.db`. */
  name: string
  /** The office date it was made on. */
  date: string
  size: number
  at: string
}

export interface OutboxExportSummary {
  /** Where the JSON file was written (the user-data folder's `recovery/`). */
  file: string
  at: string
  /** Unsent mutations exported (pending or set aside). */
  rows: number
  letters: number
  files: number
  headerRebuilt: boolean
  /** What could not be read, in Chinese. */
  unreadable: string[]
}

export interface RecoveryStatus {
  /** `upgrading`: the store's migrations after an update are running (every other channel answers STORE_UPGRADING). */
  mode: 'normal' | 'recovery' | 'upgrading'
  /** What is wrong (or, upgrading, what is going on), in Chinese (empty in normal mode). */
  message: string
  /** `upgrade_failed`: a migration was refused; the store is as it was before the update. */
  kind: 'corrupt' | 'not_a_database' | 'upgrade_failed' | null
  /** SQLite's own findings (the first few), for IT. */
  problems: string[]
  storeFile: string
  backups: RecoveryBackup[]
  /** The export made in this recovery (restore makes one first if there is none). */
  lastExport: OutboxExportSummary | null
  lastIntegrityCheck: { at: string; ok: boolean; ms: number } | null
  lastBackup: { at: string; name: string } | null
}

export interface RestoreOutcome {
  restoredFrom: string
  /** The damaged store, renamed and kept. */
  damagedKeptAs: string[]
  requeued: number
  alreadyThere: number
  letters: number
  files: number
  exportFile: string
}

export const BACKUP_FILE_NAME = /^casedesk-\d{4}-\d{2}-\d{2}\.db$/

export const recoveryChannels = {
  'recovery.status': { input: z.object({}), roles: 'public' },
  'recovery.exportOutbox': { input: z.object({}), roles: 'public' },
  /** Restores the named backup (the outbox is exported first); `confirm` is the user's explicit yes. */
  'recovery.restore': {
    input: z.object({ backup: z.string().max(40).regex(BACKUP_FILE_NAME, '备份文件名不正确'), confirm: z.literal(true) }),
    roles: 'public'
  }
} as const

export interface RecoveryOutputs {
  'recovery.status': RecoveryStatus
  'recovery.exportOutbox': OutboxExportSummary
  'recovery.restore': RestoreOutcome
}
