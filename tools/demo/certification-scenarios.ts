import { addDays, type IsoDate } from '../../src/shared/domain/calendar'
import { type CertificationDays, certificationDays, DEFAULT_TIME_LIMITS } from '../../src/shared/domain/certification-deadlines'
import { DEGREE_LEVELS, type DegreeCertificationForm } from '../../src/shared/domain/certification-forms'
import { CLOCK_AGE } from './scenarios'
import { type Reason, type Story, type StoryContext, submissionDay } from './story'

/**
 * Paths through the certification office's and the employment desk's state machines (days as in scenarios.ts:
 * indices into `ctx.workdaysBack`, larger = earlier). Reviewers act; the clock pauses while a foreign institution
 * is asked and while the applicant supplements (story.ts keeps it like shared/domain/case-clock.ts).
 */

export type DegreeTarget = 'submitted' | 'returned' | 'not_accepted' | 'cancelled' | 'in_review' | 'awaiting_foreign' | 'awaiting_supplements' | 'certified' | 'deferred' | 'refused'

export const DEGREE_STATE_WEIGHTS: readonly (readonly [DegreeTarget, number])[] = [
  ['submitted', 22], ['in_review', 24], ['awaiting_foreign', 8], ['awaiting_supplements', 6], ['certified', 20], ['deferred', 5], ['refused', 3], ['returned', 5], ['not_accepted', 2], ['cancelled', 3]
]
export const REREVIEW_STATE_WEIGHTS: readonly (readonly [string, number])[] = [['submitted', 40], ['in_review', 30], ['certified', 15], ['deferred', 15]]
export const REFUND_STATE_WEIGHTS: readonly (readonly [string, number])[] = [['submitted', 65], ['refunded', 35]]
export const EMPLOYMENT_STATE_WEIGHTS: readonly (readonly [string, number])[] = [['submitted', 50], ['awaiting_supplements', 10], ['approved', 30], ['not_accepted', 5], ['cancelled', 5]]

export interface DegreeScenario {
  target: DegreeTarget
  /** Past its deadline (in review), or the foreign institution's reply overdue (境外核查中). */
  overdue?: boolean
  /** The result's day (an index); the re-review and refund pairs put it months back. */
  resultAt?: number
  /** A refusal's or deferral's reason code. */
  reasonCode?: string
  /** Accepted into the green channel (a doctorate who asked for it). */
  greenChannel?: boolean
}

const NOT_ACCEPTED = ['所持证书为国内高校颁发，不属于国（境）外学历学位认证范围', '所持证书为培训或进修证书，不属于高等教育学历学位证书']
const EQUIVALENCE: Record<string, string> = { associate: '专科学历', bachelor: '学士学位', master: '硕士学位', doctor: '博士学位' }
const DEFERRALS: Record<string, string> = {
  no_reply: '颁证院校至今未反馈核查结果，暂无法确认该证书的真实性',
  supplements_missing: '申请人未在规定时间内补充在外学习期间的注册证明',
  study_doubtful: '出入境记录显示在外学习时间与学习经历不符，尚待核实'
}
const REFUSALS: Record<string, string> = {
  false_materials: '颁证院校回函确认未向申请人颁发该学位证书，申请人提供虚假材料',
  unrecognised_institution: '颁证机构未获所在国家教育主管部门认可'
}

/** The working days a certification's clock gets (country, joint programme, green channel). */
export function degreeDays(subtype: string, form: DegreeCertificationForm, greenChannel: boolean): CertificationDays {
  return certificationDays(DEFAULT_TIME_LIMITS, { subtype, country: form.degree.country, institution: form.degree.institution, greenChannel })
}

/** What to ask the applicant to supplement (the definition's checklist). */
function supplementReasons(story: Story, ctx: StoryContext): Reason[] {
  const checklist = story.def.supplementChecklist
  const keys = Object.keys(checklist)
  const material = ctx.rng.pick(keys)
  return [{ material, text: ctx.rng.pick(checklist[material]) }]
}

const W = (ctx: StoryContext, k: number): IsoDate => ctx.workdaysBack[Math.max(0, Math.min(k, ctx.workdaysBack.length - 1))]

/** A staff day after a submission `k` working days ago. */
const after = (ctx: StoryContext, k: number, maxGap = 4): number => (k === 0 ? 0 : k - ctx.rng.int(1, Math.min(k, maxGap)))

