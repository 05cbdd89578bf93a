import type { z } from 'zod'
import type { RuleCheck, RuleFacts } from './certificate-rules'
import type { Role } from './roles'

/** A case type is data: states, actions (transitions), deadlines, materials and the documents it issues. */
export type DocumentType =
  | 'transfer_notice'
  | 'transfer_request_letter'
  | 'material_receipt'
  | 'custody_certificate'
  | 'political_review_certificate'

/** What an action records in the archive register: the archive's status and its chain of custody. */
export type ArchiveEffect = 'received' | 'returned_to_sender' | 'deposited' | 'materials_filed' | 'transferred_out'

export interface StateDef {
  label: string
  /** Tag colour in lists (antd preset colour). */
  color: string
  /** The office has work to do on a case in this state (it appears in work queues and can be claimed). */
  open: boolean
  /** A working-day clock runs in this state: the deadline is `workingDays` after the clock starts. */
  clock?: { workingDays: number; label: string }
  final?: boolean
}

export interface ReasonOption {
  /** Material or form section the reason is about. */
  material: string
  text: string
}

export interface ActionDef<S extends string = string> {
  label: string
  from: readonly S[]
  /** The next state; may depend on the validated input (e.g. a sign-in without the stub stays put). */
  to: S | ((input: never) => S)
  /** Staff roles allowed; `applicant` actions arrive from the portal through sync. */
  roles: readonly (Role | 'applicant')[]
  /** The actor must hold the case (claimed) to do this. */
  requiresClaim: boolean
  /** zod schema of the action's input. */
  input: z.ZodType
  /** Kind of form the UI shows for the input. */
  form: 'none' | 'reasons' | 'reason' | 'archive_sign_in' | 'dispatch' | 'file_materials'
  /** Document issued when the action succeeds (may depend on the case's subtype, e.g. the certificate asked for). */
  issues?: DocumentType | ((subtype: string) => DocumentType)
  /** What the action records in the archive register (may depend on the validated input). */
  archiveEffect?: ArchiveEffect | ((input: never) => ArchiveEffect)
  /** The action assigns the archive its number. */
  assignsArchiveNumber?: boolean
  /** The input field holding the date the next state's clock starts (default: the office's today). */
  clockStartField?: string
  /** The assignee keeps the case after the action (the next step is theirs too); otherwise it goes back to the pool. */
  keepsClaim?: boolean
  /** Ask the user to confirm before doing it (destructive or final). */
  confirm?: string
  /**
   * Text of the notice the portal sends the applicant (SMS / e-mail); `{reasons}` and `{archiveNumber}`
   * are replaced. May depend on the validated input.
   */
  notice?: string | ((input: never) => string)
  primary?: boolean
  danger?: boolean
}

export interface MaterialDef {
  code: string
  label: string
  required: boolean
  /** Accepted MIME types. */
  accept: readonly string[]
}

export interface CaseTypeDef<S extends string = string, A extends string = string> {
  type: string
  label: string
  subtypes: Record<string, string>
  states: Record<S, StateDef>
  initialState: S
  actions: Record<A, ActionDef<S>>
  materials: readonly MaterialDef[]
  /** Form sections (and other subjects) reasons can be about, besides the materials. */
  sections: Record<string, string>
  /** Reasons offered per material or form section when returning or asking for supplements. */
  reasonChecklist: Record<string, readonly string[]>
  supplementChecklist: Record<string, readonly string[]>
  /**
   * Rules about the applicant's archive (certificate-rules.ts), checked when the application arrives
   * (portal submission and resubmission) and again before the actions listed in `at`.
   */
  rules?: { check(facts: RuleFacts): RuleCheck[]; at: readonly string[] }
  /** zod schema of the applicant's form for a subtype, checked when it arrives from the portal (absent: not checked). */
  formSchema?: (subtype: string) => z.ZodType
}

/** The document an action issues on a case of this subtype, if any. */
export const issuedDocType = (action: ActionDef, subtype: string): DocumentType | undefined =>
  typeof action.issues === 'function' ? action.issues(subtype) : action.issues

/**
 * What a case event keeps of the action's input: the details of a sign-in, a dispatch or a filing (the
 * register's custody entry and the demo's letters read them back); an envelope sent back is marked.
 */
export function inputKeptInEvent(action: ActionDef, input: Record<string, unknown>): Record<string, unknown> {
  if (action.form === 'archive_sign_in') return { ...input, ...(input.stubPresent ? {} : { envelopeReturned: true }) }
  return action.form === 'dispatch' || action.form === 'file_materials' ? { ...input } : {}
}

/** What a reason is about: a material's label or a form section's name. */
export function reasonSubjectLabel(def: CaseTypeDef | undefined, key: string): string {
  return def?.materials.find((m) => m.code === key)?.label ?? def?.sections[key] ?? key
}
