import { describe, expect, it } from 'vitest'
import { type DegreeCertificationForm, degreeCertificationForm, type EmploymentForm, employmentForm } from '../../../shared/domain/certification-forms'
import { DEFAULT_OFFICE } from '../../../shared/domain/office'
import { type LetterDataContext, letterData } from './letter-data'
import { letterTemplate } from './templates'

const APPLICANT = {
  name: '王思远',
  sex: 'male' as const,
  id_number: '110105199608123418',
  birth_date: '1996-08-12',
  political_status: '共青团员',
  ethnicity: '汉族',
  passport_number: 'EG1234567'
}

const DEGREE_FORM: DegreeCertificationForm = degreeCertificationForm.parse({
  degree: {
    institution: '伦敦大学学院',
    institutionEn: 'University College London',
    country: '英国',
    level: 'master',
    degreeName: '理学硕士',
    major: '计算机科学',
    startOn: '2024-09-23',
    endOn: '2025-09-30',
    awardedOn: '2025-11-15'
  },
  studyHistory: [
    { from: '2011-09', to: '2014-06', institution: '北京市第四中学', country: '中国', stage: 'high_school' },
    { from: '2024-09', to: '2025-09', institution: '伦敦大学学院', country: '英国', stage: 'master', degree: '理学硕士' }
  ],
  payment: { amount: 360, paidAt: '2026-11-09T14:32:05+08:00', transactionId: 'UP2026110914320500', cardTail: '6688' }
})

const EMPLOYMENT_FORM: EmploymentForm = employmentForm.parse({
  degreeLevel: 'master',
  certificationNumber: '留认证字〔2026〕第000456号',
  institution: '伦敦大学学院',
  country: '英国',
  firstReturnOn: '2025-10-08',
  preDepartureEmployment: 'none',
  employer: { name: '北京华信科技有限公司', creditCode: '91110108MA0012345X', city: '北京市海淀区' },
  socialInsuranceMonths: 4,
  hukou: { region: '河北省石家庄市长安区', kind: 'family' },
  settleTo: '北京市海淀区'
})

function ctx(type: string, subtype: string, form: unknown, input: Record<string, unknown>, over: Partial<LetterDataContext> = {}): LetterDataContext {
  return {
    office: DEFAULT_OFFICE,
    number: '留认证字〔2026〕第000001号',
    verificationCode: 'ABCD-EFGH',
    issuedOn: '2026-11-30',
    caseRow: { case_number: 'RZ20261109000123', type, subtype, form: JSON.stringify(form) },
    applicant: APPLICANT,
    archive: null,
    input,
    actorName: '张敏',
    ...over
  }
}

/** Built, stored as JSON, rendered again from it. */
function roundTrip<T>(docType: Parameters<typeof letterData>[0], c: LetterDataContext): T {
  const data = letterData(docType, c)
  const stored = JSON.parse(JSON.stringify(data)) as unknown
  expect(stored).toEqual(data)
  expect(letterTemplate(docType).render(stored, { kind: 'draft' }).subarray(0, 5).toString()).toBe('%PDF-')
  return data as T
}

