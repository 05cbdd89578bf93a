import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  primaryKey,
  serial,
  pgTable,
  text,
  timestamp,
  uniqueIndex
} from 'drizzle-orm/pg-core'

/**
 * The exchange service's PostgreSQL schema: the same concepts as the desk's SQLite store (db/schema),
 * plus what only the authority keeps (sessions, leases, the mutation record, the change log).
 * Instants are timestamptz; office dates are `YYYY-MM-DD` text, as on the desk.
 */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v)
})

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export const staff = pgTable('staff', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['clerk', 'reviewer', 'supervisor', 'admin'] }).notNull(),
  /** `scrypt$N$r$p$salt$hash` (base64), the desk's format. */
  passwordHash: text('password_hash').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: instant('created_at').notNull().defaultNow(),
  /** The case types the account is limited to; null = every type of its role. */
  scopes: jsonb('scopes').$type<string[]>(),
  /** Signed in with a temporary password: must choose a new one before anything else. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** Grows with every password change or reset (desks drop their cached credential of an older one). */
  credentialVersion: integer('credential_version').notNull().default(1),
  lastSignInAt: instant('last_sign_in_at'),
  /** Sessions started before this instant are over (desks end their windows' sessions of it too). */
  sessionsEndedAt: instant('sessions_ended_at')
})

/**
 * Bearer sessions: only the SHA-256 of the token is stored. An ended session keeps its row (with why it
 * ended) until it would have expired, so the desk is told why (`SESSION_ENDED`, `ACCOUNT_DISABLED`, …).
 */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    /** The session's public id (the administrator's list; never the token). */
    publicId: text('public_id').notNull().unique().default(sql`gen_random_uuid()::text`),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    createdAt: instant('created_at').notNull().defaultNow(),
    expiresAt: instant('expires_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    clientId: text('client_id'),
    deskName: text('desk_name'),
    ip: text('ip'),
    endedAt: instant('ended_at'),
    endReason: text('end_reason', { enum: ['signed_out', 'revoked', 'disabled', 'password_changed', 'password_reset', 'role_changed', 'idle'] })
  },
  (t) => [index('sessions_staff').on(t.staffId)]
)

/**
 * Desk installations by their `clientId`, registered at their first sign-in: the SHA-256 of the desk's own
 * random key (`deskKey`, kept in its store) binds the id to that installation — a sign-in naming the id with
 * another key is refused, so nobody syncs as another desk. Null key: a desk from before keys (the first key
 * presented is kept).
 */
export const desks = pgTable('desks', {
  clientId: text('client_id').primaryKey(),
  keyHash: text('key_hash'),
  deskName: text('desk_name'),
  registeredAt: instant('registered_at').notNull(),
  registeredById: integer('registered_by_id').references(() => staff.id),
  lastSignInAt: instant('last_sign_in_at').notNull(),
  lastStaffId: integer('last_staff_id').references(() => staff.id)
})

/** Administrative changes to accounts (who, when, what); actor null = the service's own CLI. Append-only. */
export const staffEvents = pgTable(
  'staff_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull(),
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

export const applicants = pgTable(
  'applicants',
  {
    id: serial('id').primaryKey(),
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
    createdAt: instant('created_at').notNull().defaultNow()
  },
  (t) => [uniqueIndex('applicants_id_number').on(t.idType, t.idNumber)]
)

export const archives = pgTable('archives', {
  id: serial('id').primaryKey(),
  applicantId: integer('applicant_id')
    .notNull()
    .unique()
    .references(() => applicants.id),
  archiveNumber: text('archive_number').unique(),
  status: text('status', { enum: ['not_in', 'in_storage', 'transferred_out'] }).notNull().default('not_in'),
  category: text('category', { enum: ['unit', 'individual'] }).notNull().default('individual'),
  employer: text('employer'),
  /** 缴费截止时间 `YYYY-MM`. */
  feesPaidUntil: text('fees_paid_until'),
  /** 解聘时间 `YYYY-MM-DD`. */
  dismissalDate: text('dismissal_date'),
  shelfLocation: text('shelf_location'),
  custodian: text('custodian'),
  updatedAt: instant('updated_at').notNull().defaultNow()
})

/** The archive's chain of custody (same meaning as the desk's table). Append-only. */
export const archiveCustody = pgTable(
  'archive_custody',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    archiveId: integer('archive_id')
      .notNull()
      .references(() => archives.id),
    at: instant('at').notNull(),
    kind: text('kind', { enum: ['received', 'returned_to_sender', 'deposited', 'shelved', 'moved', 'materials_filed', 'transferred_out', 'updated'] }).notNull(),
    fromPlace: text('from_place'),
    toPlace: text('to_place'),
    trackingNumber: text('tracking_number'),
    caseId: text('case_id'),
    actorId: integer('actor_id').references(() => staff.id),
    actorName: text('actor_name').notNull(),
    note: text('note').notNull().default('')
  },
  (t) => [index('archive_custody_archive').on(t.archiveId, t.id)]
)

