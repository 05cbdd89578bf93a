import type { IsoDate } from './calendar'
import type { CertificationFacts, RuleCheck, RuleCode, RuleFacts, RuleKey } from './certificate-rules'
import { bankAccount, type RefundForm, type RereviewForm } from './certification-forms'
import { addCalendarMonths } from './certification-rules'

/**
 * The rules of the requests about a degree certification (seed 004 四、五; DOMAIN.md flows 7–8): the re-review
 * window and the refund (eligibility and where the money goes), and the stop a refund puts to the certification.
 * The desk and the exchange service gather `RuleFacts` (with `certification` and `requestedOn`) and ask these,
 * on arrival and again at review; each rule is one checklist row with the data it used.
 */

// ---------------------------------------------------------------------------------------------------
// Re-review 复核 and refund 退费 (seed 004 四、五)
// ---------------------------------------------------------------------------------------------------

/** Labels of the certification case's states the rules talk about (others are shown as they are). */
export const CERTIFICATION_STATE_LABEL: Record<string, string> = {
  submitted: '已缴费待受理（未进入认证评估）',
  returned: '退回修改（未进入认证评估）',
  not_accepted: '不予受理（未进入认证评估）',
  cancelled: '已取消（未进入认证评估）',
  in_review: '认证评估中',
  awaiting_foreign: '境外核查中',
  awaiting_supplements: '等待补充材料',
  certified: '已认证（认证书）',
  deferred: '暂不认证',
  refused: '不予认证'
}
const stateLabel = (state: string): string => CERTIFICATION_STATE_LABEL[state] ?? state

/** The states with a result 认证结果 (the re-review is about a result). */
export const RESULT_STATES: readonly string[] = ['certified', 'deferred', 'refused']
/**
 * Paid but not yet in evaluation 已在线缴费但并未进入认证评估程序 (seed 004 五.1.1): waiting to be accepted, returned
 * for changes, and — never taken into evaluation either — not accepted 不予受理 or withdrawn by the applicant (the
 * applicant may cancel only before acceptance: degree-certification.ts).
 */
export const NOT_IN_EVALUATION_STATES: readonly string[] = ['submitted', 'returned', 'not_accepted', 'cancelled']
/** The refusal reason code of false materials 提供虚假材料 (never refunded). */
export const FALSE_MATERIALS = 'false_materials'
/** Refund cases in these states are done (the money has gone back); any other listed refund is still pending. */
export const REFUND_DONE_STATES: readonly string[] = ['refunded']

/**
 * The last day a re-review may be asked for — seed 004 四.1 "在获得认证结果的一年内": the same calendar
 * date one year after the result, that day included (2025-03-10 → 2026-03-10); a result on 29 February
 * has its last day on 28 February of the next year.
 */
export const rereviewDeadline = (resultOn: IsoDate): IsoDate => addCalendarMonths(resultOn, 12)

/**
 * The last day of the 10 months within which the fee goes back to the paying card — seed 004 五.2
 * "退费申请时间距在线支付时间在 10 个月内": the same calendar date 10 months after payment, that day
 * included, clamped to the month's end (paid 2025-01-31 → 2025-11-30; paid 2025-03-15 → 2026-01-15).
 */
export const refundCardDeadline = (paidOn: IsoDate): IsoDate => addCalendarMonths(paidOn, 10)

/** Where a refund goes: within 10 months of payment back to the paying card, after that to the bank details the applicant gives. */
export function refundRoute(paidOn: IsoDate, requestedOn: IsoDate): 'original_card' | 'bank_account' {
  return requestedOn <= refundCardDeadline(paidOn) ? 'original_card' : 'bank_account'
}

export const REFUND_ROUTE_LABEL = { original_card: '退至原在线支付卡', bank_account: '退至申请人提供的银行卡' } as const

const row = (key: RuleKey, label: string, detail: string): RuleCheck => ({ key, label, outcome: 'pass', detail })
const na = (key: RuleKey, label: string, detail = '不适用'): RuleCheck => ({ key, label, outcome: 'na', detail })
const failed = (key: RuleKey, label: string, detail: string, code: RuleCode, message: string, staffMessage: string): RuleCheck => ({
  key,
  label,
  outcome: 'fail',
  detail,
  code,
  message,
  staffMessage
})

/** What the request is, for the messages: 申请复核 / 申请退费. */
type Purpose = '申请复核' | '申请退费'

