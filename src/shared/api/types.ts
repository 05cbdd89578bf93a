import type { IsoDate } from '../domain/calendar'
import type { Role } from '../domain/roles'

export interface StaffSession {
  id: number
  username: string
  displayName: string
  role: Role
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
  total: number
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
  form: ArchiveDepositForm
  archiveNumber: string | null
  assignee: StaffRef | null
  deadline: Deadline
  attachments: AttachmentView[]
  events: CaseEventView[]
  documents: IssuedDocumentView[]
  /** Actions the signed-in staff member may take now. */
  actions: string[]
}

export interface ActResult {
  detail: CaseDetail
  /** The document issued by the action, if any. */
  documentId: number | null
}

export interface FileContent {
  fileName: string
  mime: string
  base64: string
}
