import { deskClockStatus } from '../sync/clock-offset'
import { CONTRACT_LIMITS, jsonProblem, sanitizeText } from '../../../shared/api/wire-safe'
import { contract, type Channel, type Outputs, type ParsedInput } from '../../../shared/api/contract'
import type { CalendarChange, StaffSession } from '../../../shared/api/types'
import type { OfficeInfo } from '../../../shared/domain/office'
import { DomainError, fail, ok, type Result } from '../../../shared/result'
import { loadCalendar } from '../calendar/load'
import { createCalendarService } from '../calendar/service'
import type { CalendarEdit } from '../../../shared/domain/calendar-edits'
import { createCaseService } from '../cases/service'
import { listQueue } from '../cases/queue'
import { type Clock, officeToday, systemClock } from '../clock'
import { setFontsDir } from '../documents/fonts'
import { fileRecord, readFile } from '../files/read'
import type { Store } from '../store'
import { openCheckedStore } from '../store/health'
import { normalRecoveryRoutes } from '../store/recovery'
import { createSyncClient, type SyncClient, standaloneStatus, type SyncClientOptions } from '../sync/client'
import type { FetchFn } from '../sync/http'
import { createSessions, type SessionSlot } from '../auth/sessions'
import { createStaffAdmin } from '../staff/admin'
import { createSetup } from '../setup/service'
import { readSecurity } from '../settings/security'
import { DESK_NAME, staffRoutes } from './staff'
import { createChangeFeed } from './changes'
import { createPrintConsole } from '../documents/console'
import type { Printer } from '../documents/printer'
import { createJobs } from '../jobs'
import { readOfficeInfo } from '../settings/office'
import { timeLimits } from '../settings/time-limits'
import { documentRoutes } from './documents'
import { archiveRoutes } from './archives'
import { programmeRoutes } from './programmes'
import { quarantineRoutes } from './quarantine'

export type { SessionSlot } from '../auth/sessions'

export interface ServicesConfig {
  dbFile: string
  /** The packaged app passes its resources folders; a source checkout finds them itself. */
  migrationsFolder?: string
  fontsFolder?: string
  clock?: Clock
  /** `--server` / CASEDESK_SERVER: the exchange service to sync with, over the desk's stored choice. */
  serverUrl?: string
  /** The print console's printer (Electron's print API); absent = print jobs output the merged PDF. */
  printer?: Printer
  /** How the desk reaches its exchange service (Electron: net.fetch, the system's certificate store); default fetch. */
  fetch?: FetchFn
  /** Started with `--demo` (demo data and accounts loaded). */
  demo?: boolean
}

export function createServices(config: ServicesConfig) {
  if (config.fontsFolder) setFontsDir(config.fontsFolder)
  // quick_check before anything is served: a damaged store throws StoreDamagedError (core/store/runtime.ts → recovery mode).
  const store = openCheckedStore(config.dbFile, config.migrationsFolder)
  return servicesOn(store, config)
}

/** The services of `config` on a store already open (one just restored from a backup: core/store/runtime.ts). */
export function servicesOn(store: Store, config: ServicesConfig) {
  return createServicesOn(store, config.clock ?? systemClock, {
    commandLineUrl: config.serverUrl,
    printer: config.printer,
    fetch: config.fetch,
    demo: config.demo
  })
}

export interface ServicesOptions {
  /** Syncs with this service (tests: with their own fetch, poll period…); `start()` is the caller's. */
  sync?: Omit<SyncClientOptions, 'store' | 'clock'>
  commandLineUrl?: string
  printer?: Printer
  fetch?: FetchFn
  demo?: boolean
}

/**
 * The desk's services on an open store. The sync client exists while the desk is a desk of an exchange service
 * (command line, the stored choice, or `opts.sync`); connecting at the first start or changing the address
 * replaces it (`services.sync` always names the current one).
 */
