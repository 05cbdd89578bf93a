import { describe, expect, it } from 'vitest'
import { DEFAULT_OFFICE } from '../../../shared/domain/office'
import { type LetterDataContext, letterData } from './letter-data'

const CTX: LetterDataContext = {
  office: DEFAULT_OFFICE,
  number: '留档函字〔2026〕第000001号',
  verificationCode: 'ABCD-EFGH',
  issuedOn: '2026-11-23',
  caseRow: { case_number: 'CD20261123000001', type: 'archive_intake', subtype: 'household', form: '{}' },
  applicant: { name: '陈嘉怡', sex: 'female', id_number: '440126199703154826', birth_date: '1997-03-15', political_status: '中共党员' },
  archive: null,
  input: {},
  actorName: '张敏'
}

const intake = { custodianUnit: '教育部留学服务中心留学人员档案室', currentHolder: '广州市番禺区人才交流管理办公室', city: '广州市', district: '番禺区' }
const inStorage = {
  archive_number: 'D2019000523',
  status: 'in_storage' as const,
  category: 'unit' as const,
  employer: '北京华信科技有限公司',
  fees_paid_until: '2027-06',
  custodian: null,
  deposited_on: '2019-07-15'
}
const withCase = (type: string, subtype: string, form: unknown, over: Partial<LetterDataContext> = {}): LetterDataContext => ({
  ...CTX,
  caseRow: { ...CTX.caseRow, type, subtype, form: JSON.stringify(form) },
  ...over
})

describe('letterData', () => {
  it('调档函 by household registration: the holder, the chosen unit, the city and district', () => {
    const data = letterData('transfer_request_letter', withCase('archive_intake', 'household', intake))
    expect(data).toEqual({
      office: DEFAULT_OFFICE,
      number: CTX.number,
      verificationCode: 'ABCD-EFGH',
      issuedOn: '2026-11-23',
      caseNumber: 'CD20261123000001',
      currentHolder: '广州市番禺区人才交流管理办公室',
      custodianUnit: '教育部留学服务中心留学人员档案室',
      applicant: { name: '陈嘉怡', sex: 'female', idNumber: '440126199703154826' },
      basis: { kind: 'household', region: '广州市番禺区' }
    })
    expect(JSON.parse(JSON.stringify(data))).toEqual(data) // stored as JSON and rendered again from it
  })

  it('调档函 by employer location; what is missing is said in Chinese', () => {
    const employer = { custodianUnit: intake.custodianUnit, currentHolder: intake.currentHolder, employerName: '广州番禺智造科技有限公司', employerLocation: '' }
    expect(letterData('transfer_request_letter', withCase('archive_intake', 'employer', employer)).basis).toEqual({
      kind: 'employer',
      employerName: '广州番禺智造科技有限公司',
      location: null
    })
    const fails = (subtype: string, form: unknown) => () => letterData('transfer_request_letter', withCase('archive_intake', subtype, form))
    expect(fails('employer', { ...employer, employerName: ' ' })).toThrow('按现工作单位所在地办理的申请中缺少现工作单位名称，无法生成调档函，请退回申请人补充')
    expect(fails('household', { ...intake, district: undefined })).toThrow('按户籍地办理的申请中缺少户籍所在市、区')
    expect(fails('household', { ...intake, currentHolder: '' })).toThrow('申请中缺少现档案所在单位全称')
    expect(fails('household', { ...intake, custodianUnit: '' })).toThrow('申请中缺少申请档案保管单位')
    expect(fails('other', intake)).toThrow('未知的办理条件')
  })

  it('回执单: the filed materials, 签收人 = the actor, 签收日期 = receivedOn, the office as 签收单位', () => {
    const input = { materials: [{ name: ' 思想汇报 ', pages: 6, copies: 6 }], receivedOn: '2026-11-20', remarks: '' }
    const data = letterData('material_receipt', withCase('material_filing', 'standard', { materials: [] }, { input }))
    expect(data).toMatchObject({
      applicant: { name: '陈嘉怡', idNumber: '440126199703154826' },
      receivingUnit: '教育部留学服务中心留学人员档案室',
      materials: [{ name: '思想汇报', pages: 6, copies: 6 }],
      receiver: '张敏',
      receivedOn: '2026-11-20',
      remarks: ''
    })
    const fails = (over: Record<string, unknown>) => () => letterData('material_receipt', withCase('material_filing', 'standard', {}, { input: { ...input, ...over } }))
    expect(fails({ materials: [] })).toThrow('未填写签收的材料，无法生成档案材料签收回执单')
    expect(fails({ materials: [{ name: '自传', pages: 1.5, copies: 1 }] })).toThrow('第1项材料的名称、页数或份数不完整')
    expect(fails({ receivedOn: '2026/11/20' })).toThrow('签收日期无效')
  })

  it('存档证明 / 政审证明 from the archive in storage, with its deposit date and the purpose', () => {
    const ctx = withCase('certificate_request', 'custody', { purpose: '办理北京市积分落户' }, { archive: inStorage })
    expect(letterData('custody_certificate', ctx)).toMatchObject({
      applicant: { name: '陈嘉怡', sex: 'female', idNumber: '440126199703154826', politicalStatus: '中共党员' },
      archive: { number: 'D2019000523', category: 'unit', employer: '北京华信科技有限公司', depositedOn: '2019-07-15' },
      purpose: '办理北京市积分落户'
    })
    const individual = { ...ctx, archive: { ...inStorage, category: 'individual' as const, deposited_on: null }, caseRow: { ...ctx.caseRow, form: '{}' } }
    expect(letterData('political_review_certificate', individual)).toMatchObject({
      archive: { category: 'individual', employer: null, depositedOn: null },
      purpose: null
    })
  })

  it('refuses a certificate without an archive in storage, a unit archive without employer, a political review without status', () => {
    const ctx = withCase('certificate_request', 'custody', {})
    const notIn = '该申请人的档案不在库（未存入或已转出），档案记载中没有存档编号，无法生成存档证明，请核对档案登记'
    expect(() => letterData('custody_certificate', ctx)).toThrow(notIn)
    expect(() => letterData('custody_certificate', { ...ctx, archive: { ...inStorage, status: 'transferred_out' } })).toThrow(notIn)
    expect(() => letterData('custody_certificate', { ...ctx, archive: { ...inStorage, employer: null } })).toThrow('单位存档的档案记录中缺少存档单位名称')
    const noStatus = { ...ctx, archive: inStorage, applicant: { ...CTX.applicant, political_status: '' } }
    expect(() => letterData('political_review_certificate', noStatus)).toThrow('申请人信息中缺少政治面貌，无法生成政审证明')
    expect(letterData('custody_certificate', noStatus).applicant.politicalStatus).toBe('')
  })

  it('调档通知单 needs the present custodian from the deposit form', () => {
    const ctx = withCase('archive_deposit', 'outbound', { custodian: '北京市海淀区人才服务中心' })
    expect(letterData('transfer_notice', ctx)).toMatchObject({ custodian: '北京市海淀区人才服务中心', subtypeLabel: '出国存档', applicant: { birthDate: '1997-03-15' } })
    expect(() => letterData('transfer_notice', withCase('archive_deposit', 'outbound', {}))).toThrow('申请中缺少现档案保管机构全称，无法生成调档通知单')
  })
})
