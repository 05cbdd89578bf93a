import { describe, expect, it } from 'vitest'
import { type CertificationFacts, firstFailure, type RuleCheck, type RuleFacts } from './certificate-rules'
import {
  certificationRefundChecks,
  refundCardDeadline,
  refundChecks,
  refundEligibility,
  refundRoute,
  refundRuleChecks,
  rereviewCheck,
  rereviewChecks,
  rereviewDeadline,
  rereviewRuleChecks
} from './certification-requests'

describe('re-review window (seed 004 四.1: 在获得认证结果的一年内)', () => {
  it('ends on the same calendar date a year later, included; 29 February → 28 February', () => {
    expect(rereviewDeadline('2025-03-10')).toBe('2026-03-10')
    expect(rereviewDeadline('2024-02-29')).toBe('2025-02-28')
    expect(rereviewDeadline('2023-02-28')).toBe('2024-02-28')
    expect(rereviewDeadline('2025-12-31')).toBe('2026-12-31')
  })

  it('passes on the last day and fails the day after, with the dates it used', () => {
    expect(rereviewCheck({ resultOn: '2025-03-10', requestedOn: '2026-03-10' })).toEqual({
      key: 'rereview_window',
      label: '复核期限',
      outcome: 'pass',
      detail: '结果日期 2025-03-10，复核截止 2026-03-10（含），申请日期 2026-03-10'
    })
    const late = rereviewCheck({ resultOn: '2024-02-29', requestedOn: '2025-03-01' })
    expect(late).toMatchObject({ outcome: 'fail', code: 'REREVIEW_EXPIRED', detail: '结果日期 2024-02-29，复核截止 2025-02-28（含），申请日期 2025-03-01' })
    expect(late.message).toContain('一年内（2025-02-28 前，含当日）')
    expect(rereviewCheck({ resultOn: '2024-02-29', requestedOn: '2025-02-28' }).outcome).toBe('pass')
    expect(rereviewCheck({ resultOn: null, requestedOn: '2025-02-28' }).outcome).toBe('na')
  })
})

describe('refund route (seed 004 五.2: 10 个月内退至原支付卡，超过的退至申请人提供的银行卡)', () => {
  it('goes back to the paying card up to the same date 10 months later, month end clamped', () => {
    expect(refundCardDeadline('2025-01-31')).toBe('2025-11-30')
    expect(refundRoute('2025-01-31', '2025-11-30')).toBe('original_card')
    expect(refundRoute('2025-01-31', '2025-12-01')).toBe('bank_account')
    expect(refundRoute('2025-03-15', '2026-01-15')).toBe('original_card')
    expect(refundRoute('2025-03-15', '2026-01-16')).toBe('bank_account')
    expect(refundRoute('2025-03-15', '2025-03-15')).toBe('original_card')
  })
})

// ---------------------------------------------------------------------------------------------------

const cert = (over: Partial<CertificationFacts> = {}): CertificationFacts => ({
  caseNumber: 'RZ20250001',
  applicantMatches: true,
  state: 'deferred',
  resultOn: '2025-03-10',
  refusalCode: null,
  paidOn: '2025-01-31',
  refunds: [],
  rereviews: [],
  ...over
})
const base = (over: Partial<RuleFacts> = {}): RuleFacts => ({
  today: '2025-06-01',
  arrearsCutoff: '2014-12',
  archive: null,
  materials: [],
  earlierPending: [],
  certification: cert(),
  ...over
})
const bank = { accountName: '刘洋', bankName: '中国银行北京海淀支行', accountNumber: '6217000010001234567' }
const refund = (over: Partial<RuleFacts> = {}, withBank = false) =>
  refundChecks({ ...base(over), form: { certificationCaseNumber: 'RZ20250001', bank: withBank ? bank : null } })
const rereview = (over: Partial<RuleFacts> = {}) => rereviewChecks({ ...base(over), form: { certificationCaseNumber: 'RZ20250001' } })
const byKey = (checks: RuleCheck[]) => Object.fromEntries(checks.map((c) => [c.key, c]))

