import { type IsoDate, addDays } from '../../src/shared/domain/calendar'
import type { ArchiveIntakeForm } from '../../src/shared/domain/case-types/archive-intake'
import type { TransferOutForm } from '../../src/shared/domain/case-types/archive-transfer-out'
import type { CertificateRequestForm } from '../../src/shared/domain/case-types/certificate-request'
import type { MaterialFilingForm, MaterialItem } from '../../src/shared/domain/case-types/material-filing'
import { DEFAULT_OFFICE } from '../../src/shared/domain/office'
import { type DemoPerson, makePerson } from './people'
import { CERTIFICATE_PURPOSES, EMPLOYERS, FILING_MATERIALS, REGIONS } from './pools'
import { pad, type Rng } from './random'
import { shelfLocation } from './story'

/** The archive of someone whose file the office has kept for years (the register's facts the rules read). */
export interface HeldArchive {
  category: 'unit' | 'individual'
  employer: string | null
  /** 缴费截止时间 `YYYY-MM`. */
  feesPaidUntil: string
  dismissalDate: IsoDate | null
  shelfLocation: string
  /** The year it was deposited (its archive number's year). */
  since: number
}

const ym = (y: number, m: number): string => `${y}-${pad(m)}`

/** The month `n` months before `month` (`YYYY-MM`). */
export function monthsBefore(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n
  return ym(Math.floor(i / 12), (i % 12) + 1)
}

/**
 * A returned student whose archive is in storage: about a third held for an employer (单位存档, a few of them
 * since dismissed), the rest individual archives, most paid up to the end of this year or the next and some in
 * arrears against `cutoff` (paid up to a month or more before it).
 */
export function makeHolder(rng: Rng, today: IsoDate, usedIds: Set<string>, cutoff: string): { person: DemoPerson; archive: HeldArchive } {
  const person = makePerson(rng, 'returning', today, usedIds)
  const year = Number(today.slice(0, 4))
  const since = year - rng.int(1, 8)
  const unit = rng.chance(0.32)
  // In arrears: paid up to 1–18 months before the cut-off month (seed 003: 缴费截止时间小于截止线).
  const feesPaidUntil = !unit && rng.chance(0.12) ? monthsBefore(cutoff, rng.int(1, 18)) : ym(year + rng.int(0, 1), 12)
  const dismissed = unit && rng.chance(0.12)
  return {
    person,
    archive: {
      category: unit ? 'unit' : 'individual',
      employer: unit ? rng.pick(EMPLOYERS) : null,
      feesPaidUntil,
      dismissalDate: dismissed ? addDays(today, -rng.int(5, 400)) : null,
      shelfLocation: shelfLocation(rng),
      since
    }
  }
}

/** 档案转出 to a public HR agency of another region (the receiving agency's 调档函 names it). */
export function transferOutForm(rng: Rng, p: DemoPerson): TransferOutForm {
  const region = rng.pick(REGIONS.filter((r) => r !== p.region))
  const agency = rng.pick(region.agencies)
  const reasons = ['到新单位就业，档案转至单位所在地', '落户外省市，档案随户籍转移', '考取公务员，档案转入录用单位', undefined]
  const reason = rng.pick(reasons)
  return { receivingAgency: agency, receivingAddress: `${region.province === region.city ? '' : region.province}${region.city}${region.district}人才大厦`, ...(reason ? { reason } : {}) }
}

/** 档案接收 by household registration (city and district) or by the employer's location. */
export function intakeForm(rng: Rng, p: DemoPerson, subtype: 'household' | 'employer'): ArchiveIntakeForm {
  const custodianUnit = `${DEFAULT_OFFICE.name}${DEFAULT_OFFICE.department}`
  const currentHolder = p.custodian
  const currentHolderAddress = rng.chance(0.6) ? `${p.region.city}${p.region.district}人力资源大厦` : undefined
  if (subtype === 'household') return { city: p.region.city, district: p.region.district, custodianUnit, currentHolder, currentHolderAddress }
  return { employerName: rng.pick(EMPLOYERS), employerLocation: '北京市', custodianUnit, currentHolder, currentHolderAddress }
}

/** One to three materials (e.g. 思想汇报 six copies of one page each, seed 002's sample). */
export function materialList(rng: Rng): MaterialItem[] {
  const n = rng.weighted([[1, 6], [2, 3], [3, 1]] as const)
  const names = new Set<string>()
  while (names.size < n) names.add(rng.weighted(FILING_MATERIALS))
  return [...names].map((name) => {
    const copies = name === '思想汇报' ? rng.int(2, 8) : 1
    return { name, copies, pages: name === '思想汇报' ? copies * rng.int(1, 2) : rng.int(2, 8) }
  })
}

export const materialForm = (rng: Rng): MaterialFilingForm => ({ materials: materialList(rng), ...(rng.chance(0.2) ? { remarks: '原件，请归档后退还复印件' } : {}) })

export const certificateForm = (rng: Rng): CertificateRequestForm => (rng.chance(0.8) ? { purpose: rng.pick(CERTIFICATE_PURPOSES) } : {})
