import { DomainError } from '../result'
import { type ActionDef, type CaseTypeDef, reasonSubjectLabel } from './case-type'
import { ROLE_LABEL, type Role } from './roles'

export interface Actor {
  id: number
  role: Role | 'applicant'
  name: string
}

export interface CaseSnapshot {
  type: string
  state: string
  assigneeId: number | null
  /** The case's subtype and form, for actions that check their input against them (ActionDef.check). */
  subtype?: string
  form?: Record<string, unknown>
}

export interface PlannedAction {
  action: ActionDef
  from: string
  to: string
  input: Record<string, unknown>
}

/** Checks an action against the case type's definition; throws a DomainError with a Chinese message. */
export function planAction(def: CaseTypeDef, snap: CaseSnapshot, name: string, rawInput: unknown, actor: Actor): PlannedAction {
  const action = Object.hasOwn(def.actions, name) ? def.actions[name] : undefined
  if (!action) throw new DomainError('ILLEGAL_TRANSITION', `${def.label}没有“${name}”这一操作`)
  const stateLabel = def.states[snap.state]?.label ?? snap.state
  if (!action.roles.includes(actor.role)) {
    const who = actor.role === 'applicant' ? '申请人' : ROLE_LABEL[actor.role]
    throw new DomainError('FORBIDDEN', `${who}无权执行“${action.label}”`)
  }
  if (!action.from.includes(snap.state)) {
    throw new DomainError('ILLEGAL_TRANSITION', `当前状态为“${stateLabel}”，不能执行“${action.label}”`)
  }
  if (action.requiresClaim) {
    if (snap.assigneeId === null) throw new DomainError('NOT_CLAIMED', `请先认领此业务，再执行“${action.label}”`)
    if (snap.assigneeId !== actor.id) throw new DomainError('CLAIMED_BY_OTHER', '此业务已由其他人认领，您不能办理')
  }
  const parsed = action.input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new DomainError('VALIDATION', first?.message ?? '输入有误')
  }
  const input = parsed.data as Record<string, unknown>
  const refused = action.check?.({ subtype: snap.subtype ?? '', form: snap.form ?? {}, input })
  if (refused) throw new DomainError('VALIDATION', refused)
  const to = typeof action.to === 'function' ? (action.to as (i: unknown) => string)(input) : action.to
  return { action, from: snap.state, to, input }
}

/** Actions the actor could take now, for the UI (the main process re-checks everything). */
export function availableActions(def: CaseTypeDef, snap: CaseSnapshot, actor: Actor): string[] {
  return Object.entries(def.actions)
    .filter(([, a]) => a.roles.includes(actor.role) && a.from.includes(snap.state))
    .map(([name]) => name)
}

/** The role works on this case type at all (may claim it, see its data and files). */
export const worksOn = (def: CaseTypeDef, role: Actor['role']): boolean => Object.values(def.actions).some((a) => a.roles.includes(role))

/** The case can be claimed by this actor now: work pending, nobody holds it, and the role acts in this state. */
export function canClaim(def: CaseTypeDef, snap: CaseSnapshot, actor: Actor): boolean {
  return snap.assigneeId === null && !!def.states[snap.state]?.open && availableActions(def, snap, actor).length > 0
}

/** States that appear in work queues. */
export const openStates = (def: CaseTypeDef): string[] =>
  Object.entries(def.states)
    .filter(([, s]) => s.open)
    .map(([k]) => k)

export interface Reason {
  material: string
  text: string
}

/**
 * The notice the portal sends the applicant after an action: every reason in one list (一次性告知).
 * Used by the case service when it records the action and by the UI for its preview.
 */
export function noticeText(
  def: CaseTypeDef,
  action: string,
  input: Record<string, unknown>,
  reasons: Reason[],
  archiveNumber = ''
): string | undefined {
  const notice = Object.hasOwn(def.actions, action) ? def.actions[action].notice : undefined
  if (!notice) return undefined
  const template = typeof notice === 'function' ? (notice as (i: unknown) => string)(input) : notice
  const list = reasons.map((r, i) => `${i + 1}. ${r.material === 'general' ? '' : reasonSubjectLabel(def, r.material) + '：'}${r.text}`).join('；')
  return template.replace('{reasons}', list).replace('{archiveNumber}', archiveNumber)
}
