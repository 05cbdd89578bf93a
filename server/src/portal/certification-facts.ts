import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { type IsoDate, officeDateOf } from '../../../src/shared/domain/calendar'
import type { CaseTypeDef } from '../../../src/shared/domain/case-type'
import { caseTypeDef } from '../../../src/shared/domain/case-types'
import type { CertificationFacts, RuleCheck, RuleFacts } from '../../../src/shared/domain/certificate-rules'
import { parseForm } from '../../../src/shared/domain/forms'
import { schema, type Db } from '../db'

/**
 * The exchange service's side of the re-review and refund rules (src/shared/domain/certification-rules.ts):
 * the facts about the degree certification a request names, gathered from PostgreSQL with the same meaning as
 * the desk's loader — the certification found by the form's `certificationCaseNumber`; the applicant the same;
 * the result's office date (UTC+8) and a refusal's reason code from the certify / defer / refuse event; the
 * office date of the online payment (`form.payment.paidAt`); the refunds naming it that are not cancelled or
 * rejected; the re-reviews naming it still pending (the request checked itself excluded from both).
 */

const RESULT_ACTIONS = ['certify', 'defer', 'refuse']

type Form = Record<string, unknown>
type CertificationRuleFacts = RuleFacts & { form: Form }

/** The rules a case type is held to (its definition's `rules`); the form comes in the facts. */
export const rulesOf = (def: CaseTypeDef): { check(f: CertificationRuleFacts): RuleCheck[]; at: readonly string[] } | undefined => def.rules

/** Whether the type's rules are about a named certification (they need `certification` and `requestedOn`). */
export const namesCertification = (type: string): boolean => type === 'certification_rereview' || type === 'certification_refund'

/** The states of a re-review still pending (not final). */
function pendingStates(type: string): string[] {
  const def = caseTypeDef(type)
  return def ? Object.entries(def.states).filter(([, s]) => !s.final).map(([k]) => k) : []
}

/** What the rules know about the certification `caseNumber`, for a request of `applicantId` (`selfId`: the request, once stored). */
export async function certificationFacts(db: Db, caseNumber: string, applicantId: number, selfId?: string): Promise<CertificationFacts | null> {
  const c = schema.cases
  const [cert] = await db
    .select({ id: c.id, caseNumber: c.caseNumber, applicantId: c.applicantId, state: c.state, form: c.form })
    .from(c)
    .where(and(eq(c.caseNumber, caseNumber.trim()), eq(c.type, 'degree_certification')))
  if (!cert) return null
  const e = schema.caseEvents
  const [result] = await db
    .select({ at: e.at, action: e.action, data: e.data })
    .from(e)
    .where(and(eq(e.caseId, cert.id), inArray(e.action, RESULT_ACTIONS)))
    .orderBy(desc(e.id))
    .limit(1)
  const paidAt = ((cert.form as Form | null)?.payment as { paidAt?: unknown } | undefined)?.paidAt
  const paidOn = typeof paidAt === 'string' && !Number.isNaN(Date.parse(paidAt)) ? officeDateOf(paidAt) : null
  const naming = (type: string, states: 'not_ended' | 'pending') => {
    const stateFilter = states === 'pending' ? inArray(c.state, pendingStates(type)) : sql`${c.state} NOT IN ('cancelled', 'rejected')`
    return db
      .select({ caseNumber: c.caseNumber, state: c.state })
      .from(c)
      .where(and(eq(c.type, type), sql`${c.form}->>'certificationCaseNumber' = ${cert.caseNumber}`, stateFilter, ...(selfId ? [ne(c.id, selfId)] : [])))
      .orderBy(c.submittedAt, c.caseNumber)
  }
  const reasonCode = (result?.data as { reasonCode?: unknown } | undefined)?.reasonCode
  return {
    caseNumber: cert.caseNumber,
    applicantMatches: cert.applicantId === applicantId,
    state: cert.state,
    resultOn: result ? officeDateOf(result.at) : null,
    refusalCode: result?.action === 'refuse' && typeof reasonCode === 'string' ? reasonCode : null,
    paidOn,
    refunds: await naming('certification_refund', 'not_ended'),
    rereviews: await naming('certification_rereview', 'pending')
  }
}

/** The facts a re-review or refund adds to the archive facts: the named certification and the request's date. */
export async function certificationRuleFacts(
  db: Db,
  def: CaseTypeDef,
  r: { applicantId: number; subtype: string; form: unknown; caseId?: string; caseNumber?: string },
  requestedOn: IsoDate
): Promise<{ form: Form; certification?: CertificationFacts | null; requestedOn?: IsoDate }> {
  // A stored form that no longer matches its schema is read as far as it is an object (never a crash).
  const parsed = parseForm(def, r.subtype, r.form)
  const form = (parsed.ok ? parsed.form : r.form !== null && typeof r.form === 'object' && !Array.isArray(r.form) ? r.form : {}) as Form
  // A degree certification itself: its own refunds stop the office's work on it (certificationRefundChecks).
  if (def.type === 'degree_certification' && r.caseNumber) {
    return { form, certification: await certificationFacts(db, r.caseNumber, r.applicantId, r.caseId) }
  }
  if (!namesCertification(def.type)) return { form }
  const number = typeof form.certificationCaseNumber === 'string' ? form.certificationCaseNumber : ''
  return { form, certification: await certificationFacts(db, number, r.applicantId, r.caseId), requestedOn }
}