export const cases = pgTable(
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
    form: jsonb('form').notNull(),
    version: integer('version').notNull().default(1),
    round: integer('round').notNull().default(1),
    submittedAt: instant('submitted_at').notNull(),
    clockStartedOn: text('clock_started_on'),
    deadlineOn: text('deadline_on'),
    /** Working days of the running clock, or those left while it is paused (shared/domain/case-clock.ts). */
    clockDays: integer('clock_days'),
    /** The claim: a lease on the server clock; `leaseToken` counts grants (fencing token). */
    leaseHolderId: integer('lease_holder_id').references(() => staff.id),
    leaseToken: bigint('lease_token', { mode: 'number' }).notNull().default(0),
    leaseExpiresAt: instant('lease_expires_at'),
    updatedAt: instant('updated_at').notNull().defaultNow()
  },
  (t) => [index('cases_applicant').on(t.applicantId), index('cases_type_state').on(t.type, t.state)]
)

/** Append-only history; `data.notice` is the text the portal sends the applicant. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    at: instant('at').notNull(),
    actorId: integer('actor_id').references(() => staff.id),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    reasons: jsonb('reasons').notNull().default(sql`'[]'::jsonb`),
    note: text('note').notNull().default(''),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`)
  },
  (t) => [index('case_events_case').on(t.caseId, t.id)]
)

/** Content-addressed file bodies (attachments and issued PDFs), verified by SHA-256. */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  data: bytea('data').notNull(),
  createdAt: instant('created_at').notNull().defaultNow()
})

export const attachments = pgTable(
  'attachments',
  {
    id: serial('id').primaryKey(),
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
    uploadedAt: instant('uploaded_at').notNull().defaultNow()
  },
  (t) => [index('attachments_case').on(t.caseId)]
)

export const issuedDocuments = pgTable(
  'issued_documents',
  {
    id: serial('id').primaryKey(),
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
    issuedAt: instant('issued_at').notNull(),
    /**
     * `draft` until a supervisor signs it (sealed, digitally signed), then `issued`; `void` (作废) or
     * `revoked` (撤销) with the reason and when. The verification page says which.
     */
    status: text('status', { enum: ['draft', 'issued', 'void', 'revoked'] }).notNull().default('draft'),
    statusReason: text('status_reason'),
    statusAt: instant('status_at'),
    /** The template's input: any desk can render the final letter from the same data as the draft. */
    data: jsonb('data'),
    signedSha256: text('signed_sha256').references(() => blobs.sha256),
    signedAt: instant('signed_at'),
    signedById: integer('signed_by_id').references(() => staff.id)
  },
  (t) => [index('issued_documents_case').on(t.caseId)]
)

/** Every print, reprint or save of a letter (who, when, why), keyed by the letter's number. */
export const documentPrints = pgTable(
  'document_prints',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    number: text('number').notNull(),
    kind: text('kind', { enum: ['print', 'reprint', 'save'] }).notNull(),
    reason: text('reason').notNull().default(''),
    printer: text('printer'),
    at: instant('at').notNull(),
    actorId: integer('actor_id').references(() => staff.id),
    actorName: text('actor_name').notNull()
  },
  (t) => [index('document_prints_number').on(t.number, t.id)]
)

/**
 * Every download of a signed letter through the applicant portal (seed 002 "自行下载打印", 003 §3.5, 004): which
 * letter of which application, when, and who asked as the portal said it (its `x-portal-user`, the applicant's
 * account there) from which address.
 */
export const portalDownloads = pgTable(
  'portal_downloads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: integer('document_id')
      .notNull()
      .references(() => issuedDocuments.id),
    caseId: text('case_id').notNull(),
    at: instant('at').notNull(),
    portalUser: text('portal_user'),
    address: text('address')
  },
  (t) => [index('portal_downloads_document').on(t.documentId, t.id)]
)

