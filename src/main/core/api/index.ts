import { contract, type Channel, type Outputs, type ParsedInput } from '../../../shared/api/contract'
import type { CalendarChange, StaffSession } from '../../../shared/api/types'
import type { OfficeInfo } from '../../../shared/domain/office'
import { DomainError, fail, ok, type Result } from '../../../shared/result'
import { signIn } from '../auth/service'
import { loadCalendar } from '../calendar/load'
import { createCalendarService } from '../calendar/service'
import type { CalendarEdit } from '../../../shared/domain/calendar-edits'
import { createCaseService } from '../cases/service'
import { listQueue } from '../cases/queue'
import { type Clock, officeToday, systemClock } from '../clock'
import { setFontsDir } from '../documents/fonts'
import { readAttachment, readDocument } from '../files/read'
import { openStore, type Store } from '../store'
import { createSyncClient, standaloneStatus, type SyncClientOptions } from '../sync/client'
import { createChangeFeed } from './changes'
import { createPrintConsole } from '../documents/console'
import type { Printer } from '../documents/printer'
import { createJobs } from '../jobs'
import { readOfficeInfo } from '../settings/office'
import { timeLimits } from '../settings/time-limits'
import { documentRoutes } from './documents'
import { archiveRoutes } from './archives'
import { programmeRoutes } from './programmes'

/** Where a caller's signed-in staff member lives: one per Electron window, one per bridge cookie. */
export interface SessionSlot {
  staff: StaffSession | null
}

export interface ServicesConfig {
  dbFile: string
  /** The packaged app passes its resources folders; a source checkout finds them itself. */
  migrationsFolder?: string
  fontsFolder?: string
  clock?: Clock
  /** The exchange service to sync with; absent = the desk works standalone. */
  serverUrl?: string
  /** The print console's printer (Electron's print API); absent = print jobs output the merged PDF. */
  printer?: Printer
}

export function createServices(config: ServicesConfig) {
  if (config.fontsFolder) setFontsDir(config.fontsFolder)
  const store = openStore(config.dbFile, config.migrationsFolder)
  return createServicesOn(store, config.clock ?? systemClock, { ...(config.serverUrl ? { sync: { serverUrl: config.serverUrl } } : {}), printer: config.printer })
}

/** `sync` configures the sync client (`start()` is the caller's: the app starts it, tests drive it). */
export function createServicesOn(store: Store, clock: Clock, opts: { sync?: Omit<SyncClientOptions, 'store' | 'clock'>; printer?: Printer } = {}) {
  const calendar = () => loadCalendar(store)
  const office = (): OfficeInfo => readOfficeInfo(store)
  const cases = createCaseService({ store, clock, calendar, office, timeLimits: () => timeLimits(store) })
  const calendarService = createCalendarService({ store, clock })
  // The windows follow what the sync client changes underneath them (ipc.ts / the bridge forward it).
  const changes = createChangeFeed(store)
  const onChange = opts.sync?.onChange
  const sync = opts.sync
    ? createSyncClient({ ...opts.sync, store, clock, onChange: () => (changes.note(), onChange?.()), onCalendar: (c) => calendarService.replace(c) })
    : undefined
  // The print console's batch jobs (signing, printing, merging), polled through `jobs.*`.
  const jobs = createJobs()
  const printConsole = createPrintConsole({
    store, clock, office, jobs, printer: opts.printer,
    ensureFile: async (id) => sync?.ensureFile('document', id),
    queued: () => sync?.poke()
  })
  return { store, clock, calendar, office, cases, calendarService, sync, changes, jobs, printConsole }
}

export type Services = ReturnType<typeof createServicesOn>

export type Impl = { [C in Channel]: (input: ParsedInput<C>, slot: SessionSlot) => Outputs[C] | Promise<Outputs[C]> }

export const staffOf = (slot: SessionSlot): StaffSession => {
  if (!slot.staff) throw new DomainError('UNAUTHENTICATED', '请先登录')
  return slot.staff
}

