import type { ArchiveDepositForm, CvEntry, OverseasStudy } from '../../src/shared/api/types'
import { type IsoDate, addDays } from '../../src/shared/domain/calendar'
import { idCheckChar } from '../../src/shared/domain/identity'
import {
  COUNTRY_SHORT, EMAIL_DOMAINS, ETHNICITIES, GIVEN_FEMALE, GIVEN_MALE, INSTITUTIONS, type Institution, MOBILE_PREFIXES,
  PARENT_GIVEN, POLITICAL_STATUSES, PROGRAMMES, REGIONS, type Region, STREETS, SURNAMES, UNIVERSITIES
} from './pools'
import { pad, type Rng } from './random'

export type Degree = '学士' | '硕士' | '博士'
/** How the applicant went abroad (DOMAIN.md flow 1, who is eligible). */
export type StudyPath = 'after_university' | 'after_withdrawal' | 'after_high_school'

export interface StudyPlan {
  path: StudyPath
  institution: Institution
  degree: Degree
  /** English and Chinese programme name. */
  programme: readonly [string, string]
  /** `YYYY-MM`. */
  from: string
  to: string
  certificationNumber: string
}

export interface DemoPerson {
  name: string
  /** As printed in a passport: `ZHANG`, `MIN`. */
  surnamePinyin: string
  givenPinyin: string
  sex: 'male' | 'female'
  idNumber: string
  birthDate: IsoDate
  idValidFrom: IsoDate
  idValidTo: IsoDate
  ethnicity: string
  politicalStatus: string
  maritalStatus: string
  fertilityStatus: string
  region: Region
  householdRegion: string
  address: string
  mobile: string
  email: string
  contactName: string
  contactMobile: string
  passportNumber: string
  study: StudyPlan
  cv: CvEntry[]
  custodian: string
}

const SURNAME_WEIGHTS = SURNAMES.map(([s, p, w]) => [[s, p], w] as const)
const REGION_WEIGHTS = REGIONS.map((r) => [r, r.weight] as const)
const PATHS: readonly (readonly [StudyPath, number])[] = [['after_university', 65], ['after_withdrawal', 10], ['after_high_school', 25]]

export function chineseName(rng: Rng, sex: 'male' | 'female'): { name: string; surname: string; surnamePinyin: string; givenPinyin: string } {
  const [surname, surnamePinyin] = rng.weighted(SURNAME_WEIGHTS)
  const pool = sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE
  const given = rng.chance(0.7) ? [rng.pick(pool), rng.pick(pool)] : [rng.pick(pool)]
  return { name: surname + given.map((g) => g[0]).join(''), surname, surnamePinyin, givenPinyin: given.map((g) => g[1]).join('').toUpperCase() }
}

export const mobileNumber = (rng: Rng): string => rng.pick(MOBILE_PREFIXES) + rng.digits(8)

/** An 18-digit resident ID: region, birth date, 3-digit sequence (odd last digit = male), GB 11643 check. */
export function residentId(rng: Rng, region: Region, birthDate: IsoDate, sex: 'male' | 'female'): string {
  const sexDigit = rng.int(0, 4) * 2 + (sex === 'male' ? 1 : 0)
  const first17 = region.code + birthDate.replaceAll('-', '') + rng.digits(2) + sexDigit
  return first17 + idCheckChar(first17)
}

const ym = (year: number, month: number): string => `${year}-${pad(month)}`

/** Study abroad and the domestic CV before it, consistent with `today` and the subtype. */
function studyPlan(rng: Rng, subtype: 'outbound' | 'returning', today: IsoDate): { plan: StudyPlan; cv: CvEntry[]; hsStart: number } {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const path = rng.weighted(PATHS)
  const institution = rng.pick(INSTITUTIONS)
  const degree: Degree = path === 'after_university' ? (rng.chance(0.15) ? '博士' : '硕士') : '学士'
  const oneYear = degree === '硕士' && (institution.country === 'UK' || institution.country === 'HK' || institution.country === 'SG')
  const years = degree === '博士' ? 4 : degree === '学士' ? (institution.country === 'UK' ? 3 : 4) : oneYear ? 1 : 2
  let start: number
  if (subtype === 'outbound') {
    // Still studying (or about to start): the course ends after today.
    const current = month >= 9 ? year : year - 1
    start = current - rng.int(0, Math.min(1, years - 1))
    if (month < 9 && rng.chance(0.2)) start = year
  } else {
    // Came back: finished 1–24 months ago.
    const endYear = month >= 10 ? year - rng.int(0, 1) : year - rng.int(1, 2)
    start = endYear - years
  }
  const from = ym(start, 9)
  const to = ym(start + years, years === 1 ? 9 : 6)
  let cert = '无'
  if (subtype === 'returning' && rng.chance(0.7)) cert = `教留服认${COUNTRY_SHORT[institution.country]}[${start + years}]${rng.digits(5)}号`
  const cv: CvEntry[] = []
  let hsEnd = start
  if (path !== 'after_high_school') {
    const uniYears = path === 'after_university' ? 4 : rng.int(1, 2)
    const uniStart = start - uniYears
    const university = rng.pick(UNIVERSITIES)
    cv.push({ from: ym(uniStart, 9), to: ym(start, path === 'after_university' ? 6 : rng.int(1, 7)), organisation: university, role: path === 'after_university' ? '本科' : '本科（已退学）' })
    hsEnd = uniStart
  }
  const programme = rng.pick(PROGRAMMES[degree])
  return { plan: { path, institution, degree, programme, from, to, certificationNumber: cert }, cv, hsStart: hsEnd - 3 }
}

