import type { CaseTypeDef } from '../case-type'
import { rereviewForm } from '../certification-forms'
import { rereviewRuleChecks } from '../certification-requests'
import { CERTIFICATION_SUPPLEMENTS, certificationClock, material, PAUSE_FOR_SUPPLEMENTS, resultStates, reviewActions } from './certification-common'
import { applicantActions, notAccepted, returnForChanges } from './common'

/**
 * 复核 — DOMAIN.md flow 7 (seed 004 四): within one year of the certification's result, with a reason and up to
 * 50 JPG supplements not submitted before; the reviewer gives a new result (one of the three letters). Not after
 * a refund (seed 004 五). The rules (certification-rules.ts) are checked on arrival and again when it is taken up.
 */
export type RereviewState =
  | 'submitted'
  | 'returned'
  | 'not_accepted'
  | 'in_review'
  | 'awaiting_supplements'
  | 'certified'
  | 'deferred'
  | 'refused'
  | 'cancelled'

const review = reviewActions('复核申请')

export const certificationRereview: CaseTypeDef<RereviewState> = {
  type: 'certification_rereview',
  label: '认证结果复核',
  mainlandMobile: true, // seed 004: 手机号码仅限国（境）内
  subtypes: { rereview: '认证结果复核' },
  initialState: 'submitted',
  states: {
    submitted: { label: '复核申请已提交', color: 'blue', open: true },
    returned: { label: '退回修改', color: 'orange', open: false },
    not_accepted: { label: '不予复核', color: 'default', open: false, final: true },
    // No figure in the seeds: the office's longest category (其他国家（地区）, the time-limit table's `otherDays`).
    in_review: { label: '复核中', color: 'geekblue', open: true, clock: { workingDays: certificationClock, label: '复核' } },
    awaiting_supplements: { label: '等待补充材料', color: 'gold', open: false, pause: PAUSE_FOR_SUPPLEMENTS },
    ...resultStates,
    cancelled: { label: '已取消', color: 'default', open: false, final: true }
  },
  actions: {
    accept: {
      label: '受理复核',
      from: ['submitted'],
      to: 'in_review',
      roles: ['reviewer', 'supervisor'],
      requiresClaim: true,
      input: review.supplement.input,
      form: 'none',
      keepsClaim: true,
      notice: '您的复核申请已受理，正在复核。',
      primary: true
    },
    return_for_changes: { ...returnForChanges('复核申请'), roles: ['reviewer', 'supervisor'] },
    not_accepted: { ...notAccepted('复核申请'), label: '不予复核', roles: ['reviewer', 'supervisor'] },
    ...review,
    ...applicantActions<RereviewState>({ resubmit: ['returned'], cancel: ['submitted', 'returned'], to: 'submitted', cancelled: 'cancelled' })
  },
  materials: [material('supplement', '复核补充材料（JPG，最多 50 张）', false, ['image/jpeg'], 50)],
  sections: { rereview: '复核原因', general: '其他' },
  reasonChecklist: { rereview: ['复核原因未说明具体异议'], supplement: ['补充材料为认证时已提交的材料，无需重复上传'] },
  supplementChecklist: CERTIFICATION_SUPPLEMENTS,
  // The certification it names, its result and the one-year window, refunds, other re-reviews (certification-rules.ts).
  rules: { check: rereviewRuleChecks, at: ['accept'] },
  formSchema: () => rereviewForm
}
