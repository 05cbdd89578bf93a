import { addDays, type IsoDate } from '../../src/shared/domain/calendar'
import type { DegreeCertificationForm, DegreeLevel, EmploymentForm, EmploymentKind, GreenChannelCondition, RefundForm, RereviewForm, StudyEntry, Trip } from '../../src/shared/domain/certification-forms'
import type { JointProgramme } from '../../src/shared/domain/joint-programmes'
import { sampleProgrammes } from './sample-programmes'
import { type DemoPerson, makePerson, residentId } from './people'
import { EMPLOYERS, UNIVERSITIES } from './pools'
import { pad, type Rng } from './random'

/**
 * Applicants of the certification office and the employment desk (DOMAIN.md flows 6–9), shared by the desk's
 * demo and the portal simulator: degrees from real-looking universities per country, study histories from
 * high school on (with the occasional gap or job), entry/exit records, the 360 CNY payment, green-channel
 * doctorates, joint programmes from the sample register, and employment registrations around the edges of
 * the eligibility rules (360 days abroad, two years since the return, age 45).
 */

export interface CertInstitution {
  zh: string
  en: string
  /** Country or region as the forms and the time-limit table write it. */
  country: string
  /** A first degree there usually takes this many years; a taught master's this many. */
  bachelorYears: number
  masterYears: number
}

const inst = (zh: string, en: string, country: string, bachelorYears = 4, masterYears = 2): CertInstitution => ({ zh, en, country, bachelorYears, masterYears })

export const CERT_INSTITUTIONS: readonly CertInstitution[] = [
  inst('伦敦大学学院', 'University College London', '英国', 3, 1),
  inst('帝国理工学院', 'Imperial College London', '英国', 3, 1),
  inst('曼彻斯特大学', 'The University of Manchester', '英国', 3, 1),
  inst('爱丁堡大学', 'The University of Edinburgh', '英国', 4, 1),
  inst('华威大学', 'The University of Warwick', '英国', 3, 1),
  inst('格拉斯哥大学', 'University of Glasgow', '英国', 4, 1),
  inst('哥伦比亚大学', 'Columbia University in the City of New York', '美国'),
  inst('纽约大学', 'New York University', '美国'),
  inst('南加州大学', 'University of Southern California', '美国'),
  inst('伊利诺伊大学厄巴纳-香槟分校', 'University of Illinois Urbana-Champaign', '美国'),
  inst('波士顿大学', 'Boston University', '美国'),
  inst('墨尔本大学', 'The University of Melbourne', '澳大利亚', 3, 2),
  inst('悉尼大学', 'The University of Sydney', '澳大利亚', 3, 2),
  inst('莫纳什大学', 'Monash University', '澳大利亚', 3, 2),
  inst('巴黎萨克雷大学', 'Université Paris-Saclay', '法国', 3, 2),
  inst('巴黎高等商学院', 'HEC Paris', '法国', 3, 2),
  inst('东京大学', 'The University of Tokyo', '日本', 4, 2),
  inst('早稻田大学', 'Waseda University', '日本', 4, 2),
  inst('京都大学', 'Kyoto University', '日本', 4, 2),
  inst('慕尼黑工业大学', 'Technische Universität München', '德国', 3, 2),
  inst('亚琛工业大学', 'RWTH Aachen University', '德国', 3, 2),
  inst('新加坡国立大学', 'National University of Singapore', '新加坡', 4, 1),
  inst('南洋理工大学', 'Nanyang Technological University', '新加坡', 4, 1),
  inst('多伦多大学', 'University of Toronto', '加拿大'),
  inst('奥克兰大学', 'The University of Auckland', '新西兰', 3, 1),
  inst('米兰理工大学', 'Politecnico di Milano', '意大利', 3, 2),
  inst('首尔大学', 'Seoul National University', '韩国', 4, 2),
  inst('阿姆斯特丹大学', 'University of Amsterdam', '荷兰', 3, 1),
  inst('香港大学', 'The University of Hong Kong', '中国香港', 4, 1)
]

