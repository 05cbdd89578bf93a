import type { IsoDate } from '../../../shared/domain/calendar'
import type { CaseTypeDef } from '../../../shared/domain/case-type'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { type ArchiveFacts, firstFailure, type RuleCheck, type RuleFacts } from '../../../shared/domain/certificate-rules'
import { DEFAULT_ARREARS_CUTOFF } from '../../../shared/domain/office'
import { openStates } from '../../../shared/domain/workflow'
import { DomainError } from '../../../shared/result'
import type { Store } from '../store'
import { certificationRuleFacts } from './certification-facts'
import type { CaseRow } from './detail'

/**
 * The desk's side of the archive rules (shared/domain/certificate-rules.ts): the facts from the local
 * store, the checklist the case screen shows, and the check before an action the definition names
 * (the exchange service checks the same again: server/src/portal/checks.ts).
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** The office's arrears cut-off (`settings` row `office.arrearsCutoff`), or the default. */
export function arrearsCutoff(store: Store): string {
  const row = store.sqlite.prepare("SELECT value FROM settings WHERE key = 'office.arrearsCutoff'").get() as { value: string } | undefined
  return row && MONTH.test(row.value) ? row.value : DEFAULT_ARREARS_CUTOFF
}

export function archiveFacts(store: Store, applicantId: number): ArchiveFacts | null {
  const row = store.sqlite
    .prepare(
      `SELECT archive_number AS archiveNumber, status, category, employer, fees_paid_until AS feesPaidUntil, dismissal_date AS dismissalDate
       FROM archives WHERE applicant_id = ?`
    )
    .get(applicantId) as ArchiveFacts | undefined
  return row ?? null
}

/** The facts about a case already in the store (at review: only requests that came in before it count as duplicates). */
export function caseRuleFacts(store: Store, def: CaseTypeDef, c: CaseRow, today: IsoDate): RuleFacts {
  const sql = store.sqlite
  const materials = (sql.prepare('SELECT DISTINCT material_code AS code FROM attachments WHERE case_id = ?').all(c.id) as { code: string }[]).map((r) => r.code)
  const open = openStates(def)
  const earlier = sql
    .prepare(
      `SELECT case_number AS n FROM cases
       WHERE applicant_id = ? AND type = ? AND subtype = ? AND id <> ? AND state IN (${open.map(() => '?').join(', ')})
         AND (submitted_at < ? OR (submitted_at = ? AND case_number < ?))
       ORDER BY submitted_at, case_number`
    )
    .all(c.applicant_id, c.type, c.subtype, c.id, ...open, c.submitted_at, c.submitted_at, c.case_number) as { n: string }[]
  return {
    today,
    arrearsCutoff: arrearsCutoff(store),
    archive: archiveFacts(store, c.applicant_id),
    materials,
    earlierPending: earlier.map((r) => r.n),
    // Re-review, refund, degree certification: the certification's facts, the request's date and form (certification-facts.ts).
    ...certificationRuleFacts(store, c)
  }
}

/** The case type's checklist for the case screen, or null when the type has no such rules. */
export function caseChecks(store: Store, c: CaseRow, today: IsoDate): RuleCheck[] | null {
  const def = caseTypeDef(c.type)
  if (!def?.rules) return null
  return def.rules.check(caseRuleFacts(store, def, c, today))
}

/** Before an action the definition re-checks at: a failed rule refuses it with its code and the clerk's wording. */
export function enforceCaseRules(store: Store, def: CaseTypeDef, c: CaseRow, action: string, today: IsoDate): void {
  if (!def.rules?.at.includes(action)) return
  const failed = firstFailure(def.rules.check(caseRuleFacts(store, def, c, today)))
  if (failed?.code) throw new DomainError(failed.code, failed.staffMessage ?? failed.message ?? failed.label)
}
