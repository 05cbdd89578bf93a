import type { ImportMode, JointProgramme, ProgrammeLevel, ProgrammePage, ProgrammeStatus } from '../../../shared/domain/joint-programmes'
import type { Store } from '../store'

/**
 * The desk's copy of the joint-programme register (`joint_programmes`): searched here, offline; replaced
 * whole from the exchange service (sync/programmes.ts), or written by an import on a standalone desk.
 * `settings` row `programmes.updatedAt`: when this desk last took the register.
 */
interface Row {
  code: string
  name: string
  chinese_institution: string
  foreign_institution: string
  country: string
  level: ProgrammeLevel
  approved_until: string
  enrolment_from: number | null
  enrolment_to: number | null
  status: ProgrammeStatus
}

const COLUMNS = 'code, name, chinese_institution, foreign_institution, country, level, approved_until, enrolment_from, enrolment_to, status'

const fromRow = (r: Row): JointProgramme => ({
  code: r.code,
  name: r.name,
  chineseInstitution: r.chinese_institution,
  foreignInstitution: r.foreign_institution,
  country: r.country,
  level: r.level,
  approvedUntil: r.approved_until,
  enrolmentFrom: r.enrolment_from,
  enrolmentTo: r.enrolment_to,
  status: r.status
})

/** One programme by its code (case and surrounding spaces ignored); null when the register has none. */
export function findProgramme(store: Store, code: string): JointProgramme | null {
  const row = store.sqlite.prepare(`SELECT ${COLUMNS} FROM joint_programmes WHERE code = ?`).get(code.trim().toUpperCase()) as Row | undefined
  return row ? fromRow(row) : null
}

export interface ProgrammeQuery {
  query: string
  level: 'all' | ProgrammeLevel
  status: 'all' | ProgrammeStatus
  page: number
  pageSize: number
}

/** LIKE with the user's % and _ taken literally. */
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * Partial match on code, name, Chinese and foreign institution (case-insensitive for Latin letters),
 * filtered by level and status; an exact code first, then by Chinese institution and code.
 */
export function searchProgrammes(store: Store, q: ProgrammeQuery): ProgrammePage {
  const where: string[] = []
  const params: (string | number)[] = []
  const text = q.query.trim()
  if (text) {
    where.push("(code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR chinese_institution LIKE ? ESCAPE '\\' OR foreign_institution LIKE ? ESCAPE '\\')")
    const like = likeOf(text)
    params.push(like, like, like, like)
  }
  if (q.level !== 'all') {
    where.push('level = ?')
    params.push(q.level)
  }
  if (q.status !== 'all') {
    where.push('status = ?')
    params.push(q.status)
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const { n } = store.sqlite.prepare(`SELECT count(*) AS n FROM joint_programmes ${clause}`).get(...params) as { n: number }
  const rows = store.sqlite
    .prepare(`SELECT ${COLUMNS} FROM joint_programmes ${clause} ORDER BY (code = ?) DESC, chinese_institution, code LIMIT ? OFFSET ?`)
    .all(...params, text.toUpperCase(), q.pageSize, (q.page - 1) * q.pageSize) as Row[]
  return { rows: rows.map(fromRow), total: n, page: q.page, pageSize: q.pageSize, registerSize: registerSize(store), updatedAt: registerUpdatedAt(store) }
}

export const registerSize = (store: Store): number => (store.sqlite.prepare('SELECT count(*) AS n FROM joint_programmes').get() as { n: number }).n

export const registerUpdatedAt = (store: Store): string | null =>
  (store.sqlite.prepare("SELECT value FROM settings WHERE key = 'programmes.updatedAt'").get() as { value: string } | undefined)?.value ?? null

export interface WriteCounts {
  total: number
  added: number
  updated: number
  removed: number
}

/**
 * Writes programmes in one transaction: `replace` makes them the whole register, `upsert` adds or updates
 * by code. The caller has validated them (codes unique).
 */
export function writeProgrammes(store: Store, programmes: JointProgramme[], mode: ImportMode, at: Date): WriteCounts {
  const db = store.sqlite
  const upsert = db.prepare(
    `INSERT INTO joint_programmes (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(code) DO UPDATE SET name = excluded.name, chinese_institution = excluded.chinese_institution,
       foreign_institution = excluded.foreign_institution, country = excluded.country, level = excluded.level,
       approved_until = excluded.approved_until, enrolment_from = excluded.enrolment_from, enrolment_to = excluded.enrolment_to, status = excluded.status`
  )
  return db.transaction(() => {
    let added = 0
    let updated = 0
    let removed = 0
    // The codes held before, read once: what the import updates, adds and (replacing) removes.
    const held = new Set(db.prepare('SELECT code FROM joint_programmes').pluck().all() as string[])
    if (mode === 'replace') {
      const keep = new Set(programmes.map((p) => p.code))
      const del = db.prepare('DELETE FROM joint_programmes WHERE code = ?')
      for (const c of held) {
        if (keep.has(c)) continue
        del.run(c)
        removed++
      }
    }
    for (const p of programmes) {
      if (held.has(p.code)) updated++
      else added++
      upsert.run(p.code, p.name, p.chineseInstitution, p.foreignInstitution, p.country, p.level, p.approvedUntil, p.enrolmentFrom, p.enrolmentTo, p.status)
    }
    db.prepare("INSERT INTO settings (key, value) VALUES ('programmes.updatedAt', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(at.toISOString())
    return { total: registerSize(store), added, updated, removed }
  })()
}
