import { type IsoDate, addDays, type WorkingCalendar } from '../../src/shared/domain/calendar'
import { archiveDeposit } from '../../src/shared/domain/case-types/archive-deposit'
import type { CaseTypeDef } from '../../src/shared/domain/case-type'
import { clockAfter } from '../../src/shared/domain/case-clock'
import { DEFAULT_TIME_LIMITS } from '../../src/shared/domain/certification-deadlines'
import { noticeText } from '../../src/shared/domain/workflow'
import { NOT_ACCEPTED_REASONS } from './pools'
import { pad, type Rng } from './random'

/** The history of one demo case: a path through its case type's state machine, with dated events. */

export interface Actor {
  id: number | null
  name: string
}

export interface Reason {
  material: string
  text: string
}

export interface StoryEvent {
  at: string
  actor: Actor
  action: string
  fromState: string | null
  toState: string | null
  reasons: Reason[]
  note: string
  data: Record<string, unknown>
}

export interface StoryContext {
  rng: Rng
  today: IsoDate
  /** Deadline arithmetic (the statutory calendar, or a fallback outside the years it covers). */
  addWorkingDays(start: IsoDate, n: number): IsoDate
  /** Working days from `from` to `to` (the paused clock's days left). */
  workingDaysUntil(from: IsoDate, to: IsoDate): number
  /** Working days going back from today: `[0]` is the latest working day ≤ today. */
  workdaysBack: readonly IsoDate[]
  clerks: readonly Actor[]
  supervisor: Actor | null
}

/** Office-local (UTC+8) date and minute of the day as an ISO instant. */
const instant = (date: IsoDate, minute: number): number => Date.parse(`${date}T00:00:00Z`) + (minute - 480) * 60_000

export class Story {
  state: string | null = null
  readonly events: StoryEvent[] = []
  firstSubmittedAt = ''
  submittedAt = ''
  clockStartedOn: IsoDate | null = null
  deadlineOn: IsoDate | null = null
  clockDays: number | null = null
  assignee: Actor | null = null
  claimedAt: string | null = null
  version = 1
  round = 0
  depositedOn: IsoDate | null = null
  /** What the clock's length depends on (a certification's country, an employment registration's kind). */
  subtype = ''
  form: Record<string, unknown> = {}
  private last = 0

  constructor(
    private readonly ctx: StoryContext,
    readonly applicant: Actor,
    /** Who sends the archive at sign-in (the current custodian or holder). */
    readonly custodian: string,
    readonly def: CaseTypeDef = archiveDeposit as unknown as CaseTypeDef
  ) {}

  /** A time on `date` after the previous event: office hours for staff, 7:30–23:00 for applicants. */
  private stamp(day: IsoDate, staff: boolean): string {
    const { rng, today } = this.ctx
    // Never before the previous event (a safety net: scenarios already pick days in order).
    const lastDay = this.last ? new Date(this.last + 480 * 60_000).toISOString().slice(0, 10) : day
    const date = day < lastDay ? lastDay : day
    const friday = new Date(`${date}T00:00:00Z`).getUTCDay() === 5
    let lo = staff ? 510 : 450
    let hi = staff ? (friday ? 750 : 990) : 1380
    if (date === today) hi = Math.min(hi, 720)
    const t0 = instant(date, 0)
    if (this.last >= t0) lo = Math.max(lo, Math.ceil((this.last - t0) / 60_000) + 1)
    const minute = lo < hi ? rng.int(lo, hi) : lo + rng.int(1, 5)
    this.last = instant(date, minute) + rng.int(0, 59) * 1000
    return new Date(this.last).toISOString()
  }

  private push(date: IsoDate, actor: Actor, action: string, to: string | null, extra: Partial<StoryEvent> = {}): string {
    const at = this.stamp(date, actor.id !== null)
    const from = this.state
    this.events.push({ at, actor, action, fromState: action === 'claim' ? null : from, toState: to, reasons: [], note: '', data: {}, ...extra })
    if (to && to !== from) {
      if (from) this.version++
      this.state = to
      const field = this.def.actions[action]?.clockStartField
      const start = field && typeof extra.data?.[field] === 'string' ? (extra.data[field] as IsoDate) : date
      // The same clock as the desk and the exchange service: paused states keep the days left, resuming continues them.
      const next = clockAfter(
        this.calendar(),
        this.def,
        { state: from, clockStartedOn: this.clockStartedOn, clockDays: this.clockDays, deadlineOn: this.deadlineOn },
        to,
        start,
        { subtype: this.subtype, form: this.form, input: extra.data ?? {}, timeLimits: DEFAULT_TIME_LIMITS }
      )
      this.clockStartedOn = next.clockStartedOn
      this.clockDays = next.clockDays
      this.deadlineOn = next.deadlineOn
    }
    return at
  }

  /** The story's working-day arithmetic as the clock functions want it. */
  private calendar(): WorkingCalendar {
    const { addWorkingDays, workingDaysUntil } = this.ctx
    return { addWorkingDays, workingDaysUntil } as unknown as WorkingCalendar
  }

  /** 补充材料: the applicant's supplements resume the paused clock. */
  supplement(date: IsoDate): void {
    this.push(date, this.applicant, 'supplement', String(this.def.actions.supplement.to))
  }

