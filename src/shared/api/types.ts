import type { IsoDate, OverrideKind } from '../domain/calendar'
import type { ArchiveFacts, RuleCheck } from '../domain/certificate-rules'
import type { Role } from '../domain/roles'
import type { DocumentStatus } from './documents'

export interface StaffSession {
  id: number
  username: string
  displayName: string
  role: Role
  /** The case types the account is limited to; null = every type of its role (shared/domain/staff.ts). */
  scopes: string[] | null
  /** Signed in with a temporary password: nothing but choosing a new one until it is changed. */
  mustChangePassword: boolean
}

export interface StaffRef {
  id: number
  name: string
}

export interface Deadline {
  /** Date the working-day clock expires, or null when no clock runs in this state. */
  date: IsoDate | null
  /** Working days left (0 = due today, negative = overdue); null when there is no deadline. */
  remaining: number | null
  /** Set when the deadline cannot be computed (e.g. a year beyond the known calendar). */
  error?: string
  /** What the clock is for (申请审核 / 档案审核). */
  label?: string
  /**
   * The clock is paused (waiting for a foreign institution or the applicant): since when, why, the working days
   * left, and where it would end if the case resumed today (moves every day the pause lasts).
   */
  paused?: { since: IsoDate; label: string; daysLeft: number | null; expectedOn: IsoDate | null }
}

export interface QueueRow {
  id: string
  caseNumber: string
  type: string
  subtype: string
  state: string
  applicantName: string
  idNumber: string
  mobile: string
  assignee: StaffRef | null
  submittedAt: string
  deadline: Deadline
  version: number
}

export interface QueuePage {
  rows: QueueRow[]
  /** Matching cases, exact up to 1,000; on a page beyond the first 1,000 cases, those up to the end of the page. */
  total: number
  /** More cases match than `total`: shown as "共 1000+ 件", and the pager may always go one page further. */
  totalCapped: boolean
  page: number
  pageSize: number
  today: IsoDate
}

export interface CvEntry {
  from: string
  to: string
  organisation: string
  role: string
}

export interface OverseasStudy {
  from: string
  to: string
  institution: string
  degree: string
  certificationNumber: string
}

export interface ApplicantView {
  id: number
  name: string
  sex: 'male' | 'female'
  nationality: string
  idType: string
  idNumber: string
  birthDate: IsoDate
  ethnicity: string
  politicalStatus: string
  maritalStatus: string
  fertilityStatus: string
  householdRegion: string
  mobile: string
  email: string
  contactName: string
  contactMobile: string
  passportNumber: string
}

export interface ArchiveDepositForm {
  cv: CvEntry[]
  overseas: OverseasStudy[]
  custodian: string
  custodianAddress?: string
  agreementAccepted: boolean
}

/** Any case type's form, as the applicant sent it: read it as the type's own form (ArchiveDepositForm, TransferOutForm …). */
export type CaseForm = Record<string, unknown>

export interface ArchiveRecordView extends ArchiveFacts {
  shelfLocation: string | null
}

export interface AttachmentView {
  id: number
  materialCode: string
  materialLabel: string
  fileName: string
  mime: string
  size: number
  sha256: string
}

export interface CaseEventView {
  id: number
  at: string
  actor: string
  action: string
  actionLabel: string
  fromState: string | null
  toState: string | null
  reasons: { material: string; text: string }[]
  note: string
  data: Record<string, unknown>
}

export interface IssuedDocumentView {
  id: number
  docType: string
  docLabel: string
  number: string
  verificationCode: string
  issuedAt: string
  fileName: string
  /** 草稿 / 已签章 / 已作废 on the case page (voided letters stay listed, greyed, with their reason); the content served is the signed PDF once issued. */
  status: DocumentStatus
  voidReason: string | null
}

export interface CaseDetail {
  id: string
  caseNumber: string
  type: string
  subtype: string
  state: string
  version: number
  submittedAt: string
  applicant: ApplicantView
  /**
   * The applicant's form, shaped as the case type's (ArchiveDepositForm; the other types' in domain/case-types/*)
   * when `formProblem` is null (then it is the parsed form). Otherwise the stored form does not match its type's
   * schema (an older service, an old record): `form` is what was stored, as far as it is an object — do not
   * render it with the type's form view; show `formProblem` (Chinese, with the field) instead.
   */
  form: CaseForm
  formProblem: string | null
  archiveNumber: string | null
  /** The applicant's archive in the register (what the archive rules read; shelf location to fetch it), if any. */
  archiveRecord: ArchiveRecordView | null
  /** The case type's archive rules as they stand now (certificate requests, transfer out, material filing); null when it has none. */
  ruleChecks: RuleCheck[] | null
  assignee: StaffRef | null
  deadline: Deadline
  attachments: AttachmentView[]
  events: CaseEventView[]
  documents: IssuedDocumentView[]
  /** Actions the signed-in staff member may take now. */
  actions: string[]
  /** The certification workbench (degree certification, re-review, refund); absent for other types. */
  certification?: CertificationWorkbench
  /** The employment-registration desk's view (eligibility rows, deadline, letters); absent for other types. */
  employment?: EmploymentWorkbench
}

/** A case related to this one: the certification a re-review or refund is about, or the re-reviews/refunds of a certification. */
export interface RelatedCaseView {
  id: string
  caseNumber: string
  type: string
  typeLabel: string
  state: string
  stateLabel: string
}

