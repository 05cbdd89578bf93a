import { type IsoDate, officeDateOf } from '../../src/shared/domain/calendar'
import type { CaseTypeDef } from '../../src/shared/domain/case-type'
import { caseTypeDef } from '../../src/shared/domain/case-types'
import type { DegreeCertificationForm, EmploymentKind } from '../../src/shared/domain/certification-forms'
import { refundRoute } from '../../src/shared/domain/certification-requests'
import { employmentWorkingDays } from '../../src/shared/domain/employment-rules'
import { certificationFiles, employmentFiles, rereviewFiles } from './certification-files'
import { certificationPlan, type EmploymentEdge, employmentPlan, personBornOn, refundForm, rereviewForm } from './certification-people'
import {
  DEGREE_STATE_WEIGHTS, type DegreeScenario, type DegreeTarget, EMPLOYMENT_STATE_WEIGHTS, employmentSubmissionIndex, playDegree, playEmployment, playRefund,
  playRereview, REFUND_STATE_WEIGHTS, REREVIEW_STATE_WEIGHTS
} from './certification-scenarios'
import type { DemoFile } from './files'
import type { DemoPerson } from './people'
import { type Actor, Story, type StoryContext } from './story'

/** The certification office's and the employment desk's demo cases: one applicant, one case or a pair (a result and its re-review or refund). */
export type CertificationOfficeType = 'degree_certification' | 'certification_rereview' | 'certification_refund' | 'employment_registration'

/** Stands for the case number of the bundle's first case (a re-review's or refund's certification) until it is numbered. */
export const LINKED_CASE = '@certification'

export interface OfficeCase {
  type: CertificationOfficeType
  subtype: string
  form: Record<string, unknown>
  files: DemoFile[]
  story: Story
}

export interface OfficeBundle {
  person: DemoPerson
  cases: OfficeCase[]
}

export interface OfficeOptions {
  today: IsoDate
  usedIds: Set<string>
  reviewers: readonly Actor[]
  /** Renders a case's files, or takes a pre-rendered set of the same kind (large runs). */
  files(key: string, render: () => DemoFile[]): DemoFile[]
}

export type OfficeSpec =
  | ({ type: 'degree_certification'; subtype?: 'foreign' | 'joint_programme'; country?: string; level?: 'bachelor' | 'master' | 'doctor'; gap?: boolean } & Partial<DegreeScenario>)
  | { type: 'certification_rereview'; target?: string; certification?: DegreeTarget }
  | { type: 'certification_refund'; target?: string; certification?: DegreeTarget }
  | { type: 'employment_registration'; target?: string; kind?: EmploymentKind; edge?: EmploymentEdge; level?: 'master' | 'doctor'; withCertification?: boolean }

/**
 * The cases every demo of fair size shows (DOMAIN.md flows 6–9): certifications waiting to be accepted (UK, USA,
 * Japan, a joint programme, a green-channel doctorate), in review (one overdue), waiting for a foreign reply (one
 * overdue), for supplements, each result (a refusal for false materials among them), a re-review within the year,
 * a refund pending, and employment registrations of the four kinds (a non-Beijing master 359 days abroad, one passing).
 */
export const FEATURED: readonly OfficeSpec[] = [
  { type: 'degree_certification', target: 'submitted', country: '英国', level: 'master' },
  { type: 'degree_certification', target: 'submitted', country: '美国', level: 'master', gap: true },
  { type: 'degree_certification', target: 'submitted', country: '日本', level: 'bachelor' },
  { type: 'degree_certification', target: 'submitted', subtype: 'joint_programme' },
  { type: 'degree_certification', target: 'submitted', country: '德国', level: 'doctor', greenChannel: true },
  { type: 'degree_certification', target: 'in_review', country: '英国', overdue: true },
  { type: 'degree_certification', target: 'in_review', country: '美国' },
  { type: 'degree_certification', target: 'in_review', country: '法国' },
  { type: 'degree_certification', target: 'awaiting_foreign', country: '澳大利亚', overdue: true },
  { type: 'degree_certification', target: 'awaiting_foreign', country: '新加坡' },
  { type: 'degree_certification', target: 'awaiting_supplements', country: '英国' },
  { type: 'degree_certification', target: 'certified', country: '英国', level: 'master' },
  { type: 'degree_certification', target: 'deferred', country: '美国', reasonCode: 'study_doubtful' },
  { type: 'degree_certification', target: 'refused', country: '韩国', reasonCode: 'false_materials' },
  { type: 'certification_rereview', target: 'submitted', certification: 'deferred' },
  { type: 'certification_refund', target: 'submitted', certification: 'deferred' },
  { type: 'employment_registration', target: 'submitted', kind: 'non_beijing_settlement', edge: 'days_359', level: 'master' },
  { type: 'employment_registration', target: 'submitted', kind: 'non_beijing_settlement', edge: 'pass', level: 'master', withCertification: true },
  { type: 'employment_registration', target: 'submitted', kind: 'beijing_employment' },
  { type: 'employment_registration', target: 'submitted', kind: 'outside_beijing_settlement' },
  { type: 'employment_registration', target: 'submitted', kind: 'joint_programme' }
]

