import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { schema } from '../db'
import { serverPerTest } from '../testing/per-test'
import { sampleDepositForm } from '../../../src/shared/domain/testing'

const t = serverPerTest()

const depositForm = sampleDepositForm

async function post(n: number, overrides: Record<string, unknown>) {
  const payload = await t.applicationPayload(n, { form: depositForm(), ...overrides })
  return t.app.inject({ method: 'POST', url: '/portal/applications', headers: t.portalHeaders, payload })
}
const errorOf = (r: { json(): unknown }) => (r.json() as { error: { code: string; message: string } }).error
const caseCount = async () => (await t.sdb.db.select({ n: count() }).from(schema.cases))[0].n
const storedForm = async (id: string) => (await t.sdb.db.select({ form: schema.cases.form }).from(schema.cases).where(eq(schema.cases.id, id)))[0].form

describe('portal forms: every form is checked by its type’s strict schema, and the parsed form is stored', () => {
  it('refuses a subtype that is only an inherited property (__proto__, toString, constructor) with a 400', async () => {
    let n = 1
    for (const subtype of ['__proto__', 'toString', 'constructor', 'hasOwnProperty']) {
      const r = await post(n++, { subtype })
      expect(r.statusCode, subtype).toBe(400)
      expect(errorOf(r).code, subtype).toBe('VALIDATION')
    }
    expect(await caseCount()).toBe(0)
  })

  it('refuses a deposit whose CV is not a list, unknown form keys, NUL or a lone surrogate in a field', async () => {
    const bad: Record<string, unknown>[] = [
      { ...depositForm(), cv: 'not-a-list' },
      { ...depositForm(), cv: [] },
      { ...depositForm(), admin: true },
      { ...depositForm(), custodian: '北京市\u0000人才服务中心' },
      { ...depositForm(), custodian: '北京市\udc00人才服务中心' },
      { ...depositForm(), cv: [{ ...depositForm().cv[0], organisation: 'x\u0000' }] },
      { ...depositForm(), agreementAccepted: false },
      {}
    ]
    let n = 1
    for (const form of bad) {
      const r = await post(n++, { form })
      expect(r.statusCode, JSON.stringify(form)).toBe(400)
      expect(errorOf(r).code, JSON.stringify(form)).toBe('VALIDATION')
    }
    expect(await caseCount()).toBe(0)
  })

  it('stores the parsed form (strings trimmed, defaults filled) and sends the same to the desks', async () => {
    const form = depositForm()
    form.custodian = '  北京市海淀区人才服务中心  '
    form.cv[0].organisation = ' 北京市第一〇一中学\n'
    const created = await post(1, { form: { ...form, overseas: undefined } })
    expect(created.statusCode).toBe(201)
    const { caseId } = created.json() as { caseId: string }
    expect(await storedForm(caseId)).toEqual({ ...depositForm(), overseas: [] })
    const clerk = await t.desk('clerk1')
    expect((await t.pull(clerk)).json().changes[0].snapshot.case.form).toEqual({ ...depositForm(), overseas: [] })
  })

  it('checks and stores the parsed form of a change and of a resubmission too', async () => {
    const { caseId } = (await post(1, {})).json() as { caseId: string }
    const patch = (form: unknown) => t.app.inject({ method: 'PATCH', url: `/portal/applications/${caseId}`, headers: t.portalHeaders, payload: { form } })
    expect((await patch({ ...depositForm(), cv: 'not-a-list' })).statusCode).toBe(400)
    expect((await patch({ ...depositForm(), extra: 'x' })).statusCode).toBe(400)
    expect((await patch({ ...depositForm(), custodian: ' 北京市朝阳区人才服务中心 ' })).statusCode).toBe(200)
    expect(await storedForm(caseId)).toEqual({ ...depositForm(), custodian: '北京市朝阳区人才服务中心' })

    const clerk = await t.desk('clerk1')
    const r = await t.push(clerk, [
      { name: 'case.claim', args: { caseId } },
      { name: 'case.act', args: { caseId, action: 'return_for_changes', input: { reasons: [{ material: 'cv', text: '履历时间不连续' }] } }, baseVersion: 3 }
    ])
    expect(r.results.map((x) => x.status)).toEqual(['applied', 'applied'])
    const resubmit = (form: unknown) => t.app.inject({ method: 'POST', url: `/portal/applications/${caseId}/resubmit`, headers: t.portalHeaders, payload: { form } })
    expect((await resubmit({ ...depositForm(), cv: 'not-a-list' })).statusCode).toBe(400)
    expect((await resubmit({ ...depositForm(), custodian: '北京市西城区人才服务中心 ' })).statusCode).toBe(200)
    expect(await storedForm(caseId)).toEqual({ ...depositForm(), custodian: '北京市西城区人才服务中心' })
  })
})