function implementation(s: Services): Impl {
  const today = () => officeToday(s.clock)
  /** A local action queued an outbox mutation: push it soon. */
  const queued = <T>(value: T): T => (s.sync?.poke(), value)
  /** With an exchange service the office calendar is edited there (online only); alone, here. */
  const editCalendar = async (edit: CalendarEdit, me: StaffSession): Promise<CalendarChange> =>
    s.sync ? s.sync.editCalendar(edit) : s.calendarService.edit(edit, me)
  return {
    'auth.signIn': async (i, slot) => (slot.staff = s.sync ? await s.sync.signIn(i.username, i.password) : signIn(s.store, i.username, i.password)),
    'auth.signOut': (_i, slot) => {
      slot.staff = null
      return null
    },
    'auth.current': (_i, slot) => slot.staff,
    'queue.list': (i, slot) => listQueue(s.store, s.calendar(), today(), staffOf(slot), i),
    'cases.get': (i, slot) => s.cases.detail(i.id, staffOf(slot)),
    'cases.claim': (i, slot) => queued(s.cases.claim(i.id, staffOf(slot))),
    'cases.release': (i, slot) => queued(s.cases.release(i.id, staffOf(slot))),
    'cases.act': (i, slot) => queued(s.cases.act(i.id, i.action, i.version, i.input, staffOf(slot))),
    // Synced files arrive as metadata first; the body is downloaded (and verified) when first opened.
    'attachments.content': async (i, slot) => (await s.sync?.ensureFile('attachment', i.id), readAttachment(s.store, i.id, staffOf(slot).role)),
    'documents.content': async (i, slot) => (await s.sync?.ensureFile('document', i.id), readDocument(s.store, i.id, staffOf(slot).role)),
    'calendar.month': (i) => s.calendarService.month(i.year, i.month),
    'calendar.setOverride': (i, slot) => editCalendar({ op: 'set', date: i.date, kind: i.kind, note: i.note }, staffOf(slot)),
    'calendar.removeOverride': (i, slot) => editCalendar({ op: 'remove', date: i.date }, staffOf(slot)),
    'calendar.declareYear': (i, slot) => editCalendar({ op: 'declare', year: i.year, note: i.note }, staffOf(slot)),
    'sync.status': () => ({ ...(s.sync?.status() ?? standaloneStatus(s.store)), changes: s.changes.count }),
    'sync.attention': () => s.sync?.attention() ?? [],
    'sync.resolve': (i, slot) => {
      if (!s.sync) throw new DomainError('NOT_FOUND', '本机未连接交换服务，没有同步提醒')
      return s.sync.resolve(i.id, i.resolution, staffOf(slot), s.cases.claim)
    },
    ...documentRoutes(s),
    ...archiveRoutes(s),
    ...programmeRoutes(s)
  }
}

export type ApiHandler = (channel: string, rawInput: unknown, slot: SessionSlot) => Promise<Result<unknown>>

/**
 * The handler table behind both Electron IPC and the loopback bridge: contract check → zod → role
 * check → service → Result. Never throws.
 */
export function createApiHandler(services: Services, log: (e: unknown) => void = console.error): ApiHandler {
  const impl = implementation(services) as Record<string, (input: unknown, slot: SessionSlot) => unknown>
  return async (channel, rawInput, slot) => {
    if (!Object.hasOwn(contract, channel)) return fail('NOT_FOUND', `未知的请求：${channel}`)
    const def = contract[channel as Channel]
    const parsed = def.input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return fail('VALIDATION', `请求参数有误：${issue?.message ?? '格式不正确'}`)
    }
    if (def.roles !== 'public') {
      if (!slot.staff) return fail('UNAUTHENTICATED', '登录已失效，请重新登录')
      if (def.roles !== 'any' && !(def.roles as readonly string[]).includes(slot.staff.role)) {
        return fail('FORBIDDEN', '您的角色无权进行此操作')
      }
    }
    try {
      return ok(await impl[channel](parsed.data, slot))
    } catch (e) {
      if (e instanceof DomainError) return fail(e.code, e.message)
      log(e)
      return fail('INTERNAL', '系统内部错误，操作未生效，请重试或联系系统管理员')
    }
  }
}
