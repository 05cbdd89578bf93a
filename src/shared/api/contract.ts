import { z } from 'zod'

// Validation messages reach clerks: Chinese, wherever the contract is loaded (main, preload, renderer).
// Schemas with their own message keep it; these cover the generic limits.
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case 'too_big':
        return issue.origin === 'string' ? `内容过长（最多 ${issue.maximum} 个字）` : `超出允许的上限（${issue.maximum}）`
      case 'too_small':
        return issue.origin === 'string' ? `内容过短（至少 ${issue.minimum} 个字）` : `低于允许的下限（${issue.minimum}）`
      case 'unrecognized_keys':
        return '含有无法识别的字段'
      case 'invalid_value':
        return '取值不在允许的范围内'
      default:
        return '格式不正确'
    }
  }
})
import type { Role } from '../domain/roles'
import type { Result } from '../result'
import type * as T from './types'
import type * as D from './documents'
import type * as A from './archives'
import { ARCHIVE_KEEPERS, archiveMoveFields, archiveUpdateFields } from '../domain/archive'
import type * as P from '../domain/joint-programmes'
import { TIME_LIMIT_KEEPERS, type TimeLimitsView } from '../domain/time-limits-input'
import { programmeChannels } from './programmes'
import { staffChannels, type StaffOutputs } from './staff-channels'
import { quarantineChannels, type QuarantineOutputs } from './quarantine-channels'
import { recoveryChannels, type RecoveryOutputs } from './recovery-channels'
import { signInRequestSchema } from './staff'
import { ARGS_LIMITS, safeJsonObject, safeLine } from './wire-safe'

/**
 * THE contract between the renderer and the main process: every channel once, with its zod input
 * schema and the roles allowed (`public` = no sign-in needed; `any` = any signed-in staff member; `setup` =
 * anyone until the desk's first start is done, then administrators — staff-channels.ts).
 * ipc.ts, the preload, the loopback bridge and the renderer's client are all derived from it.
 */
const ALL_STAFF = 'any' as const
const CASE_WORKERS: readonly Role[] = ['clerk', 'reviewer', 'supervisor']
/** Who may edit the office calendar (on a desk, and at the exchange service). */
export const CALENDAR_KEEPERS: readonly Role[] = ['supervisor', 'admin']

export const queueQuery = z.object({
  types: z.array(z.string().max(40)).max(20).default([]),
  states: z.array(z.string().max(40)).max(20).default([]),
  assignee: z.enum(['mine', 'unassigned', 'all']).default('all'),
  due: z.enum(['any', 'overdue', 'today', 'within3']).default('any'),
  search: z.string().trim().max(40).default(''),
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
  sort: z.enum(['deadline', 'submittedAt', 'caseNumber']).default('deadline'),
  order: z.enum(['asc', 'desc']).default('asc')
})
export type QueueQuery = z.input<typeof queueQuery>

const caseId = z.object({ id: z.string().min(1).max(64) })
const numericId = z.object({ id: z.number().int().positive() })
const calendarYear = z.number().int().min(2000).max(2100)
/** Shape only: the service checks the date is real (the contract stays free of the calendar data). */
/** Who signs, prints and voids letters (the print console). */
export const PRINT_CONSOLE: readonly Role[] = ['supervisor']
const documentIds = z.array(z.number().int().positive()).min(1, '请至少选择一份文书').max(2000)
const documentReason = z.string().trim().min(2, '请填写原因').max(200)
const jobId = z.object({ id: z.string().min(1).max(64) })
const officeText = (max: number) => safeLine(max, 1, '不能为空')

/** The office settings an administrator saves (on a desk alone, or at the exchange service: `POST /sync/office`). */
export const officeSettingsInput = z.object({
  name: officeText(60),
  department: officeText(60),
  address: officeText(200),
  postcode: z.string().trim().regex(/^\d{6}$/, '邮政编码应为 6 位数字'),
  phone: officeText(40),
  email: z.email('邮箱格式不正确').max(100),
  verifyBaseUrl: z.url('核验网址格式不正确').max(200),
  arrearsCutoff: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '缴费截止月份格式应为 YYYY-MM')
})

const calendarDate = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD') })

