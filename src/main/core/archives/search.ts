import type Database from 'better-sqlite3'
import type { ParsedInput } from '../../../shared/api/contract'
import type { ArchivePage, ArchiveRow } from '../../../shared/api/archives'
import { shelfPrefix } from '../../../shared/domain/archive'
import { maskIdNumber, maskName } from '../../../shared/domain/masking'
import type { Store } from '../store'

type SearchQuery = ParsedInput<'archives.search'>

const ARCHIVE_NUMBER = /^D\d{10,}$/

const like = (s: string): string => `%${s.replace(/[\\%_]/g, (m) => '\\' + m)}%`

/** A full archive number: one probe of the unique index `archives_archive_number_unique`. */
export const EXACT_BY_NUMBER = 'SELECT id FROM archives WHERE archive_number = ?'

/**
 * A full ID number: the ID types in use are read by skipping along `applicants_id_number (id_type, id_number)`
 * (one seek per type), then one seek per type for the number, then the archive by `archives_applicant_id_unique`.
 */
export const EXACT_BY_ID = `WITH RECURSIVE types(t) AS (
    SELECT min(id_type) FROM applicants
    UNION ALL SELECT (SELECT min(id_type) FROM applicants WHERE id_type > t) FROM types WHERE t IS NOT NULL)
  SELECT ar.id FROM applicants a JOIN archives ar ON ar.applicant_id = a.id
  WHERE a.id_type IN (SELECT t FROM types WHERE t IS NOT NULL) AND a.id_number = ? LIMIT 2`

/** The archive a query names exactly (index lookups only, whatever the register's size), if any. */
export function exactArchive(sql: Database.Database, query: string): number | null {
  const q = query.trim().toUpperCase()
  if (!q) return null
  if (ARCHIVE_NUMBER.test(q)) return (sql.prepare(EXACT_BY_NUMBER).get(q) as { id: number } | undefined)?.id ?? null
  if (q.length < 6) return null
  const r = sql.prepare(EXACT_BY_ID).all(q) as { id: number }[]
  return r.length === 1 ? r[0].id : null
}

/**
 * 档案查询: by archive number, name or ID number (partial), status, category and shelf prefix, one page at
 * a time, by archive number (newest first; archives without one last), read in the order of its unique index. Exact archive and ID numbers are index lookups; partial text scans the
 * register once (see archives/search.test.ts for the query plans).
 */
export function searchArchives(store: Store, q: SearchQuery): ArchivePage {
  const sql = store.sqlite
  const text = q.query.trim()
  const exactId = exactArchive(sql, text)
  const where: string[] = []
  const params: unknown[] = []
  if (exactId !== null) {
    where.push('ar.id = ?')
    params.push(exactId)
  } else if (/[^\x20-\x7e]/.test(text)) {
    // Chinese (or other non-ASCII) text can only be part of a name.
    where.push(`a.name LIKE ? ESCAPE '\\'`)
    params.push(like(text))
  } else if (text) {
    const upper = text.toUpperCase()
    where.push(`(ar.archive_number LIKE ? ESCAPE '\\' OR a.id_number LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\')`)
    params.push(like(upper), like(upper), like(text))
  }
  if (q.status !== 'all') {
    where.push('ar.status = ?')
    params.push(q.status)
  }
  if (q.category !== 'all') {
    where.push('ar.category = ?')
    params.push(q.category)
  }
  if (q.shelf) {
    const prefix = shelfPrefix(q.shelf)
    where.push(`ar.shelf_location LIKE ? ESCAPE '\\'`)
    params.push(`${(prefix || q.shelf.toUpperCase()).replace(/[\\%_]/g, (m) => '\\' + m)}%`)
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const from = 'FROM archives ar JOIN applicants a ON a.id = ar.applicant_id'
  // Every archive has its applicant (a foreign key): without text the count needs no join.
  const countFrom = text ? from : 'FROM archives ar'
  const total = (sql.prepare(`SELECT count(*) AS n ${countFrom} ${whereSql}`).get(...params) as { n: number }).n
  const rows = sql
    .prepare(
      `SELECT ar.id, ar.archive_number, ar.status, ar.category, ar.shelf_location, ar.custodian, ar.fees_paid_until, a.name, a.id_type, a.id_number
       ${from} ${whereSql} ORDER BY ar.archive_number DESC, ar.id DESC LIMIT ? OFFSET ?`
    )
    .all(...params, q.pageSize, (q.page - 1) * q.pageSize) as {
    id: number
    archive_number: string | null
    status: ArchiveRow['status']
    category: ArchiveRow['category']
    shelf_location: string | null
    custodian: string | null
    fees_paid_until: string | null
    name: string
    id_type: string
    id_number: string
  }[]
  return {
    rows: rows.map((r) => ({
      id: r.id,
      archiveNumber: r.archive_number,
      name: maskName(r.name),
      idType: r.id_type,
      idNumber: maskIdNumber(r.id_number),
      status: r.status,
      category: r.category,
      shelfLocation: r.shelf_location,
      custodian: r.custodian,
      feesPaidUntil: r.fees_paid_until
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    exactId
  }
}
