import type Database from 'better-sqlite3'
import { randomInt } from 'node:crypto'

/** 文号 prefixes (机关代字) per document type. Add a type here before issuing it. */
export const NUMBER_PREFIXES: Readonly<Record<string, string>> = {
  transfer_notice: '留档调字'
}

/**
 * The next letter number for `docType` in `year` (1, 2, 3, … per type and year; never reused).
 * Must run inside the caller's transaction, together with the insert that uses the number,
 * so a rolled-back issue also rolls back the counter.
 */
export function nextDocumentNumber(sqlite: Database.Database, docType: string, year: number): number {
  if (!sqlite.inTransaction) throw new Error('nextDocumentNumber must be called inside a transaction')
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new Error(`invalid document year ${year}`)
  const row = sqlite
    .prepare(
      `INSERT INTO document_counters (key, last) VALUES (?, 1)
       ON CONFLICT(key) DO UPDATE SET last = last + 1
       RETURNING last`
    )
    .get(`${docType}:${year}`) as { last: number }
  return row.last
}

/** `留档调字〔2026〕第000123号` (six digits at least; the year in 六角括号 〔〕 as GB/T 9704 prescribes). */
export function formatDocumentNumber(docType: string, year: number, n: number): string {
  const prefix = NUMBER_PREFIXES[docType]
  if (!prefix) throw new Error(`no number prefix for document type ${docType}`)
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid document number ${n}`)
  return `${prefix}〔${year}〕第${String(n).padStart(6, '0')}号`
}

/** 档案编号: `D` + year + 6-digit sequence (counter key `archive_number:<year>`). */
export const formatArchiveNumber = (year: number, n: number): string => `D${year}${String(n).padStart(6, '0')}`

/** Crockford base32: no I, L, O, U (nothing to misread when typed from paper). */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A random verification code `XXXX-XXXX` (40 bits from the CSPRNG). */
export function newVerificationCode(): string {
  let s = ''
  for (let i = 0; i < 8; i++) s += CROCKFORD_ALPHABET[randomInt(CROCKFORD_ALPHABET.length)]
  return `${s.slice(0, 4)}-${s.slice(4)}`
}

/**
 * A code as typed on the verification page, normalised: upper case, Crockford's look-alikes
 * (O→0, I/L→1) folded, separators dropped, re-hyphenated. Null when it cannot be a code.
 */
export function normalizeVerificationCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  if (s.length !== 8 || [...s].some((c) => !CROCKFORD_ALPHABET.includes(c))) return null
  return `${s.slice(0, 4)}-${s.slice(4)}`
}
