// What the portal simulator submits: an application of each case type, made by the desk's demo generators
// (valid resident IDs, consistent stories, real rendered PDF/JPG files). Types that need the applicant's
// archive in storage (transfer out, material filing, certificates) are made for a known archive holder.
import { certificateFiles, intakeFiles, materialFiles, transferOutFiles } from '../demo/archive-files'
import { certificateForm, intakeForm, materialForm, transferOutForm } from '../demo/archive-holders'
import { type DemoFile, renderCaseFiles } from '../demo/files'
import { type DemoPerson, depositForm, makePerson } from '../demo/people'
import type { Rng } from '../demo/random'
import { certificationFiles, employmentFiles, rereviewFiles } from '../demo/certification-files'
import { certificationPlan, type EmploymentEdge, employmentPlan, personBornOn, refundForm, rereviewForm } from '../demo/certification-people'
import type { EmploymentKind } from '../../src/shared/domain/certification-forms'
import type { ApplicantInput, ApplicationInput, AttachmentInput } from '../../server/src/portal/schemas'

export type SimType =
  | 'archive_deposit'
  | 'archive_intake'
  | 'archive_transfer_out'
  | 'material_filing'
  | 'certificate_request'
  | 'degree_certification'
  | 'employment_registration'
  | 'certification_rereview'
  | 'certification_refund'

/**
 * The default mix (weights): mostly deposits; the archive office's other requests beside them; degree
 * certifications and employment registrations; now and then a re-review or refund of a certification the
 * simulator submitted earlier (a degree certification instead while there is none to name).
 */
export const DEFAULT_MIX: Readonly<Record<SimType, number>> = {
  archive_deposit: 45,
  archive_intake: 8,
  certificate_request: 11,
  archive_transfer_out: 6,
  material_filing: 5,
  degree_certification: 15,
  employment_registration: 6,
  certification_rereview: 2,
  certification_refund: 2
}

/** Someone whose archive the exchange service has in storage (a unit archive's requests carry the employer's letter). */
export interface SimHolder {
  person: DemoPerson
  category: 'unit' | 'individual'
}

export interface SimulatedApplication {
  type: SimType
  person: DemoPerson
  files: DemoFile[]
  input: ApplicationInput
}

/** The applicant as the portal sends it (the demo person carries more: address, study plan …). */
export function applicantOf(p: DemoPerson): ApplicantInput {
  return {
    name: p.name,
    sex: p.sex,
    nationality: '中国',
    idType: '居民身份证',
    idNumber: p.idNumber,
    idValidFrom: p.idValidFrom,
    idValidTo: p.idValidTo,
    birthDate: p.birthDate,
    ethnicity: p.ethnicity,
    politicalStatus: p.politicalStatus,
    maritalStatus: p.maritalStatus,
    fertilityStatus: p.fertilityStatus,
    householdRegion: p.householdRegion,
    mobile: p.mobile,
    email: p.email,
    contactName: p.contactName,
    contactMobile: p.contactMobile,
    passportNumber: p.passportNumber
  }
}

export const attachmentOf = (f: DemoFile): AttachmentInput => ({ materialCode: f.materialCode, fileName: f.fileName, mime: f.mime, sha256: f.sha256 })

const application = (type: SimType, subtype: string, person: DemoPerson, form: object, files: DemoFile[]): SimulatedApplication => ({
  type,
  person,
  files,
  input: { type, subtype, applicant: applicantOf(person), form: { ...form }, attachments: files.map(attachmentOf) }
})

/** One archive-deposit application (70 % outbound, 30 % returning) with its rendered files. */
export function makeApplication(rng: Rng, today: string, usedIds: Set<string>): SimulatedApplication {
  const subtype = rng.chance(0.7) ? 'outbound' : 'returning'
  const person = makePerson(rng, subtype, today, usedIds)
  return application('archive_deposit', subtype, person, depositForm(person), renderCaseFiles(person, rng, today))
}

/** A paid instant of today (office time 08:00–20:00) with minutes from the stream. */
const paidAt = (rng: Rng, today: string): string => new Date(Date.parse(`${today}T00:00:00Z`) + rng.int(0, 12 * 60) * 60_000).toISOString()

