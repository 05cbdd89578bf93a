import Database from 'better-sqlite3'
import { closeSync, openSync, readSync, writeSync } from 'node:fs'

/**
 * Tests only: damages a store file on purpose, as a failing disk or a stray write would. The store must be
 * closed (its WAL checkpointed into the file first, so the damage is not undone by the log).
 */
function checkpoint(file: string): number {
  const db = new Database(file)
  db.pragma('wal_checkpoint(TRUNCATE)')
  const pageSize = db.pragma('page_size', { simple: true }) as number
  db.close()
  return pageSize
}

/** The leaf pages of a table's b-tree (SQLite's dbstat), in file order. */
export function leafPages(file: string, table: string): number[] {
  const db = new Database(file, { readonly: true })
  const pages = (db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").all(table) as { pageno: number }[]).map((p) => p.pageno)
  db.close()
  return pages
}

/** Overwrites one leaf page in the middle of `table`'s b-tree with garbage: the file opens, quick_check fails. */
export function damageTablePage(file: string, table = 'cases'): number {
  const pageSize = checkpoint(file)
  const pages = leafPages(file, table)
  if (pages.length === 0) throw new Error(`no leaf page for ${table}`)
  const page = pages[Math.floor(pages.length / 2)]
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize)
  closeSync(fd)
  return page
}

/** Overwrites the database header (the first 100 bytes): SQLite then says "file is not a database". */
export function damageHeader(file: string): void {
  checkpoint(file)
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0)
  closeSync(fd)
}

/** The first 100 bytes of the file (tests compare them). */
export function headerOf(file: string): Buffer {
  const fd = openSync(file, 'r')
  const b = Buffer.alloc(100)
  readSync(fd, b, 0, 100, 0)
  closeSync(fd)
  return b
}
