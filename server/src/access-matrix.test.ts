import { randomUUID } from 'node:crypto'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CALENDAR_KEEPERS, contract } from '../../src/shared/api/contract'
import { PROGRAMME_KEEPERS } from '../../src/shared/api/programmes'
import { STAFF_ADMINS } from '../../src/shared/api/staff-channels'
import { DEFAULT_TIME_LIMITS } from '../../src/shared/domain/certification-deadlines'
import type { Role } from '../../src/shared/domain/roles'
import { DEFAULT_SECURITY } from '../../src/shared/domain/staff'
import { TIME_LIMIT_KEEPERS } from '../../src/shared/domain/time-limits-input'
import { sha256Hex } from './blobs'
import { schema } from './db'
import { DEFAULT_OFFICE_SETTINGS } from './office'
import { type Caller, freshHeaders, inScopeOf, type Matrix, type SampleCase, startMatrix } from './testing/access-matrix'

/**
 * The exchange service's access matrix (issue 11; the desk's half is src/main/core/api/access-matrix.test.ts;
 * the sync mutations are in access-matrix-push.test.ts): every HTTP route × anonymous, the portal's key and a
 * wrong one, every role with all its case types, every case-working role limited to another of its types, and
 * a clerk still on a temporary password. `ROUTES` declares how each route is authorised — public, the portal
 * key, any staff, or a role list taken from the shared definitions — and whether it is about one case's files;
 * the expected answer follows from that and the account's case types (`caseTypesOf`). The table must name
 * exactly the routes the app registers (a Fastify `onRoute` hook, added to the instance `buildApp` creates
 * before its first route), so a new route fails here without its row. "Allowed" = neither FORBIDDEN,
 * UNAUTHENTICATED nor PASSWORD_CHANGE_REQUIRED, and each sample answers the status its row names (the samples
 * are valid: what an allowed caller gets is the service's own answer). HEAD routes are their GET's twins.
 */
const registered = vi.hoisted(() => [] as { method: string; url: string }[])
vi.mock('fastify', async (importOriginal) => {
  type Factory = (opts: unknown) => FastifyInstance
  const actual = await importOriginal<{ default: Factory }>()
  const create: Factory = (opts) => {
    const app = actual.default(opts)
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) registered.push({ method, url: r.url })
    })
    return app
  }
  return { ...actual, default: create, fastify: create }
})

type Auth = 'public' | 'portal' | 'staff' | readonly Role[]
interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  payload?: unknown
  headers?: Record<string, string>
}
interface Row {
  auth: Auth
  /** About one case's files: asked for each sample case; a case out of the caller's types is refused with this code. */
  caseBound?: 'FORBIDDEN' | 'NOT_FOUND'
  /** Open to an account that must still change its temporary password. */
  duringPasswordChange?: true
  /** Ends the session it is called with: each caller calls it on a new session. */
  freshSession?: true
  /** A stream that stays open (server-sent events). */
  stream?: true
  /** The HTTP status an allowed caller gets with the sample (default 200): the sample reaches the service's own answer. */
  ok?: number
  request: (m: Matrix, c: SampleCase, caller: Caller) => Req | Req[]
}

const NO_ID = 999_999
const get = (url: string): Req => ({ method: 'GET', url })
const post = (url: string, payload: unknown = {}): Req => ({ method: 'POST', url, payload })
const bytes = Buffer.from('%PDF-1.4 access matrix')
const putBytes = (url: string): Req => ({ method: 'PUT', url: `${url}/${sha256Hex(bytes)}`, payload: bytes, headers: { 'content-type': 'application/octet-stream' } })
const clientOf = (caller: Caller) => caller.desk?.clientId ?? randomUUID()
/** The body of a complete application (files uploaded in beforeAll). */
let application: Record<string, unknown> = {}

