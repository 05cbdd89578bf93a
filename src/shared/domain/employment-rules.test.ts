import { describe, expect, it } from 'vitest'
import type { EmploymentForm } from './certification-forms'
import { ageOn, type EligibilityInput, eligibilityChecks, eligibilityNote, employmentOutputs, employmentWorkingDays, returnDeadline } from './employment-rules'

/** A master's graduate who left 2022-09-01 and came back 2023-09-01 (365 days), applying through the employer in 2024. */
const form = (over: Partial<EmploymentForm> = {}): EmploymentForm => ({
  degreeLevel: 'master',
  certificationNumber: 'RZ2023000123',
  domesticDoctorPostdoc: false,
  institution: '伦敦大学学院',
  country: '英国',
  trips: [{ exitOn: '2022-09-01', entryOn: '2023-09-01' }],
  firstReturnOn: '2023-09-01',
  preDepartureEmployment: 'none',
  employer: { name: '北京华信科技有限公司', creditCode: '', city: '北京' },
  socialInsuranceMonths: 3,
  publicInstitutionLetter: false,
  identityConsistent: true,
  hukou: { region: '河北省石家庄市', kind: 'family' },
  settleTo: '',
  workingAtHukouPlace: false,
  ...over
})
const input = (over: Partial<EligibilityInput> = {}, formOver: Partial<EmploymentForm> = {}): EligibilityInput => ({
  kind: 'non_beijing_settlement',
  form: form(formOver),
  birthDate: '1990-05-20',
  applicationOn: '2024-06-03',
  certification: { number: 'RZ2023000123', level: 'master' },
  ...over
})
const rowOf = (i: EligibilityInput, key: string) => eligibilityChecks(i).find((r) => r.key === key)!
const status = (i: EligibilityInput, key: string) => rowOf(i, key).status