/** 国(境)外学历学位认证: 12 % joint programmes, a green-channel doctorate now and then, a study gap sometimes. */
export function makeCertification(rng: Rng, today: string, usedIds: Set<string>): SimulatedApplication {
  const subtype = rng.chance(0.12) ? 'joint_programme' : 'foreign'
  const green = subtype === 'foreign' && rng.chance(0.05)
  const plan = certificationPlan(rng, { today, subtype, greenChannel: green, level: green ? 'doctor' : undefined, gap: rng.chance(0.05) })
  plan.form.payment.paidAt = paidAt(rng, today)
  const person = personBornOn(rng, today, usedIds, plan.birthDate)
  return application('degree_certification', subtype, person, plan.form, certificationFiles(person, plan.form, plan.daysAbroad, rng, today))
}

/** 就业报到: the four kinds; non-Beijing settlements around the rules' edges (359/360 days, two years, age 45 …). */
export function makeEmployment(rng: Rng, today: string, usedIds: Set<string>): SimulatedApplication {
  const kind = rng.weighted<EmploymentKind>([['non_beijing_settlement', 50], ['beijing_employment', 20], ['outside_beijing_settlement', 15], ['joint_programme', 15]])
  const edge: EmploymentEdge = kind === 'non_beijing_settlement' ? rng.weighted([['pass', 60], ['days_359', 7], ['days_360', 7], ['return_expired', 6], ['age_46', 6], ['age_45', 7], ['insurance_2', 7]] as const) : 'pass'
  const plan = employmentPlan(rng, { today, kind, edge })
  const person = personBornOn(rng, today, usedIds, plan.birthDate)
  return application('employment_registration', kind, person, plan.form, employmentFiles(person, kind, plan.form, rng, today))
}

/** A certification the simulator submitted (its applicant may come back with a re-review or a refund). */
export interface SimCertification {
  caseId: string
  caseNumber: string
  person: DemoPerson
  /** The latest state learnt (`submitted` until the desk decides). */
  state: string
  paidAt: string
}

/** 复核 of a certification with a result: 1–6 JPG supplements. */
export function makeRereview(rng: Rng, c: SimCertification): SimulatedApplication {
  return application('certification_rereview', 'rereview', c.person, rereviewForm(rng, c.caseNumber), rereviewFiles(rng, c.person.idNumber))
}

/** 退费 of a certification not yet in evaluation or deferred (bank details after 10 months: never here, paid today). */
export function makeRefund(rng: Rng, c: SimCertification): SimulatedApplication {
  return application('certification_refund', 'refund', c.person, refundForm(rng, c.caseNumber, c.person.name, false), [])
}

/** 档案接收 by household registration (65 %) or by the employer's location. */
export function makeIntake(rng: Rng, today: string, usedIds: Set<string>): SimulatedApplication {
  const person = makePerson(rng, 'returning', today, usedIds)
  const subtype = rng.chance(0.65) ? 'household' : 'employer'
  return application('archive_intake', subtype, person, intakeForm(rng, person, subtype), intakeFiles(person, subtype, rng, today))
}

/** A transfer out, a material filing or a certificate request of someone whose archive is in storage. */
export function makeHolderApplication(type: SimType, h: SimHolder, rng: Rng, today: string, subtype?: string): SimulatedApplication {
  const p = h.person
  switch (type) {
    case 'archive_transfer_out': {
      const form = transferOutForm(rng, p)
      return application(type, 'standard', p, form, transferOutFiles(p, form, rng, today))
    }
    case 'material_filing': {
      const form = materialForm(rng)
      return application(type, 'standard', p, form, materialFiles(p, form.materials, rng, today))
    }
    case 'certificate_request':
      return application(type, subtype ?? (rng.chance(0.6) ? 'custody' : 'political_review'), p, certificateForm(rng), certificateFiles(h.category === 'unit', rng))
    default:
      throw new Error(`${type} is not made for an archive holder`)
  }
}

/**
 * The simulator's applicants: the next application by the mix, to a known archive holder where the type
 * needs one (else a deposit); a certificate of a kind asked once per holder and run (never a duplicate
 * pending request); a holder whose archive leaves (transfer out) is no longer one; deposited applicants of
 * the simulator's own deposits and intakes become holders.
 */
export class ApplicationSource {
  private readonly mix: [SimType, number][]
  private readonly holders: SimHolder[]
  private readonly usedIds = new Set<string>()
  private readonly asked = new Set<string>()
  private readonly awaiting: { caseId: string; holder: SimHolder }[] = []
  /** The simulator's certifications (re-reviews and refunds name them) and its cases that may be paused for supplements. */
  private readonly certifications: SimCertification[] = []
  private readonly watched: { caseId: string; caseNumber: string; type: SimType }[] = []
  private readonly asking = new Set<string>()
  /** Cases the office paused for the applicant's supplements (learnt by `learn`), oldest first. */
  readonly supplementsDue: { caseId: string; caseNumber: string; type: SimType }[] = []

