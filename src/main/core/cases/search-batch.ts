import type Database from 'better-sqlite3'
import { prep } from '../store/prepared'

const ALNUM = ' 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
/** Every printable ASCII character (U+0020–U+007E), those of ID and phone numbers first (rtrim looks each one up in order), as an SQL literal. */
const PRINTABLE_ASCII = `'${[...ALNUM, ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) => !ALNUM.includes(c))].join('').replace(/'/g, "''")}'`
const INDEX_TRIGRAMS = 'INSERT INTO cases_search (rowid, search_text) SELECT c.rowid, c.search_text FROM cases c WHERE c.rowid > ? ORDER BY c.rowid'
/**
 * The 1–2-character pieces of the names as the insert trigger cuts them (db/migrations/0013_search_batch.sql): from
 * search_text without its tail of printable ASCII (ID number, mobile, case number), trimmed once per case.
 */
const INDEX_NAME_GRAMS = `WITH c (case_rowid, name) AS MATERIALIZED (SELECT rowid, rtrim(search_text, ${PRINTABLE_ASCII}) FROM cases WHERE rowid > ?)
  INSERT OR IGNORE INTO case_name_grams (gram, case_rowid)
  SELECT g.gram, g.case_rowid FROM (SELECT c.case_rowid, substr(c.name, p.key + 1, w.value) AS gram FROM c,
    json_each('[' || rtrim(replace(hex(zeroblob(length(c.name))), '00', '0,'), ',') || ']') p, json_each('[1,2]') w
    WHERE p.key + w.value <= length(c.name)) g
  WHERE g.gram NOT GLOB '*[ -~]*' ORDER BY g.gram, g.case_rowid`

/**
 * Runs `write` (many cases added, inside the caller's transaction) with the search indexes of the cases it adds
 * written at its end in two statements, not case by case: FTS5 writes its pending terms out at every statement that
 * changes it, so indexing each case in its own statement made a segment per case (~10× the work). While the batch
 * is open the triggers leave the cases added after it began alone (db/migrations/0013_search_batch.sql); changes to
 * cases that existed before are indexed by the triggers as they happen (a new case's rowid is above every rowid
 * before it: SQLite gives max(rowid) + 1). A batch within a batch is the same batch.
 */
export function withSearchBatch<T>(sqlite: Database.Database, write: () => T): T {
  if (!sqlite.inTransaction) throw new Error('withSearchBatch: call inside a transaction')
  if (prep(sqlite, 'SELECT 1 FROM search_batch').get() !== undefined) return write()
  const after = prep(sqlite, 'SELECT coalesce(max(rowid), 0) FROM cases', 'pluck').get() as number
  prep(sqlite, 'INSERT INTO search_batch (after_rowid) VALUES (?)').run(after)
  try {
    return write()
  } finally {
    // Also when `write` throws: a caller that goes on in the transaction keeps indexes that hold every case.
    prep(sqlite, 'DELETE FROM search_batch').run()
    prep(sqlite, INDEX_TRIGRAMS).run(after)
    prep(sqlite, INDEX_NAME_GRAMS).run(after)
  }
}
