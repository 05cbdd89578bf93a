import { type CaseTypeDef, reasonSubjectLabel } from '../../../shared/domain/case-type'
import { CASE_TYPES, caseTypeDef } from '../../../shared/domain/case-types'
import { caseTypesOf, type Access } from '../../../shared/domain/staff'
import { openStates } from '../../../shared/domain/workflow'

export function typeLabel(type: string, subtype?: string): string {
  const def = caseTypeDef(type)
  if (!def) return type
  const sub = subtype ? subtypeLabel(type, subtype) : ''
  return sub ? `${def.label}（${sub}）` : def.label
}

/** What the archive's envelope must carry at sign-in: the transfer notice's stub, or the 调档函's receipt slip (intake). */
export const stubNameOf = (type: string): string => (type === 'archive_intake' ? '调档函回执联' : '调档通知单下联')

/** The subtype's label; '' for a type with one kind only (档案转出, 档案材料归档): nothing to tell apart. */
export function subtypeLabel(type: string, subtype: string): string {
  const subtypes = caseTypeDef(type)?.subtypes
  // Own keys only: a stored subtype `__proto__` or `toString` is shown as it is, never Object.prototype's.
  const label = subtypes && Object.hasOwn(subtypes, subtype) ? subtypes[subtype] : undefined
  if (subtypes && Object.keys(subtypes).length === 1 && label !== undefined) return ''
  return typeof label === 'string' ? label : String(subtype)
}

export function stateOf(type: string, state: string | null): { label: string; color: string } {
  if (!state) return { label: '—', color: 'default' }
  const states = caseTypeDef(type)?.states
  const s = states && Object.hasOwn(states, state) ? states[state] : undefined
  return s ? { label: s.label, color: s.color } : { label: String(state), color: 'default' }
}

/** Label of a material or form section a reason is about. */
export const reasonGroupLabel = reasonSubjectLabel

/** States offered by the queue's state filter (the union over the chosen types), and the open ones. */
export function stateOptions(types: string[]): { value: string; label: string }[] {
  const defs = (types.length ? types : Object.keys(CASE_TYPES)).map(caseTypeDef).filter((d): d is CaseTypeDef => !!d)
  const seen = new Map<string, string>()
  for (const d of defs) for (const [k, s] of Object.entries(d.states)) if (!seen.has(k)) seen.set(k, s.label)
  return [...seen].map(([value, label]) => ({ value, label }))
}

export function defaultStates(types: string[]): string[] {
  const defs = (types.length ? types : Object.keys(CASE_TYPES)).map(caseTypeDef).filter((d): d is CaseTypeDef => !!d)
  return [...new Set(defs.flatMap(openStates))]
}

export const typeOptions = Object.values(CASE_TYPES).map((d) => ({ value: d.type, label: d.label }))

/**
 * The types a staff member's queue filter offers: every type, or — for an account limited to some case
 * types (scopes) — only those it works on.
 */
export function typeOptionsFor(access: Access): { value: string; label: string }[] {
  if (access.scopes === null) return typeOptions
  const mine = caseTypesOf(access)
  return typeOptions.filter((o) => mine.includes(o.value))
}
