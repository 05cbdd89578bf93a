// The portal simulator against the real exchange service: the harness's app (in-memory PGlite)
// listening on a free port, spoken to over HTTP with fetch, as the simulator and a desk would.
import { createHash } from 'node:crypto'
import { count, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { schema } from '../../server/src/db'
import { PORTAL_KEY, startTest, type TestServer } from '../../server/src/testing/harness'
import { checkResidentId } from '../../src/shared/domain/identity'
import { type DemoPerson, makePerson } from '../demo/people'
import { Rng } from '../demo/random'
import { applicantOf, percentile, runSimulator, type SimHolder } from './simulator'

let t: TestServer
let url: string

const TODAY = '2026-03-02'
const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

interface Posted {
  caseNumber?: string
  body: { type: string; subtype: string; applicant: { idNumber: string; name: string }; attachments: { materialCode: string; fileName: string; mime: string; sha256: string }[] }
}

/** A fetch that records the applications posted (and the answers), passing everything through. */
function recordingFetch() {
  const posted: Posted[] = []
  const calls: string[] = []
  const spy: typeof fetch = async (input, init) => {
    const target = String(input)
    calls.push(`${init?.method ?? 'GET'} ${new URL(target).pathname}`)
    const res = await fetch(input, init)
    if (init?.method === 'POST' && target.endsWith('/portal/applications')) {
      const entry: Posted = { body: JSON.parse(String(init.body)) }
      posted.push(entry)
      if (res.ok) entry.caseNumber = ((await res.clone().json()) as { caseNumber: string }).caseNumber
    }
    return res
  }
  return { spy, posted, calls }
}

async function signIn(username: string): Promise<Record<string, string>> {
  const r = await fetch(`${url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo1234' }) })
  expect(r.status).toBe(200)
  const { token } = (await r.json()) as { token: string }
  return { authorization: `Bearer ${token}`, 'x-casedesk-schema': '1' }
}

/** Registers the person's archive as in storage at the service (as the register would have it). */
async function register(person: DemoPerson, category: 'unit' | 'individual'): Promise<void> {
  const [a] = await t.sdb.db.insert(schema.applicants).values(applicantOf(person)).returning({ id: schema.applicants.id })
  const n = (await t.sdb.db.select({ n: count() }).from(schema.archives))[0].n + 1
  await t.sdb.db.insert(schema.archives).values({
    applicantId: a.id,
    archiveNumber: `D2020${String(n).padStart(6, '0')}`,
    status: 'in_storage',
    category,
    employer: category === 'unit' ? '北京华信科技有限公司' : null,
    feesPaidUntil: '2026-12'
  })
}

const caseCount = async () => (await t.sdb.db.select({ n: count() }).from(schema.cases))[0].n
const blobCount = async () => (await t.sdb.db.select({ n: count() }).from(schema.blobs))[0].n

describe('portal simulator', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    t = await startTest()
    url = await t.app.listen({ port: 0, host: '127.0.0.1' })
  }, 60_000) // PGlite start and migrations take seconds on a loaded machine
  afterEach(async () => {
    await t.close()
  }, 60_000)

  it('submits generated applications with their files; a clerk pulls them as submitted cases', async () => {
    const { spy, posted } = recordingFetch()
    const seen: { caseId: string; caseNumber: string; ms: number }[] = []
    const mix = { archive_deposit: 1 }
    const result = await runSimulator({ serverUrl: url, portalKey: PORTAL_KEY, count: 5, ratePerMinute: 6000, seed: 7, today: TODAY, followUpRate: 0, mix, fetch: spy, onSubmitted: (r) => seen.push(r) })
    expect(result).toMatchObject({ submitted: 5, failed: 0, errors: {}, modified: 0, cancelled: 0, retries: 0, byType: { archive_deposit: 5 } })
    expect(result.latencyMs.p50).toBeGreaterThan(0)
    expect(result.latencyMs.p95).toBeGreaterThanOrEqual(result.latencyMs.p50)
    expect(seen.map((s) => s.caseNumber)).toEqual([1, 2, 3, 4, 5].map((n) => `CD20260302${String(n).padStart(6, '0')}`))
    expect(posted.map((p) => p.caseNumber)).toEqual(seen.map((s) => s.caseNumber))
    for (const p of posted) {
      expect(p.body.type).toBe('archive_deposit')
      expect(['outbound', 'returning']).toContain(p.body.subtype)
      expect(checkResidentId(p.body.applicant.idNumber)).toBeNull()
      expect(p.body.attachments.map((a) => a.materialCode)).toEqual(expect.arrayContaining(['id_card', 'passport', 'visa', 'admission']))
    }

    const rows = await t.sdb.db.select().from(schema.cases)
    expect(rows.map((r) => r.state)).toEqual(['submitted', 'submitted', 'submitted', 'submitted', 'submitted'])

    // A clerk signs in through the API and pulls: the five cases, their attachments, and the files by hash.
    const clerk = await signIn('clerk1')
    const pull = await fetch(`${url}/sync/pull?cursor=`, { headers: clerk })
    expect(pull.status).toBe(200)
    const { changes } = (await pull.json()) as { changes: { caseId: string; snapshot: { case: { caseNumber: string; state: string; type: string }; applicant: { idNumber: string }; attachments: { materialCode: string; fileName: string; mime: string; size: number; sha256: string }[] } }[] }
    expect(changes.map((c) => c.caseId).sort()).toEqual(seen.map((s) => s.caseId).sort())
    for (const { snapshot } of changes) {
      expect(snapshot.case).toMatchObject({ state: 'submitted', type: 'archive_deposit' })
      const sent = posted.find((p) => p.caseNumber === snapshot.case.caseNumber)!
      expect(snapshot.applicant.idNumber).toBe(sent.body.applicant.idNumber)
      const key = (a: { materialCode: string; sha256: string }) => `${a.materialCode}:${a.sha256}`
      expect(snapshot.attachments.map(key).sort()).toEqual(sent.body.attachments.map(key).sort())
      for (const a of snapshot.attachments) {
        const blob = await fetch(`${url}/blobs/${a.sha256}`, { headers: clerk })
        expect(blob.status).toBe(200)
        const data = new Uint8Array(await blob.arrayBuffer())
        expect(sha256(data)).toBe(a.sha256)
        expect(data.length).toBe(a.size)
        const magic = Buffer.from(data.subarray(0, 4))
        if (a.mime === 'application/pdf') expect(magic.toString('latin1')).toBe('%PDF')
        else expect([...magic.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff])
      }
    }
  })

  it('with a wrong portal key every submission fails with its error code counted, and nothing is created', async () => {
    const { spy, calls } = recordingFetch()
    const logged: string[] = []
    const result = await runSimulator({ serverUrl: url, portalKey: 'wrong-key', count: 3, ratePerMinute: 6000, today: TODAY, fetch: spy, log: (l) => logged.push(l) })
    expect(result).toMatchObject({ submitted: 0, failed: 3, errors: { UNAUTHENTICATED: 3 }, retries: 0, latencyMs: { p50: 0, p95: 0 } })
    // A 4xx is not retried: one refused upload per application, and no submission after it.
    expect(calls).toHaveLength(3)
    expect(calls.every((c) => c.startsWith('PUT /portal/blobs/'))).toBe(true)
    expect(logged.filter((l) => l.includes('UNAUTHENTICATED'))).toHaveLength(3)
    expect(await caseCount()).toBe(0)
    expect(await blobCount()).toBe(0)
  })

  it('retries network errors and 5xx, then succeeds; gives up after 3 retries', async () => {
    let n = 0
    // Every third call fails once: alternately a dropped connection and a 503.
    const flaky: typeof fetch = async (input, init) => {
      n++
      if (n % 3 === 1) throw new TypeError('fetch failed')
      if (n % 3 === 2) return new Response(JSON.stringify({ error: { code: 'INTERNAL', message: '服务暂时不可用' } }), { status: 503 })
      return fetch(input, init)
    }
    const ok = await runSimulator({ serverUrl: url, portalKey: PORTAL_KEY, count: 2, ratePerMinute: 6000, today: TODAY, followUpRate: 0, fetch: flaky, retryBaseMs: 1 })
    expect(ok).toMatchObject({ submitted: 2, failed: 0 })
    expect(ok.retries).toBeGreaterThan(0)
    expect(await caseCount()).toBe(2)

    let attempts = 0
    const down: typeof fetch = async () => {
      attempts++
      return new Response('Bad Gateway', { status: 502 })
    }
    const gaveUp = await runSimulator({ serverUrl: url, portalKey: PORTAL_KEY, count: 1, ratePerMinute: 6000, today: TODAY, fetch: down, retryBaseMs: 1 })
    expect(gaveUp).toMatchObject({ submitted: 0, failed: 1, errors: { HTTP_502: 1 }, retries: 3 })
    expect(attempts).toBe(4)
  })

  it('retries a submission whose reply was lost with the same Idempotency-Key: one case, the answer replayed', async () => {
    const keys: string[] = []
    let lost = 0
    // The first submission reaches the service and commits, but its reply is lost on the way back.
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init)
      if (init?.method === 'POST' && String(input).endsWith('/portal/applications')) {
        keys.push(new Headers(init.headers).get('idempotency-key') ?? '')
        if (lost++ === 0) throw new TypeError('fetch failed')
      }
      return res
    }
    const seen: string[] = []
    const result = await runSimulator({ serverUrl: url, portalKey: PORTAL_KEY, count: 2, ratePerMinute: 6000, today: TODAY, followUpRate: 0, fetch: lossy, retryBaseMs: 1, onSubmitted: (r) => seen.push(r.caseId) })
    expect(result).toMatchObject({ submitted: 2, failed: 0, retries: 1, replayed: 1 })
    expect(keys).toHaveLength(3)
    expect(keys[0]).toMatch(/^sim-[0-9a-f-]{36}$/)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[0])
    expect(await caseCount()).toBe(2)
    const rows = await t.sdb.db.select({ id: schema.cases.id }).from(schema.cases)
    expect(rows.map((r) => r.id).sort()).toEqual([...seen].sort())
  })

  it('exercises modify and cancel on just-submitted applications', async () => {
    const logged: string[] = []
    const result = await runSimulator({ serverUrl: url, portalKey: PORTAL_KEY, count: 6, ratePerMinute: 6000, seed: 3, today: TODAY, followUpRate: 1, log: (l) => logged.push(l) })
    expect(result.submitted).toBe(6)
    expect(result.errors).toEqual({})
    expect(result.modified + result.cancelled).toBe(6)
    expect(result.modified).toBeGreaterThan(0)
    expect(result.cancelled).toBeGreaterThan(0)
    const rows = await t.sdb.db.select({ state: schema.cases.state, version: schema.cases.version }).from(schema.cases)
    expect(rows.filter((r) => r.state === 'cancelled')).toHaveLength(result.cancelled)
    expect(rows.filter((r) => r.state === 'submitted')).toHaveLength(result.modified)
    const updates = await t.sdb.db.select().from(schema.caseEvents).where(eq(schema.caseEvents.action, 'update'))
    expect(updates).toHaveLength(result.modified)
  })

  it('submits every case type: intakes for anyone; transfers out, filings and certificates for archive holders', async () => {
    const rng = new Rng(5)
    const used = new Set<string>()
    const holders: SimHolder[] = []
    for (const category of ['unit', 'individual', 'individual', 'unit'] as const) {
      const person = makePerson(rng, 'returning', TODAY, used)
      await register(person, category)
      holders.push({ person, category })
    }
    const { spy, posted } = recordingFetch()
    const mix = { archive_deposit: 1, archive_intake: 1, archive_transfer_out: 1, material_filing: 1, certificate_request: 2 }
    const result = await runSimulator({ serverUrl: url, portalKey: PORTAL_KEY, count: 16, ratePerMinute: 6000, seed: 11, today: TODAY, followUpRate: 0, mix, holders, fetch: spy })
    expect(result).toMatchObject({ submitted: 16, failed: 0, errors: {} })
    expect(Object.keys(result.byType).sort()).toEqual(Object.keys(mix).sort())
    const holderIds = new Set(holders.map((h) => h.person.idNumber))
    for (const p of posted) {
      const forHolder = ['archive_transfer_out', 'material_filing', 'certificate_request'].includes(p.body.type)
      expect(holderIds.has(p.body.applicant.idNumber), p.body.type).toBe(forHolder)
      const unit = holders.find((h) => h.person.idNumber === p.body.applicant.idNumber)?.category === 'unit'
      if (p.body.type === 'certificate_request') expect(p.body.attachments.some((a) => a.materialCode === 'intro_letter')).toBe(unit)
    }
    const rows = await t.sdb.db.select({ type: schema.cases.type, state: schema.cases.state }).from(schema.cases)
    expect(rows.filter((r) => r.type === 'certificate_request').every((r) => r.state === 'pending')).toBe(true)
  })

  it('learns holders from its own deposits once the office has deposited them', async () => {
    // The office deposits each case the simulator asks after (as the desks would, over time).
    const asked: string[] = []
    const depositing: typeof fetch = async (input, init) => {
      const m = /\/portal\/applications\/([^/]+)$/.exec(new URL(String(input)).pathname)
      if ((init?.method ?? 'GET') === 'GET' && m) {
        const caseId = decodeURIComponent(m[1])
        asked.push(caseId)
        const [c] = await t.sdb.db.update(schema.cases).set({ state: 'deposited' }).where(eq(schema.cases.id, caseId)).returning({ applicantId: schema.cases.applicantId })
        await t.sdb.db.insert(schema.archives).values({ applicantId: c.applicantId, archiveNumber: `D2026${String(asked.length).padStart(6, '0')}`, status: 'in_storage' })
      }
      return fetch(input, init)
    }
    const result = await runSimulator({ serverUrl: url, portalKey: PORTAL_KEY, count: 12, ratePerMinute: 6000, seed: 2, today: TODAY, followUpRate: 0, mix: { archive_deposit: 1, certificate_request: 3 }, fetch: depositing })
    expect(asked.length).toBeGreaterThan(0)
    expect(result).toMatchObject({ failed: 0, errors: {} })
    expect(result.byType.certificate_request).toBeGreaterThan(0)
    // Before the first check there is nobody to ask for a certificate: the first four are deposits.
    const rows = await t.sdb.db.select({ type: schema.cases.type, caseNumber: schema.cases.caseNumber }).from(schema.cases).orderBy(schema.cases.caseNumber)
    expect(rows.slice(0, 4).map((r) => r.type)).toEqual(Array(4).fill('archive_deposit'))
  })

  it('submits the certification office’s types: certifications, employment registrations, refunds of its own certifications, and supplements when paused', async () => {
    let paused = ''
    // The office pauses the first certification the simulator asks after (a desk's 通知补充材料).
    const office: typeof fetch = async (input, init) => {
      const m = /\/portal\/applications\/([^/]+)$/.exec(new URL(String(input)).pathname)
      if ((init?.method ?? 'GET') === 'GET' && m && !paused) {
        const caseId = decodeURIComponent(m[1])
        const [c] = await t.sdb.db.select({ type: schema.cases.type }).from(schema.cases).where(eq(schema.cases.id, caseId))
        if (c.type === 'degree_certification') {
          paused = caseId
          await t.sdb.db.update(schema.cases).set({ state: 'awaiting_supplements', clockStartedOn: TODAY, clockDays: 12, deadlineOn: null }).where(eq(schema.cases.id, caseId))
        }
      }
      return fetch(input, init)
    }
    const mix = { degree_certification: 4, employment_registration: 2, certification_refund: 1 }
    const logged: string[] = []
    const result = await runSimulator({ serverUrl: url, portalKey: PORTAL_KEY, count: 16, ratePerMinute: 6000, seed: 4, today: TODAY, followUpRate: 0, mix, fetch: office, log: (l) => logged.push(l) })
    expect(result, logged.join('\n')).toMatchObject({ failed: 0, errors: {} })
    expect(result.byType.degree_certification).toBeGreaterThan(0)
    expect(result.byType.employment_registration).toBeGreaterThan(0)
    expect(result.byType.certification_refund).toBeGreaterThan(0)
    expect(result.supplemented).toBe(1)
    // The supplement went in: files added to the case's own, the clock running again.
    const [c] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, paused))
    expect(c).toMatchObject({ state: 'in_review', clockDays: 12 })
    const events = await t.sdb.db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, paused))
    expect(events.map((e) => e.action)).toEqual(['submit', 'supplement'])
    const files = await t.sdb.db.select().from(schema.attachments).where(eq(schema.attachments.caseId, paused))
    expect(files.length).toBeGreaterThan(3)
    // Realistic forms: study histories from high school, 360 CNY paid; refunds name a certification of the same applicant.
    const rows = await t.sdb.db.select().from(schema.cases)
    for (const r of rows.filter((x) => x.type === 'degree_certification')) {
      const f = r.form as { studyHistory: { stage: string }[]; payment: { amount: number } }
      expect(f.studyHistory[0].stage).toBe('high_school')
      expect(f.payment.amount).toBe(360)
    }
    for (const r of rows.filter((x) => x.type === 'certification_refund')) {
      const named = rows.find((x) => x.caseNumber === (r.form as { certificationCaseNumber: string }).certificationCaseNumber)
      expect(named?.applicantId).toBe(r.applicantId)
    }
  })

  it('paces submissions to the rate and stops promptly when aborted', async () => {
    const controller = new AbortController()
    const times: number[] = []
    let abortedAt = 0
    const started = performance.now()
    const run = runSimulator({
      serverUrl: url,
      portalKey: PORTAL_KEY,
      count: 10,
      ratePerMinute: 300, // one every 200 ms
      today: TODAY,
      followUpRate: 0,
      signal: controller.signal,
      onSubmitted: () => {
        times.push(performance.now() - started)
        if (times.length === 3) {
          abortedAt = performance.now()
          controller.abort()
        }
      }
    })
    const result = await run
    expect(result.submitted).toBe(3)
    expect(times[1]).toBeGreaterThanOrEqual(200)
    expect(times[2]).toBeGreaterThanOrEqual(400)
    // The next start was 200 ms away: the abort ends the wait at once instead.
    expect(performance.now() - abortedAt).toBeLessThan(150)
  })
})

describe('percentile', () => {
  it('is nearest-rank', () => {
    expect(percentile([], 50)).toBe(0)
    expect(percentile([5], 95)).toBe(5)
    const xs = Array.from({ length: 20 }, (_, i) => i + 1)
    expect(percentile(xs, 50)).toBe(10)
    expect(percentile(xs, 95)).toBe(19)
  })
})
