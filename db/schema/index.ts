import { sql } from 'drizzle-orm'
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** The desk's local case store. Times are ISO strings (UTC); dates are office-local `YYYY-MM-DD`. */
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`

export const staff = sqliteTable('staff', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['clerk', 'reviewer', 'supervisor', 'admin'] }).notNull(),
  /** `scrypt$N$r$p$salt$hash` (base64). */
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull().default(now),
  /** JSON array of the case types the account is limited to; null = every type of its role. */
  scopes: text('scopes'),
  /** Signed in with a temporary password: must choose a new one first. */
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  /** Grows with every password change or reset (at the exchange service on a synced desk). */
  credentialVersion: integer('credential_version').notNull().default(1),
  lastSignInAt: text('last_sign_in_at'),
  /** The exchange service's instant before which the account's sessions are over (as its directory last said). */
  sessionsEndedAt: text('sessions_ended_at'),
  /**
   * Grows whenever the account's sessions end (disabled, password changed or reset, role or scopes changed, ended by
   * an administrator, here or at the exchange service): a window signed in at a lower epoch is signed out.
   */
  sessionEpoch: integer('session_epoch').notNull().default(0)
})

/** Failed sign-ins on a standalone desk, per user name (the exchange service keeps its own): 5 in 15 minutes lock it for 15. */
export const signInFailures = sqliteTable('sign_in_failures', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: text('window_started_at').notNull(),
  lockedUntil: text('locked_until')
})

/** Administrative changes to accounts on a standalone desk (who, when, what). Append-only. */
export const staffEvents = sqliteTable(
  'staff_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorId: integer('actor_id').references(() => staff.id),
    actorName: text('actor_name').notNull(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    kind: text('kind').notNull(),
    detail: text('detail').notNull().default('')
  },
  (t) => [index('staff_events_staff').on(t.staffId, t.id)]
)

export const applicants = sqliteTable(
  'applicants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    nationality: text('nationality').notNull().default('中国'),
    idType: text('id_type').notNull().default('居民身份证'),
    idNumber: text('id_number').notNull(),
    idValidFrom: text('id_valid_from'),
    idValidTo: text('id_valid_to'),
    birthDate: text('birth_date').notNull(),
    ethnicity: text('ethnicity').notNull(),
    politicalStatus: text('political_status').notNull(),
    maritalStatus: text('marital_status').notNull(),
    fertilityStatus: text('fertility_status').notNull(),
    householdRegion: text('household_region').notNull(),
    mobile: text('mobile').notNull(),
    email: text('email').notNull(),
    contactName: text('contact_name').notNull(),
    contactMobile: text('contact_mobile').notNull(),
    passportNumber: text('passport_number').notNull().default(''),
    createdAt: text('created_at').notNull().default(now)
  },
  (t) => [uniqueIndex('applicants_id_number').on(t.idType, t.idNumber)]
)

export const archives = sqliteTable('archives', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  applicantId: integer('applicant_id')
    .notNull()
    .unique()
    .references(() => applicants.id),
  archiveNumber: text('archive_number').unique(),
  status: text('status', { enum: ['not_in', 'in_storage', 'transferred_out'] }).notNull().default('not_in'),
  category: text('category', { enum: ['unit', 'individual'] }).notNull().default('individual'),
  employer: text('employer'),
  feesPaidUntil: text('fees_paid_until'),
  dismissalDate: text('dismissal_date'),
  shelfLocation: text('shelf_location'),
  custodian: text('custodian'),
  updatedAt: text('updated_at').notNull().default(now)
})

/**
 * The archive's chain of custody and its moves in the office: received from whom (tracking number),
 * deposited, put on or moved between shelves, materials filed, transferred out to whom. Append-only.
 */
export const archiveCustody = sqliteTable(
  'archive_custody',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    archiveId: integer('archive_id')
      .notNull()
      .references(() => archives.id),
    at: text('at').notNull(),
    kind: text('kind', { enum: ['received', 'returned_to_sender', 'deposited', 'shelved', 'moved', 'materials_filed', 'transferred_out', 'updated'] }).notNull(),
    /** Shelf or agency the archive came from / went to. */
    fromPlace: text('from_place'),
    toPlace: text('to_place'),
    trackingNumber: text('tracking_number'),
    /** Not a foreign key: the case may be rebuilt by a resync. */
    caseId: text('case_id'),
    actorName: text('actor_name').notNull(),
    note: text('note').notNull().default('')
  },
  (t) => [index('archive_custody_archive').on(t.archiveId, t.id)]
)

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    caseNumber: text('case_number').notNull().unique(),
    type: text('type').notNull(),
    subtype: text('subtype').notNull(),
    state: text('state').notNull(),
    applicantId: integer('applicant_id')
      .notNull()
      .references(() => applicants.id),
    /**
     * Denormalised for the queue's search: `name idNumber mobile caseNumber`. Triggers keep the search indexes
     * (`cases_search`, trigram FTS5, and `case_name_grams`, 1–2-character name grams) in step (db/migrations/0011).
     */
    searchText: text('search_text').notNull(),
    form: text('form', { mode: 'json' }).notNull(),
    assigneeId: integer('assignee_id').references(() => staff.id),
    claimedAt: text('claimed_at'),
    submittedAt: text('submitted_at').notNull(),
    clockStartedOn: text('clock_started_on'),
    deadlineOn: text('deadline_on'),
    /** Working days of the running clock, or those left while it is paused (shared/domain/case-clock.ts). */
    clockDays: integer('clock_days'),
    /** Unused by the queue since 0010 (a virtual column's index is never covering; the queue orders by `deadline_on`). */
    dueKey: text('due_key').generatedAlwaysAs(sql`coalesce(deadline_on, '9999-12-31')`, { mode: 'virtual' }),
    version: integer('version').notNull().default(1),
    round: integer('round').notNull().default(1),
    updatedAt: text('updated_at').notNull().default(now)
  },
  // The work queue reads pages in deadline or submission order and filters on type, state, assignee
  // and search text: these indexes cover those columns so a page is read from the index alone, in order
  // (src/main/core/cases/queue.ts names the index of each shape; queue-plan.test.ts asserts the plans),
  // and capped counts never touch the wide rows (tools/bench/bench-queue.ts).
  (t) => [
    index('cases_queue_deadline').on(t.deadlineOn, t.caseNumber, t.type, t.state, t.assigneeId, t.searchText),
    index('cases_queue_assignee').on(t.assigneeId, t.deadlineOn, t.caseNumber, t.type, t.state, t.searchText),
    // Led by state: a page in submission order merges one ordered run per state asked for (no walk past closed cases).
    index('cases_queue_state_submitted').on(t.state, t.submittedAt, t.caseNumber, t.type, t.assigneeId, t.searchText),
    index('cases_queue_count').on(t.type, t.state, t.assigneeId, t.deadlineOn, t.searchText),
    index('cases_applicant').on(t.applicantId)
  ]
)

/** Content-addressed file bodies (attachments and issued PDFs), verified by SHA-256. */
export const blobs = sqliteTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull()
})

export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    materialCode: text('material_code').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    uploadedAt: text('uploaded_at').notNull().default(now)
  },
  (t) => [index('attachments_case').on(t.caseId), index('attachments_sha256').on(t.sha256)]
)

export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    at: text('at').notNull(),
    actorId: integer('actor_id').references(() => staff.id),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    reasons: text('reasons', { mode: 'json' }).notNull().default(sql`'[]'`),
    note: text('note').notNull().default(''),
    data: text('data', { mode: 'json' }).notNull().default(sql`'{}'`)
  },
  (t) => [index('case_events_case').on(t.caseId, t.id)]
)

/** Mutations waiting for the sync client (pushed in `seq` order, each with a unique id). */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    caseId: text('case_id').references(() => cases.id),
    name: text('name').notNull(),
    args: text('args', { mode: 'json' }).notNull(),
    baseVersion: integer('base_version'),
    /** The desk's staff member who acted (pushed only under their own server session); null on rows from before it was recorded. */
    actorId: integer('actor_id').references(() => staff.id),
    /** `quarantined`: set aside, held for an administrator (core/sync/quarantine.ts); `discarded`: given up by one (kept). */
    status: text('status', { enum: ['pending', 'applied', 'rejected', 'quarantined', 'discarded'] }).notNull().default('pending'),
    result: text('result', { mode: 'json' }),
    createdAt: text('created_at').notNull().default(now)
  },
  (t) => [index('outbox_status').on(t.status, t.seq)]
)

export const issuedDocuments = sqliteTable(
  'issued_documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    docType: text('doc_type').notNull(),
    number: text('number').notNull().unique(),
    verificationCode: text('verification_code').notNull().unique(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    fileName: text('file_name').notNull(),
    issuedById: integer('issued_by_id').references(() => staff.id),
    issuedAt: text('issued_at').notNull(),
    voidedAt: text('voided_at'),
    voidReason: text('void_reason'),
    /**
     * `draft` (watermarked, unsigned) until a supervisor signs it in the print console; then `issued` (sealed,
     * digitally signed: `signed_sha256` is the final PDF); `void` (作废, with reason) or `revoked` (撤销).
     */
    status: text('status', { enum: ['draft', 'issued', 'void', 'revoked'] }).notNull().default('draft'),
    /** The template's input (JSON): the final letter is rendered from the same data as the draft. */
    data: text('data', { mode: 'json' }),
    signedSha256: text('signed_sha256').references(() => blobs.sha256),
    signedAt: text('signed_at'),
    signedById: integer('signed_by_id').references(() => staff.id),
    voidedById: integer('voided_by_id').references(() => staff.id)
  },
  (t) => [index('issued_documents_case').on(t.caseId), index('issued_documents_status').on(t.status, t.issuedAt)]
)

/** Every time a letter was printed or saved (who, when, why for a reprint); keyed by the letter's number. */
export const documentPrints = sqliteTable(
  'document_prints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull(),
    kind: text('kind', { enum: ['print', 'reprint', 'save'] }).notNull(),
    reason: text('reason').notNull().default(''),
    printer: text('printer'),
    at: text('at').notNull(),
    actorId: integer('actor_id').references(() => staff.id),
    actorName: text('actor_name').notNull()
  },
  (t) => [index('document_prints_number').on(t.number, t.id)]
)

/**
 * Numbers drawn but never on a valid letter (a letter the exchange service refused, a block left unused):
 * each with the reason, so the number ledger explains every gap.
 */
export const numberVoids = sqliteTable(
  'number_voids',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `<docType>:<year>` or `archive_number:<year>`. */
    counter: text('counter').notNull(),
    serial: integer('serial').notNull(),
    reason: text('reason').notNull(),
    at: text('at').notNull(),
    actorName: text('actor_name').notNull().default('')
  },
  (t) => [uniqueIndex('number_voids_counter_serial').on(t.counter, t.serial)]
)

/** Letter numbering per document type and year: numbers are never reused. */
export const documentCounters = sqliteTable('document_counters', {
  key: text('key').primaryKey(),
  last: integer('last').notNull()
})

/**
 * Number blocks the exchange service handed this desk (counter `<docType>:<year>` or `archive_number:<year>`):
 * with a server, letter and archive numbers come from here (`next` = the first unused), so desks working
 * offline never issue the same number. A desk working alone uses `document_counters`.
 */
export const numberBlocks = sqliteTable(
  'number_blocks',
  {
    counter: text('counter').notNull(),
    first: integer('first').notNull(),
    last: integer('last').notNull(),
    next: integer('next').notNull(),
    receivedAt: text('received_at').notNull(),
    /** The service's signed receipt for the block: presented with it after a restore (PROTOCOL.md, Numbers). */
    receipt: text('receipt')
  },
  (t) => [uniqueIndex('number_blocks_counter_first').on(t.counter, t.first)]
)

/** Office overrides of the statutory calendar (a changed notice, or a year the package lacks). */
export const calendarOverrides = sqliteTable('calendar_overrides', {
  date: text('date').primaryKey(),
  kind: text('kind', { enum: ['workday', 'holiday'] }).notNull(),
  note: text('note').notNull().default(''),
  createdAt: text('created_at').notNull().default(now)
})

/** Years the office has entered completely by hand (beyond what chinese-days publishes). */
export const calendarYears = sqliteTable('calendar_years', {
  year: integer('year').primaryKey(),
  note: text('note').notNull().default('')
})

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})

/**
 * The sync client's own state (see server/PROTOCOL.md), one value per key: `clientId`, `cursor`,
 * `serverUrl`, `token`, `staff` (JSON of the server's staff record), `lastSyncAt`, `lastError`.
 */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})

/** A pushed mutation the exchange service rejected: shown to the clerk until discarded or reclaimed. */
export const attention = sqliteTable(
  'attention',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Not a foreign key: a resync may rebuild the mirror while the item is still open. */
    caseId: text('case_id'),
    mutationId: text('mutation_id').notNull().unique(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    createdAt: text('created_at').notNull().default(now),
    resolvedAt: text('resolved_at'),
    resolution: text('resolution', { enum: ['discarded', 'reclaimed', 'retried'] })
  },
  (t) => [index('attention_open').on(t.resolvedAt, t.id)]
)

/**
 * One row: how many times the cases or the open attention items really changed (moved by triggers on both tables,
 * migration 0009). The change feed (core/api/changes.ts) compares it instead of scanning `cases`.
 */
export const changeCounter = sqliteTable('change_counter', {
  id: integer('id').primaryKey(),
  n: integer('n').notNull().default(0)
})

/** The fencing token of the server lease on a case (from a claim's result or the pulled snapshot). */
export const leases = sqliteTable('leases', {
  caseId: text('case_id')
    .primaryKey()
    .references(() => cases.id),
  leaseToken: integer('lease_token').notNull(),
  expiresAt: text('expires_at')
})

/** The exchange service's staff ids mapped to this desk's `staff` rows (assignees, event actors). */
export const syncStaff = sqliteTable('sync_staff', {
  /** Text: whatever the server uses as ids (numbers are stored as their decimal text). */
  serverId: text('server_id').primaryKey(),
  staffId: integer('staff_id')
    .notNull()
    .references(() => staff.id)
})
export * from './programmes'
