import type { ArchiveCategory, ArchiveStatus, CustodyKind } from '../domain/archive'

/** One line of 档案查询's results: where the archive is, at a glance (PII masked). */
export interface ArchiveRow {
  id: number
  archiveNumber: string | null
  /** Masked (`刘*`). */
  name: string
  idType: string
  /** Masked (`1301**********880X`). */
  idNumber: string
  status: ArchiveStatus
  category: ArchiveCategory
  shelfLocation: string | null
  /** The agency holding it when it is not (or no longer) here; null = this office. */
  custodian: string | null
  feesPaidUntil: string | null
}

export interface ArchivePage {
  rows: ArchiveRow[]
  total: number
  page: number
  pageSize: number
  /**
   * The archive the query names exactly (its full archive number, or its holder's full ID number), if any:
   * Enter in the search box opens it directly.
   */
  exactId: number | null
}

export interface CustodyEntryView {
  id: number
  at: string
  kind: CustodyKind
  kindLabel: string
  /** Null = this office's archive room. */
  fromPlace: string | null
  toPlace: string | null
  trackingNumber: string | null
  caseId: string | null
  caseNumber: string | null
  actor: string
  note: string
}

export interface ArchiveCaseView {
  id: string
  caseNumber: string
  type: string
  subtype: string
  state: string
  submittedAt: string
  /** The signed-in role works on this case type (the case can be opened). */
  canOpen: boolean
}

/** 档案查询's detail: the record, its chain of custody (oldest first) and its holder's cases (newest first). */
export interface ArchiveDetail {
  id: number
  archiveNumber: string | null
  status: ArchiveStatus
  category: ArchiveCategory
  employer: string | null
  feesPaidUntil: string | null
  dismissalDate: string | null
  shelfLocation: string | null
  custodian: string | null
  updatedAt: string
  applicant: { id: number; name: string; sex: 'male' | 'female'; idType: string; idNumber: string; birthDate: string; mobile: string }
  custody: CustodyEntryView[]
  cases: ArchiveCaseView[]
  /** Register changes made on this desk the exchange service has not confirmed yet. */
  pendingSync: number
}
