import { z } from 'zod'
import type { ActionDef, StateDef } from '../case-type'

/** Pieces every application-type definition shares: no input, the first review's states, and the usual refusals. */
export const none = z.object({}).strict()

const reasonItem = z.object({
  material: z.string().min(1).max(40),
  text: z.string().trim().min(1, '请填写原因').max(200)
})

/** One notice listing everything that must be fixed (一次性告知). */
export const reasonsInput = z.object({
  reasons: z.array(reasonItem).min(1, '请至少选择或填写一条原因').max(40),
  note: z.string().trim().max(500).default('')
})

export const reasonInput = z.object({
  reason: z.string().trim().min(2, '请填写不予受理的原因').max(500)
})

/** submitted (the 5-working-day review clock) → returned | not_accepted | cancelled. */
export const applicationStates = (reviewLabel = '申请审核', returnedLabel = '退回修改') => ({
  submitted: { label: '申请已提交', color: 'blue', open: true, clock: { workingDays: 5, label: reviewLabel } },
  returned: { label: returnedLabel, color: 'orange', open: false },
  not_accepted: { label: '不予受理', color: 'default', open: false, final: true },
  cancelled: { label: '已取消', color: 'default', open: false, final: true }
}) satisfies Record<string, StateDef>

type S = 'submitted' | 'returned' | 'not_accepted' | 'cancelled'

/** 退回修改 with reasons, from the first review; `what` names the application in the notice (存档申请). */
export const returnForChanges = (what: string, over: Partial<ActionDef<S>> = {}): ActionDef<S> => ({
  label: '退回修改',
  from: ['submitted'],
  to: 'returned',
  roles: ['clerk', 'supervisor'],
  requiresClaim: true,
  input: reasonsInput,
  form: 'reasons',
  notice: `您的${what}需要修改，请按以下意见一次性修改后重新提交：{reasons}`,
  ...over
})

/** 不予受理 (final), from the first review. */
export const notAccepted = (what: string): ActionDef<S> => ({
  label: '不予受理',
  from: ['submitted'],
  to: 'not_accepted',
  roles: ['clerk', 'supervisor'],
  requiresClaim: true,
  input: reasonInput,
  form: 'reason',
  confirm: '不予受理后申请即终结，确认？',
  notice: `您的${what}不予受理，原因：{reasons}`,
  danger: true
})

/** The applicant's own actions (arriving from the portal): resubmit a returned application, cancel one. */
export const applicantActions = <T extends string>(from: { resubmit: readonly T[]; cancel: readonly T[]; to: T; cancelled: T }) => ({
  resubmit: { label: '重新提交', from: from.resubmit, to: from.to, roles: ['applicant'], requiresClaim: false, input: none, form: 'none' } as ActionDef<T>,
  cancel: { label: '取消申请', from: from.cancel, to: from.cancelled, roles: ['applicant'], requiresClaim: false, input: none, form: 'none' } as ActionDef<T>
})
