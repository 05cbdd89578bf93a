import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { rebuildHeader, storeReadable } from './header'

/**
 * Exports the clerk's unsent work from a damaged store before anything else happens to it: every outbox row
 * not answered by the exchange service (pending, or set aside), the letters those rows issue or sign (their
 * rows and PDF bodies, each body checked against its SHA-256), the cases' lease tokens, the number blocks and
 * counters, and the sequence the outbox reached — to a JSON file in the user-data folder (`recovery/`).
 * It reads a COPY of the store (and its WAL), rebuilding a damaged header on the copy; rows are read one by
 * one when a scan fails, so a damaged page elsewhere (or in part of the outbox) does not stop the rest.
 */
export type Raw = Record<string, unknown>

export interface OutboxExport {
  format: 'casedesk-outbox-export'
  version: 1
  exportedAt: string
  sourceFile: string
  /** The header was damaged and rebuilt on the copy that was read. */
  headerRebuilt: boolean
  /** Unsent outbox rows, all columns as stored, in seq order. */
  rows: Raw[]
  /** issued_documents rows the unsent rows refer to. */
  documents: Raw[]
  /** File bodies (letters' PDFs) the rows need, base64; only bodies whose SHA-256 matched. */
  files: { sha256: string; size: number; base64: string }[]
  leases: Raw[]
  numberBlocks: Raw[]
  documentCounters: Raw[]
  /** The highest outbox seq known to have been used (sqlite_sequence, rows seen), and the service's last answer. */
  sequence: { outbox: number | null; serverSeq: number | null }
  /** What could not be read (the rest was). */
  unreadable: string[]
}

// `discarded`: given up by an administrator (core/sync/quarantine.ts) — kept, but not work to send.
const ANSWERED = ['applied', 'rejected', 'discarded']
const UNSENT = "status NOT IN ('applied', 'rejected', 'discarded')"
const msg = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Reads the unsent rows: one scan when it works, else seq by seq up to the highest seq any source knows. */
function unsentRows(db: Database.Database, unreadable: string[], seqHint: number): Raw[] {
  try {
    return db.prepare(`SELECT * FROM outbox WHERE ${UNSENT} ORDER BY seq`).all() as Raw[]
  } catch (e) {
    unreadable.push(`发件箱整表读取失败，改为逐条读取：${msg(e)}`)
  }
  let max = seqHint
  // The status index is a b-tree of its own: it still names rows whose table page may be lost.
  const indexed = new Map<number, string>()
  try {
    for (const r of db.prepare('SELECT seq, status FROM outbox INDEXED BY outbox_status WHERE status IS NOT NULL').iterate() as Iterable<{ seq: number; status: string }>) {
      indexed.set(r.seq, r.status)
      max = Math.max(max, r.seq)
    }
  } catch (e) {
    unreadable.push(`发件箱索引读取中断：${msg(e)}`)
  }
  try {
    for (const r of db.prepare('SELECT seq FROM outbox NOT INDEXED ORDER BY seq').iterate() as Iterable<{ seq: number }>) max = Math.max(max, r.seq)
  } catch {
    // The scan stops at the damaged page; the seqs beyond it are probed one by one below.
  }
  const one = db.prepare('SELECT * FROM outbox WHERE seq = ?')
  const rows: Raw[] = []
  let lost: number[] = []
  for (let seq = 1; seq <= max; seq++) {
    try {
      const row = one.get(seq) as Raw | undefined
      if (row && !ANSWERED.includes(String(row.status))) rows.push(row)
    } catch {
      const status = indexed.get(seq)
      if (status === undefined || !ANSWERED.includes(status)) lost.push(seq)
    }
  }
  if (lost.length) unreadable.push(`发件箱第 ${lost.slice(0, 20).join('、')}${lost.length > 20 ? ` 等 ${lost.length} 条` : ''} 条记录无法读取`)
  lost = []
  return rows
}

const tryGet = <T>(unreadable: string[], what: string, f: () => T): T | undefined => {
  try {
    return f()
  } catch (e) {
    unreadable.push(`${what}：${msg(e)}`)
    return undefined
  }
}

function documentIdsOf(row: Raw): { ids: number[]; numbers: string[]; shas: string[] } {
  let args: Record<string, unknown> = {}
  try {
    args = JSON.parse(String(row.args)) as Record<string, unknown>
  } catch {
    return { ids: [], numbers: [], shas: [] }
  }
  const ids = Array.isArray(args.documentIds) ? args.documentIds : typeof args.documentId === 'number' ? [args.documentId] : []
  return {
    ids: ids.filter((d): d is number => typeof d === 'number'),
    numbers: row.name !== 'case.act' && typeof args.number === 'string' ? [args.number] : [],
    shas: typeof args.signedSha256 === 'string' ? [args.signedSha256] : []
  }
}