function email(rng: Rng, surname: string, given: string, birthYear: number): string {
  const s = surname.toLowerCase()
  const g = given.toLowerCase()
  const domain = rng.pick(EMAIL_DOMAINS)
  if (domain === 'qq.com' || domain === 'foxmail.com') return `${rng.int(1, 9)}${rng.digits(rng.int(7, 9))}@${domain}`
  const local = rng.pick([`${g}${s}${String(birthYear).slice(2)}`, `${s}.${g}`, `${s}${g}${rng.int(1, 999)}`, `${g[0]}${s}${birthYear}`])
  return `${local}@${domain}`
}

/** One applicant with a consistent story: ID matches sex, birth date and household region; CV fits the study plan. */
export function makePerson(rng: Rng, subtype: 'outbound' | 'returning', today: IsoDate, usedIds: Set<string>): DemoPerson {
  const sex = rng.chance(0.52) ? 'female' : 'male'
  const { name, surname, surnamePinyin, givenPinyin } = chineseName(rng, sex)
  const region = rng.weighted(REGION_WEIGHTS)
  const { plan, cv, hsStart } = studyPlan(rng, subtype, today)
  const birthYear = Math.min(2006, Math.max(1995, hsStart - rng.int(15, 16)))
  const birthDate = addDays(`${birthYear}-01-01`, rng.int(0, 364))
  let idNumber = residentId(rng, region, birthDate, sex)
  while (usedIds.has(idNumber)) idNumber = residentId(rng, region, birthDate, sex)
  usedIds.add(idNumber)
  cv.unshift({ from: ym(hsStart, 9), to: ym(hsStart + 3, 6), organisation: rng.pick(region.schools), role: '高中' })
  // ID card issued at 16 or later, still valid today.
  const todayYear = Number(today.slice(0, 4))
  const issueYear = rng.int(Math.max(birthYear + 16, todayYear - 9), todayYear - 1)
  const idValidFrom = addDays(`${issueYear}-01-01`, rng.int(0, 364))
  const validYears = issueYear - birthYear < 26 ? 10 : 20
  const idValidTo = `${Number(idValidFrom.slice(0, 4)) + validYears}${idValidFrom.slice(4)}`
  // Domestic contact: the father (same surname) or the mother.
  const father = rng.chance(0.55)
  const contactName = (father ? surname : rng.weighted(SURNAME_WEIGHTS)[0]) + rng.pick(father ? PARENT_GIVEN.slice(0, 8) : PARENT_GIVEN.slice(8))
  const district = region.province === region.city ? region.city + region.district : region.province + region.city + region.district
  return {
    name,
    surnamePinyin,
    givenPinyin,
    sex,
    idNumber,
    birthDate,
    idValidFrom,
    idValidTo,
    ethnicity: rng.weighted(ETHNICITIES),
    politicalStatus: rng.weighted(POLITICAL_STATUSES),
    maritalStatus: rng.chance(0.96) ? '未婚' : '已婚',
    fertilityStatus: '未育',
    region,
    householdRegion: [region.province, region.city, region.district].join('/'),
    address: `${district}${rng.pick(STREETS)}${rng.int(1, 299)}号${rng.int(1, 30)}楼${rng.int(1, 6)}单元${rng.int(101, 2402)}`,
    mobile: mobileNumber(rng),
    email: email(rng, surnamePinyin, givenPinyin, birthYear),
    contactName,
    contactMobile: mobileNumber(rng),
    passportNumber: (plan.institution.country === 'HK' ? 'C' : 'E') + rng.digits(8),
    study: plan,
    cv,
    custodian: rng.pick(region.agencies)
  }
}

export function depositForm(p: DemoPerson): ArchiveDepositForm {
  const s = p.study
  const overseas: OverseasStudy[] = [{ from: s.from, to: s.to, institution: s.institution.zh, degree: s.degree, certificationNumber: s.certificationNumber }]
  return { cv: p.cv, overseas, custodian: p.custodian, agreementAccepted: true }
}