describe('eligibilityChecks: 非北京籍在京就业落户 (seed 001 五(3) 1–7)', () => {
  it('reports the seven conditions in the seed’s order, all passing, with the data used', () => {
    const rows = eligibilityChecks(input())
    expect(rows.map((r) => [r.key, r.status])).toEqual([
      ['degree', 'passed'],
      ['days_abroad', 'passed'],
      ['return_window', 'passed'],
      ['age', 'passed'],
      ['prior_employment', 'passed'],
      ['employment', 'passed'],
      ['identity', 'passed']
    ])
    expect(rows.map((r) => r.data)).toEqual([
      '硕士，认证书编号 RZ2023000123',
      '截至首次回国 2023-09-01 在外 365 天（须 360 天及以上）',
      '首次回国 2023-09-01，两年截止 2025-09-01（含），申请日期 2024-06-03',
      '出生日期 1990-05-20，申请日期 2024-06-03 时 34 周岁（须 45 周岁及以下）',
      '出国前未与国内单位建立劳动关系',
      '北京华信科技有限公司 社保缴费 3 个月',
      '姓名、身份证号码与留学期间一致'
    ])
  })

  describe('1 degree', () => {
    it('passes a master’s or doctorate with its certification; fails a bachelor’s', () => {
      expect(status(input({ certification: { number: 'X', level: 'doctor' } }), 'degree')).toBe('passed')
      expect(rowOf(input({ certification: { number: 'X', level: 'bachelor' } }), 'degree')).toMatchObject({ status: 'failed', data: '学士，认证书编号 X（须硕士及以上）' })
    })
    it('needs evidence for a domestic doctorate + postdoc abroad, and for a number the register does not know; fails without any', () => {
      expect(status(input({ certification: null }, { certificationNumber: '', domesticDoctorPostdoc: true, degreeLevel: 'doctor' }), 'degree')).toBe('needs_evidence')
      expect(rowOf(input({ certification: null }), 'degree')).toMatchObject({ status: 'needs_evidence', data: '认证书编号 RZ2023000123 未在认证记录中查到，须核验认证书' })
      expect(rowOf(input({ certification: null }, { certificationNumber: '' }), 'degree')).toMatchObject({ status: 'failed', data: '无国（境）外学历学位认证书' })
    })
  })

  describe('2 days abroad (exit day counted, entry day not; up to the first return)', () => {
    it('passes 360 days and fails 359', () => {
      // 2022-09-01 + 360 days = 2023-08-27 (2022-09-01 → 2023-09-01 is 365 days)
      expect(rowOf(input({}, { trips: [{ exitOn: '2022-09-01', entryOn: '2023-08-27' }], firstReturnOn: '2023-08-27' }), 'days_abroad')).toMatchObject({
        status: 'passed',
        data: '截至首次回国 2023-08-27 在外 360 天（须 360 天及以上）'
      })
      expect(rowOf(input({}, { trips: [{ exitOn: '2022-09-01', entryOn: '2023-08-26' }], firstReturnOn: '2023-08-26' }), 'days_abroad')).toMatchObject({ status: 'failed' })
    })
    it('adds up several stays and leaves out trips after the first return', () => {
      const trips = [
        { exitOn: '2022-01-10', entryOn: '2022-07-01' }, // 172
        { exitOn: '2022-08-20', entryOn: '2023-02-26' }, // 190 → 362 up to the first return
        { exitOn: '2023-05-01', entryOn: '2023-12-01' } // after the first return: not counted
      ]
      expect(rowOf(input({}, { trips, firstReturnOn: '2023-02-26' }), 'days_abroad').data).toBe('截至首次回国 2023-02-26 在外 362 天（须 360 天及以上）')
    })
    it('needs evidence without records or with records that do not add up', () => {
      expect(rowOf(input({}, { trips: [] }), 'days_abroad')).toMatchObject({ status: 'needs_evidence', data: '未提供出入境记录' })
      const bad = rowOf(input({}, { trips: [{ exitOn: '2022-09-01', entryOn: '2022-08-01' }] }), 'days_abroad')
      expect(bad).toMatchObject({ status: 'needs_evidence', data: '出入境记录有误：入境日期 2022-08-01 早于出境日期 2022-09-01' })
    })
  })

  describe('3 at most two years from the first return', () => {
    it('passes on the same date two years later and fails the day after; 29 February → 28 February', () => {
      expect(returnDeadline('2023-09-01')).toBe('2025-09-01')
      expect(status(input({ applicationOn: '2025-09-01' }), 'return_window')).toBe('passed')
      expect(status(input({ applicationOn: '2025-09-02' }), 'return_window')).toBe('failed')
      expect(returnDeadline('2024-02-29')).toBe('2026-02-28')
    })
  })

  describe('4 age 45 or under on the application day (45周岁（含）以下)', () => {
    it('passes the day before the 46th birthday, fails on it', () => {
      expect(ageOn('1980-03-15', '2026-03-14')).toBe(45)
      expect(ageOn('1980-03-15', '2026-03-15')).toBe(46)
      expect(rowOf(input({ birthDate: '1980-03-15', applicationOn: '2026-03-14' }, { firstReturnOn: '2025-01-01', trips: [{ exitOn: '2024-01-01', entryOn: '2025-01-01' }] }), 'age')).toMatchObject({
        status: 'passed',
        data: '出生日期 1980-03-15，申请日期 2026-03-14 时 45 周岁（须 45 周岁及以下）'
      })
      expect(status(input({ birthDate: '1980-03-15', applicationOn: '2026-03-15' }), 'age')).toBe('failed')
      // the 45th birthday itself: 45, passes
      expect(status(input({ birthDate: '1980-03-15', applicationOn: '2025-03-15' }), 'age')).toBe('passed')
    })
    it('completes a 29 February birth year on 1 March when there is no 29 February', () => {
      expect(ageOn('1980-02-29', '2026-02-28')).toBe(45)
      expect(ageOn('1980-02-29', '2026-03-01')).toBe(46)
      expect(ageOn('1980-02-29', '2024-02-29')).toBe(44)
      expect(ageOn('1980-02-29', '2024-02-28')).toBe(43)
    })
  })

  it('5 fails an employment in China still running when leaving; none or ended pass', () => {
    expect(status(input({}, { preDepartureEmployment: 'ended' }), 'prior_employment')).toBe('passed')
    expect(rowOf(input({}, { preDepartureEmployment: 'ongoing' }), 'prior_employment')).toMatchObject({ status: 'failed', data: '出国前与国内单位的劳动关系尚未解除' })
  })

  it('6 passes 3 months of social insurance or a 事业编制 letter; fails 1–2 months; needs evidence when none is reported', () => {
    expect(status(input({}, { socialInsuranceMonths: 2 }), 'employment')).toBe('failed')
    expect(rowOf(input({}, { socialInsuranceMonths: 1 }), 'employment').data).toBe('北京华信科技有限公司 社保缴费 1 个月（须不少于 3 个月）')
    expect(status(input({}, { socialInsuranceMonths: 0 }), 'employment')).toBe('needs_evidence')
    expect(status(input({}, { socialInsuranceMonths: 0, publicInstitutionLetter: true }), 'employment')).toBe('passed')
    expect(status(input({}, { socialInsuranceMonths: 24 }), 'employment')).toBe('passed')
  })

  it('7 identity: same passes, different fails, not yet checked needs evidence', () => {
    expect(status(input({}, { identityConsistent: false }), 'identity')).toBe('failed')
    expect(status(input({}, { identityConsistent: null }), 'identity')).toBe('needs_evidence')
  })
})

