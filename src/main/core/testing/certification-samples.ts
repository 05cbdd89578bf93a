import { DEFAULT_OFFICE } from '../../../shared/domain/office'
import type { CertificationCertificateData } from '../documents/certification-certificate'
import type { DeferralNoticeData, RefusalNoticeData } from '../documents/certification-notices'
import type { EmploymentReportCardData, HouseholdEntryFormData } from '../documents/employment-forms'
import type { EmploymentLetterBase, EmploymentReportLetterData, SettlementLetterData } from '../documents/employment-letters'
import type { PaymentReceiptData } from '../documents/payment-receipt'

/** The certification office's and the employment desk's letters as the letter tests render them. */

const head = { office: DEFAULT_OFFICE, verificationCode: 'H4KD-8QWZ', issuedOn: '2026-11-23', caseNumber: 'RZ20261109000123' }

export const SAMPLE_PAYMENT_RECEIPT: PaymentReceiptData = {
  ...head,
  number: '留认收字〔2026〕第000123号',
  payer: { name: '王思远', idType: '居民身份证', idNumber: '110105199608123418' },
  service: '国（境）外学历学位认证',
  amount: 360,
  paidAt: '2026-11-09T06:32:05.000Z',
  transactionId: 'UP202611091432050088123456',
  cardTail: '6688',
  greenChannel: false
}

const holder = { name: '王思远', sex: 'male' as const, birthDate: '1996-08-12', idType: '居民身份证', idNumber: '110105199608123418', passportNumber: 'EG1234567' }

export const SAMPLE_CERTIFICATION: CertificationCertificateData = {
  ...head,
  number: '留认证字〔2026〕第000456号',
  holder,
  degree: {
    institution: '伦敦大学学院',
    institutionEn: 'University College London',
    country: '英国',
    degreeName: '理学硕士',
    major: '计算机科学',
    startOn: '2024-09-23',
    endOn: '2025-09-30',
    awardedOn: '2025-11-15',
    diplomaNumber: 'UCL-2025-0012345'
  },
  jointProgramme: null,
  equivalence: '硕士学位',
  opinion: '经认证，王思远于2025年11月在英国伦敦大学学院获得的理学硕士学位证书真实有效，该学位与我国硕士学位相对应。',
  note: null
}

export const SAMPLE_JOINT_CERTIFICATION: CertificationCertificateData = {
  ...SAMPLE_CERTIFICATION,
  number: '留认证字〔2026〕第000457号',
  holder: { ...holder, name: '李晓彤', sex: 'female', birthDate: '1999-02-28', idNumber: '320102199902284527', passportNumber: null },
  degree: {
    institution: '上海纽约大学',
    institutionEn: 'New York University Shanghai',
    country: '美国',
    degreeName: 'Bachelor of Science',
    major: '数据科学',
    startOn: '2021-09-01',
    endOn: '2025-05-31',
    awardedOn: '2025-05-20',
    diplomaNumber: ''
  },
  jointProgramme: { code: 'MOE31US2A20121234N' },
  equivalence: '学士学位',
  opinion: '经认证，李晓彤于2021年9月至2025年5月就读上海纽约大学中外合作办学项目（项目编号：MOE31US2A20121234N），于2025年5月获得的“Bachelor of Science”学位证书真实有效，该学位与我国学士学位相对应。',
  note: '本认证书仅对所认证的学历学位证书负责。'
}

const noticeBase = {
  ...head,
  applicant: { name: '王思远', idType: '居民身份证', idNumber: '110105199608123418' },
  degree: { institution: '伦敦大学学院', country: '英国', degreeName: '理学硕士学位' },
  jointProgramme: false,
  note: null
}

export const SAMPLE_DEFERRAL: DeferralNoticeData = {
  ...noticeBase,
  number: '留认暂字〔2026〕第000031号',
  reasonCode: 'no_institution_reply',
  reason: '颁证院校至今未反馈核查结果，无法确认该证书的真实性'
}

export const SAMPLE_REFUSAL: RefusalNoticeData = {
  ...noticeBase,
  number: '留认否字〔2026〕第000012号',
  reasonCode: 'false_materials',
  reason: '颁证院校回函确认未向申请人颁发该学位证书'
}

const employmentBase: EmploymentLetterBase = {
  ...head,
  caseNumber: 'JY20261110000077',
  number: '',
  person: { name: '王思远', sex: 'male', birthDate: '1996-08-12', idNumber: '110105199608123418' },
  study: { degreeLevel: 'master', institution: '伦敦大学学院', country: '英国', certificationNumber: '留认证字〔2026〕第000456号', domesticDoctorPostdoc: false },
  employer: { name: '北京华信科技有限公司', creditCode: '91110108MA0012345X', city: '北京市海淀区' },
  reportTo: '北京华信科技有限公司',
  kindLabel: '非北京籍在京就业落户',
  note: null
}

export const SAMPLE_SETTLEMENT: SettlementLetterData = {
  ...employmentBase,
  number: '留就落字〔2026〕第000088号',
  settleTo: '北京市海淀区',
  hukouOrigin: '河北省石家庄市长安区'
}

export const SAMPLE_REPORT_CARD: EmploymentReportCardData = {
  ...employmentBase,
  number: '留就报字〔2026〕第000088号',
  reportTo: '北京市海淀区人才服务中心',
  settleTo: '北京市海淀区',
  reportBy: '2027-02-23'
}

export const SAMPLE_ENTRY_FORM: HouseholdEntryFormData = {
  ...employmentBase,
  number: '留就户字〔2026〕第000088号',
  person: { ...employmentBase.person, ethnicity: '汉族', politicalStatus: '共青团员' },
  firstReturnOn: '2025-10-08',
  settleTo: '北京市海淀区中关村大街27号集体户',
  hukouOrigin: '河北省石家庄市长安区',
  hukouKind: 'family'
}

export const SAMPLE_REPORT_LETTER: EmploymentReportLetterData = {
  ...employmentBase,
  number: '留就证字〔2026〕第000015号',
  person: { name: '李晓彤', sex: 'female', birthDate: '1999-02-28', idNumber: '320102199902284527' },
  study: { degreeLevel: 'bachelor', institution: '上海纽约大学', country: '美国', certificationNumber: '留认证字〔2026〕第000457号', domesticDoctorPostdoc: false },
  employer: { name: '上海浦江数据科技有限公司', creditCode: '9131000013221158XC', city: '上海市黄浦区' },
  reportTo: '上海浦江数据科技有限公司',
  kindLabel: '中外合作办学就业报到'
}
