import type Database from 'better-sqlite3'
import type { StaffSession } from '../../../shared/api/types'
import { DomainError } from '../../../shared/result'
import { getLetter, type LetterRow, queueLetterMutation } from './lifecycle'

/**
 * Printing and saving letters: what may be printed (only signed letters — an unsigned draft is not a
 * letter; a voided one never again), whether it is a first print or a reprint (which needs a reason), and
 * the record of every print, reprint and save (`document_prints`, outbox `document.print`).
 */
export type PrintPurpose = 'print' | 'save'
export type PrintKind = 'print' | 'reprint' | 'save'

export interface PrintableLetter extends LetterRow {
  kind: PrintKind
}

const list = (numbers: string[]): string => (numbers.length > 3 ? `${numbers.slice(0, 3).join('、')} 等 ${numbers.length} 份` : numbers.join('、'))

/** Times a letter was printed (first print and reprints; saves are not prints). */
const printsOf = (sql: Database.Database, number: string): number =>
  (sql.prepare("SELECT count(*) AS n FROM document_prints WHERE number = ? AND kind IN ('print', 'reprint')").get(number) as { n: number }).n

/**
 * The letters of a print or save job, in the order chosen, each with the kind of record it gets. The
 * whole job is refused up front when a letter cannot be printed, or is a reprint and no reason was given.
 */
export function printableLetters(sql: Database.Database, ids: number[], purpose: PrintPurpose, reason: string): PrintableLetter[] {
  const letters = [...new Set(ids)].map((id) => getLetter(sql, id))
  const voided = letters.filter((d) => d.status === 'void' || d.status === 'revoked').map((d) => d.number)
  if (voided.length) throw new DomainError('ILLEGAL_TRANSITION', `${list(voided)} 已作废，不能${purpose === 'print' ? '打印' : '保存'}`)
  if (purpose === 'save') return letters.map((d) => ({ ...d, kind: 'save' }))
  const drafts = letters.filter((d) => d.status === 'draft').map((d) => d.number)
  if (drafts.length) {
    throw new DomainError('ILLEGAL_TRANSITION', `${list(drafts)} 尚未签章（草稿），不能作为正式文书打印；请先签章，或“保存为 PDF”供校对`)
  }
  const out = letters.map((d): PrintableLetter => ({ ...d, kind: printsOf(sql, d.number) > 0 ? 'reprint' : 'print' }))
  const reprints = out.filter((d) => d.kind === 'reprint').map((d) => d.number)
  if (reprints.length && !reason.trim()) throw new DomainError('REASON_REQUIRED', `${list(reprints)} 已打印过，重新打印须填写原因`)
  return out
}

/** Records the letters of one finished print or save job, in one transaction. */
export function recordPrints(sql: Database.Database, letters: PrintableLetter[], o: { reason: string; printer: string | null; me: StaffSession; at: string }): void {
  const insert = sql.prepare('INSERT INTO document_prints (number, kind, reason, printer, at, actor_id, actor_name) VALUES (?, ?, ?, ?, ?, ?, ?)')
  sql.transaction(() => {
    for (const d of letters) {
      insert.run(d.number, d.kind, o.reason, o.printer, o.at, o.me.id, o.me.displayName)
      queueLetterMutation(sql, d.case_id, 'document.print', { number: d.number, kind: d.kind, reason: o.reason, printer: o.printer, at: o.at }, o.me.id)
    }
  })()
}