/** What the certification reviewer sees beside the documents (shared/domain/certification-rules.ts computes most of it). */
export interface CertificationWorkbench {
  /** The clock's length and why (类别“英国” / 绿色通道 …), from the office's time-limit table; null for refunds. */
  timeLimit: { workingDays: number; basis: string } | null
  /** The study history's gaps, overlaps and missing high school. */
  studyFindings: { kind: string; severity: 'error' | 'warning'; text: string }[]
  /** Time abroad from the entry/exit records up to the degree's award (or today); `error` when the records are inconsistent. */
  abroad: { days: number; stays: { exitOn: IsoDate; entryOn: IsoDate | null; days: number }[]; error?: string } | null
  /** The same file (by SHA-256) or the same diploma number under another applicant. */
  duplicates: { kind: 'file' | 'diploma'; caseId: string; caseNumber: string; applicantName: string; detail: string }[]
  /** The joint programme in the register (code on the form), `missing` when the code is not in it, null when not a joint programme. */
  programme: { code: string; name: string; chineseInstitution: string; foreignInstitution: string; status: string } | 'missing' | null
  /** The latest foreign verification: sent when and to whom, reply due, answered or overdue. */
  verification: {
    sentOn: IsoDate
    recipient: string
    reasonCode: string
    replyDueOn: IsoDate
    answeredOn: IsoDate | null
    outcome: string | null
    overdue: boolean
  } | null
  /** The payment (360 CNY) and what became of it. */
  payment: { amount: number; paidAt: string; transactionId: string; cardTail: string; refund: 'none' | 'requested' | 'refunded' } | null
  related: RelatedCaseView[]
}

export interface EmploymentWorkbench {
  /** Non-Beijing settlement: each rule passed / failed / needs evidence with the data it used (employment-rules.ts). */
  eligibility: { key: string; label: string; status: 'passed' | 'failed' | 'needs_evidence'; data: string }[]
  eligibilityNote: string | null
  workingDays: number
  /** The letters approval issues for this kind (labels). */
  outputs: { docType: string; label: string }[]
}

export interface ActResult {
  detail: CaseDetail
  /** The (first) document issued by the action, if any. */
  documentId: number | null
  /** Every document the action issued, in order (empty if none). */
  documentIds: number[]
}

export interface FileContent {
  fileName: string
  mime: string
  base64: string
}

export interface CalendarDay {
  date: IsoDate
  /** Whether deadlines count this day; null while its year's holiday notice is not entered. */
  working: boolean | null
  /** What decides the day: the office's override, the official notice, or the day of the week. */
  source: 'statutory' | 'override' | 'weekend' | 'weekday'
  /** Set when `source` is 'override' (also in a year not yet known, where `working` is null). */
  kind?: OverrideKind
  /** The holiday's name (国庆节) for a statutory day, the office's note for an override, else ''. */
  note: string
}

export interface CalendarMonth {
  year: number
  month: number
  /** Deadlines in this year can be computed (built in, or declared by the office). */
  known: boolean
  /** `chinese-days` carries this year's official notice. */
  builtIn: boolean
  /** The office has declared the year entered completely (calendar_years). */
  declared: boolean
  /** Office overrides entered anywhere in this year. */
  yearOverrides: number
  days: CalendarDay[]
}

/** The result of a calendar change: the stored deadlines of running cases were recomputed with it. */
export interface CalendarChange {
  /** Running cases whose stored deadline changed. */
  recomputed: number
  /** Running cases whose deadline still cannot be computed (their stored deadline is kept). */
  unresolved: number
  /** Who made the change, and when (there is no calendar audit table yet). */
  actor: string
  at: string
}

/** The desk's link to the exchange service (`standalone`: no server configured, the desk works alone). */
export interface SyncStatus {
  mode: 'sync' | 'standalone'
  /** The last call to the exchange service got through. */
  online: boolean
  /** A server session is kept (sync runs); false after a 401 until the clerk signs in again. */
  signedIn: boolean
  /** Outbox mutations not yet accepted or refused by the server. */
  pending: number
  lastSyncAt: string | null
  lastError: string | null
  /** Open attention items (mutations the server refused). */
  attention: number
}

/** This desk's clock against the exchange service's (`offsetMs` = service − desk, as last measured). */
export interface DeskClockStatus {
  offsetMs: number
  measuredAt: string
  /** The tolerance (5 minutes): beyond it the clerk is told and letters are refused (`CLOCK_SKEW`). */
  maxSkewMs: number
  skewed: boolean
}

/** `sync.status` as a window sees it: the sync client's state, and whether the desk's data moved underneath. */
export interface DeskSyncStatus extends SyncStatus {
  /** The desk's clock offset from the exchange service (null: never measured, e.g. a desk working alone). */
  clock?: DeskClockStatus | null
  /**
   * Changes of the cases or the open attention items a sync round (or another window) made since the desk
   * started; a window refetches what it shows when this differs from what it last saw (compare, never order).
   */
  changes: number
}

/** `sync.changed`, main → renderer: the sync state or the desk's data changed; `changes` as in `DeskSyncStatus`. */
export interface SyncChanged {
  changes: number
}

/** A mutation the exchange service refused, explained (已由 李四 于 10:42 退回修改；您的“审核通过”未生效). */
export interface AttentionItem {
  id: number
  caseId: string | null
  caseNumber: string | null
  mutationId: string
  code: string
  message: string
  createdAt: string
}
