import { copyFileSync, existsSync, renameSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Store } from '.'
import { DomainError } from '../../../shared/result'
import { verifyBackup } from './backup'
import { openCheckedStore } from './health'
import type { OutboxExport, Raw } from './outbox-export'

/**
 * Restoring the desk store from a local backup: the damaged store is moved aside (renamed with the time, with its
 * WAL — kept, never deleted), the backup copied in and opened (migrated if it is older), and the unsent work the
 * export saved from the damaged store is put back: outbox rows the backup lacks (same id and seq: the exchange
 * service answers a mutation it already has from its record), the letters they issue with their PDFs, lease
 * tokens, number blocks and counters (never below what the damaged store had drawn). The outbox sequence is moved
 * past every seq the damaged store used (plus a gap), so a new mutation never reuses a seq the service recorded.
 */
export const SEQ_GAP = 1000

export interface RequeueResult {
  /** Unsent rows put back into the outbox. */
  requeued: number
  /** Unsent rows the backup had already (left as they are, or back to unsent when the backup had them answered). */
  alreadyThere: number
  letters: number
  files: number
}

export interface RestoreResult extends RequeueResult {
  restoredFrom: string
  /** The damaged store's files, renamed (kept). */
  damagedKeptAs: string[]
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')

const columnsOf = (store: Store, table: string): Set<string> =>
  new Set((store.sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name))

/** INSERT of the columns `row` and the table share (an older or newer schema on either side). */
function insert(store: Store, table: string, row: Raw, skip: string[] = [], mode = 'INSERT'): number {
  const cols = [...columnsOf(store, table)].filter((c) => Object.hasOwn(row, c) && !skip.includes(c))
  const sql = `${mode} INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`
  return Number(store.sqlite.prepare(sql).run(...cols.map((c) => row[c] as never)).lastInsertRowid)
}

function remapDocumentIds(args: unknown, ids: Map<number, number>): unknown {
  if (typeof args !== 'string' || ids.size === 0) return args
  try {
    const parsed = JSON.parse(args) as Record<string, unknown>
    const map = (d: unknown) => (typeof d === 'number' ? (ids.get(d) ?? d) : d)
    if (Array.isArray(parsed.documentIds)) parsed.documentIds = parsed.documentIds.map(map)
    if (typeof parsed.documentId === 'number') parsed.documentId = map(parsed.documentId)
    return JSON.stringify(parsed)
  } catch {
    return args
  }
}

/** Puts the exported unsent work back into `store` (one transaction; foreign keys off meanwhile: a case may arrive with the next pull). */
export function requeueExported(store: Store, exported: OutboxExport): RequeueResult {
  const sql = store.sqlite
  const result: RequeueResult = { requeued: 0, alreadyThere: 0, letters: 0, files: 0 }
  sql.pragma('foreign_keys = OFF')
  try {
    sql.transaction(() => {
      for (const f of exported.files) {
        result.files += sql.prepare('INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)').run(f.sha256, f.size, Buffer.from(f.base64, 'base64')).changes
      }
      const ids = new Map<number, number>()
      for (const d of exported.documents) {
        const had = sql.prepare('SELECT id FROM issued_documents WHERE number = ?').get(d.number) as { id: number } | undefined
        if (had) ids.set(Number(d.id), had.id)
        else {
          ids.set(Number(d.id), insert(store, 'issued_documents', d, ['id']))
          result.letters++
        }
      }
      const used = sql.prepare('SELECT id FROM outbox WHERE seq = ?')
      for (const row of exported.rows) {
        const had = sql.prepare('SELECT status FROM outbox WHERE id = ?').get(row.id) as { status: string } | undefined
        if (had) {
          result.alreadyThere++
          // The damaged store's state of the row is the newer one (the backup may have it answered or not yet set aside).
          if (had.status !== row.status) sql.prepare('UPDATE outbox SET status = ?, result = ? WHERE id = ?').run(row.status, row.result ?? null, row.id)
          continue
        }
        const keepSeq = !used.get(row.seq)
        insert(store, 'outbox', { ...row, args: remapDocumentIds(row.args, ids) }, keepSeq ? [] : ['seq'])
        result.requeued++
      }
      for (const l of exported.leases) insert(store, 'leases', l, [], 'INSERT OR REPLACE')
      for (const b of exported.numberBlocks) {
        sql
          .prepare(
            `INSERT INTO number_blocks (counter, first, last, next, received_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT(counter, first) DO UPDATE SET last = max(last, excluded.last), next = max(next, excluded.next)`
          )
          .run(b.counter, b.first, b.last, b.next, b.received_at)
      }
      for (const c of exported.documentCounters) {
        sql.prepare('INSERT INTO document_counters (key, last) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET last = max(last, excluded.last)').run(c.key, c.last)
      }
      const serverSeq = exported.sequence.serverSeq
      if (serverSeq !== null) {
        const now = sql.prepare("SELECT value FROM sync_state WHERE key = 'serverSeq'").get() as { value: string } | undefined
        if (now && Number(now.value) < serverSeq) sql.prepare("UPDATE sync_state SET value = ? WHERE key = 'serverSeq'").run(String(serverSeq))
      }
      // Past every seq the damaged store may have used: its sequence, its rows, what the service last answered.
      const current = (sql.prepare("SELECT max(coalesce((SELECT max(seq) FROM outbox), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)) AS s").get() as { s: number }).s
      const next = Math.max(current, exported.sequence.outbox ?? 0, serverSeq ?? 0) + SEQ_GAP
      if (sql.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'").run(next).changes === 0) {
        sql.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)").run(next)
      }
    })()
  } finally {
    sql.pragma('foreign_keys = ON')
  }
  return result
}

/** Moves the damaged store (and its -wal, -shm) aside under a name with the time; returns the new names. */
export function moveAside(dbFile: string, now: Date): string[] {
  const base = basename(dbFile).replace(/\.db$/, '')
  const target = join(dirname(dbFile), `${base}.damaged-${stamp(now)}.db`)
  const moved: string[] = []
  for (const suffix of ['', '-wal', '-shm']) {
    if (!existsSync(dbFile + suffix)) continue
    renameSync(dbFile + suffix, target + suffix)
    moved.push(target + suffix)
  }
  return moved
}

export function restoreFromBackup(opts: {
  dbFile: string
  backupFile: string
  exported: OutboxExport
  now: Date
  migrationsFolder?: string
}): { store: Store; result: RestoreResult } {
  const problems = verifyBackup(opts.backupFile)
  if (problems.length) throw new DomainError('VALIDATION', `所选备份未通过检查，不能用于恢复：${problems[0]}`)
  const restoring = `${opts.dbFile}.restoring`
  copyFileSync(opts.backupFile, restoring)
  const damagedKeptAs = moveAside(opts.dbFile, opts.now)
  renameSync(restoring, opts.dbFile)
  const store = openCheckedStore(opts.dbFile, opts.migrationsFolder)
  try {
    const counts = requeueExported(store, opts.exported)
    store.sqlite
      .prepare("INSERT INTO settings (key, value) VALUES ('store.lastRestore', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify({ at: opts.now.toISOString(), from: basename(opts.backupFile), damagedKeptAs: damagedKeptAs.map((f) => basename(f)), ...counts }))
    return { store, result: { restoredFrom: basename(opts.backupFile), damagedKeptAs, ...counts } }
  } catch (e) {
    store.close()
    throw e
  }
}