/** How often a country comes up (the UK and the USA most). */
const COUNTRY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['英国', 30], ['美国', 18], ['澳大利亚', 12], ['法国', 5], ['日本', 7], ['德国', 5], ['新加坡', 6], ['加拿大', 4], ['新西兰', 2], ['意大利', 2], ['韩国', 3], ['荷兰', 2], ['中国香港', 4]
]

const MAJORS: Record<DegreeLevel, readonly (readonly [string, string])[]> = {
  associate: [['副学士', '商业管理']],
  bachelor: [['理学学士', '经济学'], ['文学学士', '心理学'], ['工学学士', '电气工程'], ['商学学士', '会计学'], ['理学学士', '数学']],
  master: [['理学硕士', '数据科学'], ['理学硕士', '金融学'], ['文学硕士', '教育学'], ['理学硕士', '计算机科学'], ['工程硕士', '土木工程'], ['法学硕士', '国际商法'], ['工商管理硕士', '工商管理'], ['理学硕士', '统计学']],
  doctor: [['哲学博士', '化学'], ['哲学博士', '材料科学与工程'], ['哲学博士', '生物医学工程'], ['哲学博士', '应用数学'], ['哲学博士', '计算机科学']]
}

const HIGH_SCHOOLS = ['北京市第四中学', '河北衡水中学', '山东省实验中学', '华东师范大学第二附属中学', '南京外国语学校', '湖南师范大学附属中学', '成都七中', '杭州第二中学', '郑州外国语学校', '西安高新第一中学', '深圳中学', '长沙市雅礼中学']
const WORK = ['北京华信科技有限公司', '德勤华永会计师事务所北京分所', '中国建设银行股份有限公司上海分行', '腾讯科技（深圳）有限公司', '普华永道中天会计师事务所']