function certificationCheck(c: CertificationFacts | null | undefined, number: string, purpose: Purpose): RuleCheck {
  const label = '原认证申请'
  if (!c) {
    return failed('certification', label, `${number}：未找到`, 'CERTIFICATION_NOT_FOUND',
      `未找到认证申请 ${number}，请核对原认证申请编号后再${purpose}`,
      `未找到申请所填的原认证申请 ${number}`)
  }
  return row('certification', label, `${c.caseNumber}（${stateLabel(c.state)}）`)
}

function ownershipCheck(c: CertificationFacts, purpose: Purpose): RuleCheck {
  const label = '本人申请'
  if (c.applicantMatches) return row('ownership', label, '申请人与原认证申请人一致')
  return failed('ownership', label, '申请人与原认证申请人不一致', 'NOT_OWN_CERTIFICATION',
    `认证申请 ${c.caseNumber} 不是您本人的申请，不能${purpose}`,
    `原认证申请 ${c.caseNumber} 的申请人与本申请的申请人不一致`)
}

const refundList = (c: CertificationFacts): string => c.refunds.map((r) => `${r.caseNumber}（${r.state}）`).join('、')
const refundDone = (c: CertificationFacts): boolean => c.refunds.some((r) => REFUND_DONE_STATES.includes(r.state))

/**
 * The re-review window of a result — seed 004 四.1: within one year of the result, the last day included
 * (`rereviewDeadline`). The request's date is `requestedOn` (default `today`).
 */
export function rereviewCheck(facts: { resultOn: IsoDate | null; requestedOn: IsoDate }): RuleCheck {
  const label = '复核期限'
  if (!facts.resultOn) return na('rereview_window', label, '尚无认证结果')
  const last = rereviewDeadline(facts.resultOn)
  const detail = `结果日期 ${facts.resultOn}，复核截止 ${last}（含），申请日期 ${facts.requestedOn}`
  if (facts.requestedOn <= last) return row('rereview_window', label, detail)
  return failed('rereview_window', label, detail, 'REREVIEW_EXPIRED',
    `认证结果日期为 ${facts.resultOn}，复核申请应在获得认证结果的一年内（${last} 前，含当日）提出，现已超过期限`,
    `认证结果日期 ${facts.resultOn}，复核期限至 ${last}，申请于 ${facts.requestedOn} 提出，已超期`)
}

/**
 * A re-review request's rules, every one reported, in this order (the first failure is the refusal):
 * the certification exists; it is the applicant's own; no refund was asked for it (seed 004 五.1: with a
 * refund the applicant "将直接退出认证程序，无法继续申请复核" — requested or done alike); it has a result
 * (certified, deferred or refused: a re-review is about the result, seed 004 四.1 "认证完成后"); the request
 * is within one year of the result; no other re-review of it is pending.
 */
export function rereviewChecks(facts: RuleFacts & { form: Pick<RereviewForm, 'certificationCaseNumber'> }): RuleCheck[] {
  const c = facts.certification
  const requestedOn = facts.requestedOn ?? facts.today
  const checks: RuleCheck[] = [certificationCheck(c, facts.form.certificationCaseNumber, '申请复核')]
  if (!c) {
    return [...checks, na('ownership', '本人申请'), na('refund_status', '退费情况'), na('result', '认证结果'), na('rereview_window', '复核期限'), na('pending_rereview', '复核中')]
  }
  checks.push(ownershipCheck(c, '申请复核'))
  if (c.refunds.length) {
    checks.push(failed('refund_status', '退费情况', refundList(c), 'REFUNDED',
      '您已申请退还该认证申请的认证费用，已退出认证程序，无法申请复核',
      `原认证申请已有退费申请 ${refundList(c)}，退费后不能复核`))
  } else checks.push(row('refund_status', '退费情况', '无退费申请'))
  const hasResult = RESULT_STATES.includes(c.state) && c.resultOn !== null
  if (hasResult) checks.push(row('result', '认证结果', `${stateLabel(c.state)}，结果日期 ${c.resultOn}`))
  else {
    checks.push(failed('result', '认证结果', stateLabel(c.state), 'NO_RESULT_YET',
      '该认证申请尚无认证结果，认证完成后方可申请复核',
      `原认证申请尚无认证结果（${stateLabel(c.state)}），不能复核`))
  }
  checks.push(hasResult ? rereviewCheck({ resultOn: c.resultOn, requestedOn }) : na('rereview_window', '复核期限', '尚无认证结果'))
  checks.push(pendingRereviewCheck(c, '请待复核完成后再申请', '须先办结该复核'))
  return checks
}