/** How many cases a spec makes (a re-review or refund comes with its certification). */
export const specSize = (s: OfficeSpec): number => (s.type === 'certification_rereview' || s.type === 'certification_refund' || (s.type === 'employment_registration' && s.withCertification) ? 2 : 1)

const defOf = (type: string): CaseTypeDef => caseTypeDef(type) as CaseTypeDef

/** The payment: a few minutes before the first submission (the portal takes the application once paid). */
function paid(form: DegreeCertificationForm, story: Story): void {
  const at = new Date(Date.parse(story.firstSubmittedAt) - (3 + (story.firstSubmittedAt.charCodeAt(17) % 20)) * 60_000)
  form.payment.paidAt = at.toISOString()
  form.payment.transactionId = `UP${at.toISOString().slice(0, 10).replaceAll('-', '')}${form.payment.transactionId.slice(10)}`
}

function degreeCase(ctx: StoryContext, o: OfficeOptions, spec: Extract<OfficeSpec, { type: 'degree_certification' }>, person?: DemoPerson): { person: DemoPerson; c: OfficeCase; form: DegreeCertificationForm } {
  const { rng } = ctx
  const target = spec.target ?? rng.weighted(DEGREE_STATE_WEIGHTS)
  const subtype = spec.subtype ?? (spec.country || spec.level || spec.greenChannel ? 'foreign' : rng.chance(0.12) ? 'joint_programme' : 'foreign')
  const level = spec.level ?? (spec.greenChannel ? 'doctor' : undefined)
  const wantsGreen = spec.greenChannel ?? (level === 'doctor' || (level === undefined && rng.chance(0.03)))
  // Results long ago (a re-review's or refund's certification) were awarded earlier still.
  const plan = certificationPlan(rng, { today: o.today, subtype, level: wantsGreen ? 'doctor' : level, country: spec.country, greenChannel: wantsGreen, gap: spec.gap, awardedDaysAgo: (spec.resultAt ?? 0) * 1.5 + rng.int(60, 300) })
  const p = person ?? personBornOn(rng, o.today, o.usedIds, plan.birthDate)
  const def = defOf('degree_certification')
  const story = new Story(ctx, { id: null, name: p.name }, '', def)
  story.subtype = subtype
  story.form = plan.form
  playDegree(story, ctx, plan.form, { target, overdue: spec.overdue, resultAt: spec.resultAt, reasonCode: spec.reasonCode, greenChannel: wantsGreen && plan.form.degree.level === 'doctor' && rng.chance(spec.greenChannel ? 1 : 0.7) })
  paid(plan.form, story)
  const files = o.files(`degree_certification:${subtype}`, () => certificationFiles(p, plan.form, plan.daysAbroad, rng, o.today))
  return { person: p, form: plan.form, c: { type: 'degree_certification', subtype, form: plan.form, files, story } }
}

