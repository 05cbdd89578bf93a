import { recordServiceDate } from './clock-offset'
import type { AttentionItem, StaffSession, SyncStatus } from '../../../shared/api/types'
import { caseTypesOf } from '../../../shared/domain/staff'
import { DomainError } from '../../../shared/result'
import { hashPassword } from '../../../shared-node/password'
import { accountRefused, createAccountsSync, signInRefusal } from './accounts'
import { offlineSignIn } from './offline-sign-in'
import type { Clock } from '../clock'
import type { Store } from '../store'
import { listAttention, resolveAttention, type Resolution } from './attention'
import { attachmentSha, documentSha, fetchBlob, hasBody, prefetchClaimed, uploadBlob, uploadPendingLetters } from './blobs'
import { createHttp, type FetchFn, isTransient, SyncHttpError } from './http'
import { atMostOnceASecond, createLoop } from './loop'
import { pushNarrowed } from './narrow'
import { pullPages, type PullReport } from './pull'
import type { CalendarEdit } from '../../../shared/domain/calendar-edits'
import type { OfficeCalendar } from '../calendar/service'
import { createCalendarSync } from './calendar'
import { createOfficeSync } from './office'
import { createProgrammesSync } from './programmes'
import { createTimeLimitsSync } from './time-limits'
import type { ProgrammeImport } from '../../../shared/domain/joint-programmes'
import type { TimeLimits } from '../../../shared/domain/certification-deadlines'
import type { OfficeSettings } from '../../../shared/api/documents'
import { syncNumbers } from './numbers'
import { blobsOf, countPendingOthers, deferOthers, pendingBatch, recordResults, rewindLostHistory, type toWire, toWireBatch } from './outbox'
import { clientId, countOpenAttention, countPending, deskKey, getState, setState, useCursorOf } from './state'
import { knownStaffId, linkSignedIn } from './staff'
import { parseWire, pushResponseSchema, signInResponseSchema, type ServerStaff, WireError } from './wire'

export interface SyncClientOptions {
  store: Store
  serverUrl: string
  fetch?: FetchFn
  clock: Clock
  /** Called after the mirror or the sync status changed (the main process tells the windows). */
  onChange?: () => void
  pollMs?: number
  pullLimit?: number
  /** Takes the office calendar the exchange service keeps as this desk's copy. */
  onCalendar?: (calendar: OfficeCalendar) => unknown
  /** This computer's name, shown in the administrator's session list. */
  deskName?: string
  /** Work between two yields while a pull checks and writes pages, ms (pull.ts SLICE_MS). */
  pullSliceMs?: number
  /** Awaited between two slices of a pull (default: setImmediate); tests use it to act mid-pull. */
  pullPause?: () => Promise<void>
  /** After each committed slice of a pull: its changes and the time its transaction took (benchmarks). */
  onPullSlice?: (changes: number, ms: number) => void
}

export type { PullReport }

export interface PushReport {
  applied: number
  rejected: number
  /** Set aside this time (quarantine.ts): refused as malformed, or failing again and again. */
  quarantined: number
  pending: number
  /** Of `pending`: rows other staff did on this desk, left for their own sign-in. */
  pendingOthers: number
  error?: string
}

