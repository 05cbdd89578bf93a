import type { EmploymentWorkbench } from '../../../shared/api/types'
import type { IsoDate } from '../../../shared/domain/calendar'
import { type DegreeLevel, DEGREE_LEVELS, type EmploymentForm, employmentForm, type EmploymentKind, EMPLOYMENT_KINDS } from '../../../shared/domain/certification-forms'
import { type EligibilityInput, eligibilityChecks, eligibilityNote, employmentOutputs, employmentWorkingDays } from '../../../shared/domain/employment-rules'
import { DOCUMENT_LABEL } from '../../../shared/domain/numbers'
import type { Store } from '../store'
import { findCertification, namedCertification, officeDateOfStored } from './certification-facts'
import type { CaseRow } from './detail'
import { parseFormJson } from './form'

/**
 * The employment-registration desk's view (CaseDetail.employment): the eligibility rows of a non-Beijing
 * settlement (shared/domain/employment-rules.ts) with the applicant's birth date, the day the application came
 * in and the certification the form's number names; the review's working days; the letters approval issues.
 */

const DOC_LABEL: Record<string, string | undefined> = DOCUMENT_LABEL

/**
 * The certification the employment form's number names: an issued (not void or revoked) 认证书 with that number,
 * its level from the degree of the case it was issued on (for a re-review's certificate: the certification's).
 */
export function certificationByNumber(store: Store, number: string): EligibilityInput['certification'] {
  if (!number) return null
  const row = store.sqlite
    .prepare(
      `SELECT d.number, c.type, c.form FROM issued_documents d JOIN cases c ON c.id = d.case_id
       WHERE d.doc_type = 'certification_certificate' AND d.number = ? AND d.status NOT IN ('void', 'revoked')`
    )
    .get(number) as { number: string; type: string; form: string } | undefined
  if (!row) return null
  let form = parseFormJson(row.form)
  if (row.type === 'certification_rereview') form = parseFormJson(findCertification(store, namedCertification(form))?.form)
  const level = (form.degree as { level?: unknown } | undefined)?.level
  return typeof level === 'string' && Object.hasOwn(DEGREE_LEVELS, level) ? { number: row.number, level: level as DegreeLevel } : null
}

export function employmentWorkbench(store: Store, c: CaseRow): EmploymentWorkbench {
  const raw = parseFormJson(c.form)
  const kind = (Object.hasOwn(EMPLOYMENT_KINDS, c.subtype) ? c.subtype : 'non_beijing_settlement') as EmploymentKind
  const parsed = employmentForm.safeParse(raw)
  const level = (typeof raw.degreeLevel === 'string' && Object.hasOwn(DEGREE_LEVELS, raw.degreeLevel) ? raw.degreeLevel : 'master') as DegreeLevel
  const outputs = employmentOutputs(kind, { workingAtHukouPlace: raw.workingAtHukouPlace === true }).map((docType) => ({ docType, label: DOC_LABEL[docType] ?? docType }))
  const base = { workingDays: employmentWorkingDays(kind, level), outputs }
  if (!parsed.success) {
    const note = kind === 'non_beijing_settlement' ? '申请表数据不完整，无法逐项核对受理条件，请按申请材料审核' : eligibilityNote(kind)
    return { eligibility: [], eligibilityNote: note, ...base }
  }
  const form: EmploymentForm = parsed.data
  const applicant = store.sqlite.prepare('SELECT birth_date FROM applicants WHERE id = ?').get(c.applicant_id) as { birth_date: string } | undefined
  const applicationOn: IsoDate = officeDateOfStored(c.submitted_at) ?? c.submitted_at.slice(0, 10)
  const eligibility = eligibilityChecks({
    kind,
    form,
    birthDate: applicant?.birth_date ?? '',
    applicationOn,
    certification: certificationByNumber(store, form.certificationNumber.trim())
  })
  return { eligibility, eligibilityNote: eligibilityNote(kind), ...base }
}