/** Reads what can be read from the (copied, header-mended) store. */
function collect(db: Database.Database, unreadable: string[]): Omit<OutboxExport, 'format' | 'version' | 'exportedAt' | 'sourceFile' | 'headerRebuilt'> {
  const seqRow = tryGet(unreadable, '发件箱序号', () => db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number } | undefined)
  const serverRow = tryGet(unreadable, '同步状态', () => db.prepare("SELECT value FROM sync_state WHERE key = 'serverSeq'").get() as { value: string } | undefined)
  const rows = unsentRows(db, unreadable, seqRow?.seq ?? 0)
  const documents = new Map<number, Raw>()
  const shas = new Set<string>()
  const docById = db.prepare('SELECT * FROM issued_documents WHERE id = ?')
  const docByNumber = db.prepare('SELECT * FROM issued_documents WHERE number = ?')
  for (const row of rows) {
    const refs = documentIdsOf(row)
    refs.shas.forEach((s) => shas.add(s))
    const found = [
      ...refs.ids.map((id) => tryGet(unreadable, `文书 ${id}`, () => docById.get(id) as Raw | undefined)),
      ...refs.numbers.map((n) => tryGet(unreadable, `文书 ${n}`, () => docByNumber.get(n) as Raw | undefined))
    ]
    for (const d of found) {
      if (!d) continue
      documents.set(Number(d.id), d)
      for (const s of [d.sha256, d.signed_sha256]) if (typeof s === 'string') shas.add(s)
    }
  }
  const blob = db.prepare('SELECT sha256, size, data FROM blobs WHERE sha256 = ?')
  const files: OutboxExport['files'] = []
  for (const sha of shas) {
    const b = tryGet(unreadable, `文件 ${sha.slice(0, 12)}`, () => blob.get(sha) as { sha256: string; size: number; data: Buffer } | undefined)
    if (!b) continue
    if (createHash('sha256').update(b.data).digest('hex') !== sha) unreadable.push(`文件 ${sha.slice(0, 12)} 内容已损坏（校验值不符）`)
    else files.push({ sha256: sha, size: b.size, base64: b.data.toString('base64') })
  }
  const caseIds = [...new Set(rows.map((r) => r.case_id).filter((c): c is string => typeof c === 'string'))]
  const lease = db.prepare('SELECT * FROM leases WHERE case_id = ?')
  const leases = caseIds.flatMap((c): Raw[] => {
    const l = tryGet(unreadable, `案件 ${c} 的领办令牌`, () => lease.get(c) as Raw | undefined)
    return l ? [l] : []
  })
  const all = (table: string) => tryGet(unreadable, table, () => db.prepare(`SELECT * FROM ${table}`).all() as Raw[]) ?? []
  const maxRowSeq = rows.reduce((m, r) => Math.max(m, Number(r.seq)), 0)
  return {
    rows,
    documents: [...documents.values()],
    files,
    leases,
    numberBlocks: all('number_blocks'),
    documentCounters: all('document_counters'),
    sequence: { outbox: Math.max(seqRow?.seq ?? 0, maxRowSeq) || null, serverSeq: serverRow ? Number(serverRow.value) : null },
    unreadable
  }
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')

/**
 * Exports the unsent outbox of `dbFile` to `<outDir>/outbox-export-<time>.json` and returns it. Never writes
 * to the store: a copy (with its WAL) is read in `outDir` and removed afterwards.
 */
export function exportOutbox(dbFile: string, outDir: string, now: Date): { file: string; data: OutboxExport } {
  mkdirSync(outDir, { recursive: true })
  const work = join(outDir, `.work-${stamp(now)}-${process.pid}`)
  mkdirSync(work, { recursive: true })
  const copy = join(work, 'copy.db')
  const unreadable: string[] = []
  try {
    copyFileSync(dbFile, copy)
    if (existsSync(`${dbFile}-wal`)) copyFileSync(`${dbFile}-wal`, `${copy}-wal`)
    let headerRebuilt = false
    if (!storeReadable(copy)) {
      headerRebuilt = rebuildHeader(copy) !== null
      if (!headerRebuilt) unreadable.push('文件头已损坏且无法重建：没有读出任何内容')
    }
    let data: OutboxExport
    const base = { format: 'casedesk-outbox-export' as const, version: 1 as const, exportedAt: now.toISOString(), sourceFile: dbFile, headerRebuilt }
    if (!storeReadable(copy)) {
      data = { ...base, rows: [], documents: [], files: [], leases: [], numberBlocks: [], documentCounters: [], sequence: { outbox: null, serverSeq: null }, unreadable }
    } else {
      const db = new Database(copy, { fileMustExist: true })
      try {
        data = { ...base, ...collect(db, unreadable) }
      } finally {
        db.close()
      }
    }
    const file = join(outDir, `outbox-export-${stamp(now)}.json`)
    writeFileSync(`${file}.tmp`, JSON.stringify(data, null, 1))
    renameSync(`${file}.tmp`, file)
    return { file, data }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

export function readOutboxExport(file: string): OutboxExport {
  const data = JSON.parse(readFileSync(file, 'utf8')) as OutboxExport
  if (data.format !== 'casedesk-outbox-export' || data.version !== 1) throw new Error('不是 CaseDesk 发件箱导出文件')
  return data
}