export function createServicesOn(store: Store, clock: Clock, opts: ServicesOptions = {}) {
  const calendar = () => loadCalendar(store)
  const office = (): OfficeInfo => readOfficeInfo(store)
  const cases = createCaseService({ store, clock, calendar, office, timeLimits: () => timeLimits(store) })
  const calendarService = createCalendarService({ store, clock })
  // The windows follow what the sync client changes underneath them (ipc.ts / the bridge forward it).
  const changes = createChangeFeed(store)
  const fetch = opts.sync?.fetch ?? opts.fetch ?? ((input, init) => globalThis.fetch(input, init))
  let sync: SyncClient | undefined
  let started = false
  const makeSync = (serverUrl: string): SyncClient =>
    createSyncClient({
      deskName: DESK_NAME,
      ...opts.sync,
      fetch,
      serverUrl,
      store,
      clock,
      onChange: () => (changes.note(), opts.sync?.onChange?.()),
      onCalendar: (c) => calendarService.replace(c)
    })
  const setup = createSetup({
    store,
    fetch,
    commandLineUrl: opts.sync?.serverUrl ?? opts.commandLineUrl,
    demo: opts.demo,
    connectTo: async (url) => {
      // The old client finishes (or gives up) its round first: nothing of it runs on beside the new one.
      const old = sync
      sync = undefined
      await old?.stop()
      sync = makeSync(url)
      if (started) sync.start()
      changes.note()
    }
  })
  const url = setup.serverUrl()
  if (url) sync = makeSync(url)
  const sessions = createSessions(store, clock, () => readSecurity(store).sessionIdleMinutes)
  const staffAdmin = createStaffAdmin(store, clock)
  // The print console's batch jobs (signing, printing, merging), polled through `jobs.*`.
  const jobs = createJobs()
  const printConsole = createPrintConsole({
    store, clock, office, jobs, printer: opts.printer,
    ensureFile: async (id) => sync?.ensureFile('document', id),
    queued: () => sync?.poke()
  })
  return {
    store, clock, calendar, office, cases, calendarService, changes, jobs, printConsole, setup, sessions, staffAdmin, fetch,
    /** The sync client while this desk is a desk of an exchange service. */
    get sync(): SyncClient | undefined {
      return sync
    },
    /** Starts syncing (now, and for a service connected later). */
    startSync(): void {
      started = true
      sync?.start()
    },
    async stopSync(): Promise<void> {
      started = false
      await sync?.stop()
    }
  }
}

export type Services = ReturnType<typeof createServicesOn>

export type Impl = { [C in Channel]: (input: ParsedInput<C>, slot: SessionSlot) => Outputs[C] | Promise<Outputs[C]> }

export const staffOf = (slot: SessionSlot): StaffSession => {
  if (!slot.staff) throw new DomainError('UNAUTHENTICATED', '请先登录')
  return slot.staff
}

/**
 * The sync client, to call the exchange service on behalf of this window's member — refused when the desk's
 * service session is someone else's (the service would act as them); undefined on a standalone desk.
 */
export function serviceFor(s: Services, slot: SessionSlot): SyncClient | undefined {
  s.sync?.requireOwnSession(staffOf(slot))
  return s.sync
}