const ROUTES: Record<string, Row> = {
  'GET /hello': { auth: 'public', request: () => get('/hello') },
  'POST /setup/first-admin': { ok: 409, auth: 'public', request: () => post('/setup/first-admin', { code: 'ABCD-EFGH-JKMN', username: 'late', displayName: '迟到', password: 'Zhanghu-2026-mima' }) },
  'POST /auth/sign-in': { auth: 'public', request: (m) => post('/auth/sign-in', { username: m.callers.find((c) => c.label === 'clerk')!.username, password: 'Zhanghu-2026-mima', clientId: randomUUID() }) },
  'GET /auth/me': { auth: 'staff', duringPasswordChange: true, request: () => get('/auth/me') },
  'POST /auth/password': { ok: 400, auth: 'staff', duringPasswordChange: true, request: () => post('/auth/password', { oldPassword: 'not-the-password', newPassword: 'Another-Pass-2026' }) },
  'POST /auth/sign-out': { auth: 'staff', duringPasswordChange: true, freshSession: true, request: () => post('/auth/sign-out') },
  'GET /admin/staff': { auth: STAFF_ADMINS, request: () => get('/admin/staff') },
  'POST /admin/staff': { ok: 400, auth: STAFF_ADMINS, request: () => post('/admin/staff', { username: 'admin', displayName: '重名', role: 'clerk', scopes: null }) },
  'PATCH /admin/staff/:id': { ok: 404, auth: STAFF_ADMINS, request: () => ({ method: 'PATCH', url: `/admin/staff/${NO_ID}`, payload: { displayName: '无此人', role: 'clerk', scopes: null } }) },
  'POST /admin/staff/:id/disable': { ok: 404, auth: STAFF_ADMINS, request: () => post(`/admin/staff/${NO_ID}/disable`) },
  'POST /admin/staff/:id/enable': { ok: 404, auth: STAFF_ADMINS, request: () => post(`/admin/staff/${NO_ID}/enable`) },
  'POST /admin/staff/:id/unlock': { ok: 404, auth: STAFF_ADMINS, request: () => post(`/admin/staff/${NO_ID}/unlock`) },
  'POST /admin/staff/:id/reset-password': { ok: 404, auth: STAFF_ADMINS, request: () => post(`/admin/staff/${NO_ID}/reset-password`) },
  'GET /admin/staff/:id/sessions': { ok: 404, auth: STAFF_ADMINS, request: () => get(`/admin/staff/${NO_ID}/sessions`) },
  'DELETE /admin/sessions/:publicId': { ok: 404, auth: STAFF_ADMINS, request: () => ({ method: 'DELETE', url: `/admin/sessions/${randomUUID()}` }) },
  'GET /admin/staff-events': { auth: STAFF_ADMINS, request: () => get('/admin/staff-events?limit=5') },
  'PUT /blobs/:sha256': { auth: 'staff', request: () => putBytes('/blobs') },
  // A file no case in the caller's types references does not exist for the caller (404, as for an unknown one).
  'GET /blobs/:sha256': { auth: 'staff', caseBound: 'NOT_FOUND', request: (_m, c) => [get(`/blobs/${c.attachmentSha}`), get(`/blobs/${c.letterSha}`)] },
  'POST /sync/push': { auth: 'staff', request: (_m, _c, caller) => post('/sync/push', { clientId: clientOf(caller), mutations: [] }) },
  'GET /sync/pull': { auth: 'staff', request: () => get('/sync/pull') },
  'GET /sync/events': { auth: 'staff', stream: true, request: () => get('/sync/events') },
  'POST /sync/numbers': { auth: 'staff', request: (_m, _c, caller) => post('/sync/numbers', { clientId: clientOf(caller), want: [], held: [] }) },
  'GET /sync/calendar': { auth: 'staff', request: () => get('/sync/calendar') },
  'POST /sync/calendar': { ok: 404, auth: CALENDAR_KEEPERS, request: () => post('/sync/calendar', { op: 'remove', date: '2026-12-31' }) },
  'GET /sync/office': { auth: 'staff', request: () => get('/sync/office') },
  'POST /sync/office': { auth: contract['settings.setOffice'].roles, request: () => post('/sync/office', DEFAULT_OFFICE_SETTINGS) },
  'GET /sync/time-limits': { auth: 'staff', request: () => get('/sync/time-limits') },
  'POST /sync/time-limits': { auth: TIME_LIMIT_KEEPERS, request: () => post('/sync/time-limits', { limits: DEFAULT_TIME_LIMITS }) },
  'GET /sync/programmes': { auth: 'staff', request: () => get('/sync/programmes') },
  'POST /sync/programmes/import': { ok: 400, auth: PROGRAMME_KEEPERS, request: () => post('/sync/programmes/import', { mode: 'upsert', programmes: [] }) },
  'GET /sync/staff': { auth: 'staff', request: () => get('/sync/staff') },
  'GET /sync/security': { auth: 'staff', request: () => get('/sync/security') },
  'POST /sync/security': { auth: contract['settings.setSecurity'].roles, request: () => post('/sync/security', DEFAULT_SECURITY) },
  'PUT /portal/blobs/:sha256': { auth: 'portal', request: () => putBytes('/portal/blobs') },
  'POST /portal/applications': { ok: 201, auth: 'portal', request: () => ({ ...post('/portal/applications', application), headers: { 'idempotency-key': 'access-matrix-application' } }) },
  'PATCH /portal/applications/:id': { ok: 404, auth: 'portal', request: () => ({ method: 'PATCH', url: '/portal/applications/no-such-case', payload: { form: {} } }) },
  'POST /portal/applications/:id/cancel': { ok: 404, auth: 'portal', request: () => post('/portal/applications/no-such-case/cancel') },
  'POST /portal/applications/:id/resubmit': { ok: 404, auth: 'portal', request: () => post('/portal/applications/no-such-case/resubmit') },
  'POST /portal/applications/:id/supplement': { ok: 404, auth: 'portal', request: () => post('/portal/applications/no-such-case/supplement') },
  'GET /portal/applications/:id': { auth: 'portal', request: (m) => get(`/portal/applications/${m.cases[0].caseId}`) },
  'GET /portal/applications/:id/documents': { auth: 'portal', request: (m) => get(`/portal/applications/${m.cases[0].caseId}/documents`) },
  // The sample cases hold no signed letter: an allowed caller is told there is none to download.
  'GET /portal/applications/:id/documents/:documentId': { ok: 404, auth: 'portal', request: (m) => get(`/portal/applications/${m.cases[0].caseId}/documents/${NO_ID}`) },
  'GET /verify': { auth: 'public', request: (m) => get(`/verify?code=${m.cases[0].verificationCode}`) },
  'GET /verify/:code': { auth: 'public', request: (m) => get(`/verify/${m.cases[0].verificationCode}`) },
  'GET /api/verify/:code': { auth: 'public', request: (m) => get(`/api/verify/${m.cases[0].verificationCode}`) }
}

