import type { CaseDetail, StaffSession } from '../../../shared/api/types'
import type { IsoDate, WorkingCalendar } from '../../../shared/domain/calendar'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { DOCUMENT_LABEL } from '../../../shared/domain/numbers'
import type { DocumentStatus } from '../../../shared/api/documents'
import type { CaseTypeDef } from '../../../shared/domain/case-type'
import { type Access, inScope, outOfScopeMessage } from '../../../shared/domain/staff'
import { availableActions } from '../../../shared/domain/workflow'
import { DomainError } from '../../../shared/result'
import type { Store } from '../store'
import { archiveFacts, caseChecks } from './checks'
import { caseWorkbench } from './certification-workbench'
import { describeDeadline } from './deadline'
import { storedForm } from './form'

export interface CaseRow {
  id: string
  case_number: string
  type: string
  subtype: string
  state: string
  applicant_id: number
  form: string
  assignee_id: number | null
  submitted_at: string
  deadline_on: string | null
  clock_started_on: string | null
  clock_days: number | null
  version: number
  round: number
}

export function getCaseRow(store: Store, id: string): CaseRow {
  const row = store.sqlite.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined
  if (!row) throw new DomainError('NOT_FOUND', '找不到该业务，可能已被删除')
  return row
}

/** The case type's definition, if this account works on it at all (its role and scopes: sees its data and files). */
export function requireWorksOn(type: string, me: Access): CaseTypeDef {
  const def = caseTypeDef(type)
  if (!def) throw new DomainError('NOT_FOUND', `未知的业务类型：${type}`)
  if (!inScope(me, type)) throw new DomainError('FORBIDDEN', outOfScopeMessage(me, def.label))
  return def
}

const DOC_LABEL: Record<string, string> = DOCUMENT_LABEL

/** Everything the case screen shows; full (unmasked) applicant data, for the staff member handling it. */
export function getCaseDetail(store: Store, calendar: WorkingCalendar, today: IsoDate, id: string, me: StaffSession): CaseDetail {
  const c = getCaseRow(store, id)
  const def = requireWorksOn(c.type, me)
  const sql = store.sqlite
  const a = sql.prepare('SELECT * FROM applicants WHERE id = ?').get(c.applicant_id) as Record<string, string | number>
  const archive = sql.prepare('SELECT archive_number, shelf_location FROM archives WHERE applicant_id = ?').get(c.applicant_id) as
    | { archive_number: string | null; shelf_location: string | null }
    | undefined
  const facts = archiveFacts(store, c.applicant_id)
  const assignee = c.assignee_id
    ? (sql.prepare('SELECT id, display_name AS name FROM staff WHERE id = ?').get(c.assignee_id) as { id: number; name: string })
    : null
  const materialLabel = new Map(def.materials.map((m) => [m.code, m.label]))
  const attachments = (
    sql
      .prepare('SELECT id, material_code, file_name, mime, size, sha256 FROM attachments WHERE case_id = ? ORDER BY id')
      .all(id) as { id: number; material_code: string; file_name: string; mime: string; size: number; sha256: string }[]
  ).map((r) => ({
    id: r.id,
    materialCode: r.material_code,
    materialLabel: materialLabel.get(r.material_code) ?? r.material_code,
    fileName: r.file_name,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256
  }))
  const events = (
    sql.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY id').all(id) as {
      id: number
      at: string
      actor_name: string
      action: string
      from_state: string | null
      to_state: string | null
      reasons: string
      note: string
      data: string
    }[]
  ).map((e) => ({
    id: e.id,
    at: e.at,
    actor: e.actor_name,
    action: e.action,
    actionLabel: def.actions[e.action]?.label ?? EVENT_LABEL[e.action] ?? e.action,
    fromState: e.from_state,
    toState: e.to_state,
    reasons: JSON.parse(e.reasons),
    note: e.note,
    data: JSON.parse(e.data)
  }))
  const documents = (
    sql
      .prepare('SELECT id, doc_type, number, verification_code, issued_at, file_name, status, void_reason FROM issued_documents WHERE case_id = ? ORDER BY id')
      .all(id) as { id: number; doc_type: string; number: string; verification_code: string; issued_at: string; file_name: string; status: DocumentStatus; void_reason: string | null }[]
  ).map((d) => ({
    id: d.id,
    docType: d.doc_type,
    docLabel: DOC_LABEL[d.doc_type] ?? d.doc_type,
    number: d.number,
    verificationCode: d.verification_code,
    issuedAt: d.issued_at,
    fileName: d.file_name,
    status: d.status,
    voidReason: d.void_reason
  }))
  const snap = { type: c.type, state: c.state, assigneeId: c.assignee_id }
  return {
    id: c.id,
    caseNumber: c.case_number,
    type: c.type,
    subtype: c.subtype,
    state: c.state,
    version: c.version,
    submittedAt: c.submitted_at,
    applicant: {
      id: a.id as number,
      name: a.name as string,
      sex: a.sex as 'male' | 'female',
      nationality: a.nationality as string,
      idType: a.id_type as string,
      idNumber: a.id_number as string,
      birthDate: a.birth_date as string,
      ethnicity: a.ethnicity as string,
      politicalStatus: a.political_status as string,
      maritalStatus: a.marital_status as string,
      fertilityStatus: a.fertility_status as string,
      householdRegion: a.household_region as string,
      mobile: a.mobile as string,
      email: a.email as string,
      contactName: a.contact_name as string,
      contactMobile: a.contact_mobile as string,
      passportNumber: a.passport_number as string
    },
    // The parsed form, or (not matching its schema) what was stored and the problem: never a crash here.
    ...(({ form, problem }) => ({ form, formProblem: problem }))(storedForm(c)),
    archiveNumber: archive?.archive_number ?? null,
    archiveRecord: facts && { ...facts, shelfLocation: archive?.shelf_location ?? null },
    ruleChecks: caseChecks(store, c, today),
    assignee,
    deadline: describeDeadline(calendar, today, { type: c.type, state: c.state, clockStartedOn: c.clock_started_on, clockDays: c.clock_days, deadlineOn: c.deadline_on }),
    attachments,
    events,
    documents,
    actions: availableActions(def, snap, { id: me.id, role: me.role, name: me.displayName }),
    // The certification workbench / the employment desk's view (certification-workbench.ts).
    ...caseWorkbench(store, c, today)
  }
}

const EVENT_LABEL: Record<string, string> = { submit: '提交申请', claim: '认领', release: '释放' }
