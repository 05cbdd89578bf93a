// Test harness: a fresh database per test (in-memory PGlite, or a new database on the PostgreSQL
// server of DATABASE_URL when it is set), the app with a settable clock, and helpers that speak the
// protocol through `app.inject`.
import { randomBytes, randomUUID } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { idCheckChar } from '../../../src/shared/domain/identity'
import { newVerificationCode } from '../../../src/main/core/documents/numbering'
import { degreeForm } from '../../../src/main/core/testing/certification-cases'
import { counterKey, formatDocumentNumber } from '../../../src/shared/domain/numbers'
import { buildApp } from '../app'
import { seedDemoStaff } from '../../../tools/demo/server-seed'
import { sha256Hex } from '../blobs'
import { testClock } from '../clock'
import { openServerDb, type ServerDb } from '../db'
import { sampleDepositForm } from '../../../src/shared/domain/testing'

export const PORTAL_KEY = 'test-portal-key'
/** Monday 2 March 2026, 10:00 in Beijing. */
export const T0 = '2026-03-02T02:00:00Z'

/** The drivers a test that must pass on both runs on: PGlite always, PostgreSQL when DATABASE_URL is set (in CI it must be). */
export function testDrivers(): ('pglite' | 'pg')[] {
  if (!process.env.DATABASE_URL && process.env.CI === 'true') throw new Error('CI 须设置 DATABASE_URL（PostgreSQL）：这些测试须在 PGlite 和 PostgreSQL 上都运行')
  return process.env.DATABASE_URL ? ['pglite', 'pg'] : ['pglite']
}

/** A fresh database: in-memory PGlite, or (DATABASE_URL set, unless `driver` says PGlite) a new database dropped on close. */
export async function openTestDb(driver?: 'pglite' | 'pg'): Promise<ServerDb> {
  const base = process.env.DATABASE_URL
  if (!base || driver === 'pglite') return openServerDb({ url: null })
  const name = `casedesk_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  const sdb = await openServerDb({ url: url.toString() })
  return {
    ...sdb,
    close: async () => {
      await sdb.close()
      const c = new pg.Client({ connectionString: base })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name}`)
      await c.end()
    }
  }
}

/**
 * A degree-certification form as the portal sends it: the desk tests' sample (src/main/core/testing) with a
 * diploma number and a payment two working days before T0.
 */
export const portalDegreeForm = () => degreeForm({ diplomaNumber: 'UCL-2025-0012345', paidAt: '2026-02-27T06:00:00.000Z' })

/** A complete archive-deposit form as the portal sends it (seed 000), with `custodian` or other fields replaced. */
export const portalDepositForm = (over: Record<string, unknown> = {}) => ({ ...sampleDepositForm(), ...over })

export interface Desk {
  clientId: string
  headers: Record<string, string>
  staffId: number
  seq: number
  /** Numbers drawn so far from the blocks this desk reserved, per counter. */
  drawn: Map<string, { next: number; last: number }>
}

export interface MutationSpec {
  name: string
  args: Record<string, unknown>
  baseVersion?: number | null
  leaseToken?: number | null
  /** The id of an earlier claim of the same case whose lease this mutation presents (PROTOCOL.md, Push). */
  leaseFrom?: string
  seq?: number
  id?: string
}

export interface TestOptions {
  /** Seed the demo accounts (default true); false = a service with no account yet (setup). */
  demoStaff?: boolean
  /** The database (default: PostgreSQL when DATABASE_URL is set, else PGlite); for tests run on each of testDrivers(). */
  driver?: 'pglite' | 'pg'
}