/** Numbers drawn but never on a valid letter, with the reason: the number ledger explains every gap. */
export const numberVoids = pgTable(
  'number_voids',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    counter: text('counter').notNull(),
    serial: bigint('serial', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    at: instant('at').notNull(),
    actorId: integer('actor_id').references(() => staff.id),
    actorName: text('actor_name').notNull().default('')
  },
  (t) => [uniqueIndex('number_voids_counter_serial').on(t.counter, t.serial)]
)

/** Every check on the public verification page (found or not), for the office's audit. */
export const verificationChecks = pgTable(
  'verification_checks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The code as typed (trimmed, at most 40 characters). */
    code: text('code').notNull(),
    documentId: integer('document_id').references(() => issuedDocuments.id),
    checkedAt: instant('checked_at').notNull(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull().default('')
  },
  (t) => [index('verification_checks_document').on(t.documentId), index('verification_checks_at').on(t.checkedAt)]
)

/** Numbers the server assigns (archive numbers, case numbers): never reused. */
export const counters = pgTable('counters', {
  key: text('key').primaryKey(),
  last: bigint('last', { mode: 'number' }).notNull()
})

/** Every pushed mutation with its result: a repeat of (client_id, seq) or id is answered from here. */
export const mutations = pgTable(
  'mutations',
  {
    clientId: text('client_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: text('id').notNull().unique(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    name: text('name').notNull(),
    caseId: text('case_id'),
    args: jsonb('args').notNull(),
    baseVersion: integer('base_version'),
    leaseToken: bigint('lease_token', { mode: 'number' }),
    status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
    result: jsonb('result').notNull(),
    createdAt: instant('created_at').notNull().defaultNow()
  },
  (t) => [primaryKey({ columns: [t.clientId, t.seq] }), index('mutations_client_case').on(t.clientId, t.caseId, t.name)]
)

/** The change log desks pull: appended under an advisory lock in the case's transaction, so seq order is commit order. */
export const changes = pgTable(
  'changes',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    /** The case type: pulls are scoped by the types a role works on. */
    scope: text('scope').notNull(),
    committedAt: instant('committed_at').notNull().defaultNow()
  },
  (t) => [index('changes_scope_seq').on(t.scope, t.seq), index('changes_case_seq').on(t.caseId, t.seq)]
)

/** Office overrides of the statutory calendar (same meaning as the desk's tables). */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: text('date').primaryKey(),
  kind: text('kind', { enum: ['workday', 'holiday'] }).notNull(),
  note: text('note').notNull().default('')
})

export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  note: text('note').notNull().default('')
})

/** `epoch`: a UUID naming this database's history; a restore sets a new one and desks resync. */
export const serverMeta = pgTable('server_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})

/**
 * Blocks of a never-reused counter (`<docType>:<year>` letter numbers, `archive_number:<year>`) handed to
 * one desk installation, so desks can number letters offline without two desks using the same number.
 */
export const numberBlocks = pgTable(
  'number_blocks',
  {
    id: serial('id').primaryKey(),
    counter: text('counter').notNull(),
    clientId: text('client_id').notNull(),
    staffId: integer('staff_id').references(() => staff.id),
    first: bigint('first', { mode: 'number' }).notNull(),
    last: bigint('last', { mode: 'number' }).notNull(),
    allocatedAt: instant('allocated_at').notNull().defaultNow()
  },
  (t) => [uniqueIndex('number_blocks_counter_first').on(t.counter, t.first), index('number_blocks_client').on(t.clientId, t.counter)]
)

/** Portal requests by their `Idempotency-Key`: a retry after a lost reply gets the first answer again. */
export const portalRequests = pgTable('portal_requests', {
  key: text('key').primaryKey(),
  /** `METHOD path` the key was first used with; the same key on another request is refused. */
  endpoint: text('endpoint').notNull(),
  /** SHA-256 of the request body: the same key with a different body is refused. */
  bodyHash: text('body_hash').notNull(),
  status: integer('status').notNull(),
  response: jsonb('response').notNull(),
  createdAt: instant('created_at').notNull().defaultNow()
})

/** Failed sign-ins per user name (shared by every server instance): too many in a window lock the name for a while. */
export const signInFailures = pgTable('sign_in_failures', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: instant('window_started_at').notNull(),
  lockedUntil: instant('locked_until')
})

export * from './programmes'