const ym = (d: IsoDate): string => d.slice(0, 7)
const monthStart = (year: number, month: number): IsoDate => `${year}-${pad(month)}-01`
const shiftYears = (d: IsoDate, n: number): IsoDate => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`

export interface CertificationPlanOptions {
  today: IsoDate
  subtype: 'foreign' | 'joint_programme'
  level?: DegreeLevel
  /** Country (Chinese) of the degree; by the country weights when absent. */
  country?: string
  greenChannel?: boolean
  /** A study history with a gap of several months nobody explains (the reviewer's finding). */
  gap?: boolean
  /** The degree was awarded at least this many days before `today` (default 30–300). */
  awardedDaysAgo?: number
}

export interface CertificationPlan {
  form: DegreeCertificationForm
  /** The applicant's birth date that fits the study history (high school from 15). */
  birthDate: IsoDate
  /** Days spent abroad (joint programmes under 180 upload the ID card instead of passports). */
  daysAbroad: number
}

let programmes: JointProgramme[] | null = null
/** The sample register (joint-programmes-sample.csv beside this file), or none when the file is not there. */
export function jointProgrammes(): JointProgramme[] {
  if (programmes === null) {
    try {
      programmes = sampleProgrammes().filter((p) => p.level !== 'associate')
    } catch {
      programmes = []
    }
  }
  return programmes
}

/** One degree-certification form, consistent from high school to the degree and the trips abroad. */
export function certificationPlan(rng: Rng, o: CertificationPlanOptions): CertificationPlan {
  const joint = o.subtype === 'joint_programme' ? jointProgrammes() : []
  const programme = joint.length ? rng.pick(joint) : null
  const level: DegreeLevel = programme ? (programme.level as DegreeLevel) : (o.level ?? (o.greenChannel ? 'doctor' : rng.weighted([['master', 72], ['bachelor', 18], ['doctor', 10]] as const)))
  const country = programme?.country ?? o.country ?? rng.weighted(COUNTRY_WEIGHTS)
  const pool = CERT_INSTITUTIONS.filter((i) => i.country === country)
  const institution = programme
    ? { zh: programme.foreignInstitution, en: '', country: programme.country, bachelorYears: 4, masterYears: 2 }
    : pool.length ? rng.pick(pool) : inst(`${country}国立大学`, 'National University', country)
  const awardedOn = addDays(o.today, -(o.awardedDaysAgo ?? rng.int(30, 300)))
  const endOn = addDays(awardedOn, -rng.int(10, 60))
  const years = level === 'doctor' ? rng.int(3, 5) : level === 'master' ? institution.masterYears : level === 'bachelor' ? institution.bachelorYears : 2
  const endYear = Number(endOn.slice(0, 4))
  const startOn = monthStart(endYear - years - (Number(endOn.slice(5, 7)) < 6 ? 1 : 0), 9)
  const [degreeName, major] = rng.pick(MAJORS[level])
  const history: StudyEntry[] = []
  const entry = (from: IsoDate, to: IsoDate, institutionName: string, where: string, stage: StudyEntry['stage'], degree = ''): StudyEntry => ({ from: ym(from), to: ym(to), institution: institutionName, country: where, stage, degree })
  // Backwards from the degree: what came before it.
  let before = Number(startOn.slice(0, 4))
  const earlier: StudyEntry[] = []
  if (level === 'doctor') {
    const abroadMaster = rng.chance(0.5)
    const mYears = abroadMaster ? institution.masterYears : 3
    earlier.unshift(entry(monthStart(before - mYears, 9), monthStart(before, abroadMaster && mYears === 1 ? 9 : 6), abroadMaster ? institution.zh : rng.pick(UNIVERSITIES), abroadMaster ? country : '中国', 'master', '硕士'))
    before -= mYears
  }
  if ((level === 'master' || level === 'doctor') && !programme) {
    if (o.gap || rng.chance(0.12)) {
      // A year between the bachelor's and the studies abroad: a job, or (the reviewer asks) nothing said.
      if (!o.gap && rng.chance(0.6)) earlier.unshift(entry(monthStart(before - 1, 8), monthStart(before, 7), rng.pick(WORK), '中国', 'work'))
      before -= 1
    }
    earlier.unshift(entry(monthStart(before - 4, 9), monthStart(before, 6), rng.pick(UNIVERSITIES), '中国', 'bachelor', '学士'))
    before -= 4
  }
  if (level === 'bachelor' && !programme && rng.chance(0.3)) {
    earlier.unshift(entry(monthStart(before - 1, 9), monthStart(before, 6), `${institution.zh}语言中心`, country, 'language'))
    before -= 1
  }
  if (level === 'master' && programme) {
    earlier.unshift(entry(monthStart(before - 4, 9), monthStart(before, 6), rng.pick(UNIVERSITIES), '中国', 'bachelor', '学士'))
    before -= 4
  }
  const hsStart = monthStart(before - 3, 9)
  history.push(entry(hsStart, monthStart(before, 6), rng.pick(HIGH_SCHOOLS), '中国', 'high_school'), ...earlier)
  history.push(entry(startOn, endOn, programme ? `${programme.chineseInstitution}（${programme.name.slice(0, 40)}）` : institution.zh, programme ? '中国' : country, level === 'associate' ? 'associate' : level, degreeName))
  const birthDate = addDays(`${before - 3 - 15}-01-01`, rng.int(0, 240))
  const trips = programme ? jointTrips(rng, startOn, endOn) : studyTrips(rng, history.filter((h) => h.country !== '中国' && h.stage !== 'work'), endOn)
  const daysAbroad = trips.reduce((n, t) => n + Math.round((Date.parse(t.entryOn ?? endOn) - Date.parse(t.exitOn)) / 86_400_000), 0)
  const greenChannel: GreenChannelCondition | null = o.greenChannel && level === 'doctor' ? rng.pick(['talent_programme', 'top_university_hire', 'urgent_exam'] as const) : null
  return {
    birthDate,
    daysAbroad,
    form: {
      degree: {
        institution: institution.zh,
        institutionEn: institution.en,
        country,
        level,
        degreeName,
        major,
        startOn: addDays(startOn, rng.int(14, 28)),
        endOn,
        awardedOn,
        diplomaNumber: rng.chance(0.6) ? `${institution.en.replace(/[^A-Z]/g, '').slice(0, 4) || 'DIP'}-${endOn.slice(0, 4)}-${rng.digits(6)}` : ''
      },
      studyHistory: history,
      trips,
      payment: { amount: 360, paidAt: `${o.today}T02:00:00.000Z`, transactionId: `UP${o.today.replaceAll('-', '')}${rng.digits(14)}`, cardTail: rng.digits(4) },
      greenChannel,
      programmeCode: programme?.code ?? null
    }
  }
}

/** Abroad from a couple of weeks before the studies to a few weeks after, with a visit home now and then. */
function studyTrips(rng: Rng, abroad: StudyEntry[], endOn: IsoDate): Trip[] {
  if (!abroad.length) return []
  const exitOn = addDays(`${abroad[0].from}-01`, -rng.int(7, 25))
  const entryOn = addDays(endOn, rng.int(5, 40))
  const trips: Trip[] = []
  let out = exitOn
  // A winter or summer visit home for longer studies.
  if (Date.parse(entryOn) - Date.parse(exitOn) > 500 * 86_400_000 && rng.chance(0.6)) {
    const home = addDays(out, rng.int(250, 320))
    const back = addDays(home, rng.int(14, 45))
    trips.push({ exitOn: out, entryOn: home })
    out = back
  }
  trips.push({ exitOn: out, entryOn })
  return trips
}

/** A joint programme: mostly at home, a semester or a summer abroad now and then. */
function jointTrips(rng: Rng, startOn: IsoDate, endOn: IsoDate): Trip[] {
  if (rng.chance(0.5)) return []
  const exitOn = addDays(startOn, rng.int(300, 600))
  const days = rng.chance(0.5) ? rng.int(20, 60) : rng.int(120, 170)
  const entryOn = addDays(exitOn, days)
  return entryOn < endOn ? [{ exitOn, entryOn }] : []
}

/** An applicant of `birthDate` (the ID number made to match). */
export function personBornOn(rng: Rng, today: IsoDate, usedIds: Set<string>, birthDate: IsoDate): DemoPerson {
  const p = makePerson(rng, 'returning', today, usedIds)
  usedIds.delete(p.idNumber)
  let idNumber = residentId(rng, p.region, birthDate, p.sex)
  while (usedIds.has(idNumber)) idNumber = residentId(rng, p.region, birthDate, p.sex)
  usedIds.add(idNumber)
  return { ...p, birthDate, idNumber }
}

export const REREVIEW_TEXTS = [
  '本人对暂不认证的结论有异议，颁证院校已出具学历核实函，现补充提交。',
  '认证书中的专业名称与学位证书不一致，申请更正。',
  '补充在外学习期间的注册证明和全部成绩单，请重新评估。'
]

export function rereviewForm(rng: Rng, certificationCaseNumber: string): RereviewForm {
  const reason = rng.pick(['result_disputed', 'new_materials', 'data_error'] as const)
  const text = reason === 'data_error' ? REREVIEW_TEXTS[1] : reason === 'new_materials' ? REREVIEW_TEXTS[2] : REREVIEW_TEXTS[0]
  return { certificationCaseNumber, reason, reasonText: text }
}

const BANKS = ['中国工商银行北京海淀支行', '中国建设银行上海浦东分行', '招商银行深圳科技园支行', '中国银行南京新街口支行']

/** 退费: with bank details when the payment is more than 10 months back. */
export function refundForm(rng: Rng, certificationCaseNumber: string, name: string, needsBank: boolean): RefundForm {
  const reason = rng.pick(['认证结果为暂不认证，申请退还认证费用', '已缴费但尚未进入认证评估，不再需要认证', '重复缴费，申请退还'])
  return { certificationCaseNumber, reason, bank: needsBank ? { accountName: name, bankName: rng.pick(BANKS), accountNumber: `62${rng.digits(17)}` } : null }
}

/** Where an employment registration sits against the rules (non-Beijing settlement): passing, or failing one edge. */
export type EmploymentEdge = 'pass' | 'days_359' | 'days_360' | 'return_expired' | 'age_46' | 'age_45' | 'insurance_2'

export interface EmploymentPlanOptions {
  today: IsoDate
  kind: EmploymentKind
  edge?: EmploymentEdge
  /** The degree (non-Beijing settlement: a doctorate one time in five by default). */
  level?: DegreeLevel
  /** The certification number the register knows (its level decides the degree row). */
  certificationNumber?: string
}

/** An employment registration's form and the birth date that goes with it. */
export function employmentPlan(rng: Rng, o: EmploymentPlanOptions): { form: EmploymentForm; birthDate: IsoDate } {
  const edge = o.edge ?? 'pass'
  const level: DegreeLevel = o.level ?? (o.kind === 'joint_programme' ? rng.pick(['bachelor', 'master'] as const) : o.kind === 'non_beijing_settlement' && rng.chance(0.2) ? 'doctor' : 'master')
  const institution = rng.pick(CERT_INSTITUTIONS.filter((i) => i.country !== '中国香港'))
  // The first return after the studies: 3–18 months ago, or just over two years for the expired edge.
  const firstReturnOn = edge === 'return_expired' ? addDays(shiftYears(o.today, -2), -rng.int(3, 40)) : addDays(o.today, -rng.int(90, 540))
  const needed = edge === 'days_359' ? 359 : edge === 'days_360' ? 360 : rng.int(380, level === 'doctor' ? 1500 : 700)
  const trips: Trip[] = []
  if (o.kind !== 'joint_programme') {
    // Two stays: the studies with a visit home in between (the days add up to `needed` exactly).
    const second = Math.min(needed - 20, rng.int(150, 250))
    const firstStay = needed - second
    const secondExit = addDays(firstReturnOn, -second)
    const home = addDays(secondExit, -rng.int(15, 40))
    trips.push({ exitOn: addDays(home, -firstStay), entryOn: home }, { exitOn: secondExit, entryOn: firstReturnOn })
  }
  const ageYears = edge === 'age_46' ? 46 : edge === 'age_45' ? 45 : rng.int(24, level === 'doctor' ? 38 : 32)
  // On the application day (today) exactly that old: the birthday a few days to months back.
  const birthDate = addDays(shiftYears(o.today, -ageYears), -(edge === 'age_46' ? rng.int(0, 20) : edge === 'age_45' ? rng.int(1, 300) : rng.int(1, 360)))
  const beijing = o.kind === 'non_beijing_settlement' || o.kind === 'beijing_employment'
  const city = beijing ? rng.pick(['北京市海淀区', '北京市朝阳区', '北京市东城区', '北京市西城区']) : rng.pick(['上海市浦东新区', '广东省深圳市南山区', '浙江省杭州市西湖区', '江苏省南京市鼓楼区'])
  const hukou = o.kind === 'beijing_employment' ? rng.pick(['北京市/北京市/海淀区', '北京市/北京市/朝阳区']) : rng.pick(['河北省/石家庄市/长安区', '山东省/济南市/历下区', '河南省/郑州市/金水区', '湖北省/武汉市/洪山区'])
  const atHukou = o.kind === 'outside_beijing_settlement' && rng.chance(0.3)
  const employer = rng.pick(EMPLOYERS)
  const months = edge === 'insurance_2' ? 2 : rng.chance(0.1) ? 0 : rng.int(3, 12)
  return {
    birthDate,
    form: {
      degreeLevel: level,
      certificationNumber: o.certificationNumber ?? `教留服认${rng.pick(['英', '美', '澳', '法', '日', '德', '新'])}[${firstReturnOn.slice(0, 4)}]${rng.digits(5)}号`,
      domesticDoctorPostdoc: false,
      institution: o.kind === 'joint_programme' ? (jointProgrammes()[0]?.foreignInstitution ?? institution.zh) : institution.zh,
      country: o.kind === 'joint_programme' ? (jointProgrammes()[0]?.country ?? institution.country) : institution.country,
      trips,
      firstReturnOn,
      preDepartureEmployment: rng.chance(0.85) ? 'none' : 'ended',
      employer: { name: employer, creditCode: `91110${rng.digits(3)}MA0${rng.digits(5)}${rng.pick(['X', 'Y', '3', '7'])}`.slice(0, 18), city },
      socialInsuranceMonths: months,
      publicInstitutionLetter: employer.includes('医院') || employer.includes('研究所') || employer.includes('大学'),
      identityConsistent: rng.chance(0.85) ? true : null,
      hukou: { region: hukou, kind: rng.chance(0.7) ? 'family' : 'collective' },
      settleTo: atHukou ? '' : o.kind === 'non_beijing_settlement' ? city : o.kind === 'outside_beijing_settlement' ? city : '',
      workingAtHukouPlace: atHukou
    }
  }
}