describe('other kinds', () => {
  it('have no eligibility rows (the seed lists none), and a note saying so', () => {
    for (const kind of ['beijing_employment', 'outside_beijing_settlement', 'joint_programme'] as const) {
      expect(eligibilityChecks(input({ kind }))).toEqual([])
      expect(eligibilityNote(kind)).toContain('办事指南未列受理条件')
    }
    expect(eligibilityNote('non_beijing_settlement')).toBeNull()
  })
})

describe('employmentWorkingDays (seed 001 十一(3))', () => {
  it('non-Beijing: master 50, doctor 10; other kinds 7', () => {
    expect(employmentWorkingDays('non_beijing_settlement', 'master')).toBe(50)
    expect(employmentWorkingDays('non_beijing_settlement', 'doctor')).toBe(10)
    expect(employmentWorkingDays('non_beijing_settlement', 'bachelor')).toBe(50)
    for (const kind of ['beijing_employment', 'outside_beijing_settlement', 'joint_programme'] as const) {
      expect(employmentWorkingDays(kind, 'doctor')).toBe(7)
      expect(employmentWorkingDays(kind, 'master')).toBe(7)
    }
  })
})

describe('employmentOutputs (seed 001 十二.3)', () => {
  it('issues the letters of each kind; no settlement letter for work at the present hukou place', () => {
    expect(employmentOutputs('non_beijing_settlement', { workingAtHukouPlace: true })).toEqual(['settlement_letter', 'employment_report_card', 'household_entry_form'])
    expect(employmentOutputs('beijing_employment', { workingAtHukouPlace: false })).toEqual(['settlement_letter', 'employment_report_card'])
    expect(employmentOutputs('beijing_employment', { workingAtHukouPlace: true })).toEqual(['employment_report_card'])
    expect(employmentOutputs('outside_beijing_settlement', { workingAtHukouPlace: false })).toEqual(['settlement_letter', 'employment_report_card'])
    expect(employmentOutputs('outside_beijing_settlement', { workingAtHukouPlace: true })).toEqual(['employment_report_card'])
    expect(employmentOutputs('joint_programme', { workingAtHukouPlace: false })).toEqual(['employment_report_letter'])
  })
})