describe('certification letter data', () => {
  it('收讫证明 from the payment the portal recorded and the accept input', () => {
    const data = roundTrip('payment_receipt', ctx('degree_certification', 'foreign', DEGREE_FORM, { greenChannel: true }))
    expect(data).toMatchObject({
      payer: { name: '王思远', idType: '居民身份证', idNumber: '110105199608123418' },
      service: '国（境）外学历学位认证',
      amount: 360,
      paidAt: '2026-11-09T14:32:05+08:00',
      transactionId: 'UP2026110914320500',
      cardTail: '6688',
      greenChannel: true
    })
    const noPayment = { ...DEGREE_FORM, payment: undefined }
    expect(() => letterData('payment_receipt', ctx('degree_certification', 'foreign', noPayment, {}))).toThrow('申请中没有缴费金额，无法生成收讫证明，请核对在线支付记录')
  })

  it('认证书: the standard opinion when none is given, the reviewer’s when given, the passport, joint programmes', () => {
    const data = roundTrip<{ opinion: string; holder: unknown; jointProgramme: unknown; note: unknown }>(
      'certification_certificate',
      ctx('degree_certification', 'foreign', DEGREE_FORM, { equivalence: '硕士学位', opinion: '', note: '' })
    )
    expect(data.opinion).toBe('经认证，王思远于2025年11月在英国伦敦大学学院获得的理学硕士学位证书真实有效，该学位与我国硕士学位相对应。')
    expect(data.holder).toEqual({ name: '王思远', sex: 'male', birthDate: '1996-08-12', idType: '居民身份证', idNumber: '110105199608123418', passportNumber: 'EG1234567' })
    expect(data.jointProgramme).toBeNull()
    expect(data.note).toBeNull()
    const given = letterData('certification_certificate', ctx('degree_certification', 'foreign', DEGREE_FORM, { equivalence: '硕士学位', opinion: '经认证，该证书真实有效。' }))
    expect(given.opinion).toBe('经认证，该证书真实有效。')
    const joint = letterData('certification_certificate', ctx('degree_certification', 'joint_programme', { ...DEGREE_FORM, programmeCode: 'MOE31US2A20121234N' }, { equivalence: '硕士学位' }))
    expect(joint.jointProgramme).toEqual({ code: 'MOE31US2A20121234N' })
    expect(joint.opinion).toContain('就读伦敦大学学院中外合作办学项目（项目编号：MOE31US2A20121234N）')
    expect(() => letterData('certification_certificate', ctx('degree_certification', 'joint_programme', DEGREE_FORM, { equivalence: '硕士学位' }))).toThrow(
      '中外合作办学认证申请中缺少合作办学项目编号，无法生成认证书'
    )
    expect(() => letterData('certification_certificate', ctx('degree_certification', 'foreign', DEGREE_FORM, { equivalence: ' ' }))).toThrow('未填写对应的我国学历学位，无法生成认证书，请填写后再出具')
    const noMajor = { ...DEGREE_FORM, degree: { ...DEGREE_FORM.degree, major: '' } }
    expect(() => letterData('certification_certificate', ctx('degree_certification', 'foreign', noMajor, { equivalence: '硕士学位' }))).toThrow('申请中缺少专业或格式有误')
  })

  it('a re-review’s result reads the degree of the certification it re-reviews', () => {
    const rereview = { certificationCaseNumber: 'RZ20261109000123', reason: 'result_disputed', reasonText: '有异议' }
    const related = { case_number: 'RZ20261109000123', subtype: 'foreign', form: JSON.stringify(DEGREE_FORM) }
    const c = ctx('certification_rereview', 'rereview', rereview, { equivalence: '硕士学位' }, { relatedCase: related })
    expect(letterData('certification_certificate', c).degree.institution).toBe('伦敦大学学院')
    expect(() => letterData('certification_certificate', { ...c, relatedCase: undefined })).toThrow('申请中缺少颁证院校')
  })

  it('暂不认证 / 不予认证 notices: the reason code and text, the note', () => {
    const deferral = roundTrip('deferral_notice', ctx('degree_certification', 'foreign', DEGREE_FORM, { reasonCode: 'no_reply', reason: '颁证院校未反馈核查结果', note: '' }))
    expect(deferral).toMatchObject({ reasonCode: 'no_reply', reason: '颁证院校未反馈核查结果', note: null, degree: { institution: '伦敦大学学院', country: '英国', degreeName: '理学硕士' }, jointProgramme: false })
    const refusal = roundTrip('refusal_notice', ctx('degree_certification', 'foreign', DEGREE_FORM, { reasonCode: 'false_materials', reason: '学位证书系伪造' }))
    expect(refusal).toMatchObject({ reasonCode: 'false_materials', reason: '学位证书系伪造' })
    expect(() => letterData('refusal_notice', ctx('degree_certification', 'foreign', DEGREE_FORM, { reasonCode: 'bogus', reason: 'x' }))).toThrow('未选择不予认证的原因类别')
    expect(() => letterData('deferral_notice', ctx('degree_certification', 'foreign', DEGREE_FORM, { reasonCode: 'other', reason: '' }))).toThrow('未填写具体原因，无法生成暂不认证通知单')
  })
})