/** The answer the definitions give: from the route's declaration and the caller's account (role, scopes, temporary password). */
function expected(row: Row, caller: Caller, c: SampleCase): string {
  if (row.auth === 'public') return 'allowed'
  if (row.auth === 'portal') return caller.portal === 'key' ? 'allowed' : 'UNAUTHENTICATED'
  if (caller.role === null) return 'UNAUTHENTICATED'
  if (caller.temporary && !row.duringPasswordChange) return 'PASSWORD_CHANGE_REQUIRED'
  if (row.auth !== 'staff' && !row.auth.includes(caller.role)) return 'FORBIDDEN'
  if (row.caseBound && !inScopeOf(caller, c.type)) return row.caseBound
  return 'allowed'
}

interface Answer {
  status: number
  code?: string
  message?: string
}
const REFUSALS = ['FORBIDDEN', 'UNAUTHENTICATED', 'PASSWORD_CHANGE_REQUIRED']

/** What the service answered, in the matrix's terms. */
function outcome(row: Row, a: Answer): string {
  if (a.code && REFUSALS.includes(a.code)) return a.code
  if (a.status === 401 || a.status >= 500) return `${a.status} ${a.code ?? ''}`.trim()
  if (row.caseBound === 'NOT_FOUND' && a.code === 'NOT_FOUND') return 'NOT_FOUND'
  return 'allowed'
}

let m: Matrix