function pendingRereviewCheck(c: CertificationFacts, applicantTail: string, staffTail: string): RuleCheck {
  const label = '复核中'
  if (!c.rereviews.length) return row('pending_rereview', label, '无')
  const list = c.rereviews.map((r) => r.caseNumber).join('、')
  return failed('pending_rereview', label, list, 'REREVIEW_PENDING',
    `该认证申请的复核申请（${list}）正在办理，${applicantTail}`,
    `原认证申请有待办结的复核申请 ${list}，${staffTail}`)
}

/**
 * Whether a certification is in the refund's scope — seed 004 五.1:
 * - paid but not yet in evaluation (`NOT_IN_EVALUATION_STATES`: submitted, returned, not accepted, cancelled): yes (五.1.1);
 * - result 暂不认证 (`deferred`): yes (五.1.2);
 * - refused 不予认证 because of false materials (`refusalCode` `false_materials`): never (五.1 "因提供虚假材料导致
 *   不予认证的申请者不能申请退费");
 * - refused for another reason: yes. The seed goes on "如果您认证结果为《不予认证通知单》，您在申请退还认证费用的
 *   同时，将直接退出认证程序，无法继续申请复核" — it speaks of a refund asked with a refusal, so a refusal other
 *   than for false materials is refundable (and the refund ends the certification: no re-review after it);
 * - certified, or in evaluation (any other state): no;
 * - nothing paid (`paidOn` null): nothing to refund.
 */
export function refundEligibility(c: CertificationFacts): { eligible: boolean; code?: 'REFUND_NOT_ELIGIBLE' | 'FALSE_MATERIALS'; detail: string } {
  if (!c.paidOn) return { eligible: false, code: 'REFUND_NOT_ELIGIBLE', detail: '未查到缴费记录' }
  if (NOT_IN_EVALUATION_STATES.includes(c.state)) return { eligible: true, detail: `${stateLabel(c.state)}` }
  if (c.state === 'deferred') return { eligible: true, detail: `认证结果为暂不认证（${c.resultOn ?? '日期未记录'}）` }
  if (c.state === 'refused') {
    if (c.refusalCode === FALSE_MATERIALS) return { eligible: false, code: 'FALSE_MATERIALS', detail: '因提供虚假材料不予认证' }
    return { eligible: true, detail: `不予认证（原因 ${c.refusalCode ?? '未记录'}，非虚假材料）` }
  }
  if (c.state === 'certified') return { eligible: false, code: 'REFUND_NOT_ELIGIBLE', detail: '已认证（已出具认证书）' }
  return { eligible: false, code: 'REFUND_NOT_ELIGIBLE', detail: `已进入认证评估程序（${stateLabel(c.state)}）` }
}

/**
 * A refund request's rules, every one reported, in this order (the first failure is the refusal): the
 * certification exists; it is the applicant's own; no refund of it was requested or done already
 * (REFUND_PENDING while one is in progress, REFUNDED once one is done: `REFUND_DONE_STATES`); it is in the
 * refund's scope (`refundEligibility`); no re-review of it is pending (seed 004 五.1 "如需复核认证结果，请暂缓申请
 * 退费。复核完成后，仍满足退费条件，可申请退费"); and the route (`refundRoute`, to `requestedOn`, default `today`):
 * after the 10 months the form must carry the bank details (BANK_DETAILS_REQUIRED); within them the money goes
 * back to the paying card and bank details given anyway are not used (the row says so).
 */
export function refundChecks(facts: RuleFacts & { form: Pick<RefundForm, 'certificationCaseNumber' | 'bank'> }): RuleCheck[] {
  const c = facts.certification
  const requestedOn = facts.requestedOn ?? facts.today
  const checks: RuleCheck[] = [certificationCheck(c, facts.form.certificationCaseNumber, '申请退费')]
  if (!c) {
    return [...checks, na('ownership', '本人申请'), na('refund_status', '退费情况'), na('refund_eligibility', '退费范围'), na('pending_rereview', '复核中'), na('refund_route', '退款方式')]
  }
  checks.push(ownershipCheck(c, '申请退费'))
  if (!c.refunds.length) checks.push(row('refund_status', '退费情况', '无退费申请'))
  else if (refundDone(c)) {
    checks.push(failed('refund_status', '退费情况', refundList(c), 'REFUNDED',
      '该认证申请的认证费用已退还，不能重复申请退费',
      `原认证申请的认证费用已退还（${refundList(c)}）`))
  } else {
    checks.push(failed('refund_status', '退费情况', refundList(c), 'REFUND_PENDING',
      `该认证申请的退费申请（${c.refunds.map((r) => r.caseNumber).join('、')}）正在办理，请勿重复申请`,
      `原认证申请已有退费申请 ${refundList(c)} 在办理中`))
  }
  const e = refundEligibility(c)
  if (e.eligible) checks.push(row('refund_eligibility', '退费范围', e.detail))
  else if (e.code === 'FALSE_MATERIALS') {
    checks.push(failed('refund_eligibility', '退费范围', e.detail, 'FALSE_MATERIALS',
      '因提供虚假材料导致不予认证的申请者不能申请退费',
      '原认证申请因提供虚假材料不予认证，不能退费'))
  } else {
    checks.push(failed('refund_eligibility', '退费范围', e.detail, 'REFUND_NOT_ELIGIBLE',
      `该认证申请不在退费范围内（${e.detail}）。可申请退费的范围：已在线缴费但未进入认证评估程序的申请，或认证结果为《暂不认证通知单》的申请`,
      `原认证申请不在退费范围内：${e.detail}`))
  }
  checks.push(pendingRereviewCheck(c, '如需复核请暂缓申请退费，复核完成后仍满足退费条件的，可申请退费', '复核完成前不能退费'))
  checks.push(routeCheck(c.paidOn, requestedOn, facts.form.bank !== null && facts.form.bank !== undefined))
  return checks
}

