import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Store } from '.'
import { contract, type Channel } from '../../../shared/api/contract'
import type { OutboxExportSummary, RecoveryStatus, RestoreOutcome } from '../../../shared/api/recovery-channels'
import { DomainError, fail, ok, type Result } from '../../../shared/result'
import type { ApiHandler } from '../api'
import type { Clock } from '../clock'
import { backupsDirOf, listBackups } from './backup'
import type { StoreDamagedError } from './health'
import { readHealthRecord } from './maintenance'
import { exportOutbox, type OutboxExport } from './outbox-export'
import { restoreFromBackup } from './restore'

/**
 * Recovery mode's API: what is wrong (in Chinese), the local backups, exporting the unsent outbox, restoring a
 * backup (the outbox exported first, always). Every other channel answers STORE_DAMAGED. After a restore the
 * runtime (runtime.ts) brings the desk's services up on the restored store and this handler is no longer used.
 */
export const recoveryDirOf = (dbFile: string): string => join(dirname(dbFile), 'recovery')

const DAMAGED = '本机案件库已损坏，暂不能办理业务。请在恢复页面导出未发送的操作，并从最近的完好备份恢复；如有疑问请联系系统管理员。'

function messageOf(damage: StoreDamagedError): string {
  if (damage.kind === 'upgrade_failed') {
    return '本程序更新后，本机案件库的升级未能完成，库保持升级前的样子，暂不能办理业务。可先导出未发送的操作，并请联系系统管理员（错误信息见下）。'
  }
  return damage.kind === 'not_a_database'
    ? '本机案件库文件已损坏（文件头无法识别），无法打开。'
    : '本机案件库未通过启动时的完整性检查（quick_check）：部分数据页已损坏。'
}

function healthOf(dbFile: string): Pick<RecoveryStatus, 'lastIntegrityCheck' | 'lastBackup'> {
  const h = readHealthRecord(dbFile)
  return {
    lastIntegrityCheck: h.lastIntegrityCheck ? { at: h.lastIntegrityCheck.at, ok: h.lastIntegrityCheck.ok, ms: h.lastIntegrityCheck.ms } : null,
    lastBackup: h.lastBackup ? { at: h.lastBackup.at, name: h.lastBackup.name } : null
  }
}

/** `recovery.*` on a sound store (the normal handler table spreads these in). */
export function normalRecoveryRoutes(dbFile: string) {
  const refuse = (): never => {
    throw new DomainError('VALIDATION', '本机案件库完好，无需恢复')
  }
  return {
    'recovery.status': (): RecoveryStatus => soundStatus(dbFile, 'normal', ''),
    'recovery.exportOutbox': refuse,
    'recovery.restore': refuse
  }
}

export interface RecoveryOptions {
  dbFile: string
  migrationsFolder?: string
  clock: Clock
  damage: StoreDamagedError
  log?: (e: unknown) => void
  /** The restored store is open: bring the desk up on it. */
  onRestored(store: Store): void
}

export function createRecoveryHandler(opts: RecoveryOptions): ApiHandler {
  const log = opts.log ?? console.error
  const dir = recoveryDirOf(opts.dbFile)
  let lastExport: OutboxExportSummary | null = null
  let restored = false

  function doExport(): { summary: OutboxExportSummary; data: OutboxExport } {
    const { file, data } = exportOutbox(opts.dbFile, dir, opts.clock.now())
    const summary: OutboxExportSummary = {
      file,
      at: data.exportedAt,
      rows: data.rows.length,
      letters: data.documents.length,
      files: data.files.length,
      headerRebuilt: data.headerRebuilt,
      unreadable: data.unreadable
    }
    lastExport = summary
    return { summary, data }
  }

  const impl = {
    'recovery.status': (): RecoveryStatus => ({
      mode: 'recovery',
      message: messageOf(opts.damage),
      kind: opts.damage.kind,
      problems: opts.damage.problems.slice(0, 10),
      storeFile: opts.dbFile,
      backups: listBackups(backupsDirOf(opts.dbFile)),
      lastExport,
      ...healthOf(opts.dbFile)
    }),
    'recovery.exportOutbox': () => doExport().summary,
    'recovery.restore': (input: { backup: string }): RestoreOutcome => {
      if (restored) throw new DomainError('VALIDATION', '已恢复，请重新打开本程序')
      // The store is sound, only not upgraded: a backup would meet the same migration (and the store would be moved aside for nothing).
      if (opts.damage.kind === 'upgrade_failed') throw new DomainError('VALIDATION', '本机案件库并未损坏，只是升级未能完成，从备份恢复无济于事。请导出未发送的操作并联系系统管理员。')
      const backupFile = join(backupsDirOf(opts.dbFile), basename(input.backup))
      if (!existsSync(backupFile) || !listBackups(backupsDirOf(opts.dbFile)).some((b) => b.name === input.backup)) {
        throw new DomainError('NOT_FOUND', `找不到备份 ${input.backup}`)
      }
      // The unsent work first, from the damaged store as it is now (the file is then moved aside, not changed).
      const exported = doExport()
      const { store, result } = restoreFromBackup({ dbFile: opts.dbFile, backupFile, exported: exported.data, now: opts.clock.now(), migrationsFolder: opts.migrationsFolder })
      restored = true
      opts.onRestored(store)
      return { ...result, exportFile: exported.summary.file }
    }
  } as Record<string, (input: never) => unknown>

  return async (channel, rawInput): Promise<Result<unknown>> => {
    if (!Object.hasOwn(contract, channel)) return fail('NOT_FOUND', `未知的请求：${channel}`)
    if (!Object.hasOwn(impl, channel)) return fail('STORE_DAMAGED', DAMAGED)
    const parsed = contract[channel as Channel].input.safeParse(rawInput ?? {})
    if (!parsed.success) return fail('VALIDATION', `请求参数有误：${parsed.error.issues[0]?.message ?? '格式不正确'}`)
    try {
      return ok(impl[channel](parsed.data as never))
    } catch (e) {
      if (e instanceof DomainError) return fail(e.code, e.message)
      log(e)
      return fail('INTERNAL', `恢复操作未能完成：${e instanceof Error ? e.message : String(e)}`)
    }
  }
}

export const UPGRADING = '正在升级本机案件库，请稍候…'

/**
 * While the store is upgraded after an update (core/store/upgrade.ts, in a worker): `recovery.status` says so (the
 * window shows the upgrading page and asks again until the mode changes); every other channel answers STORE_UPGRADING.
 */
export function createUpgradingHandler(dbFile: string): ApiHandler {
  return async (channel): Promise<Result<unknown>> => {
    if (!Object.hasOwn(contract, channel)) return fail('NOT_FOUND', `未知的请求：${channel}`)
    if (channel !== 'recovery.status') return fail('STORE_UPGRADING', UPGRADING)
    return ok(soundStatus(dbFile, 'upgrading', UPGRADING))
  }
}

/** The status of a store not damaged (in use, or being upgraded): its backups and health, no problems. */
function soundStatus(dbFile: string, mode: 'normal' | 'upgrading', message: string): RecoveryStatus {
  return { mode, message, kind: null, problems: [], storeFile: dbFile, backups: listBackups(backupsDirOf(dbFile)), lastExport: null, ...healthOf(dbFile) }
}