describe('refundChecks (seed 004 五)', () => {
  it('lists every rule with the data it used, all passing for a 暂不认证 result within 10 months', () => {
    const checks = refund()
    expect(checks.map((c) => [c.key, c.outcome])).toEqual([
      ['certification', 'pass'],
      ['ownership', 'pass'],
      ['refund_status', 'pass'],
      ['refund_eligibility', 'pass'],
      ['pending_rereview', 'pass'],
      ['refund_route', 'pass']
    ])
    expect(byKey(checks).refund_route.detail).toBe('缴费日期 2025-01-31，10 个月截止 2025-11-30（含），申请日期 2025-06-01：退至原在线支付卡')
    expect(byKey(checks).refund_eligibility.detail).toBe('认证结果为暂不认证（2025-03-10）')
  })

  it('is in scope when paid but not in evaluation (submitted, returned, not accepted, cancelled before acceptance)', () => {
    for (const state of ['submitted', 'returned', 'not_accepted', 'cancelled']) expect(firstFailure(refund({ certification: cert({ state, resultOn: null }) }))).toBeUndefined()
    for (const state of ['in_review', 'awaiting_foreign', 'awaiting_supplements']) {
      expect(firstFailure(refund({ certification: cert({ state, resultOn: null }) }))).toMatchObject({ code: 'REFUND_NOT_ELIGIBLE' })
    }
  })

  it('never refunds a refusal for false materials; refunds a refusal for another reason (seed: 不予认证 + 退费 = 退出认证程序)', () => {
    const f = firstFailure(refund({ certification: cert({ state: 'refused', refusalCode: 'false_materials' }) }))
    expect(f).toMatchObject({ key: 'refund_eligibility', code: 'FALSE_MATERIALS', message: '因提供虚假材料导致不予认证的申请者不能申请退费' })
    expect(firstFailure(refund({ certification: cert({ state: 'refused', refusalCode: 'not_recognised_institution' }) }))).toBeUndefined()
  })

  it('does not refund a certified result, a case in evaluation, or an unpaid one', () => {
    expect(firstFailure(refund({ certification: cert({ state: 'certified' }) }))).toMatchObject({ code: 'REFUND_NOT_ELIGIBLE', detail: '已认证（已出具认证书）' })
    expect(firstFailure(refund({ certification: cert({ state: 'in_review', resultOn: null }) }))).toMatchObject({ code: 'REFUND_NOT_ELIGIBLE', detail: '已进入认证评估程序（认证评估中）' })
    expect(refundEligibility(cert({ paidOn: null, state: 'submitted' }))).toEqual({ eligible: false, code: 'REFUND_NOT_ELIGIBLE', detail: '未查到缴费记录' })
    expect(byKey(refund({ certification: cert({ paidOn: null }) })).refund_route.outcome).toBe('na')
  })

  it('refuses a second refund: pending while one is in progress, refunded once one is done', () => {
    const pending = firstFailure(refund({ certification: cert({ refunds: [{ caseNumber: 'TF20250003', state: 'submitted' }] }) }))
    expect(pending).toMatchObject({ key: 'refund_status', code: 'REFUND_PENDING', detail: 'TF20250003（submitted）' })
    const done = firstFailure(refund({ certification: cert({ refunds: [{ caseNumber: 'TF20250003', state: 'refunded' }] }) }))
    expect(done).toMatchObject({ code: 'REFUNDED', message: '该认证申请的认证费用已退还，不能重复申请退费' })
  })

  it('waits for a pending re-review (如需复核请暂缓申请退费)', () => {
    const f = firstFailure(refund({ certification: cert({ rereviews: [{ caseNumber: 'FH20250002', state: 'submitted' }] }) }))
    expect(f).toMatchObject({ key: 'pending_rereview', code: 'REREVIEW_PENDING' })
    expect(f?.message).toContain('如需复核请暂缓申请退费')
  })

  it('after the 10 months needs the bank details in the form; with them the route row says where the money goes', () => {
    const late = { certification: cert({ paidOn: '2025-01-31' }), requestedOn: '2025-12-01' }
    const f = firstFailure(refund(late))
    expect(f).toMatchObject({
      key: 'refund_route',
      code: 'BANK_DETAILS_REQUIRED',
      detail: '缴费日期 2025-01-31，10 个月截止 2025-11-30（含），申请日期 2025-12-01：退至申请人提供的银行卡（未填写）'
    })
    const ok = refund(late, true)
    expect(firstFailure(ok)).toBeUndefined()
    expect(byKey(ok).refund_route.detail).toBe('缴费日期 2025-01-31，10 个月截止 2025-11-30（含），申请日期 2025-12-01：退至申请人提供的银行卡（已填写）')
    // on the last day of the 10 months: still the card, the bank details given are not used
    expect(byKey(refund({ requestedOn: '2025-11-30' }, true)).refund_route.detail).toContain('退至原在线支付卡（所填银行卡信息不使用）')
  })

  it('counts to `requestedOn`, falling back to `today`', () => {
    expect(byKey(refund({ today: '2025-12-01' })).refund_route.code).toBe('BANK_DETAILS_REQUIRED')
    expect(byKey(refund({ today: '2025-12-01', requestedOn: '2025-11-30' })).refund_route.outcome).toBe('pass')
  })

  it('refuses an unknown certification or someone else’s, the rest not applying', () => {
    const missing = refund({ certification: null })
    expect(firstFailure(missing)).toMatchObject({ code: 'CERTIFICATION_NOT_FOUND', detail: 'RZ20250001：未找到' })
    expect(missing.slice(1).every((c) => c.outcome === 'na')).toBe(true)
    expect(firstFailure(refund({ certification: cert({ applicantMatches: false }) }))).toMatchObject({ code: 'NOT_OWN_CERTIFICATION' })
  })
})

