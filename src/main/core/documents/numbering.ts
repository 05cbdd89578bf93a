import type Database from 'better-sqlite3'
import { randomInt } from 'node:crypto'
import { counterKey, counterLabel, CROCKFORD_ALPHABET, type NumberKind } from '../../../shared/domain/numbers'
import { DomainError } from '../../../shared/result'
import { requireDeskClock } from '../sync/clock-offset'

export { CROCKFORD_ALPHABET, formatArchiveNumber, formatDocumentNumber, normalizeVerificationCode, NUMBER_PREFIXES } from '../../../shared/domain/numbers'

/** A desk that has worked with an exchange service numbers only from the blocks the service handed it. */
export const usesNumberBlocks = (sqlite: Database.Database): boolean => !!sqlite.prepare("SELECT 1 FROM sync_state WHERE key = 'serverUrl'").get()

/**
 * The next number of `kind` in `year` (1, 2, 3, … per counter; never reused). Must run inside the caller's
 * transaction, together with the insert that uses the number, so a rolled-back issue rolls the counter back.
 * A desk working alone counts in `document_counters`; a desk of an exchange service takes the lowest unused
 * number of its blocks (`number_blocks`) and refuses when they are used up (the sync tops them up).
 */
export function nextNumber(sqlite: Database.Database, kind: NumberKind, year: number): number {
  if (!sqlite.inTransaction) throw new Error('nextNumber must be called inside a transaction')
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new Error(`invalid document year ${year}`)
  const counter = counterKey(kind, year)
  if (usesNumberBlocks(sqlite)) {
    // A number's year is the service's: none drawn while this desk's clock is off (sync/clock-offset.ts).
    requireDeskClock(sqlite)
    const row = sqlite
      .prepare(
        `UPDATE number_blocks SET next = next + 1
         WHERE rowid = (SELECT rowid FROM number_blocks WHERE counter = ? AND next <= last ORDER BY first LIMIT 1)
         RETURNING next - 1 AS n`
      )
      .get(counter) as { n: number } | undefined
    if (!row) {
      throw new DomainError(
        'NUMBERS_EXHAUSTED',
        `本机已没有可用的${counterLabel(counter)}（编号由交换服务分段发放，以免各窗口重号）。请联网同步一次后再办理，已填写的内容不会丢失`
      )
    }
    return row.n
  }
  const row = sqlite
    .prepare(
      `INSERT INTO document_counters (key, last) VALUES (?, 1)
       ON CONFLICT(key) DO UPDATE SET last = last + 1
       RETURNING last`
    )
    .get(counter) as { last: number }
  return row.last
}

/** A random verification code `XXXX-XXXX` (40 bits from the CSPRNG). */
export function newVerificationCode(): string {
  let s = ''
  for (let i = 0; i < 8; i++) s += CROCKFORD_ALPHABET[randomInt(CROCKFORD_ALPHABET.length)]
  return `${s.slice(0, 4)}-${s.slice(4)}`
}