  constructor(
    private readonly rng: Rng,
    private readonly today: string,
    mix: Partial<Record<SimType, number>>,
    holders: readonly SimHolder[]
  ) {
    this.mix = (Object.entries(mix) as [SimType, number][]).filter(([, w]) => w > 0)
    if (!this.mix.length) throw new Error('mix must give at least one case type a positive weight')
    this.holders = [...holders]
    for (const h of holders) this.usedIds.add(h.person.idNumber)
  }

  next(): SimulatedApplication {
    const { rng, today, holders } = this
    const type = this.mix.length === 1 ? this.mix[0][0] : rng.weighted(this.mix)
    const fallback = (): SimulatedApplication =>
      this.mix.some(([t]) => t === 'archive_intake') && !this.mix.some(([t]) => t === 'archive_deposit') ? makeIntake(rng, today, this.usedIds) : makeApplication(rng, today, this.usedIds)
    if (type === 'archive_deposit') return makeApplication(rng, today, this.usedIds)
    if (type === 'degree_certification') return makeCertification(rng, today, this.usedIds)
    if (type === 'employment_registration') return makeEmployment(rng, today, this.usedIds)
    if (type === 'certification_rereview' || type === 'certification_refund') {
      // Once per certification: a re-review of a result within the year, a refund while not in evaluation or deferred.
      const fits = this.certifications.filter((c) =>
        type === 'certification_rereview' ? ['certified', 'deferred'].includes(c.state) : ['submitted', 'deferred'].includes(c.state)
      )
      if (!fits.length) return makeCertification(rng, today, this.usedIds)
      const c = rng.pick(fits)
      this.certifications.splice(this.certifications.indexOf(c), 1)
      return type === 'certification_rereview' ? makeRereview(rng, c) : makeRefund(rng, c)
    }
    if (type === 'archive_intake') return makeIntake(rng, today, this.usedIds)
    if (type === 'certificate_request') {
      const open = holders.flatMap((h) => ['custody', 'political_review'].filter((s) => !this.asked.has(`${h.person.idNumber}:${s}`)).map((s) => [h, s] as const))
      if (!open.length) return fallback()
      const [h, subtype] = rng.pick(open)
      this.asked.add(`${h.person.idNumber}:${subtype}`)
      return makeHolderApplication(type, h, rng, today, subtype)
    }
    if (!holders.length) return fallback()
    const i = rng.int(0, holders.length - 1)
    const app = makeHolderApplication(type, holders[i], rng, today)
    if (type === 'archive_transfer_out') holders.splice(i, 1)
    return app
  }

  /** An application went in: a deposit's or intake's applicant may become a holder later. */
  submitted(app: SimulatedApplication, caseId: string, caseNumber = ''): void {
    if (app.type === 'degree_certification') {
      const paid = (app.input.form as { payment?: { paidAt?: string } }).payment?.paidAt ?? ''
      this.certifications.push({ caseId, caseNumber, person: app.person, state: 'submitted', paidAt: paid })
    }
    if (['degree_certification', 'employment_registration', 'certification_rereview'].includes(app.type)) this.watched.push({ caseId, caseNumber, type: app.type })
    if (app.type === 'archive_deposit' || app.type === 'archive_intake') {
      this.awaiting.push({ caseId, holder: { person: app.person, category: app.input.subtype === 'employer' ? 'unit' : 'individual' } })
    }
  }

  /** Asks after a few of the awaited cases (oldest first): deposited → a holder; ended otherwise → forgotten. */
  async learn(status: (caseId: string) => Promise<{ state: string }>): Promise<void> {
    for (const a of this.awaiting.splice(0, 3)) {
      const { state } = await status(a.caseId)
      if (state === 'deposited') this.holders.push(a.holder)
      else if (state !== 'cancelled' && state !== 'not_accepted') this.awaiting.push(a)
    }
    // The certification office's cases: results learnt, pauses for supplements noticed (each asked once).
    for (const w of this.watched.splice(0, 3)) {
      const { state } = await status(w.caseId)
      const cert = this.certifications.find((c) => c.caseId === w.caseId)
      if (cert) cert.state = state
      if (state === 'awaiting_supplements' && !this.asking.has(w.caseId)) {
        this.asking.add(w.caseId)
        this.supplementsDue.push(w)
      }
      if (!['certified', 'deferred', 'refused', 'approved', 'not_accepted', 'cancelled', 'refunded'].includes(state)) this.watched.push(w)
    }
  }
}
