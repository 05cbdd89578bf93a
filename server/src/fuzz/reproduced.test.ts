import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deep, toJson, raw } from './bad-input'
import { startTest, type TestServer, testDrivers } from '../testing/harness'

/**
 * The inputs issue 12 reproduced as 500s, each answered now with a coded 4xx (or, inside a push, a recorded
 * `rejected`/`MALFORMED` result while the batch moves on). The fuzz test (routes.test.ts) covers the classes;
 * these name the reported cases one by one.
 */
const RETURN = (text: string) => ({ reasons: [{ material: 'id_card', text }], note: '' })
const DEPOSIT_FORM = {
  cv: [{ from: '2010-09', to: '2013-07', organisation: '北京市第一中学', role: '高中' }],
  overseas: [],
  custodian: '北京市海淀区人才服务中心',
  agreementAccepted: true
}

describe.each(testDrivers())('the reproduced 500s (%s)', (driver) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTest({ driver })
  }, 60_000)
  afterAll(() => t?.close(), 60_000)

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : toJson(body) })
  const codeOf = (r: { body: string }) => (JSON.parse(r.body) as { error?: { code: string } }).error?.code

  it('NUL in the sign-in user name or password: 400 VALIDATION', async () => {
    for (const body of [
      { username: 'clerk1\u0000', password: 'demo1234' },
      { username: 'clerk1', password: 'demo\u00001234' },
      { username: '\uD800', password: 'demo1234' },
      { username: 'clerk1', password: 'demo1234', clientId: randomUUID(), deskName: 'a\u0000' }
    ]) {
      const r = await post('/auth/sign-in', body)
      expect([r.statusCode, codeOf(r)], JSON.stringify(body)).toEqual([400, 'VALIDATION'])
    }
  })

  it('NUL in a /verify code, all three forms: 400 (format)', async () => {
    for (const url of ['/verify?code=AB%00CD', '/verify/AB%00CDEFGH', '/api/verify/AB%00CDEFGH', '/verify?code=%ED%A0%80', '/api/verify/%ED%A0%80abcdefg']) {
      const r = await t.app.inject({ method: 'GET', url })
      expect(r.statusCode, url).toBe(400)
    }
    const api = await t.app.inject({ method: 'GET', url: '/api/verify/AB%00CDEFGH' })
    expect(api.json()).toMatchObject({ found: false, reason: 'format' })
  })

  it('NUL in the portal application id (GET, PATCH, cancel): 400 VALIDATION', async () => {
    for (const [method, url] of [
      ['GET', '/portal/applications/a%00b'],
      ['PATCH', '/portal/applications/a%00b'],
      ['POST', '/portal/applications/a%00b/cancel'],
      ['GET', '/portal/applications/%ED%A0%80']
    ] as const) {
      const r = await t.app.inject({ method, url, headers: { ...t.portalHeaders, 'content-type': 'application/json' }, payload: method === 'GET' ? undefined : '{}' })
      expect([r.statusCode, codeOf(r)], `${method} ${url}`).toEqual([400, 'VALIDATION'])
    }
  })

  it('NUL or a lone surrogate in applicant or form fields, and forms 5k–100k deep: 400 VALIDATION', async () => {
    const base = await t.applicationPayload(1, { form: DEPOSIT_FORM })
    const applicant = base.applicant as Record<string, unknown>
    const bodies: [string, unknown][] = [
      ['applicant.name NUL', { ...base, applicant: { ...applicant, name: '张\u0000三' } }],
      ['applicant.name lone surrogate', { ...base, applicant: { ...applicant, name: '张\uD800' } }],
      ['applicant.householdRegion NUL', { ...base, applicant: { ...applicant, householdRegion: '北京\u0000' } }],
      ['form field NUL', { ...base, form: { ...DEPOSIT_FORM, custodian: '某\u0000中心' } }],
      ['form field lone surrogate', { ...base, form: { ...DEPOSIT_FORM, custodian: '某\uDC00中心' } }],
      ['form key NUL', { ...base, form: raw('{"a\\u0000":1}') }],
      ['form 5k deep', { ...base, form: raw(deep(5000)) }],
      ['form 100k deep', { ...base, form: raw(deep(100_000)) }],
      ['body 100k deep', raw(deep(100_000))],
      ['body 100k deep array', raw(deep(100_000, true))]
    ]
    for (const [what, body] of bodies) {
      const r = await post('/portal/applications', toJson(body), t.portalHeaders)
      expect([r.statusCode, codeOf(r)], what).toEqual([400, 'VALIDATION'])
    }
    const patch = await t.app.inject({ method: 'PATCH', url: '/portal/applications/x', headers: { ...t.portalHeaders, 'content-type': 'application/json' }, payload: toJson({ form: raw(deep(50_000)) }) })
    expect([patch.statusCode, codeOf(patch)]).toEqual([400, 'VALIDATION'])
  })

  it('integers beyond the columns in a push envelope: 400 VALIDATION; in one mutation: a recorded rejection', async () => {
    const d = await t.desk('clerk1')
    const seqTooBig = await post('/sync/push', toJson({ clientId: d.clientId, mutations: [{ seq: raw('9223372036854775808'), id: randomUUID(), name: 'case.claim', args: { caseId: 'x' } }] }), d.headers)
    expect([seqTooBig.statusCode, codeOf(seqTooBig)]).toEqual([400, 'VALIDATION'])
    const answered = await post('/sync/push', toJson({ clientId: d.clientId, mutations: [], answeredThrough: raw('1e400') }), d.headers)
    expect([answered.statusCode, codeOf(answered)]).toEqual([400, 'VALIDATION'])
    const r = await t.push(d, [
      { name: 'case.act', args: { caseId: 'no-such-case', action: 'approve', input: {} }, baseVersion: 2 ** 31 },
      { name: 'case.release', args: { caseId: 'no-such-case' }, leaseToken: 2 ** 53 },
      { name: 'case.claim', args: { caseId: 'no-such-case', round: 2 ** 40 } },
      { name: 'number.void', args: { counter: 'transfer_notice:2026', serial: 2 ** 53, reason: '测试' } }
    ])
    expect(r.results.map((x) => x.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected'])
    expect(r.results.slice(0, 2).map((x) => x.code)).toEqual(['MALFORMED', 'MALFORMED'])
    const numbers = await post('/sync/numbers', { clientId: d.clientId, want: [], held: [{ counter: 'transfer_notice:2026', first: 1, last: 2 ** 53 }] }, d.headers)
    expect(numbers.statusCode).toBeLessThan(500)
    const pull = await t.app.inject({ method: 'GET', url: '/sync/pull?cursor=00000000-0000-0000-0000-000000000000:999999999999999999', headers: d.headers })
    expect(pull.statusCode).toBeLessThan(500)
  })

  it('NUL in a push caseId or args: the mutation is rejected MALFORMED and recorded; the batch moves on', async () => {
    const d = await t.desk('clerk1')
    const r = await t.push(d, [
      { name: 'case.claim', args: { caseId: 'a\u0000b' } },
      { name: 'case.act', args: { caseId: 'x', action: 'approve', input: { note: '\u0000' } } },
      { name: 'case.claim', args: { caseId: '\uD800' } },
      { name: 'case.\u0000', args: {} },
      { name: 'case.claim', args: { caseId: 'no-such-case' } }
    ])
    expect(r.results.map((x) => [x.status, x.code])).toEqual([
      ['rejected', 'MALFORMED'],
      ['rejected', 'MALFORMED'],
      ['rejected', 'MALFORMED'],
      ['rejected', 'MALFORMED'],
      ['rejected', 'NOT_FOUND']
    ])
    expect(r.lastSeq).toBe(5)
    // Answered again from the record.
    const again = await t.app.inject({ method: 'POST', url: '/sync/push', headers: d.headers, payload: { clientId: d.clientId, mutations: r.mutations.slice(0, 1) } })
    expect(again.statusCode).toBe(200)
    expect((again.json() as { results: { code: string }[] }).results[0].code).toBe('MALFORMED')
  })

  it('a return reason with U+0000 is a recorded rejection, not a poison mutation: the queue behind it applies', async () => {
    const { caseId } = await t.submitApplication(2, { form: DEPOSIT_FORM })
    const d = await t.desk('clerk1')
    const r = await t.push(d, [
      { name: 'case.claim', args: { caseId } },
      { name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN('身份证\u0000不清晰') }, baseVersion: 2 },
      { name: 'case.act', args: { caseId, action: 'return_for_changes', input: RETURN('身份证复印件不清晰') }, baseVersion: 2 }
    ])
    expect(r.results.map((x) => [x.status, x.code])).toEqual([
      ['applied', undefined],
      ['rejected', 'MALFORMED'],
      ['applied', undefined]
    ])
  })
})
