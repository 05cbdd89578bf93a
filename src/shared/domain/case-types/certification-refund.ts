import type { ActionDef, CaseTypeDef } from '../case-type'
import { refundForm } from '../certification-forms'
import { refundRuleChecks } from '../certification-requests'
import { material } from './certification-common'
import { applicantActions, none, reasonInput, returnForChanges } from './common'

/**
 * 退费 — DOMAIN.md flow 8 (seed 004 五): 360 CNY per application, for a paid certification not yet in evaluation
 * or one that ended 暂不认证 — never after a refusal for false materials; within 10 months of payment the money goes
 * back to the paying card, after that to the bank account the applicant gives; about 15 working days. A refund
 * ends the certification (no re-review after it). The rules (certification-rules.ts) are checked on arrival and
 * again before the refund is made.
 */
export type RefundState = 'submitted' | 'returned' | 'refunded' | 'rejected' | 'cancelled'

export const certificationRefund: CaseTypeDef<RefundState> = {
  type: 'certification_refund',
  label: '认证退费',
  mainlandMobile: true, // seed 004: 手机号码仅限国（境）内
  subtypes: { refund: '认证费用退费' },
  initialState: 'submitted',
  states: {
    submitted: { label: '退费申请已提交', color: 'blue', open: true, clock: { workingDays: 15, label: '退费办理' } },
    returned: { label: '退回修改', color: 'orange', open: false },
    refunded: { label: '已退费', color: 'green', open: false, final: true },
    rejected: { label: '不予退费', color: 'red', open: false, final: true },
    cancelled: { label: '已取消', color: 'default', open: false, final: true }
  },
  actions: {
    refund: {
      label: '办理退费',
      from: ['submitted'],
      to: 'refunded',
      roles: ['reviewer', 'supervisor'],
      requiresClaim: true,
      input: none,
      form: 'none',
      confirm: '确认已将退款信息交银行办理？退费后该认证申请即退出认证程序，不能再申请复核。',
      notice: '您的认证退费已办理，360 元将按规定退还（支付后 10 个月内退回原支付卡，超过 10 个月退至您填写的银行卡），到账时间以银行为准。',
      primary: true
    },
    return_for_changes: { ...returnForChanges('退费申请'), roles: ['reviewer', 'supervisor'] } as ActionDef<RefundState>,
    reject: {
      label: '不予退费',
      from: ['submitted'],
      to: 'rejected',
      roles: ['reviewer', 'supervisor'],
      requiresClaim: true,
      input: reasonInput,
      form: 'reason',
      confirm: '确认不予退费？',
      notice: '您的退费申请不予办理，原因：{reasons}',
      danger: true
    },
    ...applicantActions<RefundState>({ resubmit: ['returned'], cancel: ['submitted', 'returned'], to: 'submitted', cancelled: 'cancelled' })
  },
  materials: [material('other', '其他材料', false)],
  sections: { refund: '退费原因', bank: '退款银行卡信息', general: '其他' },
  reasonChecklist: { bank: ['银行卡信息不完整', '收款人姓名与申请人不一致'] },
  supplementChecklist: {},
  // The certification it names, the refund's scope (never after a refusal for false materials), the route (certification-rules.ts).
  rules: { check: refundRuleChecks, at: ['refund'] },
  formSchema: () => refundForm
}