function implementation(s: Services): Impl {
  const today = () => officeToday(s.clock)
  /** A file the account may open (checked first), downloaded from the service when its body is not here yet. */
  const fileContent = async (kind: 'attachment' | 'document', id: number, slot: SessionSlot) => {
    fileRecord(s.store, kind, id, staffOf(slot))
    await s.sync?.ensureFile(kind, id)
    return readFile(s.store, kind, id, staffOf(slot))
  }
  /** A local action queued an outbox mutation: push it soon. */
  const queued = <T>(value: T): T => (s.sync?.poke(), value)
  /** With an exchange service the office calendar is edited there (online only); alone, here. */
  const editCalendar = async (edit: CalendarEdit, slot: SessionSlot): Promise<CalendarChange> =>
    serviceFor(s, slot)?.editCalendar(edit) ?? s.calendarService.edit(edit, staffOf(slot))
  return {
    'queue.list': (i, slot) => listQueue(s.store, s.calendar(), today(), staffOf(slot), i),
    'cases.get': (i, slot) => s.cases.detail(i.id, staffOf(slot)),
    'cases.claim': (i, slot) => queued(s.cases.claim(i.id, staffOf(slot))),
    'cases.release': (i, slot) => queued(s.cases.release(i.id, staffOf(slot))),
    'cases.act': (i, slot) => queued(s.cases.act(i.id, i.action, i.version, i.input, staffOf(slot))),
    // Synced files arrive as metadata first; the body is downloaded (and verified) when first opened.
    'attachments.content': (i, slot) => fileContent('attachment', i.id, slot),
    'documents.content': (i, slot) => fileContent('document', i.id, slot),
    'calendar.month': (i) => s.calendarService.month(i.year, i.month),
    'calendar.setOverride': (i, slot) => editCalendar({ op: 'set', date: i.date, kind: i.kind, note: i.note }, slot),
    'calendar.removeOverride': (i, slot) => editCalendar({ op: 'remove', date: i.date }, slot),
    'calendar.declareYear': (i, slot) => editCalendar({ op: 'declare', year: i.year, note: i.note }, slot),
    'sync.status': () => {
      const clock = deskClockStatus(s.store.sqlite) // measured against the exchange service (none on a desk alone)
      return { ...(s.sync?.status() ?? standaloneStatus(s.store)), changes: s.changes.count, ...(clock ? { clock } : {}) }
    },
    'sync.attention': (_i, slot) => s.sync?.attention(staffOf(slot)) ?? [],
    'sync.resolve': (i, slot) => {
      if (!s.sync) throw new DomainError('NOT_FOUND', '本机未连接交换服务，没有同步提醒')
      return s.sync.resolve(i.id, i.resolution, staffOf(slot), s.cases.claim)
    },
    ...documentRoutes(s),
    ...archiveRoutes(s),
    ...programmeRoutes(s),
    ...quarantineRoutes(s),
    ...normalRecoveryRoutes(s.store.sqlite.name),
    ...staffRoutes(s)
  }
}

export type ApiHandler = (channel: string, rawInput: unknown, slot: SessionSlot) => Promise<Result<unknown>>

/** Channels a window may use before a temporary password is changed (besides the public ones). */
const WHILE_TEMPORARY = new Set<string>(['auth.changePassword', 'auth.touch', 'sync.status', 'settings.security'])

/**
 * The handler table behind both Electron IPC and the loopback bridge: contract check → zod → session and role
 * check → service → Result. Never throws. A signed-in call first checks the window's session still stands
 * (core/auth/sessions.ts); `setup` channels are open while the desk's first start is not done, then admins'.
 */
export function createApiHandler(services: Services, log: (e: unknown) => void = console.error): ApiHandler {
  const impl = implementation(services) as Record<string, (input: unknown, slot: SessionSlot) => unknown>
  const { sessions } = services
  return async (channel, rawInput, slot) => {
    if (!Object.hasOwn(contract, channel)) return fail('NOT_FOUND', `未知的请求：${channel}`)
    const def = contract[channel as Channel]
    // Before any schema: no NUL or lone surrogate anywhere, no nesting past CONTRACT_LIMITS (shared/api/wire-safe.ts).
    const unsafe = jsonProblem(rawInput ?? {}, CONTRACT_LIMITS)
    if (unsafe) return fail('VALIDATION', `请求参数有误：${sanitizeText(unsafe.path ? `${unsafe.path}：${unsafe.message}` : unsafe.message, 300)}`)
    const parsed = def.input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return fail('VALIDATION', `请求参数有误：${issue?.message ?? '格式不正确'}`)
    }
    const roles = def.roles as 'public' | 'any' | 'setup' | readonly string[]
    if (roles !== 'public' && !(roles === 'setup' && services.setup.open())) {
      if (!slot.staff) return fail('UNAUTHENTICATED', '登录已失效，请重新登录')
      const ended = sessions.check(slot, channel === 'auth.touch')
      if (ended) return fail('UNAUTHENTICATED', ended)
      if (slot.staff.mustChangePassword && !WHILE_TEMPORARY.has(channel)) return fail('PASSWORD_CHANGE_REQUIRED', '请先修改临时密码，再继续使用')
      const allowed = roles === 'any' || (roles === 'setup' ? slot.staff.role === 'admin' : roles.includes(slot.staff.role))
      if (!allowed) return fail('FORBIDDEN', '您的角色无权进行此操作')
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
