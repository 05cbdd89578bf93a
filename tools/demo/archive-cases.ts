import type { IsoDate } from '../../src/shared/domain/calendar'
import type { CaseTypeDef } from '../../src/shared/domain/case-type'
import { caseTypeDef } from '../../src/shared/domain/case-types'
import type { TransferOutForm } from '../../src/shared/domain/case-types/archive-transfer-out'
import type { MaterialItem } from '../../src/shared/domain/case-types/material-filing'
import { dismissed, inArrears } from '../../src/shared/domain/certificate-rules'
import { certificateFiles, intakeFiles, materialFiles, transferOutFiles } from './archive-files'
import { certificateForm, type HeldArchive, intakeForm, makeHolder, materialForm, monthsBefore, transferOutForm } from './archive-holders'
import { ARCHIVE_STATE_WEIGHTS, type ArchiveCaseType, playArchiveScenario } from './archive-scenarios'
import type { DemoFile } from './files'
import { type DemoPerson, makePerson } from './people'
import { shelfLocation, Story, type StoryContext } from './story'

/** The archive register's row for a demo applicant. */
export interface ArchiveRow {
  archiveNumber: string | null
  status: 'not_in' | 'in_storage' | 'transferred_out'
  category: 'unit' | 'individual'
  employer: string | null
  feesPaidUntil: string | null
  dismissalDate: string | null
  shelfLocation: string | null
  custodian: string | null
  updatedAt: string
}

export interface DemoCase {
  person: DemoPerson
  type: string
  subtype: string
  form: Record<string, unknown>
  files: DemoFile[]
  story: Story
  archive: ArchiveRow
}

export interface ArchiveCaseOptions {
  today: IsoDate
  usedIds: Set<string>
  /** The office's arrears cut-off (`YYYY-MM`). */
  cutoff: string
  nextArchiveNumber(on: IsoDate): string
  /** Renders a case's files, or takes a pre-rendered set of the same kind (large runs: `key` names the kind). */
  files(key: string, render: () => DemoFile[]): DemoFile[]
}

/**
 * A certificate request's archive: mostly one the rules let through (fees paid, not dismissed); about one
 * pending request in ten meets an archive that changed after the request came in (fees now in arrears, or
 * a dismissal registered), which the clerk sees failing at review.
 */
function fitForCertificate(a: HeldArchive, target: string, ctx: StoryContext, cutoff: string): HeldArchive {
  const { rng, today } = ctx
  if (target === 'pending' && rng.chance(0.1)) {
    return a.category === 'individual' ? { ...a, feesPaidUntil: monthsBefore(cutoff, rng.int(1, 6)) } : { ...a, dismissalDate: ctx.workdaysBack[rng.int(0, 3)] }
  }
  return {
    ...a,
    feesPaidUntil: a.category === 'individual' && inArrears(a.feesPaidUntil, cutoff) ? `${today.slice(0, 4)}-12` : a.feesPaidUntil,
    dismissalDate: dismissed(a.dismissalDate) ? null : a.dismissalDate
  }
}

/** One demo case of the archive office's other types, with its applicant, archive, files and history. */
export function makeArchiveCase(type: ArchiveCaseType, ctx: StoryContext, o: ArchiveCaseOptions): DemoCase {
  const { rng } = ctx
  const def = caseTypeDef(type) as CaseTypeDef
  const target = rng.weighted(ARCHIVE_STATE_WEIGHTS[type])
  if (type === 'archive_intake') return intakeCase(def, target, ctx, o)
  const held = makeHolder(rng, o.today, o.usedIds, o.cutoff)
  const p = held.person
  const archive = type === 'certificate_request' ? fitForCertificate(held.archive, target, ctx, o.cutoff) : held.archive
  let subtype = 'standard'
  let form: Record<string, unknown>
  let files: DemoFile[]
  if (type === 'archive_transfer_out') {
    const f = transferOutForm(rng, p)
    form = f
    files = o.files(type, () => transferOutFiles(p, f, rng, o.today))
  } else if (type === 'material_filing') {
    const f = materialForm(rng)
    form = f
    files = o.files(type, () => materialFiles(p, f.materials as MaterialItem[], rng, o.today))
  } else {
    subtype = rng.chance(0.6) ? 'custody' : 'political_review'
    form = certificateForm(rng)
    files = certificateFiles(archive.category === 'unit', rng)
  }
  const story = new Story(ctx, { id: null, name: p.name }, p.custodian, def)
  playArchiveScenario(type, target, story, ctx, { form, unit: archive.category === 'unit', nextArchiveNumber: o.nextArchiveNumber })
  const archiveNumber = o.nextArchiveNumber(`${archive.since}-06-30`)
  const out = story.state === 'transferred_out'
  const last = story.events[story.events.length - 1].at
  return {
    person: p,
    type,
    subtype,
    form,
    files,
    story,
    archive: {
      archiveNumber,
      status: out ? 'transferred_out' : 'in_storage',
      category: archive.category,
      employer: archive.employer,
      feesPaidUntil: archive.feesPaidUntil,
      dismissalDate: archive.dismissalDate,
      shelfLocation: out ? null : archive.shelfLocation,
      custodian: out ? (form as TransferOutForm).receivingAgency : null,
      updatedAt: out ? last : `${archive.since}-07-01T02:00:00.000Z`
    }
  }
}

/** 档案接收: the archive comes in from its present holder; deposited ones get a number and a shelf. */
function intakeCase(def: CaseTypeDef, target: string, ctx: StoryContext, o: ArchiveCaseOptions): DemoCase {
  const { rng } = ctx
  const p = makePerson(rng, 'returning', o.today, o.usedIds)
  const subtype = rng.chance(0.65) ? 'household' : 'employer'
  const form = intakeForm(rng, p, subtype)
  const files = o.files(`${def.type}:${subtype}`, () => intakeFiles(p, subtype, rng, o.today))
  const story = new Story(ctx, { id: null, name: p.name }, form.currentHolder, def)
  playArchiveScenario('archive_intake', target, story, ctx, { form, nextArchiveNumber: o.nextArchiveNumber })
  const deposit = story.events.find((e) => e.action === 'deposit')
  const signedIn = story.events.some((e) => e.action === 'archive_sign_in')
  return {
    person: p,
    type: def.type,
    subtype,
    form,
    files,
    story,
    archive: {
      archiveNumber: deposit ? String(deposit.data.archiveNumber) : null,
      status: deposit ? 'in_storage' : 'not_in',
      // Taken in for the new employer's location: held for that employer (单位存档).
      category: subtype === 'employer' ? 'unit' : 'individual',
      employer: subtype === 'employer' ? (form.employerName ?? null) : null,
      feesPaidUntil: deposit ? `${Number(o.today.slice(0, 4)) + 1}-12` : null,
      dismissalDate: null,
      shelfLocation: deposit ? shelfLocation(rng) : null,
      custodian: deposit || signedIn ? null : form.currentHolder,
      updatedAt: deposit?.at ?? story.firstSubmittedAt
    }
  }
}