/** The desk's side of the sync protocol (server/PROTOCOL.md): push the outbox, pull the mirror, blobs, sign-in. */
export function createSyncClient(opts: SyncClientOptions) {
  const { store, clock } = opts
  const serverUrl = opts.serverUrl.replace(/\/+$/, '')
  if (getState(store, 'serverUrl') !== serverUrl) {
    // Another exchange service: its cursor and session mean nothing there.
    for (const key of ['cursor', 'otherCursors', 'cursorScope', 'token', 'staff', 'lastError'] as const) setState(store, key, null)
    setState(store, 'serverUrl', serverUrl)
  }
  const http = createHttp({
    baseUrl: serverUrl,
    fetch: opts.fetch ?? globalThis.fetch,
    token: () => getState(store, 'token'),
    onServiceDate: (date) => recordServiceDate(store.sqlite, clock, date)
  })
  let online = false
  /** Stopped (the desk closes, or moves to another address): batches and pages in progress end at the next step. */
  let stopped = false
  const changed = () => opts.onChange?.()
  const calendar = createCalendarSync(http, store, (c) => opts.onCalendar?.(c))
  const office = createOfficeSync(http, store)
  const timeLimits = createTimeLimitsSync(http, store)
  const programmes = createProgrammesSync(http, store, () => clock.now())
  const accounts = createAccountsSync(http, store)

  /** One thing at a time on the mirror and the outbox (the loop and direct calls share it). */
  let chain: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn)
    chain = next.catch(() => undefined)
    return next
  }

  /**
   * Records how a call went; a 401 ends the session (the outbox is kept) until someone signs in again — and
   * the windows of that account here, whatever the reason the service gives (accountRefused).
   */
  function noteFailure(e: unknown): string {
    const message = e instanceof Error ? e.message : String(e)
    if (e instanceof SyncHttpError && (e.status === 401 || e.code === 'ACCOUNT_DISABLED')) {
      accountRefused(store, e.code, sessionStaff()?.id)
      setState(store, 'token', null)
      const why = e.code === 'UNAUTHENTICATED' ? '' : `（${e.message.replace(/[，。]?请.*$/, '')}）`
      setState(store, 'lastError', `登录已失效${why}，请重新登录后继续同步（未上传的操作已保留）`)
    } else if (!(e instanceof SyncHttpError) && !(e instanceof WireError) && !(e instanceof DomainError)) {
      online = false
      setState(store, 'lastError', `无法连接交换服务：${message}`)
    } else setState(store, 'lastError', message)
    changed()
    return getState(store, 'lastError') ?? message
  }

  const noteSuccess = () => {
    online = true
    setState(store, 'lastError', null)
    setState(store, 'lastSyncAt', clock.now().toISOString())
  }

  const signedIn = () => getState(store, 'token') !== null

  /**
   * Sends pending mutations in `seq` order, ≤ 100 a batch, their letters' files first: only those of the
   * clerk the server session belongs to (and rows without an actor) — another clerk's decisions made on
   * this desk wait, still pending, until that clerk signs in (never credited to whoever is signed in now).
   * Number blocks are topped up first. A server that lost this desk's history answers below `serverSeq`:
   * what it had applied since is rewound to pending and sent again.
   */
  const pushOnce = (): Promise<PushReport> =>
    exclusive(async () => {
      const me = sessionStaff()?.localId ?? null
      const report: PushReport = { applied: 0, rejected: 0, quarantined: 0, pending: countPending(store), pendingOthers: countPendingOthers(store, me) }
      if (stopped) return report
      if (!signedIn()) return report.pending ? { ...report, error: '未登录交换服务' } : report
      const nextBatch = () => (deferOthers(store, me), pendingBatch(store, undefined, me))
      try {
        await syncNumbers(http, store, clock)
        for (let rows = nextBatch(); rows.length && !stopped; rows = nextBatch()) {
          for (const row of rows) {
            // A letter's file (drafted, or signed) goes first. Unreachable: try later. Refused (too large…): push anyway, the server rejects and explains.
            for (const sha of blobsOf(store, row)) await uploadBlob(http, store, sha).catch((e: unknown) => { if (isTransient(e)) throw e })
          }
          // A poison row (refused as malformed, or failing again and again) is found and set aside (narrow.ts).
          const out = await pushNarrowed(store, rows, (part) => sendPush(toWireBatch(store, part)), () => clock.now())
          if ('quarantined' in out) {
            report.quarantined++
            noteSuccess()
            changed()
            continue
          }
          const res = out.res
          if (!res) continue
          const counts = recordResults(store, out.sent, res.results, clock.now(), sessionStaff()?.displayName ?? null)
          setState(store, 'serverSeq', String(res.lastSeq))
          report.applied += counts.applied
          report.rejected += counts.rejected
          report.quarantined += counts.quarantined
          noteSuccess()
          changed()
          if (counts.applied + counts.rejected + counts.quarantined === 0) break
        }
      } catch (e) {
        report.error = noteFailure(e)
      }
      report.pending = countPending(store)
      report.pendingOthers = countPendingOthers(store, me)
      return report
    })

  /**
   * One push request. Undefined when the server's record of this desk ended below `serverSeq` (it lost
   * history): the lost rows are pending again (and the number blocks presented again) before the caller goes on.
   */
  async function sendPush(mutations: ReturnType<typeof toWire>[]) {
    const answeredThrough = Number(getState(store, 'serverSeq') ?? 0)
    const body = { clientId: clientId(store), mutations, answeredThrough }
    const res = parseWire(pushResponseSchema, await http.json('POST', '/sync/push', body), '推送结果')
    if (res.lastSeq >= answeredThrough) return res
    rewindLostHistory(store, res.lastSeq)
    setState(store, 'serverSeq', String(res.lastSeq))
    setState(store, 'numbersChecked', null)
    await syncNumbers(http, store, clock)
    changed()
    return undefined
  }

  /** Pulls pages until `more` is false, each written in slices with its cursor (pull.ts); `409 RESYNC` rebuilds the mirror. */
  const pullOnce = (): Promise<PullReport> =>
    exclusive(async () => {
      const report: PullReport = { changes: 0, resynced: false }
      if (stopped) return report
      if (!signedIn()) return { ...report, error: '未登录交换服务' }
      // A long pull (a resync: hundreds of pages) is told to the windows about once a second and at its end.
      const tell = atMostOnceASecond(changed)
      const me = sessionStaff()
      if (me) useCursorOf(store, caseTypesOf(me).join(','))
      try {
        await pullPages(
          {
            store,
            http,
            now: () => clock.now(),
            limit: opts.pullLimit ?? 500,
            stopped: () => stopped,
            sliceMs: opts.pullSliceMs,
            pause: opts.pullPause,
            onSlice: opts.onPullSlice,
            beforeResync: async () => void (await sendPush([])),
            changed,
            onPage: () => tell.call(),
            follow: async (page) => {
              const followed = [
                await calendar.follow(page.calendarVersion),
                await office.follow(page.officeVersion),
                await timeLimits.follow(page.officeVersion),
                await programmes.follow(page.programmesVersion),
                await accounts.followDirectory(page.staffVersion),
                await accounts.followSecurity(page.officeVersion)
              ]
              setState(store, 'staffCheckedAt', clock.now().toISOString())
              if (followed.some(Boolean)) changed()
              else tell.flush()
              return followed.some(Boolean)
            }
          },
          report
        )
        noteSuccess()
      } catch (e) {
        report.error = noteFailure(e)
      }
      return report
    })

  /** Uploads the files of the letters pending mutations carry (push does this per batch as well). */
  const uploadBlobs = (): Promise<number> => exclusive(() => uploadPendingLetters(http, store))

  /** The server's staff record of this session, mapped to the desk's account. */
  const sessionStaff = (): (ServerStaff & { localId: number | null }) | null => {
    const raw = getState(store, 'staff')
    if (!raw) return null
    const s = JSON.parse(raw) as ServerStaff
    return { ...s, localId: knownStaffId(store.sqlite, s.id) }
  }

  const loop = createLoop({
    pollMs: opts.pollMs,
    events: (signal) => (signedIn() ? http.stream('/sync/events', signal) : Promise.reject(new Error('未登录'))),
    round: async () => {
      if (!signedIn()) return true
      const push = await pushOnce()
      const pull = await pullOnce()
      await prefetchClaimed(http, store, sessionStaff()?.localId ?? null)
      return !push.error && !pull.error
    }
  })

  return {
    pushOnce,
    pullOnce,
    uploadBlobs,

    /** Downloads a file by hash, verified, into `blobs`. */
    fetchBlob: (sha256: string) => fetchBlob(http, store, sha256),

    /** Makes sure an attachment's / a letter's body is here before it is read (lazy download). */
    async ensureFile(kind: 'attachment' | 'document', id: number): Promise<void> {
      const sha = kind === 'attachment' ? attachmentSha(store, id) : documentSha(store, id)
      if (!sha || hasBody(store, sha)) return
      try {
        await fetchBlob(http, store, sha)
      } catch (e) {
        if (e instanceof DomainError) throw e
        noteFailure(e)
        throw new DomainError('NOT_FOUND', '文件尚未下载到本机，且暂时无法连接交换服务，请稍后重试')
      }
    },

    /**
     * Signs in at the exchange service and keeps the session (token + staff) for sync. Unreachable:
     * signs in against this desk's copy of the account (the last session stays for later).
     */
    async signIn(username: string, password: string): Promise<StaffSession> {
      let body: unknown
      try {
        body = await http.json('POST', '/auth/sign-in', { username, password, clientId: clientId(store), deskKey: deskKey(store), deskName: opts.deskName })
      } catch (e) {
        const refused = signInRefusal(store, e, username)
        if (refused) throw refused
        noteFailure(e)
        return offlineSignIn(store, clock, username, password)
      }
      const res = parseWire(signInResponseSchema, body, '登录结果')
      const session = linkSignedIn(store.sqlite, res.staff, hashPassword(password), clock.now().toISOString())
      setState(store, 'token', res.token)
      setState(store, 'staff', JSON.stringify(res.staff))
      online = true
      setState(store, 'lastError', null)
      // The number stock comes now, so a clerk who goes offline right after signing in can still issue letters.
      await exclusive(() => syncNumbers(http, store, clock)).catch(noteFailure)
      changed()
      loop.poke()
      return session
    },

    status(): SyncStatus {
      return {
        mode: 'sync',
        online,
        signedIn: signedIn(),
        pending: countPending(store),
        lastSyncAt: getState(store, 'lastSyncAt'),
        lastError: getState(store, 'lastError'),
        attention: countOpenAttention(store)
      }
    },

    attention: (me: StaffSession): AttentionItem[] => listAttention(store, me),

    resolve(id: number, resolution: Resolution, me: StaffSession, claim: (caseId: string, me: StaffSession) => unknown): AttentionItem[] {
      const items = resolveAttention(store, clock, id, resolution, me, claim)
      if (resolution === 'reclaim') loop.poke()
      changed()
      return items
    },

    /** A calendar edit, made at the exchange service (online only); this desk then holds the new calendar. */
    editCalendar: (edit: CalendarEdit) => exclusive(() => calendar.edit(edit)).finally(changed),

    /** The office settings, saved at the exchange service (online only); this desk then holds them. */
    editOffice: (settings: OfficeSettings) => exclusive(() => office.edit(settings)).finally(changed),

    /** The certification time-limit table, saved at the exchange service (online only); this desk then holds it. */
    editTimeLimits: (limits: TimeLimits) => exclusive(() => timeLimits.edit(limits)).finally(changed),

    /** A joint-programme register import, made at the exchange service (online only); this desk then holds the new register. */
    importProgrammes: (payload: ProgrammeImport) => exclusive(() => programmes.importProgrammes(payload)).finally(changed),

    /** Staff administration, the security settings and password changes, at the service (accounts.ts). */
    accounts,

    /**
     * Before a call to the service on behalf of a window's member: this desk's service session must be theirs
     * (the desk holds one — the last online sign-in's); otherwise the service would act as someone else.
     */
    requireOwnSession(me: StaffSession): void {
      const owner = sessionStaff()
      if (!signedIn() || owner?.localId !== me.id) {
        throw new DomainError('UNAUTHENTICATED', `本机与交换服务的登录${owner && signedIn() ? `当前属于${owner.displayName}` : '已失效'}，请重新登录后再办理此项（须联网）`)
      }
    },

    /**
     * The signed-in member's new password, set at the service; this desk then keeps its hash for offline
     * sign-in and signs the account's other windows out. Answers the desk session.
     */
    changePassword: (oldPassword: string, newPassword: string): Promise<StaffSession> => accounts.changePassword(oldPassword, newPassword, clock.now()),

    /** A local change was queued: push soon. */
    poke: () => loop.poke(),
    start: () => {
      stopped = false
      loop.start()
    },
    async stop(): Promise<void> {
      stopped = true
      await loop.stop()
      await chain
    }
  }
}

export type SyncClient = ReturnType<typeof createSyncClient>

/** `sync.status` of a desk working alone (no exchange service configured). */
export function standaloneStatus(store: Store): SyncStatus {
  return { mode: 'standalone', online: false, signedIn: false, pending: countPending(store), lastSyncAt: null, lastError: null, attention: 0 }
}
