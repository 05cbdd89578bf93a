// What the portal simulator submits: an application of each case type, made by the desk's demo generators
// (valid resident IDs, consistent stories, real rendered PDF/JPG files). Types that need the applicant's
// archive in storage (transfer out, material filing, certificates) are made for a known archive holder.
import { certificateFiles, intakeFiles, materialFiles, transferOutFiles } from '../../../src/main/core/demo/archive-files'
import { certificateForm, intakeForm, materialForm, transferOutForm } from '../../../src/main/core/demo/archive-holders'
import { type DemoFile, renderCaseFiles } from '../../../src/main/core/demo/files'
import { type DemoPerson, depositForm, makePerson } from '../../../src/main/core/demo/people'
import type { Rng } from '../../../src/main/core/demo/random'
import type { ApplicantInput, ApplicationInput, AttachmentInput } from './schemas'

export type SimType = 'archive_deposit' | 'archive_intake' | 'archive_transfer_out' | 'material_filing' | 'certificate_request'

/** The default mix (weights): mostly deposits; the archive office's other requests beside them. */
export const DEFAULT_MIX: Readonly<Record<SimType, number>> = {
  archive_deposit: 60,
  archive_intake: 10,
  certificate_request: 15,
  archive_transfer_out: 8,
  material_filing: 7
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
  submitted(app: SimulatedApplication, caseId: string): void {
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
  }
}
