import type { z } from 'zod'
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
  form: 'none' | 'reasons' | 'reason' | 'archive_sign_in'
  /** Document issued when the action succeeds. */
  issues?: DocumentType
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
}

/** What a reason is about: a material's label or a form section's name. */
export function reasonSubjectLabel(def: CaseTypeDef | undefined, key: string): string {
  return def?.materials.find((m) => m.code === key)?.label ?? def?.sections[key] ?? key
}
