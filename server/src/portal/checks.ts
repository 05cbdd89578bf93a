import { and, eq, inArray, ne } from 'drizzle-orm'
import type { CaseTypeDef } from '../../../src/shared/domain/case-type'
import { type ArchiveFacts, firstFailure, type RuleCheck } from '../../../src/shared/domain/certificate-rules'
import { openStates } from '../../../src/shared/domain/workflow'
import { DomainError } from '../../../src/shared/result'
import type { CaseRow } from '../cases/repo'
import { schema, type Db } from '../db'
import { loadOfficeSettings } from '../office'
import { officeDateOf } from '../../../src/shared/domain/calendar'
import { parseForm } from '../../../src/shared/domain/forms'
import { certificationRuleFacts, rulesOf } from './certification-facts'

/**
 * The exchange service's side of the archive rules (src/shared/domain/certificate-rules.ts) and of the
 * applicant's form (the definition's `formSchema`): checked when a request arrives from the portal
 * (submission, change, resubmission: a refusal is a 400 with the rule's code and the applicant's wording)
 * and again when a desk's decision arrives (`case.act`: a rejection with the rule's code).
 */

/** The office's arrears cut-off (office settings, `server/src/office.ts`). */
export const arrearsCutoffOf = async (db: Db): Promise<string> => (await loadOfficeSettings(db)).arrearsCutoff

async function archiveFacts(db: Db, applicantId: number): Promise<ArchiveFacts | null> {
  const a = schema.archives
  const [row] = await db
    .select({ archiveNumber: a.archiveNumber, status: a.status, category: a.category, employer: a.employer, feesPaidUntil: a.feesPaidUntil, dismissalDate: a.dismissalDate })
    .from(a)
    .where(eq(a.applicantId, applicantId))
  return row ?? null
}

/**
 * The applicant's form against the definition's strict schema for the subtype: the parsed form (trimmed,
 * defaults filled in) — the one to store — or VALIDATION with the first problem. The subtype must be the
 * definition's own (`Object.hasOwn`: `__proto__`, `toString` are not subtypes).
 */
export function checkForm(def: CaseTypeDef, subtype: string, form: unknown): Record<string, unknown> {
  if (!Object.hasOwn(def.subtypes, subtype)) throw new DomainError('VALIDATION', `${def.label}没有“${subtype}”这一类别`)
  const parsed = parseForm(def, subtype, form)
  if (!parsed.ok) throw new DomainError('VALIDATION', `申请表填写有误：${parsed.problem}`)
  return parsed.form
}

interface Request {
  /** The case, once it exists (a change or resubmission): it is never its own duplicate. */
  caseId?: string
  applicantId: number
  subtype: string
  form: unknown
  materials: readonly string[]
}

/**
 * A request arriving from the portal: its form, then the definition's rules (which read the parsed form).
 * Locks the applicant's row first, so two requests of one applicant are checked one after the other (at most
 * one pending per kind). Returns the parsed form: the one to store.
 */
export async function checkArrival(tx: Db, def: CaseTypeDef, request: Request, today: string): Promise<Record<string, unknown>> {
  const form = checkForm(def, request.subtype, request.form)
  const r = { ...request, form }
  const rules = rulesOf(def)
  if (!rules) return form
  await tx.select({ id: schema.applicants.id }).from(schema.applicants).where(eq(schema.applicants.id, r.applicantId)).for('update')
  const c = schema.cases
  const others = await tx
    .select({ caseNumber: c.caseNumber })
    .from(c)
    .where(and(eq(c.applicantId, r.applicantId), eq(c.type, def.type), eq(c.subtype, r.subtype), inArray(c.state, openStates(def)), ...(r.caseId ? [ne(c.id, r.caseId)] : [])))
    .orderBy(c.submittedAt, c.caseNumber)
  const facts = {
    today,
    arrearsCutoff: await arrearsCutoffOf(tx),
    archive: await archiveFacts(tx, r.applicantId),
    materials: r.materials,
    earlierPending: others.map((o) => o.caseNumber),
    // A re-review or refund: the certification it names, the request dated today.
    ...(await certificationRuleFacts(tx, def, r, today))
  }
  refuseOnFailure(rules.check(facts), 'applicant')
  return form
}

/** The material codes a case has now (for a change or resubmission that keeps its attachments). */
export async function materialsOf(db: Db, caseId: string): Promise<string[]> {
  const rows = await db.select({ code: schema.attachments.materialCode }).from(schema.attachments).where(eq(schema.attachments.caseId, caseId))
  return [...new Set(rows.map((r) => r.code))]
}

/** The checks of a case already in the store (only requests that came in before it count as duplicates). */
export async function caseChecks(db: Db, def: CaseTypeDef, cr: CaseRow, today: string): Promise<RuleCheck[] | null> {
  const rules = rulesOf(def)
  if (!rules) return null
  const c = schema.cases
  const open = await db
    .select({ caseNumber: c.caseNumber, submittedAt: c.submittedAt })
    .from(c)
    .where(and(eq(c.applicantId, cr.applicantId), eq(c.type, cr.type), eq(c.subtype, cr.subtype), inArray(c.state, openStates(def)), ne(c.id, cr.id)))
  const mine = cr.submittedAt.getTime()
  const earlier = open
    .filter((o) => o.submittedAt.getTime() < mine || (o.submittedAt.getTime() === mine && o.caseNumber < cr.caseNumber))
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.caseNumber.localeCompare(b.caseNumber))
  return rules.check({
    today,
    arrearsCutoff: await arrearsCutoffOf(db),
    archive: await archiveFacts(db, cr.applicantId),
    materials: await materialsOf(db, cr.id),
    earlierPending: earlier.map((o) => o.caseNumber),
    // A re-review or refund: the certification it names; the window and the 10 months count to the submission's date.
    ...(await certificationRuleFacts(db, def, { applicantId: cr.applicantId, subtype: cr.subtype, form: cr.form, caseId: cr.id, caseNumber: cr.caseNumber }, officeDateOf(cr.submittedAt)))
  })
}

/** A desk's decision: an action the definition re-checks at is refused when a rule fails now (the clerk's wording). */
export async function checkAtAction(tx: Db, def: CaseTypeDef, cr: CaseRow, action: string, today: string): Promise<void> {
  if (!rulesOf(def)?.at.includes(action)) return
  refuseOnFailure((await caseChecks(tx, def, cr, today)) ?? [], 'staff')
}

function refuseOnFailure(checks: RuleCheck[], audience: 'applicant' | 'staff'): void {
  const failed = firstFailure(checks)
  if (!failed?.code) return
  const text = audience === 'applicant' ? failed.message : failed.staffMessage
  throw new DomainError(failed.code, text ?? failed.label)
}

/** A change or resubmission of a case as a request: the patched form and attachments, or the case's own. */
export async function requestOf(db: Db, c: CaseRow, patch: { form?: unknown; attachments?: readonly { materialCode: string }[] }): Promise<Request> {
  return {
    caseId: c.id,
    applicantId: c.applicantId,
    subtype: c.subtype,
    form: patch.form ?? c.form,
    materials: patch.attachments ? [...new Set(patch.attachments.map((a) => a.materialCode))] : await materialsOf(db, c.id)
  }
}