export const contract = {
  'auth.signIn': { input: signInRequestSchema.pick({ username: true, password: true }), roles: 'public' },
  'auth.signOut': { input: z.object({}), roles: 'public' },
  'auth.current': { input: z.object({}), roles: 'public' },
  'queue.list': { input: queueQuery, roles: CASE_WORKERS },
  'cases.get': { input: caseId, roles: CASE_WORKERS },
  'cases.claim': { input: caseId, roles: CASE_WORKERS },
  'cases.release': { input: caseId, roles: CASE_WORKERS },
  'cases.act': {
    input: z.object({
      id: z.string().min(1).max(64),
      action: z.string().min(1).max(40),
      version: z.number().int().nonnegative(),
      // Pushed as the mutation's `args.input`: within what the service takes (ARGS_LIMITS, one level down).
      input: safeJsonObject({ ...ARGS_LIMITS, maxDepth: ARGS_LIMITS.maxDepth - 1 }).default({})
    }),
    roles: CASE_WORKERS
  },
  'attachments.content': { input: numericId, roles: CASE_WORKERS },
  'documents.content': { input: numericId, roles: CASE_WORKERS },
  'calendar.month': { input: z.object({ year: calendarYear, month: z.number().int().min(1).max(12) }), roles: ALL_STAFF },
  'calendar.setOverride': {
    input: calendarDate.extend({ kind: z.enum(['workday', 'holiday']), note: z.string().trim().max(100).default('') }),
    roles: CALENDAR_KEEPERS
  },
  'calendar.removeOverride': { input: calendarDate, roles: CALENDAR_KEEPERS },
  'calendar.declareYear': { input: z.object({ year: calendarYear, note: z.string().trim().max(200).default('') }), roles: CALENDAR_KEEPERS },
  'sync.status': { input: z.object({}), roles: ALL_STAFF },
  'sync.attention': { input: z.object({}), roles: CASE_WORKERS },
  'sync.resolve': { input: z.object({ id: z.number().int().positive(), resolution: z.enum(['discard', 'reclaim']) }), roles: CASE_WORKERS },
  /** 档案查询: archive number, name or ID number (partial; an exact number is answered as `exactId`), filters, one page. */
  'archives.search': {
    input: z.object({
      query: z.string().trim().max(40).default(''),
      status: z.enum(['all', 'not_in', 'in_storage', 'transferred_out']).default('all'),
      category: z.enum(['all', 'unit', 'individual']).default('all'),
      shelf: z.string().trim().max(20).default(''),
      page: z.number().int().min(1).max(1_000_000).default(1),
      pageSize: z.number().int().min(1).max(200).default(50)
    }),
    roles: ARCHIVE_KEEPERS
  },
  'archives.get': { input: numericId, roles: ARCHIVE_KEEPERS },
  /** 移架 (shelf code 区-架-层, e.g. `A-03-12`, checked by the register's rules). */
  'archives.move': { input: archiveMoveFields.extend({ id: z.number().int().positive() }), roles: ARCHIVE_KEEPERS },
  /** 修改存档信息 (category, employer, fees paid up to, dismissal date). */
  'archives.update': { input: archiveUpdateFields.extend({ id: z.number().int().positive() }), roles: ARCHIVE_KEEPERS },
  'documents.list': {
    input: z.object({
      status: z.enum(['draft', 'issued', 'void', 'all']).default('draft'),
      docType: z.string().max(40).default(''),
      search: z.string().trim().max(40).default(''),
      page: z.number().int().min(1).max(1_000_000).default(1),
      pageSize: z.number().int().min(1).max(500).default(50)
    }),
    roles: PRINT_CONSOLE
  },
  'documents.history': { input: numericId, roles: CASE_WORKERS },
  /** Starts signing the drafts (sealed and digitally signed with the office certificate); the passphrase is used for this batch only. */
  'documents.sign': { input: z.object({ ids: documentIds, passphrase: z.string().min(1, '请输入证书口令').max(200) }), roles: PRINT_CONSOLE },
  /** The sign dialog opened: the threads that render and sign letters get ready (with the first of `ids`) while the passphrase is typed. */
  'documents.prepareSigning': { input: z.object({ ids: documentIds }), roles: PRINT_CONSOLE },
  /** Starts one print job (Electron: to `printer`; the browser harness: the merged PDF is the output). A reprint needs a reason. */
  'documents.print': {
    input: z.object({ ids: documentIds, printer: z.string().max(200).default(''), reason: z.string().trim().max(200).default('') }),
    roles: PRINT_CONSOLE
  },
  /** Starts merging the letters into one PDF to save (recorded as `save`). */
  'documents.merge': { input: z.object({ ids: documentIds, reason: z.string().trim().max(200).default('') }), roles: PRINT_CONSOLE },
  'documents.printers': { input: z.object({}), roles: PRINT_CONSOLE },
  'documents.void': { input: z.object({ id: z.number().int().positive(), reason: documentReason }), roles: PRINT_CONSOLE },
  'documents.ledger': {
    input: z.object({ docType: z.string().min(1).max(40), year: calendarYear }),
    roles: PRINT_CONSOLE
  },
  'jobs.status': { input: jobId, roles: ALL_STAFF },
  'jobs.cancel': { input: jobId, roles: ALL_STAFF },
  /** The merged PDF of a finished merge or print job. */
  'jobs.output': { input: jobId, roles: ALL_STAFF },
  'settings.office': { input: z.object({}), roles: ALL_STAFF },
  'settings.setOffice': { input: officeSettingsInput, roles: ['admin'] },
  'settings.signing': { input: z.object({}), roles: ['admin', 'supervisor'] },
  /** Stores the office's P12 (base64) after opening it with the passphrase; the passphrase is not stored. */
  'settings.setSigning': {
    input: z.object({ p12Base64: z.string().min(16).max(2_000_000), passphrase: z.string().min(1, '请输入证书口令').max(200) }),
    roles: ['admin']
  },
  'settings.timeLimits': { input: z.object({}), roles: ALL_STAFF },
  /** 认证工作时限分类表: checked by the service (timeLimitsInput) so the message names the row and the column. */
  'settings.setTimeLimits': { input: z.object({ limits: z.custom<TimeLimitsView['limits']>((v) => typeof v === 'object' && v !== null, '请提交时限表') }), roles: TIME_LIMIT_KEEPERS },
  ...programmeChannels,
  ...staffChannels,
  ...quarantineChannels,
  ...recoveryChannels
} as const satisfies Record<string, { input: z.ZodType; roles: 'public' | 'any' | 'setup' | readonly Role[] }>

