import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { idCheckChar } from '../../../src/shared/domain/identity'
import { schema } from '../db'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

/** Applicant 5's application with its applicant's fields replaced, posted through the portal. */
async function submitWith(applicant: Record<string, unknown>) {
  const payload = await t.applicationPayload(5)
  const body = { ...payload, applicant: { ...(payload.applicant as Record<string, unknown>), ...applicant } }
  return t.app.inject({ method: 'POST', url: '/portal/applications', headers: t.portalHeaders, payload: body })
}
const refusal = (r: { statusCode: number; json(): unknown }) => [r.statusCode, (r.json() as { error: { code: string; message: string } }).error]
const stored = async (idNumber: string) => (await t.sdb.db.select().from(schema.applicants).where(eq(schema.applicants.idNumber, idNumber)))[0]

describe('the applicant as the seeds take them (issue 14: GB 11643 exactly, mainland mobiles where 000/004 say so)', () => {
  it('checks a mainland ID number whatever the ID type is called — 身份证 was not checked before', async () => {
    const payload = await t.applicationPayload(5)
    const id = (payload.applicant as { idNumber: string }).idNumber
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
    for (const idType of ['身份证', '居民身份证', '临时居民身份证']) {
      expect(refusal(await submitWith({ idType, idNumber: wrong }))).toEqual([400, { code: 'VALIDATION', message: '身份证号码校验位错误' }])
    }
    // A passport number is not a GB 11643 number.
    expect((await submitWith({ idType: '护照', idNumber: 'E12345678' })).statusCode).toBe(201)
  })

  it('refuses a birth date or sex that the number contradicts, and takes a number born before 1900', async () => {
    expect(refusal(await submitWith({ birthDate: '1995-03-06' }))).toEqual([400, { code: 'VALIDATION', message: '出生日期 1995-03-06 与身份证号码不符（号码中为 1995-03-05）' }])
    expect(refusal(await submitWith({ sex: 'male' }))).toEqual([400, { code: 'VALIDATION', message: '性别与身份证号码不符（号码中为女）' }])
    const first17 = '44052418800101002' // born 1 January 1880, female
    const old = first17 + idCheckChar(first17)
    const r = await submitWith({ idNumber: old.toLowerCase(), birthDate: '1880-01-01', sex: 'female' })
    expect(r.statusCode).toBe(201)
    expect((await stored(old.toUpperCase()))?.birthDate).toBe('1880-01-01')
  })

  it('takes only a 国（境）内 mobile for an archive deposit (seed 000), written without spaces or +86', async () => {
    expect(refusal(await submitWith({ mobile: '+44 7700 900123' }))).toEqual([400, { code: 'VALIDATION', message: expect.stringContaining('仅限填写国（境）内手机号码') }])
    expect(refusal(await submitWith({ mobile: '1380013800' }))[0]).toBe(400)
    const r = await submitWith({ mobile: '+86 138-0013-8000' })
    expect(r.statusCode).toBe(201)
    const payload = await t.applicationPayload(5)
    expect((await stored((payload.applicant as { idNumber: string }).idNumber))?.mobile).toBe('13800138000')
  })
})