export async function startTest(opts: TestOptions = {}) {
  const sdb = await openTestDb(opts.driver)
  const staffIds = opts.demoStaff === false ? new Map<string, number>() : await seedDemoStaff(sdb.db)
  const clock = testClock(T0)
  const app: FastifyInstance = buildApp({ db: sdb, portalKey: PORTAL_KEY, clock })
  await app.ready()
  const json = <T = Record<string, unknown>>(r: LightMyRequestResponse): T => r.json() as T

  /** Signs in and returns a desk (its own clientId and seq counter). */
  async function desk(username: string, password = 'demo1234'): Promise<Desk> {
    const clientId = randomUUID()
    const r = await app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username, password, clientId, deskName: `${username} 的电脑` } })
    if (r.statusCode !== 200) throw new Error(r.body)
    const { token, staff } = json<{ token: string; staff: { id: number } }>(r)
    return { clientId, headers: { authorization: `Bearer ${token}`, 'x-casedesk-schema': '1' }, staffId: staff.id, seq: 0, drawn: new Map() }
  }

  /** Sets the account-security settings through the admin's `POST /sync/security` (the demo admin signs in). */
  async function security(settings: { sessionIdleMinutes?: number; offlineSignInDays?: number }) {
    const admin = await desk('admin')
    const r = await app.inject({ method: 'POST', url: '/sync/security', headers: admin.headers, payload: { sessionIdleMinutes: 30, offlineSignInDays: 7, ...settings } })
    if (r.statusCode !== 200) throw new Error(`security ${r.statusCode}: ${r.body}`)
  }

  /** Pushes mutations (seq and id assigned from the desk's counter unless given). */
  async function push(d: Desk, specs: MutationSpec[]) {
    const mutations = specs.map((s) => ({
      seq: s.seq ?? ++d.seq,
      id: s.id ?? randomUUID(),
      name: s.name,
      args: s.args,
      baseVersion: s.baseVersion ?? null,
      leaseToken: s.leaseToken ?? null,
      ...(s.leaseFrom === undefined ? {} : { leaseFrom: s.leaseFrom })
    }))
    const r = await app.inject({ method: 'POST', url: '/sync/push', headers: d.headers, payload: { clientId: d.clientId, mutations } })
    if (r.statusCode !== 200) throw new Error(`push ${r.statusCode}: ${r.body}`)
    return { ...json<{ results: Record<string, unknown>[]; lastSeq: number }>(r), mutations }
  }

  async function pull(d: Desk, cursor = '', limit?: number) {
    const q = new URLSearchParams({ cursor, ...(limit ? { limit: String(limit) } : {}) })
    return app.inject({ method: 'GET', url: `/sync/pull?${q}`, headers: d.headers })
  }

  async function putBlob(data: Buffer, headers: Record<string, string>, prefix = '') {
    return app.inject({ method: 'PUT', url: `${prefix}/blobs/${sha256Hex(data)}`, headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: data })
  }

  const portalHeaders = { 'x-portal-key': PORTAL_KEY }

  /** The body of a complete archive-deposit application as the portal posts it (its files uploaded first). */
  async function applicationPayload(n = 1, overrides: Record<string, unknown> = {}) {
    // Born 1995-03-0<n % 10> and female (an even 17th digit) like the applicant below; unique for n < 10^6.
    const six = String(n).padStart(6, '0').slice(-6)
    const first17 = `11${six.slice(0, 4)}1995030${n % 10}${six.slice(4)}0`
    const idNumber = first17 + idCheckChar(first17)
    const attachments = []
    for (const code of ['id_card', 'passport', 'visa', 'admission']) {
      const data = Buffer.from(`%PDF-1.4 ${code} ${n}`)
      const put = await putBlob(data, portalHeaders, '/portal')
      if (put.statusCode >= 300) throw new Error(put.body)
      attachments.push({ materialCode: code, fileName: `${code}.pdf`, mime: 'application/pdf', sha256: sha256Hex(data) })
    }
    const payload = {
      type: 'archive_deposit',
      subtype: 'outbound',
      applicant: {
        name: `申请人${n}`,
        sex: 'female',
        idNumber,
        birthDate: `1995-03-0${n % 10}`,
        ethnicity: '汉族',
        politicalStatus: '共青团员',
        maritalStatus: '未婚',
        fertilityStatus: '未育',
        householdRegion: '北京市海淀区',
        mobile: '13800138000',
        email: `a${n}@example.com`,
        contactName: '王大明',
        contactMobile: '13900139000'
      },
      form: portalDepositForm(),
      attachments,
      ...overrides
    }
    return payload
  }

  /** A complete archive-deposit application through the portal. */
  async function submitApplication(n = 1, overrides: Record<string, unknown> = {}) {
    const payload = await applicationPayload(n, overrides)
    const r = await app.inject({ method: 'POST', url: '/portal/applications', headers: portalHeaders, payload })
    if (r.statusCode !== 201) throw new Error(`submit ${r.statusCode}: ${r.body}`)
    return json<{ caseId: string; caseNumber: string; state: string }>(r)
  }

  /** `POST /sync/numbers` for the desk. */
  async function numbers(d: Desk, want: { counter: string; size: number }[], held: { counter: string; first: number; last: number }[] = []) {
    const r = await app.inject({ method: 'POST', url: '/sync/numbers', headers: d.headers, payload: { clientId: d.clientId, want, held } })
    if (r.statusCode !== 200) throw new Error(`numbers ${r.statusCode}: ${r.body}`)
    return json<{ blocks: { counter: string; first: number; last: number }[]; conflicts: unknown[]; restored: number }>(r)
  }

  /** The desk's next number of `counter`, from a block it reserves when it has none left. */
  async function draw(d: Desk, counter: string): Promise<number> {
    let held = d.drawn.get(counter)
    if (!held || held.next > held.last) {
      const [b] = (await numbers(d, [{ counter, size: 10 }])).blocks
      held = { next: b.first, last: b.last }
      d.drawn.set(counter, held)
    }
    return held.next++
  }

  /** Uploads a letter PDF and returns the `document` of a `case.act` that issued it (numbered from the desk's block unless given). */
  async function letter(d: Desk, given?: string) {
    const year = Number(clock.now().toISOString().slice(0, 4))
    const number = given ?? formatDocumentNumber('transfer_notice', year, await draw(d, counterKey('transfer_notice', year)))
    const pdf = Buffer.from(`%PDF-1.4 letter ${number}`)
    const r = await putBlob(pdf, d.headers)
    if (r.statusCode >= 300) throw new Error(r.body)
    return { docType: 'transfer_notice', number, verificationCode: newVerificationCode(), sha256: sha256Hex(pdf), fileName: `调档通知单-${number}.pdf`, issuedAt: clock.now().toISOString() }
  }

  const close = async () => {
    await app.close()
    await sdb.close()
  }

  return { app, sdb, clock, staffIds, desk, security, push, pull, putBlob, portalHeaders, applicationPayload, submitApplication, numbers, draw, letter, json, close }
}

export type TestServer = Awaited<ReturnType<typeof startTest>>
