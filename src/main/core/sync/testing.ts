// Test support for the sync client: a snapshot literal shaped like the server's, and the REAL exchange
// service (server/src/app.ts on in-memory PGlite) listening on a loopback port.
import { createHash } from 'node:crypto'
import { buildApp } from '../../../../server/src/app'
import { seedDemoStaff } from '../../../../tools/demo/server-seed'
import { testClock } from '../../../../server/src/clock'
import { schema, type ServerDb } from '../../../../server/src/db'
import { DEFAULT_SECURITY, SESSION_IDLE_RANGE } from '../../../shared/domain/staff'
import { openTestDb } from '../../../../server/src/testing/harness'
import { createApiHandler, createServicesOn, type SessionSlot } from '../api'
import { SAMPLE_FORM, tempStore } from '../testing/fixtures'
import { idCheckChar } from '../../../shared/domain/identity'
import type { Snapshot } from './wire'

/** Monday 2 March 2026, 10:00 in Beijing. */
export const T0 = '2026-03-02T02:00:00Z'
export const PORTAL_KEY = 'sync-test-portal-key'

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex')

/** Applicant `n`'s GB 11643 number: born 1995-03-02 like the sample, female (an even 17th digit), unique for n < 10^6. */
const idNumberFor = (n: number): string => {
  const six = String(n).padStart(6, '0').slice(-6)
  const first17 = `11${six.slice(0, 4)}19950302${six.slice(4)}0`
  return first17 + idCheckChar(first17)
}

/** One case as `GET /sync/pull` carries it (server/src/cases/snapshot.ts). */
export function sampleSnapshot(n = 1, patch: { case?: Partial<Snapshot['case']> } & Partial<Omit<Snapshot, 'case'>> = {}): Snapshot {
  const { case: casePatch, ...rest } = patch
  return {
    case: {
      id: `c-${n}`,
      caseNumber: `CD2026030200000${n}`,
      type: 'archive_deposit',
      subtype: 'outbound',
      state: 'submitted',
      version: 1,
      round: 1,
      submittedAt: '2026-03-02T01:00:00.000Z',
      clockStartedOn: '2026-03-02',
      deadlineOn: '2026-03-09',
      assignee: null,
      leaseToken: 0,
      leaseExpiresAt: null,
      form: SAMPLE_FORM,
      ...casePatch
    },
    applicant: {
      name: `申请人${n}`,
      sex: 'female',
      nationality: '中国',
      idType: '居民身份证',
      idNumber: idNumberFor(n),
      idValidFrom: null,
      idValidTo: null,
      birthDate: '1995-03-02',
      ethnicity: '汉族',
      politicalStatus: '共青团员',
      maritalStatus: '未婚',
      fertilityStatus: '未育',
      householdRegion: '北京市海淀区',
      mobile: '13800138000',
      email: `a${n}@example.com`,
      contactName: '王大明',
      contactMobile: '13900139000',
      passportNumber: ''
    },
    archive: null,
    events: [{ at: '2026-03-02T01:00:00.000Z', actorId: null, actor: `申请人${n}`, action: 'submit', fromState: null, toState: 'submitted', reasons: [], note: '', data: {} }],
    attachments: [{ materialCode: 'id_card', fileName: 'id_card.pdf', mime: 'application/pdf', size: 20, sha256: sha256(`id card ${n}`) }],
    documents: [],
    ...rest
  }
}

/** The applicant portal's calls to the exchange service at `url` (JSON, or raw bytes for a blob); throws on an error status. */
export function portalClient(url: string, key = PORTAL_KEY) {
  return async (method: string, path: string, body?: unknown, raw?: Buffer): Promise<Record<string, unknown>> => {
    const res = await fetch(`${url}/portal${path}`, {
      method,
      headers: { 'x-portal-key': key, 'content-type': raw ? 'application/octet-stream' : 'application/json' },
      body: raw ? new Uint8Array(raw) : body === undefined ? undefined : JSON.stringify(body)
    })
    if (!res.ok) throw new Error(`portal ${method} ${path}: ${res.status} ${await res.text()}`)
    return res.json() as Promise<Record<string, unknown>>
  }
}

