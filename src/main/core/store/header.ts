import Database from 'better-sqlite3'
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs'

/**
 * Salvage for a store whose first 100 bytes (the database header) are damaged: SQLite refuses the whole file
 * ("file is not a database") although every page after the header may be intact. On a COPY (never the store
 * itself) a standard header is written for each plausible page size until SQLite reads the schema and the
 * outbox through it. The freelist is dropped (not needed to read) and the schema cookie starts afresh.
 */
const PAGE_SIZES = [4096, 1024, 2048, 8192, 16384, 32768, 65536, 512]

function header(pageSize: number, pages: number): Buffer {
  const h = Buffer.alloc(100)
  h.write('SQLite format 3\0', 0, 'latin1')
  h.writeUInt16BE(pageSize === 65536 ? 1 : pageSize, 16)
  h[18] = 1 // rollback journal (a -wal file beside the copy is still read: SQLite opens a WAL it finds)
  h[19] = 1
  h[20] = 0 // reserved bytes per page
  h[21] = 64
  h[22] = 32
  h[23] = 32
  h.writeUInt32BE(1, 24) // change counter
  h.writeUInt32BE(pages, 28) // size in pages (valid: matches "version-valid-for")
  h.writeUInt32BE(1, 40) // schema cookie
  h.writeUInt32BE(4, 44) // schema format
  h.writeUInt32BE(1, 56) // UTF-8
  h.writeUInt32BE(1, 92) // version-valid-for = change counter
  h.writeUInt32BE(3_046_000, 96)
  return h
}

/** Whether SQLite can read the schema and the outbox of `file`. */
function readable(file: string): boolean {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { fileMustExist: true })
    db.prepare('SELECT count(*) FROM sqlite_master').get()
    db.prepare('SELECT seq FROM outbox LIMIT 1').all()
    return true
  } catch {
    return false
  } finally {
    db?.close()
  }
}

/** Rewrites the header of the copy `file` until it reads; returns the page size that worked, or null. */
export function rebuildHeader(file: string): number | null {
  const fd = openSync(file, 'r+')
  try {
    const size = fstatSync(fd).size
    for (const pageSize of PAGE_SIZES) {
      if (size < pageSize || size % pageSize !== 0) continue
      writeSync(fd, header(pageSize, size / pageSize), 0, 100, 0)
      if (readable(file)) return pageSize
    }
    return null
  } finally {
    closeSync(fd)
  }
}

export { readable as storeReadable }