/** The states before a review every type has: waiting, returned, not accepted, cancelled. Returns false for the others. */
function firstStates(story: Story, ctx: StoryContext, target: string, reasons: readonly string[]): boolean {
  const { rng } = ctx
  switch (target) {
    case 'submitted': {
      const k = rng.weighted(CLOCK_AGE)
      story.submit(submissionDay(ctx, k))
      if (rng.chance(0.25)) story.claim(W(ctx, after(ctx, k, k + 1)))
      return true
    }
    case 'returned': {
      const k = rng.int(1, 10)
      story.submit(submissionDay(ctx, k))
      story.returnForChanges(W(ctx, after(ctx, k, 3)))
      return true
    }
    case 'not_accepted': {
      const k = rng.int(1, 14)
      story.submit(submissionDay(ctx, k))
      story.notAccepted(W(ctx, after(ctx, k)), rng.pick(reasons))
      return true
    }
    case 'cancelled': {
      const k = rng.int(0, 14)
      story.submit(submissionDay(ctx, k))
      story.cancel(W(ctx, after(ctx, k, 3)))
      return true
    }
  }
  return false
}

/** A degree certification's history ending in `s.target`. */
export function playDegree(story: Story, ctx: StoryContext, form: DegreeCertificationForm, s: DegreeScenario): void {
  const { rng } = ctx
  if (firstStates(story, ctx, s.target, NOT_ACCEPTED)) return
  const green = s.greenChannel ?? false
  const days = degreeDays(story.subtype, form, green).workingDays
  const accept = (a: number): void => {
    story.submit(submissionDay(ctx, a + rng.int(1, 3)))
    story.act(W(ctx, a), 'accept', { data: { greenChannel: green } })
  }
  const verification = (on: number, replyDueOn: IsoDate): void =>
    story.act(W(ctx, on), 'send_verification', {
      data: { reasonCode: rng.chance(0.8) ? 'institution' : 'agency', recipient: form.degree.institutionEn || form.degree.institution, channel: rng.pick(['email', 'email', 'platform', 'post']), replyDueOn, note: '' }
    })
  const reply = (on: number, outcome: 'confirmed' | 'not_confirmed' | 'no_record'): void => story.act(W(ctx, on), 'record_verification', { data: { outcome, note: outcome === 'confirmed' ? '院校邮件确认学位信息无误' : '院校回函：查无该学位授予记录' } })
  switch (s.target) {
    case 'in_review': {
      // Left on the clock: mostly some, a few due today, the overdue ones past it.
      const a = s.overdue ? days + rng.int(1, 4) : Math.max(0, days - rng.weighted(CLOCK_AGE) - 1)
      accept(a)
      if (!s.overdue && a >= 6 && rng.chance(0.3)) {
        const v = a - rng.int(1, 2)
        verification(v, addDays(W(ctx, v), 30))
        reply(v - rng.int(1, Math.min(3, v)), 'confirmed')
      }
      return
    }
    case 'awaiting_foreign': {
      const v = s.overdue ? rng.int(24, 34) : rng.int(0, 10)
      accept(v + rng.int(1, 4))
      // The reply is due 20 calendar days after asking (overdue), or within the month.
      verification(v, addDays(W(ctx, v), s.overdue ? 20 : 30))
      return
    }
    case 'awaiting_supplements': {
      const q = rng.int(0, 12)
      accept(q + rng.int(1, 5))
      story.act(W(ctx, q), 'request_supplements', { reasons: supplementReasons(story, ctx) })
      return
    }
  }
  // A result on day z, a week or two after acceptance; a refusal for false materials after the institution's answer.
  const z = s.resultAt ?? rng.int(0, 30)
  const a = z + rng.int(4, 12)
  accept(a)
  const code = s.reasonCode ?? (s.target === 'deferred' ? rng.pick(Object.keys(DEFERRALS)) : s.target === 'refused' ? rng.pick(Object.keys(REFUSALS)) : '')
  if (s.target === 'refused' && code === 'false_materials') {
    verification(a - 1, addDays(W(ctx, a - 1), 30))
    reply(z + 1, 'not_confirmed')
  } else if (s.target === 'deferred' && code === 'supplements_missing') {
    story.act(W(ctx, a - 1), 'request_supplements', { reasons: supplementReasons(story, ctx) })
    story.supplement(W(ctx, z + 1))
  } else if (rng.chance(0.25)) {
    verification(a - 1, addDays(W(ctx, a - 1), 30))
    reply(z + 1, 'confirmed')
  }
  const level = form.degree.level
  if (s.target === 'certified') {
    const equivalence = EQUIVALENCE[level]
    const opinion = `经认证，${story.applicant.name}于${form.degree.awardedOn.slice(0, 4)}年${Number(form.degree.awardedOn.slice(5, 7))}月在${form.degree.country}${form.degree.institution}获得的${form.degree.degreeName}（${DEGREE_LEVELS[level]}）学位证书真实有效，该学位与我国${equivalence}相对应。`
    story.act(W(ctx, z), 'certify', { data: { equivalence, opinion, note: '' } })
  } else if (s.target === 'deferred') story.act(W(ctx, z), 'defer', { data: { reasonCode: code, reason: DEFERRALS[code] ?? DEFERRALS.no_reply, note: '' } })
  else story.act(W(ctx, z), 'refuse', { data: { reasonCode: code, reason: REFUSALS[code] ?? REFUSALS.unrecognised_institution, note: '' } })
}