/** A complete archive-deposit application of applicant `n` through the portal (its files uploaded first). */
export async function submitSample(portal: ReturnType<typeof portalClient>, n = 1): Promise<{ caseId: string; caseNumber: string; files: Buffer[] }> {
  const files: Buffer[] = []
  const attachments = []
  for (const code of ['id_card', 'passport', 'visa', 'admission']) {
    const data = Buffer.from(`%PDF-1.4 ${code} ${n}`)
    await portal('PUT', `/blobs/${sha256(data)}`, undefined, data)
    files.push(data)
    attachments.push({ materialCode: code, fileName: `${code}.pdf`, mime: 'application/pdf', sha256: sha256(data) })
  }
  const applicant = { ...sampleSnapshot(n).applicant, idValidFrom: undefined, idValidTo: undefined }
  const r = await portal('POST', '/applications', { type: 'archive_deposit', subtype: 'outbound', applicant, form: SAMPLE_FORM, attachments })
  return { caseId: String(r.caseId), caseNumber: String(r.caseNumber), files }
}

/** Sessions of this service idle out only after 12 hours (the longest an office may set): for tests that move the clock by hours. */
export async function allowLongIdle(sdb: ServerDb): Promise<void> {
  await sdb.db.insert(schema.serverMeta).values({ key: 'security', value: JSON.stringify({ ...DEFAULT_SECURITY, sessionIdleMinutes: SESSION_IDLE_RANGE.max }) })
}

/**
 * The real exchange service on a random loopback port, with the demo accounts (password demo1234). Sessions
 * idle for up to 12 hours (the longest the office may set) so tests that move the clock by hours keep theirs.
 */
export async function startExchange(driver?: 'pglite' | 'pg') {
  const clock = testClock(T0)
  const sdb = await openTestDb(driver)
  const staffIds = await seedDemoStaff(sdb.db)
  await allowLongIdle(sdb)
  const app = buildApp({ db: sdb, portalKey: PORTAL_KEY, clock })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const portal = portalClient(url)
  const submit = (n = 1) => submitSample(portal, n)

  return {
    url,
    clock,
    sdb,
    staffIds,
    submit,
    portal,
    close: async () => {
      await app.close()
      await sdb.close()
    }
  }
}

export type Exchange = Awaited<ReturnType<typeof startExchange>>

/**
 * A desk: its own temp SQLite store, services with a sync client pointed at `url`, and the API handler.
 * `net.offline = true` cuts its network (every call fails as an unreachable server would).
 */
export function openDesk(url: string, clock: { now(): Date }) {
  const store = tempStore()
  /** `intercept`: answers a request itself (a fault injected between desk and service) when it returns a Response. */
  const net: { offline: boolean; intercept?: (path: string, body: string) => Response | undefined } = { offline: false }
  const fetch: typeof globalThis.fetch = (input, init) => {
    if (net.offline) return Promise.reject(new TypeError('fetch failed'))
    const faked = net.intercept?.(new URL(String(input)).pathname, typeof init?.body === 'string' ? init.body : '')
    return faked ? Promise.resolve(faked) : globalThis.fetch(input, init)
  }
  const services = createServicesOn(store, clock, { sync: { serverUrl: url, pollMs: 60_000, fetch } })
  const handle = createApiHandler(services, () => {})
  const slot: SessionSlot = { staff: null }
  const call = async <T = unknown>(channel: string, input: unknown = {}): Promise<T> => {
    const r = await handle(channel, input, slot)
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code} ${r.error.message}`), { code: r.error.code })
    return r.value as T
  }
  return {
    store,
    net,
    services,
    sync: services.sync!,
    slot,
    handle,
    call,
    signIn: (username: string) => call('auth.signIn', { username, password: 'demo1234' }),
    dispose: async () => {
      await services.sync?.stop()
      store.dispose()
    }
  }
}

export type TestDesk = ReturnType<typeof openDesk>
