import { describe, expect, it } from 'vitest'
import { CASE_TYPES } from './case-types'
import { formSchemaOf, parseForm, parseStoredForm } from './forms'
import { sampleDepositForm } from './testing'

const deposit = sampleDepositForm

const problemOf = (type: string, subtype: string, form: unknown): string | null => {
  const r = parseStoredForm(type, subtype, form)
  return r.ok ? null : r.problem
}

describe('every case type has a strict form schema', () => {
  it('has a schema for every type and subtype of the registry (a new type cannot come without one)', () => {
    expect(Object.keys(CASE_TYPES).length).toBeGreaterThanOrEqual(9)
    for (const [type, def] of Object.entries(CASE_TYPES)) {
      expect(typeof def.formSchema, type).toBe('function')
      for (const subtype of Object.keys(def.subtypes)) {
        const schema = formSchemaOf(type, subtype)
        expect(schema, `${type}/${subtype}`).not.toBeNull()
        // Strict: an unknown key is refused whatever else the form holds.
        expect(schema!.safeParse({ surprise: 'x' }).success, `${type}/${subtype}`).toBe(false)
        // Not a form at all.
        for (const bad of [null, 'text', 42, [], [deposit()]]) expect(schema!.safeParse(bad).success, `${type}/${subtype} ${JSON.stringify(bad)}`).toBe(false)
      }
    }
  })

  it('knows no subtype or type that is not the definition’s own (__proto__, toString, constructor)', () => {
    for (const key of ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf']) {
      expect(formSchemaOf('archive_deposit', key)).toBeNull()
      expect(formSchemaOf(key, 'outbound')).toBeNull()
      expect(parseStoredForm('archive_deposit', key, deposit()).ok).toBe(false)
      expect(parseStoredForm(key, 'outbound', deposit()).ok).toBe(false)
    }
  })
})

describe('the archive deposit’s form (seed 000)', () => {
  it('accepts the form the desk, the demo and the portal simulator send, for both subtypes', () => {
    expect(parseStoredForm('archive_deposit', 'outbound', deposit())).toEqual({ ok: true, form: deposit() })
    expect(parseStoredForm('archive_deposit', 'returning', { ...deposit(), custodianAddress: '北京市海淀区某路 1 号' }).ok).toBe(true)
  })

  it('refuses a CV that is not a list, an empty CV, a CV out of order and too many entries', () => {
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), cv: 'not-a-list' })).toMatch(/国内个人履历应为列表/)
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), cv: [] })).toMatch(/国内个人履历/)
    const [a, b] = deposit().cv
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), cv: [b, a] })).toMatch(/顺序/)
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), cv: [{ ...a, from: '2018-09', to: '2017-06' }] })).toMatch(/起止/)
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), cv: Array.from({ length: 21 }, () => a) })).not.toBeNull()
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), cv: [{ ...a, from: '2014-13' }] })).not.toBeNull()
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), cv: [{ ...a, extra: 1 }] })).not.toBeNull()
  })

  it('refuses unknown keys, a missing custodian, no consent to the transfer agreement, NUL and lone surrogates', () => {
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), isAdmin: true })).toBe('有不允许的字段：isAdmin')
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), cv: [{ ...deposit().cv[0], x: 1 }] })).toBe('“cv[0]”中有不允许的字段：x')
    expect(problemOf('archive_deposit', 'outbound', { cv: deposit().cv, custodian: '北京市人才服务中心', agreementAccepted: true, overseas: [{}] })).toBe('请填写留学开始年月')
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), custodian: '' })).toMatch(/现档案保管机构/)
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), agreementAccepted: false })).toMatch(/人事档案调转协议/)
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), custodian: '北京\u0000人才' })).toMatch(/U\+0000/)
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), custodian: '北京\ud800人才' })).toMatch(/Unicode/)
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), overseas: 'none' })).not.toBeNull()
    expect(problemOf('archive_deposit', 'outbound', { ...deposit(), custodian: 'x'.repeat(101) })).not.toBeNull()
  })

  it('gives the parsed form: strings trimmed, absent optional lists as empty ones', () => {
    const sent = { ...deposit(), custodian: '  北京市海淀区人才服务中心 ', overseas: undefined }
    const r = parseForm(CASE_TYPES.archive_deposit, 'outbound', sent)
    expect(r).toEqual({ ok: true, form: { ...deposit(), overseas: [] } })
  })
})

describe('the other forms are strict and safe', () => {
  it('refuses unknown keys and NUL in the transfer out, intake, material filing and certificate forms', () => {
    const out = { receivingAgency: '上海市人才服务中心', receivingAddress: '上海市黄浦区某路 1 号' }
    expect(parseStoredForm('archive_transfer_out', 'standard', out).ok).toBe(true)
    expect(parseStoredForm('archive_transfer_out', 'standard', { ...out, x: 1 }).ok).toBe(false)
    expect(parseStoredForm('archive_transfer_out', 'standard', { ...out, receivingAgency: '上海\u0000' }).ok).toBe(false)
    expect(parseStoredForm('material_filing', 'standard', { materials: 'x' }).ok).toBe(false)
    expect(parseStoredForm('material_filing', 'standard', { materials: [{ name: '思想汇报', pages: 6, copies: 6 }] }).ok).toBe(true)
    expect(parseStoredForm('certificate_request', 'custody', {}).ok).toBe(true)
    expect(parseStoredForm('certificate_request', 'custody', { purpose: '考研政审\u0000' }).ok).toBe(false)
    expect(parseStoredForm('certificate_request', 'custody', { purpose: 1 }).ok).toBe(false)
  })

  it('reads a stored form given as JSON text, and says what is wrong with text that is not JSON', () => {
    expect(parseStoredForm('certificate_request', 'custody', '{"purpose":"考研"}')).toEqual({ ok: true, form: { purpose: '考研' } })
    expect(parseStoredForm('certificate_request', 'custody', '{oops')).toMatchObject({ ok: false })
  })
})