/** One demo bundle of the certification office or the employment desk. */
export function makeOfficeBundle(ctx: StoryContext, o: OfficeOptions, spec: OfficeSpec): OfficeBundle {
  const { rng } = ctx
  const staffCtx: StoryContext = { ...ctx, clerks: o.reviewers }
  if (spec.type === 'degree_certification') {
    const { person, c } = degreeCase(staffCtx, o, spec)
    return { person, cases: [c] }
  }
  if (spec.type === 'employment_registration') {
    const kind = spec.kind ?? rng.weighted([['non_beijing_settlement', 50], ['beijing_employment', 20], ['outside_beijing_settlement', 15], ['joint_programme', 15]] as const)
    const target = spec.target ?? rng.weighted(EMPLOYMENT_STATE_WEIGHTS)
    const edge = spec.edge ?? (kind === 'non_beijing_settlement' ? rng.weighted([['pass', 70], ['days_359', 6], ['days_360', 6], ['return_expired', 5], ['age_46', 4], ['age_45', 4], ['insurance_2', 5]] as const) : 'pass')
    const level = spec.level ?? (kind === 'non_beijing_settlement' ? (rng.chance(0.2) ? 'doctor' : 'master') : rng.pick(['bachelor', 'master'] as const))
    const days = employmentWorkingDays(kind, level)
    const k = employmentSubmissionIndex(staffCtx, target, days, rng.chance(0.15))
    // The form as of the submission day (the age and the two years count to it).
    const plan = employmentPlan(rng, { today: staffCtx.workdaysBack[k], kind, edge, level })
    const p = personBornOn(rng, o.today, o.usedIds, plan.birthDate)
    // With the certification the applicant got here (its 认证书 number goes into the form once the demo's letters are issued).
    const cert = spec.withCertification ? degreeCase(staffCtx, o, { type: 'degree_certification', subtype: 'foreign', target: 'certified', level, resultAt: rng.int(30, 120) }, p) : null
    if (cert) Object.assign(plan.form, { institution: cert.form.degree.institution, country: cert.form.degree.country })
    const story = new Story(staffCtx, { id: null, name: p.name }, '', defOf('employment_registration'))
    story.subtype = kind
    story.form = plan.form
    playEmployment(story, staffCtx, target, k, plan.form.employer.name)
    const files = o.files(`employment_registration:${kind}`, () => employmentFiles(p, kind, plan.form, rng, o.today))
    const registration: OfficeCase = { type: 'employment_registration', subtype: kind, form: plan.form, files, story }
    return { person: p, cases: cert ? [cert.c, registration] : [registration] }
  }
  // A re-review or a refund, with the certification it is about (the same applicant's, months back).
  const rereview = spec.type === 'certification_rereview'
  const target = spec.target ?? rng.weighted(rereview ? REREVIEW_STATE_WEIGHTS : REFUND_STATE_WEIGHTS)
  const certTarget = spec.certification ?? (rereview ? rng.weighted([['deferred', 60], ['certified', 25], ['refused', 15]] as const) : 'deferred')
  const resultAt = rng.int(40, 200)
  const reasonCode = certTarget === 'refused' ? 'unrecognised_institution' : certTarget === 'deferred' ? rng.pick(['no_reply', 'study_doubtful']) : undefined
  const cert = degreeCase(staffCtx, o, { type: 'degree_certification', subtype: 'foreign', target: certTarget, resultAt, reasonCode })
  const p = cert.person
  const story = new Story(staffCtx, { id: null, name: p.name }, '', defOf(spec.type))
  story.subtype = rereview ? 'rereview' : 'refund'
  const latest = resultAt - 3
  let form: Record<string, unknown>
  let files: DemoFile[] = []
  if (rereview) {
    form = { ...rereviewForm(rng, LINKED_CASE) }
    story.form = form
    playRereview(story, staffCtx, target, latest)
    files = o.files('certification_rereview', () => rereviewFiles(rng, p.idNumber))
  } else {
    story.form = {}
    playRefund(story, staffCtx, target, latest)
    const route = refundRoute(officeDateOf(cert.form.payment.paidAt), officeDateOf(story.firstSubmittedAt))
    form = { ...refundForm(rng, LINKED_CASE, p.name, route === 'bank_account') }
    story.form = form
  }
  return { person: p, cases: [cert.c, { type: spec.type, subtype: story.subtype, form, files, story }] }
}

/** The mix of the office's random cases (after the featured ones). */
export const OFFICE_WEIGHTS: readonly (readonly [CertificationOfficeType, number])[] = [
  ['degree_certification', 70],
  ['employment_registration', 18],
  ['certification_rereview', 6],
  ['certification_refund', 6]
]