  /** The applicant submits (or resubmits after a return): the application clock starts that day. */
  submit(date: IsoDate): void {
    const resubmit = this.state !== null
    const at = this.push(date, this.applicant, resubmit ? 'resubmit' : 'submit', this.def.initialState)
    if (!resubmit) this.firstSubmittedAt = at
    this.submittedAt = at
    this.round++
  }

  cancel(date: IsoDate): void {
    this.push(date, this.applicant, 'cancel', 'cancelled')
  }

  claim(date: IsoDate, actor: Actor = this.ctx.rng.pick(this.ctx.clerks)): void {
    this.claimedAt = this.push(date, actor, 'claim', null)
    this.assignee = actor
  }

  /** A staff action: the holder of the case does it (claiming it first when nobody holds it). */
  act(date: IsoDate, action: string, input: { reasons?: Reason[]; note?: string; data?: Record<string, unknown> } = {}, by?: Actor): void {
    if (!this.assignee) this.claim(date, by)
    const actor = this.assignee!
    const def = this.def
    const a = def.actions[action]
    if (!a) throw new Error(`${def.type} has no action ${action}`)
    const data = { ...input.data }
    const reasons = input.reasons ?? []
    const to = typeof a.to === 'function' ? (a.to as (i: unknown) => string)(data) : a.to
    const notice = noticeText(def, action, data, reasons, String(data.archiveNumber ?? ''))
    if (notice) data.notice = notice
    const at = this.push(date, actor, action, to, { reasons, note: input.note ?? '', data })
    if (a.keepsClaim && def.states[to].open) this.claimedAt = at
    else {
      this.assignee = null
      this.claimedAt = null
    }
  }

  returnForChanges(date: IsoDate): void {
    const { rng } = this.ctx
    const def = this.def
    const sections = Object.keys(def.reasonChecklist)
    const picked = new Set<string>()
    const n = Math.min(sections.length, rng.weighted([[1, 5], [2, 3], [3, 1]] as const))
    while (picked.size < n) picked.add(rng.pick(sections))
    const reasons = [...picked].map((material) => ({ material, text: rng.pick(def.reasonChecklist[material]) }))
    this.act(date, 'return_for_changes', { reasons, note: rng.chance(0.3) ? '请按意见一次性修改后重新提交。' : '' })
  }

  notAccepted(date: IsoDate, reason = this.ctx.rng.pick(NOT_ACCEPTED_REASONS)): void {
    this.act(date, 'not_accepted', { reasons: [{ material: 'general', text: reason }] }, this.senior())
  }

  /** 审核未通过 (a certificate request): one written reason, the time recorded with the event. */
  reject(date: IsoDate, reason: string): void {
    this.act(date, 'reject', { reasons: [{ material: 'general', text: reason }] })
  }

  approve(date: IsoDate): void {
    this.act(date, 'approve', {}, this.senior())
  }

  /** 档案签收: `receivedOn` may be the working day before the sign-in; without the stub the envelope goes back. */
  signIn(date: IsoDate, receivedOn: IsoDate, stubPresent: boolean): void {
    const { rng } = this.ctx
    const trackingNumber = rng.chance(0.6) ? `JY${receivedOn.replaceAll('-', '')}${rng.digits(4)}` : `E${rng.pick(['A', 'B', 'M'])}${rng.digits(9)}CN`
    const data: Record<string, unknown> = { receivedOn, sender: this.custodian, trackingNumber, stubPresent }
    if (!stubPresent) data.envelopeReturned = true
    this.act(date, 'archive_sign_in', { data })
  }

  requestSupplements(date: IsoDate): void {
    const { rng } = this.ctx
    const items = this.def.supplementChecklist.archive
    const first = rng.int(0, items.length - 1)
    const texts = rng.chance(0.7) ? [items[first]] : [items[first], items[(first + 1) % items.length]]
    this.act(date, 'request_supplements', { reasons: texts.map((text) => ({ material: 'archive', text })) })
  }

  supplementsReceived(date: IsoDate): void {
    this.act(date, 'supplements_received')
  }

  /** The archive review passes: the action that assigns the archive number (存档: approve_archive; 档案接收: deposit). */
  deposit(date: IsoDate, archiveNumber: string): void {
    const action = Object.keys(this.def.actions).find((n) => this.def.actions[n].assignsArchiveNumber)!
    this.act(date, action, { data: { archiveNumber } }, this.senior())
    this.depositedOn = date
  }

  /** Now and then the section chief signs off instead of a clerk. */
  private senior(): Actor | undefined {
    return this.ctx.supervisor && this.ctx.rng.chance(0.1) ? this.ctx.supervisor : undefined
  }
}

/** A plausible day for the applicant to submit `k` working days back: sometimes the weekend or holiday after it. */
export function submissionDay(ctx: StoryContext, k: number): IsoDate {
  const d = ctx.workdaysBack[k]
  if (k > 0 && ctx.rng.chance(0.15)) {
    const next = addDays(d, 1)
    if (next < ctx.workdaysBack[k - 1]) return next
  }
  return d
}

/** 区-架-层 as the archive register writes it (`A-03-12`, shared/domain/archive.ts). */
export const shelfLocation = (rng: Rng): string => `${rng.pick(['A', 'B', 'C', 'D'])}-${pad(rng.int(1, 24))}-${pad(rng.int(1, 6))}`
