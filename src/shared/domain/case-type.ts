import type { z } from 'zod'
import type { RuleCheck, RuleFacts } from './certificate-rules'
import type { TimeLimits } from './certification-deadlines'
import type { Role } from './roles'

/** A case type is data: states, actions (transitions), deadlines, materials and the documents it issues. */
export type DocumentType =
  | 'transfer_notice'
  | 'transfer_request_letter'
  | 'material_receipt'
  | 'custody_certificate'
  | 'political_review_certificate'
  | 'payment_receipt'
  | 'certification_certificate'
  | 'deferral_notice'
  | 'refusal_notice'
  | 'settlement_letter'
  | 'employment_report_card'
  | 'household_entry_form'
  | 'employment_report_letter'

/** What an action records in the archive register: the archive's status and its chain of custody. */
export type ArchiveEffect = 'received' | 'returned_to_sender' | 'deposited' | 'materials_filed' | 'transferred_out'

export interface StateDef {
  label: string
  /** Tag colour in lists (antd preset colour). */
  color: string
  /** The office has work to do on a case in this state (it appears in work queues and can be claimed). */
  open: boolean
  /**
   * A working-day clock runs in this state: the deadline is `workingDays` after the clock starts; the number
   * may depend on the case (a certification's country category, an employment registration's kind and degree).
   * Coming back from a paused state the clock resumes with the working days that were left (case-clock.ts).
   */
  clock?: { workingDays: number | ((c: ClockContext) => number); label: string }
  /** The clock is paused in this state (waiting for a foreign institution or for the applicant), for a coded reason. */
  pause?: { label: string; reasons: Record<string, string> }
  final?: boolean
}

/** What a clock's length may depend on: the case's subtype and form, the action's input, the office's time-limit table. */
export interface ClockContext {
  subtype: string
  form: Record<string, unknown>
  input: Record<string, unknown>
  timeLimits: TimeLimits
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
  form:
    | 'none'
    | 'reasons'
    | 'reason'
    | 'archive_sign_in'
    | 'dispatch'
    | 'file_materials'
    /** 受理: the green channel switch (doctorates who asked for it). */
    | 'accept_certification'
    /** 发起境外核查: reason code, recipient, channel, reply-due date. */
    | 'send_verification'
    /** 核查反馈: outcome and note. */
    | 'verification_reply'
    /** 认证通过: the corresponding Chinese degree and the opinion. */
    | 'certify'
    /** 暂不认证 / 不予认证: a reason code (`reasonCodes`) and the text. */
    | 'coded_reason'
    /** 就业报到审核通过: the unit to report to. */
    | 'report_to'
  /** The reason codes a `coded_reason` form offers. */
  reasonCodes?: Record<string, string>
  /**
   * Documents issued, in this order, when the action succeeds: one, several, or a function of the case's
   * subtype and its applicant form (e.g. the certificate asked for); none when absent or undefined.
   */
  issues?: DocumentType | readonly DocumentType[] | ((subtype: string, form: Record<string, unknown>) => DocumentType | readonly DocumentType[] | undefined)
  /** What the action records in the archive register (may depend on the validated input). */
  archiveEffect?: ArchiveEffect | ((input: never) => ArchiveEffect)
  /** The action assigns the archive its number. */
  assignsArchiveNumber?: boolean
  /** The input field holding the date the next state's clock starts (default: the office's today). */
  clockStartField?: string
  /** The assignee keeps the case after the action (the next step is theirs too); otherwise it goes back to the pool. */
  keepsClaim?: boolean
  /**
   * A check of the input against the case's form (e.g. the green channel only for doctorates who asked for it):
   * returns the Chinese error, or null. Run by planAction on the desk and at the exchange service.
   */
  check?: (c: { subtype: string; form: Record<string, unknown>; input: Record<string, unknown> }) => string | null
  /** The action's input is kept in its event (shown in the history; e.g. a verification's reply-due date). */
  keepsInput?: boolean
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
  /** At most this many files (re-review supplements: 50). */
  maxFiles?: number
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
  /**
   * zod schema of the applicant's form for a subtype (every type has one; strict: unknown keys refused, strings
   * wire-safe): checked when the form arrives from the portal, and the parsed form is what the service stores.
   * Read stored forms with `parseStoredForm` (forms.ts). Called only with one of the definition's own subtypes.
   */
  formSchema: (subtype: string) => z.ZodType
  /** The seed's registration takes only a 国（境）内 mobile number (seeds 000 and 004): checked when the application arrives. */
  mainlandMobile?: true
}

/** The documents an action issues, in order, on a case of this subtype and form (the case's parsed form JSON); empty if none. */
export function issuedDocTypes(action: ActionDef, subtype: string, form: Record<string, unknown>): DocumentType[] {
  const issued = typeof action.issues === 'function' ? action.issues(subtype, form) : action.issues
  if (issued === undefined) return []
  return typeof issued === 'string' ? [issued] : [...issued]
}

/**
 * What a case event keeps of the action's input: the details of a sign-in, a dispatch or a filing (the
 * register's custody entry and the demo's letters read them back); an envelope sent back is marked.
 */
export function inputKeptInEvent(action: ActionDef, input: Record<string, unknown>): Record<string, unknown> {
  if (action.keepsInput) return { ...input }
  if (action.form === 'archive_sign_in') return { ...input, ...(input.stubPresent ? {} : { envelopeReturned: true }) }
  return action.form === 'dispatch' || action.form === 'file_materials' ? { ...input } : {}
}

/** What a reason is about: a material's label or a form section's name (own keys only: `constructor` is neither). */
export function reasonSubjectLabel(def: CaseTypeDef | undefined, key: string): string {
  return def?.materials.find((m) => m.code === key)?.label ?? (def && Object.hasOwn(def.sections, key) ? def.sections[key] : undefined) ?? key
}

/** A subtype's label (出国存档), or the subtype itself when it is not the definition's own. */
export function subtypeLabel(def: CaseTypeDef | undefined, subtype: string): string {
  return def && Object.hasOwn(def.subtypes, subtype) ? def.subtypes[subtype] : subtype
}