/** A re-review, submitted `k` working days ago at the latest (after the result it is about). */
export function playRereview(story: Story, ctx: StoryContext, target: string, latest: number): void {
  const { rng } = ctx
  if (target === 'submitted') {
    story.submit(submissionDay(ctx, Math.min(latest, rng.int(0, 8))))
    return
  }
  const z = Math.min(latest - 6, rng.int(0, 10))
  const a = target === 'in_review' ? rng.int(0, Math.min(latest - 2, 18)) : Math.min(latest - 2, z + rng.int(3, 8))
  story.submit(W(ctx, a + rng.int(1, Math.max(1, Math.min(3, latest - a)))))
  story.act(W(ctx, a), 'accept')
  if (target === 'in_review') return
  if (target === 'certified') story.act(W(ctx, Math.max(0, z)), 'certify', { data: { equivalence: '硕士学位', opinion: '经复核，颁证院校已出具学历核实函，原暂不认证结论予以变更，该学位证书真实有效。', note: '' } })
  else story.act(W(ctx, Math.max(0, z)), 'defer', { data: { reasonCode: 'study_doubtful', reason: '经复核，在外学习时间仍不足以确认学习经历，维持暂不认证结论', note: '' } })
}

/** A refund, submitted after the certification's result (or payment) `latest` working days ago at most. */
export function playRefund(story: Story, ctx: StoryContext, target: string, latest: number): void {
  const { rng } = ctx
  if (target === 'submitted') {
    // 15 working days to refund: mostly within them, a few overdue.
    story.submit(W(ctx, Math.min(latest, rng.chance(0.15) ? rng.int(16, 20) : rng.int(0, 12))))
    if (rng.chance(0.2)) story.claim(W(ctx, 0))
    return
  }
  const k = Math.min(latest, rng.int(8, 25))
  story.submit(W(ctx, k))
  story.act(W(ctx, k - rng.int(3, 7)), 'refund')
}

const EMPLOYMENT_NOT_ACCEPTED = ['用人单位不具备接收资格，不予受理', '申请人已在其他地区办理落户手续']

/** An employment registration submitted on day `k` (chosen by the caller so the form's dates fit it). */
export function playEmployment(story: Story, ctx: StoryContext, target: string, k: number, reportTo: string): void {
  const { rng } = ctx
  if (target === 'cancelled') {
    story.submit(W(ctx, k))
    story.cancel(W(ctx, after(ctx, k, 3)))
    return
  }
  story.submit(W(ctx, k))
  const ask = (on: number): void => {
    const checklist = story.def.supplementChecklist
    const material = rng.pick(Object.keys(checklist))
    story.act(W(ctx, on), 'request_supplements', { reasons: [{ material, text: rng.pick(checklist[material]) }] })
  }
  switch (target) {
    case 'submitted':
      if (k >= 4 && rng.chance(0.2)) {
        const q = k - rng.int(1, 2)
        ask(q)
        story.supplement(W(ctx, q - rng.int(1, Math.min(2, q))))
      } else if (rng.chance(0.25)) story.claim(W(ctx, after(ctx, k, k + 1)))
      return
    case 'awaiting_supplements':
      ask(after(ctx, k))
      return
    case 'not_accepted':
      story.notAccepted(W(ctx, after(ctx, k)), rng.pick(EMPLOYMENT_NOT_ACCEPTED))
      return
    case 'approved':
      story.act(W(ctx, after(ctx, k, 5)), 'approve', { data: { reportTo, note: '' } })
      return
  }
  throw new Error(`no demo path to employment_registration ${target}`)
}

/** The first submission day (index) an employment target wants: waiting ones spread around their clock, decided ones older. */
export function employmentSubmissionIndex(ctx: StoryContext, target: string, clockDays: number, overdue = false): number {
  const { rng } = ctx
  if (target === 'submitted') return overdue ? clockDays + rng.int(1, 3) : Math.max(0, Math.min(clockDays - 1, rng.int(0, Math.min(clockDays, 12))))
  return rng.int(3, 20)
}