async function send(q: Req, headers: Record<string, string>, stream = false, method: string = q.method): Promise<Answer> {
  const opts = { method, url: q.url, headers: { ...headers, ...q.headers }, ...(q.payload === undefined ? {} : { payload: q.payload }) } as InjectOptions
  if (!stream) {
    const r = await m.t.app.inject(opts)
    const error = r.statusCode >= 400 && method !== 'HEAD' ? (r.json() as { error?: { code: string; message: string } }).error : undefined
    return { status: r.statusCode, code: error?.code, message: error?.message }
  }
  // An open event stream answers its head and stays open: read an error's body, else only the status.
  const r = await m.t.app.inject({ ...opts, payloadAsStream: true })
  const body = r.stream()
  if (r.statusCode < 400) {
    body.destroy()
    return { status: r.statusCode }
  }
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array))
  const error = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error: { code: string; message: string } }).error
  return { status: r.statusCode, code: error.code, message: error.message }
}

const routePattern = (key: string) => new RegExp(`^${key.split(' ')[1].replace(/:[^/]+/g, '[^/?]+')}(\\?.*)?$`)
const describeAuth = (row: Row) => (typeof row.auth === 'string' ? row.auth : JSON.stringify(row.auth)) + (row.caseBound ? ' × case scope' : '')

beforeAll(async () => {
  m = await startMatrix()
  application = await m.t.applicationPayload(3)
  await m.t.putBlob(bytes, m.t.portalHeaders, '/portal') // stored already: every allowed PUT answers 200
}, 120_000)
afterAll(() => m?.t.close(), 60_000)

describe('the exchange service’s access matrix: routes', () => {
  it('has exactly one row per route the app registers (HEAD routes are their GET’s twins)', () => {
    const keys = registered.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(Object.keys(ROUTES).sort()).toEqual([...keys].sort())
    const heads = registered.filter((r) => r.method === 'HEAD').map((r) => `GET ${r.url}`)
    expect(heads.sort()).toEqual(keys.filter((k) => k.startsWith('GET ')).sort())
  })

  for (const [key, row] of Object.entries(ROUTES)) {
    it(`${key}: ${describeAuth(row)}`, async () => {
      const wrong: string[] = []
      for (const caller of m.callers) {
        for (const c of row.caseBound ? m.cases : [m.cases[0]]) {
          const headers = row.freshSession ? await freshHeaders(m, caller) : caller.headers
          for (const q of [row.request(m, c, caller)].flat()) {
            // A sample asks the route of its row.
            expect(q.method).toBe(key.split(' ')[0])
            expect(q.url).toMatch(routePattern(key))
            const a = await send(q, headers, row.stream)
            const got = outcome(row, a)
            const want = expected(row, caller, c)
            const where = `${caller.label}${row.caseBound ? ` × ${c.label}` : ''} ${q.url}`
            if (got !== want) wrong.push(`${where}: expected ${want}, got ${a.status} ${a.code ?? ''} ${a.message ?? ''}`.trim())
            else if (got === 'allowed' && a.status !== (row.ok ?? 200)) wrong.push(`${where}: the sample answered ${a.status} ${a.code ?? ''}, not ${row.ok ?? 200}`)
            if (a.code === 'FORBIDDEN') for (const s of m.secrets) expect(a.message, where).not.toContain(s)
            // The HEAD twin passes the same gates.
            if (q.method === 'GET' && !row.stream) {
              const head = await send(q, headers, false, 'HEAD')
              if (head.status !== a.status) wrong.push(`HEAD ${where}: ${head.status}, its GET ${a.status}`)
            }
          }
        }
      }
      expect(wrong).toEqual([])
    })
  }

  it('a pull carries exactly the cases of the caller’s case types', async () => {
    const all = await m.t.sdb.db.select({ id: schema.cases.id, type: schema.cases.type }).from(schema.cases)
    expect(all.length).toBeGreaterThanOrEqual(2)
    for (const caller of m.callers.filter((c) => c.desk && !c.temporary)) {
      const r = await m.t.pull(caller.desk!)
      expect(r.statusCode, caller.label).toBe(200)
      const pulled = (r.json() as { changes: { caseId: string }[] }).changes.map((x) => x.caseId).sort()
      expect(pulled, caller.label).toEqual(all.filter((x) => inScopeOf(caller, x.type)).map((x) => x.id).sort())
    }
  })
})