export type Contract = typeof contract
export type Channel = keyof Contract

export interface Outputs extends StaffOutputs, QuarantineOutputs, RecoveryOutputs {
  'auth.signIn': T.StaffSession
  'auth.signOut': null
  'auth.current': T.StaffSession | null
  'queue.list': T.QueuePage
  'cases.get': T.CaseDetail
  'cases.claim': T.CaseDetail
  'cases.release': T.CaseDetail
  'cases.act': T.ActResult
  'attachments.content': T.FileContent
  'documents.content': T.FileContent
  'calendar.month': T.CalendarMonth
  'calendar.setOverride': T.CalendarChange
  'calendar.removeOverride': T.CalendarChange
  'calendar.declareYear': T.CalendarChange
  'sync.status': T.DeskSyncStatus
  'sync.attention': T.AttentionItem[]
  /** The items still open after this one is resolved. */
  'sync.resolve': T.AttentionItem[]
  'archives.search': A.ArchivePage
  'archives.get': A.ArchiveDetail
  'archives.move': A.ArchiveDetail
  'archives.update': A.ArchiveDetail
  'documents.list': D.DocumentPage
  'documents.history': D.DocumentHistoryEntry[]
  'documents.sign': D.JobStatus
  'documents.prepareSigning': null
  'documents.print': D.JobStatus
  'documents.merge': D.JobStatus
  'documents.printers': { name: string; isDefault: boolean }[]
  'documents.void': D.DocumentRow
  'documents.ledger': D.Ledger
  'jobs.status': D.JobStatus
  'jobs.cancel': D.JobStatus
  'jobs.output': T.FileContent
  'settings.office': D.OfficeSettings
  'settings.setOffice': D.OfficeSettings
  'settings.signing': D.SigningCertificate | null
  'settings.setSigning': D.SigningCertificate
  'settings.timeLimits': TimeLimitsView
  'settings.setTimeLimits': TimeLimitsView
  'programmes.search': P.ProgrammePage
  'programmes.find': P.JointProgramme | null
  'programmes.import': D.JobStatus
}

export type Input<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>

export const CHANNELS = Object.keys(contract) as Channel[]

type Area<C extends string> = C extends `${infer A}.${string}` ? A : never
type Verb<C extends string, A extends string> = C extends `${A}.${infer V}` ? V : never

type Method<C extends string> = C extends Channel ? (input: Input<C>) => Promise<Result<Outputs[C]>> : never

/** `window.api.<area>.<verb>(input)`, derived from the channel names. */
export type Api = {
  [A in Area<Channel>]: {
    [V in Verb<Channel, A>]: Method<`${A}.${V}`>
  }
}

/**
 * Main → renderer events, each with its payload. The main process sends them (Electron: `webContents.send`
 * on the event's name; the loopback bridge: server-sent events named the same); the renderer subscribes
 * through `window.events.<name>(listener)`, which returns the function that unsubscribes.
 */
export interface Events {
  /** The sync state or the desk's data changed (a sync round pushed, pulled, failed; a sign-in). */
  'sync.changed': T.SyncChanged
}
export type EventName = keyof Events
/** Every event once (a missing or unknown name does not compile). */
const EVENT_SET: Record<EventName, true> = { 'sync.changed': true }
export const EVENT_NAMES = Object.keys(EVENT_SET) as EventName[]

export type Listen = { [E in EventName]: (listener: (payload: Events[E]) => void) => () => void }

/** Builds `window.events` from one `subscribe(event, listener)` function (preload and browser bridge). */
export function buildEvents(subscribe: (event: EventName, listener: (payload: unknown) => void) => () => void): Listen {
  return Object.fromEntries(EVENT_NAMES.map((name) => [name, (listener: (payload: unknown) => void) => subscribe(name, listener)])) as Listen
}

/** Builds the nested api object from one `invoke(channel, input)` function (preload and browser bridge). */
export function buildApi(invoke: (channel: Channel, input: unknown) => Promise<unknown>): Api {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const channel of CHANNELS) {
    const [area, verb] = channel.split('.')
    ;(api[area] ??= {})[verb] = (input: unknown) => invoke(channel, input ?? {})
  }
  return api as unknown as Api
}