function routeCheck(paidOn: IsoDate | null, requestedOn: IsoDate, hasBank: boolean): RuleCheck {
  const label = '退款方式'
  if (!paidOn) return na('refund_route', label, '未查到缴费记录')
  const last = refundCardDeadline(paidOn)
  const route = refundRoute(paidOn, requestedOn)
  const base = `缴费日期 ${paidOn}，10 个月截止 ${last}（含），申请日期 ${requestedOn}：${REFUND_ROUTE_LABEL[route]}`
  if (route === 'original_card') return row('refund_route', label, hasBank ? `${base}（所填银行卡信息不使用）` : base)
  if (hasBank) return row('refund_route', label, `${base}（已填写）`)
  return failed('refund_route', label, `${base}（未填写）`, 'BANK_DETAILS_REQUIRED',
    `您的退费申请距在线支付已超过 10 个月（缴费日期 ${paidOn}），认证费用不能退回原支付卡，请填写用于退款的银行卡信息（收款人姓名、开户银行、银行卡号）`,
    `距缴费（${paidOn}）已超过 10 个月（截止 ${last}），退费申请须填写银行卡信息，申请未填写`)
}

/**
 * A degree certification's own rule — seed 004 五.1 "申请退还认证费用的同时，将直接退出认证程序": once a refund of it
 * is requested the office stops working on it (REFUND_PENDING while the refund is in progress: it may still be
 * rejected or cancelled, and the work resumes), and once the refund is done the certification is over (REFUNDED).
 * `facts.certification` is the certification itself (its refunds: not cancelled or rejected); absent or without
 * refunds, the row passes. Checked before every staff action on the certification (accept, verification, results,
 * supplements).
 */
export function certificationRefundChecks(facts: RuleFacts): RuleCheck[] {
  const label = '退费情况'
  const c = facts.certification
  if (!c || !c.refunds.length) return [row('refund_status', label, '无退费申请')]
  const list = refundList(c)
  if (refundDone(c)) {
    return [failed('refund_status', label, list, 'REFUNDED',
      '该认证申请的认证费用已退还，已退出认证程序',
      `该认证申请已退费（${list}），已退出认证程序，不能继续办理`)]
  }
  return [failed('refund_status', label, list, 'REFUND_PENDING',
    `该认证申请的退费申请（${c.refunds.map((r) => r.caseNumber).join('、')}）正在办理，认证暂停办理`,
    `该认证申请有退费申请 ${list} 在办理中，退费办结（或不予退费、撤回）前不能继续办理认证`)]
}

// ---------------------------------------------------------------------------------------------------
// The case definitions' `rules.check(facts)`: the request's form comes in `facts.form` (the case's form JSON)
// ---------------------------------------------------------------------------------------------------

const formNumber = (form: RuleFacts['form']): string => (typeof form?.certificationCaseNumber === 'string' ? form.certificationCaseNumber.trim() : '')

/** `rereviewChecks` for a re-review case, its form read from `facts.form`. */
export const rereviewRuleChecks = (facts: RuleFacts): RuleCheck[] => rereviewChecks({ ...facts, form: { certificationCaseNumber: formNumber(facts.form) } })

/** `refundChecks` for a refund case, its form read from `facts.form` (bank details that do not parse count as none). */
export function refundRuleChecks(facts: RuleFacts): RuleCheck[] {
  const bank = bankAccount.safeParse(facts.form?.bank)
  return refundChecks({ ...facts, form: { certificationCaseNumber: formNumber(facts.form), bank: bank.success ? bank.data : null } })
}
