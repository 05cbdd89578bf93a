import { type IsoDate, officeDateOf } from '../../../shared/domain/calendar'
import { certificationRereview } from '../../../shared/domain/case-types/certification-rereview'
import type { CertificationFacts, RuleFacts } from '../../../shared/domain/certificate-rules'
import type { Store } from '../store'
import type { CaseRow } from './detail'
import { parseFormJson } from './form'

/**
 * The desk's side of the certification office's rules (shared/domain/certification-rules.ts): what the store
 * knows about the degree certification a re-review or refund names (`form.certificationCaseNumber`), or — for a
 * degree certification itself — about its own refunds. The shape is `CertificationFacts`, the same the exchange
 * service gathers (server/src/portal/checks.ts).
 */

/** The office (Beijing) date of a stored instant; a bare `YYYY-MM-DD` as it is; null when not a date. */
export function officeDateOfStored(at: unknown): IsoDate | null {
  if (typeof at !== 'string' || at === '') return null
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return at
  return Number.isNaN(Date.parse(at)) ? null : officeDateOf(at)
}


/** The form's `certificationCaseNumber` (re-review, refund), trimmed; '' when absent. */
export function namedCertification(form: Record<string, unknown>): string {
  const n = form.certificationCaseNumber
  return typeof n === 'string' ? n.trim() : ''
}

/** Re-review states that are done (a result, not taken up, withdrawn): any other is pending. */
const REREVIEW_FINAL = Object.entries(certificationRereview.states)
  .filter(([, s]) => s.final)
  .map(([k]) => k)
/** Refunds that do not count: withdrawn or refused (all others are requested, in progress or done). */
const REFUND_NOT_COUNTED = ['cancelled', 'rejected']

/** The degree certification with this case number, if the desk has it. */
export function findCertification(store: Store, caseNumber: string): CaseRow | null {
  if (!caseNumber) return null
  const row = store.sqlite.prepare("SELECT * FROM cases WHERE case_number = ? AND type = 'degree_certification'").get(caseNumber) as CaseRow | undefined
  return row ?? null
}

/** Cases of `type` naming the certification `caseNumber` in their form, oldest first (`exceptId` left out). */
export function casesNaming(store: Store, type: string, caseNumber: string, exceptId: string | null = null): CaseRow[] {
  return store.sqlite
    .prepare(
      `SELECT * FROM cases WHERE type = ? AND json_extract(form, '$.certificationCaseNumber') = ? AND id <> ?
       ORDER BY submitted_at, case_number`
    )
    .all(type, caseNumber, exceptId ?? '') as CaseRow[]
}

/** The refunds of a certification that count (requested, in progress or done), oldest first (`exceptId` left out). */
export const countedRefunds = (store: Store, caseNumber: string, exceptId: string | null = null): CaseRow[] =>
  casesNaming(store, 'certification_refund', caseNumber, exceptId).filter((r) => !REFUND_NOT_COUNTED.includes(r.state))

/** The certification's result event (the latest certify / defer / refuse), if any. */
export function resultEvent(store: Store, caseId: string): { action: string; at: string; data: Record<string, unknown> } | null {
  const row = store.sqlite
    .prepare("SELECT action, at, data FROM case_events WHERE case_id = ? AND action IN ('certify', 'defer', 'refuse') ORDER BY id DESC LIMIT 1")
    .get(caseId) as { action: string; at: string; data: string } | undefined
  return row ? { action: row.action, at: row.at, data: parseFormJson(row.data) } : null
}

/**
 * What the rules know about a certification, for the request `requester` (a re-review, a refund, or the
 * certification itself): the requester's own case is never counted among the refunds and re-reviews.
 */
export function certificationFacts(store: Store, cert: CaseRow, requester: CaseRow): CertificationFacts {
  const form = parseFormJson(cert.form)
  const result = resultEvent(store, cert.id)
  const payment = form.payment && typeof form.payment === 'object' ? (form.payment as Record<string, unknown>) : null
  const refusalCode = result?.action === 'refuse' && typeof result.data.reasonCode === 'string' ? result.data.reasonCode : null
  const refunds = countedRefunds(store, cert.case_number, requester.id)
  const rereviews = casesNaming(store, 'certification_rereview', cert.case_number, requester.id).filter((r) => !REREVIEW_FINAL.includes(r.state))
  return {
    caseNumber: cert.case_number,
    applicantMatches: cert.applicant_id === requester.applicant_id,
    state: cert.state,
    resultOn: result ? officeDateOf(result.at) : null,
    refusalCode,
    paidOn: officeDateOfStored(payment?.paidAt),
    refunds: refunds.map((r) => ({ caseNumber: r.case_number, state: r.state })),
    rereviews: rereviews.map((r) => ({ caseNumber: r.case_number, state: r.state }))
  }
}

/**
 * The certification part of a case's rule facts: for a re-review or refund the certification its form names
 * (null when the desk has no such case), its submission date and its form; for a degree certification itself,
 * its own facts (its refunds stop the work on it). Empty for the other case types.
 */
export function certificationRuleFacts(store: Store, c: CaseRow): Pick<RuleFacts, 'certification' | 'requestedOn' | 'form'> {
  const form = parseFormJson(c.form)
  if (c.type === 'degree_certification') return { certification: certificationFacts(store, c, c), form }
  if (c.type !== 'certification_rereview' && c.type !== 'certification_refund') return {}
  const cert = findCertification(store, namedCertification(form))
  const requestedOn = officeDateOfStored(c.submitted_at)
  return { certification: cert ? certificationFacts(store, cert, c) : null, form, ...(requestedOn ? { requestedOn } : {}) }
}