describe('employment letter data', () => {
  const emp = (subtype: string, form: unknown = EMPLOYMENT_FORM, input: Record<string, unknown> = { reportTo: '北京市海淀区人才服务中心', note: '' }, over: Partial<LetterDataContext> = {}) =>
    ctx('employment_registration', subtype, form, input, { number: '留就落字〔2026〕第000001号', ...over })

  it('落户介绍信, 就业报到证 and 入户人员基本情况表 of a non-Beijing settlement', () => {
    const letter = roundTrip('settlement_letter', emp('non_beijing_settlement'))
    expect(letter).toMatchObject({
      person: { name: '王思远', sex: 'male', birthDate: '1996-08-12', idNumber: '110105199608123418' },
      study: { degreeLevel: 'master', institution: '伦敦大学学院', country: '英国', certificationNumber: '留认证字〔2026〕第000456号', domesticDoctorPostdoc: false },
      employer: { name: '北京华信科技有限公司', creditCode: '91110108MA0012345X', city: '北京市海淀区' },
      reportTo: '北京市海淀区人才服务中心',
      kindLabel: '非北京籍在京就业落户',
      settleTo: '北京市海淀区',
      hukouOrigin: '河北省石家庄市长安区',
      note: null
    })
    expect(roundTrip('employment_report_card', emp('non_beijing_settlement'))).toMatchObject({ settleTo: '北京市海淀区', reportBy: '2027-02-28' })
    expect(roundTrip('household_entry_form', emp('non_beijing_settlement'))).toMatchObject({
      person: { ethnicity: '汉族', politicalStatus: '共青团员' },
      firstReturnOn: '2025-10-08',
      hukouKind: 'family'
    })
  })

  it('working where the hukou is: no settlement letter, and the card keeps the hukou where it is', () => {
    const home = { ...EMPLOYMENT_FORM, workingAtHukouPlace: true }
    expect(() => letterData('settlement_letter', emp('beijing_employment', home))).toThrow('申请人在现户籍所在地工作，不办理落户，无法生成落户介绍信')
    expect(letterData('employment_report_card', emp('beijing_employment', home)).settleTo).toBe('')
  })

  it('就业报到证明信 of a joint-programme graduate; what is missing is said in Chinese', () => {
    const joint = { ...EMPLOYMENT_FORM, certificationNumber: '', settleTo: '' }
    expect(roundTrip('employment_report_letter', emp('joint_programme', joint))).toMatchObject({ kindLabel: '中外合作办学就业报到', study: { certificationNumber: '' } })
    expect(() => letterData('employment_report_letter', emp('joint_programme', joint, { reportTo: '' }))).toThrow('未填写报到（接收）单位，无法生成就业报到证明信')
    expect(() => letterData('settlement_letter', emp('non_beijing_settlement', { ...EMPLOYMENT_FORM, certificationNumber: '' }))).toThrow('申请中缺少国（境）外学历学位认证书编号')
    expect(() => letterData('settlement_letter', emp('outside_beijing_settlement', { ...EMPLOYMENT_FORM, settleTo: '' }))).toThrow('申请中缺少落户地址，无法生成落户介绍信')
    const noEthnicity = emp('non_beijing_settlement', EMPLOYMENT_FORM, { reportTo: 'x单位' }, { applicant: { ...APPLICANT, ethnicity: undefined } })
    expect(() => letterData('household_entry_form', noEthnicity)).toThrow('申请人信息中缺少民族，无法生成入户人员基本情况表')
  })
})
