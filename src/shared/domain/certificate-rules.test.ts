import { describe, expect, it } from 'vitest'
import { archiveCheck, type ArchiveFacts, certificateChecks, dismissed, firstFailure, inArrears, type RuleFacts } from './certificate-rules'

const individual: ArchiveFacts = { archiveNumber: 'D2019000523', status: 'in_storage', category: 'individual', employer: null, feesPaidUntil: '2015-01', dismissalDate: null }
const unit: ArchiveFacts = { ...individual, category: 'unit', employer: '北京华信科技有限公司', feesPaidUntil: null }

/** Seed 003's own example: the cut-off 2014-12, checked on 2020-08-11. */
const facts = (over: Partial<RuleFacts> = {}): RuleFacts => ({
  today: '2020-08-11',
  arrearsCutoff: '2014-12',
  archive: individual,
  materials: [],
  earlierPending: [],
  ...over
})
const failure = (f: RuleFacts) => firstFailure(certificateChecks(f))
const outcomes = (f: RuleFacts) => Object.fromEntries(certificateChecks(f).map((c) => [c.key, c.outcome]))

describe('arrears (individual archives)', () => {
  it('refuses fees paid up to the month before the cut-off, in the seed’s words', () => {
    const f = failure(facts({ archive: { ...individual, feesPaidUntil: '2014-11' } }))
    expect(f?.code).toBe('ARREARS')
    expect(f?.message).toBe('您的存档费处于欠费状态，不能开具证明信，需到人才中心缴纳后再申请开具')
    expect(f?.staffMessage).toContain('缴费截止 2014-11，早于截止线 2014-12')
    expect(f?.detail).toBe('2014-11（截止线 2014-12）')
  })

  it('accepts fees paid up to the cut-off month itself, and later', () => {
    expect(failure(facts({ archive: { ...individual, feesPaidUntil: '2014-12' } }))).toBeUndefined()
    expect(failure(facts({ archive: { ...individual, feesPaidUntil: '2015-01' } }))).toBeUndefined()
  })

  it('compares months across a year boundary; no fee record is not arrears, and the checklist says it is unrecorded', () => {
    expect(inArrears('2014-12', '2015-01')).toBe(true)
    expect(inArrears('2015-01', '2015-01')).toBe(false)
    expect(inArrears(null, '2015-01')).toBe(false)
    const checks = certificateChecks(facts({ archive: { ...individual, feesPaidUntil: null } }))
    expect(firstFailure(checks)).toBeUndefined()
    expect(checks.find((c) => c.key === 'fees')).toMatchObject({ outcome: 'pass', detail: '未登记缴费时间（截止线 2014-12）' })
  })

  it('does not apply to unit archives (the employer pays)', () => {
    expect(outcomes(facts({ archive: unit, materials: ['intro_letter'] })).fees).toBe('na')
    expect(failure(facts({ archive: { ...unit, feesPaidUntil: '2010-01' }, materials: ['intro_letter'] }))).toBeUndefined()
  })
})

describe('dismissal (unit archives)', () => {
  it('refuses a dismissal date on the very day of the check', () => {
    const f = failure(facts({ archive: { ...unit, dismissalDate: '2020-08-11' }, materials: ['intro_letter'] }))
    expect(f?.code).toBe('DISMISSED')
    expect(f?.message).toBe('您已经从该单位离职，不能申请开具证明信，请联系人才中心办理档案转接业务')
    expect(f?.staffMessage).toContain('2020-08-11 从北京华信科技有限公司解聘')
  })

  it('refuses a dismissal date registered ahead of the day as well (seed 003: "系统登记了解聘时间")', () => {
    expect(dismissed('2020-08-12')).toBe(true)
    expect(dismissed(null)).toBe(false)
    const checks = certificateChecks(facts({ archive: { ...unit, dismissalDate: '2020-08-12' }, materials: ['intro_letter'] }))
    expect(firstFailure(checks)).toMatchObject({ code: 'DISMISSED', staffMessage: expect.stringContaining('已登记于 2020-08-12') })
    expect(firstFailure(certificateChecks(facts({ archive: { ...unit, dismissalDate: null }, materials: ['intro_letter'] })))).toBeUndefined()
  })

  it('does not apply to individual archives', () => {
    expect(failure(facts({ archive: { ...individual, dismissalDate: '2019-01-01' } }))).toBeUndefined()
  })
})

describe('introduction letter, duplicates, no archive', () => {
  it('requires the employer’s introduction letter for a unit archive only', () => {
    expect(failure(facts({ archive: unit }))?.code).toBe('INTRO_LETTER_REQUIRED')
    expect(failure(facts({ archive: unit, materials: ['intro_letter'] }))).toBeUndefined()
    expect(outcomes(facts()).intro_letter).toBe('na')
  })

  it('refuses while an earlier request of the same kind waits for review', () => {
    const f = failure(facts({ earlierPending: ['CD20200806000012'] }))
    expect(f?.code).toBe('DUPLICATE_PENDING')
    expect(f?.message).toContain('CD20200806000012')
    expect(failure(facts({ earlierPending: [] }))).toBeUndefined()
  })

  it('refuses without an archive in storage, and names the first failed rule when several fail', () => {
    for (const archive of [null, { ...individual, status: 'transferred_out' as const }, { ...individual, status: 'not_in' as const }]) {
      const checks = certificateChecks(facts({ archive, earlierPending: ['CD1'] }))
      expect(firstFailure(checks)?.code).toBe('NO_ARCHIVE')
      expect(checks.filter((c) => c.outcome === 'na').map((c) => c.key)).toEqual(['category', 'fees', 'dismissal', 'intro_letter'])
    }
    const several = certificateChecks(facts({ archive: { ...individual, feesPaidUntil: '2013-01' }, earlierPending: ['CD1'] }))
    expect(several.filter((c) => c.outcome === 'fail').map((c) => c.code)).toEqual(['ARREARS', 'DUPLICATE_PENDING'])
    expect(firstFailure(several)?.code).toBe('ARREARS')
  })

  it('reports every check with the data used, in the checklist’s order', () => {
    const checks = certificateChecks(facts({ archive: unit, materials: ['intro_letter'] }))
    expect(checks.map((c) => [c.label, c.outcome, c.detail])).toEqual([
      ['档案在库', 'pass', '在库（档案编号 D2019000523）'],
      ['存档类别', 'pass', '单位存档（北京华信科技有限公司）'],
      ['缴费截止', 'na', '单位存档，由单位缴费'],
      ['解聘时间', 'pass', '无'],
      ['单位介绍信', 'pass', '已上传'],
      ['同类待审核', 'pass', '无']
    ])
  })

  it('words the archive check for what is asked', () => {
    expect(archiveCheck(null, '申请档案转出').message).toBe('您的档案不在我中心（无存档记录），不能申请档案转出')
  })
})
