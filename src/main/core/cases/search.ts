import type Database from 'better-sqlite3'
import { prep } from '../store/prepared'
import { checkResidentId } from '../../../shared/domain/identity'

/** A search with at most this many candidate cases filters and sorts them whole; more walk the ordered index. */
export const FEW_CANDIDATES = 2000

/**
 * How the queue finds the cases a search term matches (the term is matched as a fragment of `cases.search_text`:
 * name, ID number, mobile, case number; a letter number through the letters it names).
 * - `exact`: a whole resident ID number (valid check character), a whole case number, a letter number (文号) or its
 *   beginning: the matching cases' rowids through a unique index, taken as they are.
 * - `postings`: a source of candidate rowids, each checked with LIKE against search_text: the beginning of a case
 *   number through its unique index; 3+ characters through the trigram index `cases_search`; 1–2 characters that are
 *   not all ASCII (a surname, a given name) through `case_name_grams`.
 * - `scan`: 1–2 ASCII characters (a digit, `X`, `CD` are in nearly every case): the ordered queue index is walked and
 *   filtered with LIKE, which fills a page after a few rows.
 * A source's SQL takes `params` first (before those of the statement it is put in).
 */
export type SearchPlan =
  | { kind: 'exact'; sql: string; params: string[] }
  /** `rids`: the source's first candidates when choosing the source read them already. */
  | { kind: 'postings'; sql: string; params: string[]; rids?: number[] }
  | { kind: 'scan' }

const CASE_NUMBER = /^[A-Z]{2}\d{14}$/
const CASE_NUMBER_START = /^[A-Z]{2}\d{0,13}$/
const LETTER_NUMBER = /[〔〕]|字.*第/
/** Every string that starts with the parameter (given twice): up to U+10FFFF after it. */
const PREFIX_RANGE = (col: string) => `${col} >= ? AND ${col} < ? || char(1114111)`

export function planSearch(sqlite: Database.Database, raw: string): SearchPlan {
  const term = raw.toUpperCase()
  if (checkResidentId(term) === null) {
    // Any ID type: a residence permit (港澳台居民居住证) or a type labelled otherwise carries the same 18 characters.
    // The types in use are read by a skip-scan of the (id_type, id_number) index: one look-up per type, not a scan.
    const types = `WITH RECURSIVE t(v) AS (SELECT min(id_type) FROM applicants UNION ALL
      SELECT (SELECT min(id_type) FROM applicants WHERE id_type > t.v) FROM t WHERE t.v IS NOT NULL) SELECT v FROM t WHERE v IS NOT NULL`
    const sql = `SELECT c.rowid AS rid FROM applicants a CROSS JOIN cases c ON c.applicant_id = a.id WHERE a.id_type IN (${types}) AND a.id_number = ?`
    return { kind: 'exact', sql, params: [term] }
  }
  if (CASE_NUMBER.test(term)) return { kind: 'exact', sql: 'SELECT c.rowid AS rid FROM cases c WHERE c.case_number = ?', params: [term] }
  if (LETTER_NUMBER.test(raw)) {
    // A case holds several letters: each case once.
    const sql = `SELECT DISTINCT c.rowid AS rid FROM issued_documents d CROSS JOIN cases c ON c.id = d.case_id WHERE ${PREFIX_RANGE('d.number')}`
    return { kind: 'exact', sql, params: [raw, raw] }
  }
  const chars = [...term]
  if (chars.length >= 3) {
    const { query, rids } = trigramQuery(sqlite, term)
    const fts = 'SELECT rowid AS rid FROM cases_search WHERE cases_search MATCH ?'
    // The beginning of a case number through its index — and the trigrams too: a passport (EA1234567) looks the same.
    if (CASE_NUMBER_START.test(term)) {
      return { kind: 'postings', sql: `SELECT c.rowid AS rid FROM cases c WHERE ${PREFIX_RANGE('c.case_number')} UNION ${fts}`, params: [term, term, query] }
    }
    return { kind: 'postings', sql: fts, params: [query], rids }
  }
  // 1–2 characters with an ASCII one in them (a digit, `X`, `CD`, `王A`): not in the name pieces; walk the ordered index.
  if (/[\x20-\x7e]/.test(term)) return { kind: 'scan' }
  return { kind: 'postings', sql: 'SELECT case_rowid AS rid FROM case_name_grams WHERE gram = ?', params: [term] }
}

const PROBE = 64
/** Trigrams in more than this share of the cases narrow an AND little and cost much (FTS5 reads their whole lists). */
const COMMON = 0.2

/**
 * The FTS5 query for a fragment of 3+ characters: its rarest trigrams, ANDed (a superset of the LIKE matches; each
 * candidate is checked with LIKE). FTS5 reads the whole list of every term of an AND, and digit trigrams are common
 * (`110` is in half the ID numbers), so the two rarest are asked for, and a third rare one when two leave more than
 * `few` candidates. A trigram's rarity is probed from the rowids of its first 64 cases (the span they cover; ~0.1 ms).
 */
export function trigramQuery(sqlite: Database.Database, term: string, few = FEW_CANDIDATES): { query: string; rids?: number[] } {
  const chars = [...term]
  const grams = new Set<string>()
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''))
  const quoted = [...grams].map((g) => `"${g.replace(/"/g, '""')}"`)
  if (quoted.length <= 2) return { query: quoted.join(' AND ') }
  const probe = prep(sqlite, 'SELECT rowid FROM cases_search WHERE cases_search MATCH ? LIMIT ?', 'pluck')
  const rarity = quoted.map((g) => {
    const rowids = probe.all(g, PROBE) as number[]
    // Fewer than PROBE cases in all: rare whatever their span.
    return { g, d: rowids.length < PROBE ? rowids.length / 1e9 : PROBE / (rowids[PROBE - 1] - rowids[0] + 1) }
  })
  rarity.sort((x, y) => x.d - y.d)
  let query = `${rarity[0].g} AND ${rarity[1].g}`
  let rids = probe.all(query, few + 1) as number[]
  // One more when two leave too many (more terms cost more than they narrow: the rest walk the ordered index).
  const third = rarity[2]
  if (rids.length > few && third && third.d <= COMMON) {
    query += ` AND ${third.g}`
    rids = probe.all(query, few + 1) as number[]
  }
  return { query, rids }
}

/**
 * Up to `limit` candidate rowids of a postings plan. The caller compares the count with the limit: few candidates
 * are filtered and sorted whole; many mean the term is common and the ordered index is walked instead.
 */
export function candidates(sqlite: Database.Database, plan: Extract<SearchPlan, { kind: 'postings' }>, limit: number): number[] {
  if (plan.rids && plan.rids.length <= limit) return plan.rids
  return prep(sqlite, `SELECT p.rid FROM (${plan.sql}) p LIMIT ?`, 'pluck').all(...plan.params, limit) as number[]
}

/** `search_text LIKE ?` for a fragment, LIKE's wildcards taken literally. */
export const likeFragment = (term: string): string => `%${term.toUpperCase().replace(/[\\%_]/g, (m) => '\\' + m)}%`