describe('rereviewChecks (seed 004 四 and 五.1)', () => {
  it('passes a re-review within the year of a result, with the window row showing the dates', () => {
    const checks = rereview({ today: '2026-03-10' })
    expect(firstFailure(checks)).toBeUndefined()
    expect(checks.map((c) => c.key)).toEqual(['certification', 'ownership', 'refund_status', 'result', 'rereview_window', 'pending_rereview'])
    expect(byKey(checks).rereview_window.detail).toBe('结果日期 2025-03-10，复核截止 2026-03-10（含），申请日期 2026-03-10')
    for (const state of ['certified', 'refused']) expect(firstFailure(rereview({ certification: cert({ state }) }))).toBeUndefined()
  })

  it('refuses after the year', () => {
    expect(firstFailure(rereview({ requestedOn: '2026-03-11' }))).toMatchObject({ code: 'REREVIEW_EXPIRED' })
  })

  it('refuses after a refund, requested or done (退出认证程序，无法继续申请复核)', () => {
    for (const state of ['submitted', 'refunded']) {
      const f = firstFailure(rereview({ certification: cert({ refunds: [{ caseNumber: 'TF20250003', state }] }) }))
      expect(f).toMatchObject({ key: 'refund_status', code: 'REFUNDED' })
    }
  })

  it('refuses while there is no result yet', () => {
    expect(firstFailure(rereview({ certification: cert({ state: 'submitted', resultOn: null }) }))).toMatchObject({ code: 'NO_RESULT_YET' })
    // a result state without its date is no result either
    const checks = rereview({ certification: cert({ state: 'certified', resultOn: null }) })
    expect(firstFailure(checks)?.code).toBe('NO_RESULT_YET')
    expect(byKey(checks).rereview_window.outcome).toBe('na')
  })

  it('refuses a second re-review while one is pending, and unknown or foreign certifications', () => {
    expect(firstFailure(rereview({ certification: cert({ rereviews: [{ caseNumber: 'FH20250002', state: 'submitted' }] }) }))).toMatchObject({ code: 'REREVIEW_PENDING', detail: 'FH20250002' })
    expect(firstFailure(rereview({ certification: null }))?.code).toBe('CERTIFICATION_NOT_FOUND')
    expect(firstFailure(rereview({ certification: cert({ applicantMatches: false }) }))?.code).toBe('NOT_OWN_CERTIFICATION')
  })
})

describe('the case definitions’ rules.check (form in facts.form)', () => {
  it('reads the certification number and the bank details from the form JSON', () => {
    const late = { requestedOn: '2025-12-01' }
    expect(firstFailure(refundRuleChecks({ ...base(late), form: { certificationCaseNumber: ' RZ20250001 ', reason: '不再需要' } }))?.code).toBe('BANK_DETAILS_REQUIRED')
    expect(firstFailure(refundRuleChecks({ ...base(late), form: { certificationCaseNumber: 'RZ20250001', bank } }))).toBeUndefined()
    // bank details that do not parse count as none
    expect(firstFailure(refundRuleChecks({ ...base(late), form: { certificationCaseNumber: 'RZ20250001', bank: { ...bank, accountNumber: '12' } } }))?.code).toBe('BANK_DETAILS_REQUIRED')
    expect(refundRuleChecks({ ...base({ certification: null }), form: {} })[0].detail).toBe('：未找到')
    expect(firstFailure(rereviewRuleChecks({ ...base({ requestedOn: '2026-03-11' }), form: { certificationCaseNumber: 'RZ20250001' } }))?.code).toBe('REREVIEW_EXPIRED')
  })

  it('stops the work on a certification once a refund is requested or done', () => {
    expect(certificationRefundChecks(base())).toEqual([{ key: 'refund_status', label: '退费情况', outcome: 'pass', detail: '无退费申请' }])
    expect(certificationRefundChecks(base({ certification: undefined }))[0].outcome).toBe('pass')
    const pending = firstFailure(certificationRefundChecks(base({ certification: cert({ state: 'submitted', refunds: [{ caseNumber: 'TF20250003', state: 'submitted' }] }) })))
    expect(pending).toMatchObject({ code: 'REFUND_PENDING', detail: 'TF20250003（submitted）' })
    const done = firstFailure(certificationRefundChecks(base({ certification: cert({ state: 'submitted', refunds: [{ caseNumber: 'TF20250003', state: 'refunded' }] }) })))
    expect(done).toMatchObject({ code: 'REFUNDED' })
  })
})
