import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as S from '../testing/certification-samples'
import { renderCertificationCertificate, standardOpinion } from './certification-certificate'
import { renderDeferralNotice, renderRefusalNotice } from './certification-notices'
import type { LetterFinish } from './marks'
import { renderPaymentReceipt } from './payment-receipt'
import { letterTemplate } from './templates'

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined
const dir = mkdtempSync(join(tmpdir(), 'casedesk-certification-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The one page's text in drawing order, white space removed. */
function read<D>(render: (d: D, f: LetterFinish) => Buffer, data: D): string {
  const file = join(dir, 'letter.pdf')
  writeFileSync(file, render(data, { kind: 'draft' }))
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m)
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
}

describe('standardOpinion', () => {
  it('a foreign degree: holder, month, country and institution, the degree, the Chinese equivalent', () => {
    expect(standardOpinion(S.SAMPLE_CERTIFICATION)).toBe(S.SAMPLE_CERTIFICATION.opinion)
  })

  it('a joint programme names the programme and the study period; a Latin degree name is quoted; 学位 is not doubled', () => {
    expect(standardOpinion(S.SAMPLE_JOINT_CERTIFICATION)).toBe(S.SAMPLE_JOINT_CERTIFICATION.opinion)
    const named = { ...S.SAMPLE_CERTIFICATION, degree: { ...S.SAMPLE_CERTIFICATION.degree, degreeName: '理学硕士学位' }, equivalence: '硕士学位。' }
    expect(standardOpinion(named)).toContain('获得的理学硕士学位证书真实有效，该学位与我国硕士学位相对应。')
  })
})

describe.runIf(hasPoppler || process.env.CI)('学历学位认证费用收讫证明', () => {
  it('shows payer, ID, case, item, the amount in capitals and figures, time (Beijing), transaction and card tail', () => {
    const text = read(renderPaymentReceipt, S.SAMPLE_PAYMENT_RECEIPT)
    expect(text).toContain('教育部留学服务中心学历学位认证处留认收字〔2026〕第000123号学历学位认证费用收讫证明')
    expect(text).toContain('缴费人姓名王思远业务编号RZ20261109000123身份证号码110105199608123418')
    expect(text).toContain('收费项目国（境）外学历学位认证服务费')
    expect(text).toContain('金额（大写）人民币叁佰陆拾元整金额（小写）￥360.00')
    expect(text).toContain('支付方式银联在线支付银行卡尾号6688支付时间2026年11月9日14:32:05交易流水号UP202611091432050088123456')
    expect(text).toContain('收款单位教育部留学服务中心学历学位认证处备注已受理兹收到王思远缴纳的')
    expect(text).toContain('特此证明。教育部留学服务中心二〇二六年十一月二十三日验证码：H4KD-8QWZ')
  })

  it('marks the green channel; a passport holder shows the document type', () => {
    const text = read(renderPaymentReceipt, { ...S.SAMPLE_PAYMENT_RECEIPT, greenChannel: true, payer: { name: 'JOHN SMITH', idType: '护照', idNumber: 'E12345678' } })
    expect(text).toContain('备注已受理，开通绿色通道')
    expect(text).toContain('证件号码护照E12345678')
  })

  it('refuses a card tail that is not four digits', () => {
    expect(() => renderPaymentReceipt({ ...S.SAMPLE_PAYMENT_RECEIPT, cardTail: '12' }, { kind: 'draft' })).toThrow(/card tail/)
  })
})

describe.runIf(hasPoppler || process.env.CI)('认证书', () => {
  it('the number, holder, IDs, the degree in Chinese and English, study period, award date, opinion, the photo box', () => {
    const text = read(renderCertificationCertificate, S.SAMPLE_CERTIFICATION)
    expect(text).toContain('认证书编号：留认证字〔2026〕第000456号国（境）外学历学位认证书')
    expect(text).toContain('姓名王思远性别男出生日期1996年8月12日身份证号码110105199608123418护照号码EG1234567')
    expect(text).toContain('颁证院校伦敦大学学院院校外文名称UniversityCollegeLondon国家（地区）英国')
    expect(text).toContain('学位名称理学硕士专业计算机科学学习期间2024年9月至2025年9月授予日期2025年11月15日证书编号UCL-2025-0012345')
    expect(text).toContain(`认证意见${S.SAMPLE_CERTIFICATION.opinion}照片（1寸免冠）`)
    expect(text).toContain('教育部留学服务中心二〇二六年十一月二十三日验证码：H4KD-8QWZ')
    expect(text).not.toContain('中外合作办学')
    expect(text).not.toContain('备注')
  })

  it('a joint programme: its own title, 办学形式 and the programme, no passport row, the note', () => {
    const text = read(renderCertificationCertificate, S.SAMPLE_JOINT_CERTIFICATION)
    expect(text).toContain('中外合作办学学历学位认证书姓名李晓彤性别女出生日期1999年2月28日身份证号码320102199902284527颁证院校')
    expect(text).toContain('国家（地区）美国办学形式中外合作办学合作办学项目项目编号：MOE31US2A20121234N')
    expect(text).toContain('备注本认证书仅对所认证的学历学位证书负责。')
    expect(text).not.toContain('护照号码')
  })

  it('fits a long opinion, and refuses one that cannot fit, in Chinese', () => {
    const long = `${S.SAMPLE_CERTIFICATION.opinion}${'该申请人在外学习期间的学习经历已经核实。'.repeat(8)}`
    expect(read(renderCertificationCertificate, { ...S.SAMPLE_CERTIFICATION, opinion: long })).toContain('该申请人在外学习期间的学习经历已经核实。')
    expect(() => renderCertificationCertificate({ ...S.SAMPLE_CERTIFICATION, opinion: long.repeat(8) }, { kind: 'draft' })).toThrow('认证书内容过长，无法排入一页，请精简认证意见或备注')
  })
})

describe.runIf(hasPoppler || process.env.CI)('暂不认证通知单 / 不予认证通知单', () => {
  it('暂不认证: the degree and case, the reason, re-review within a year, the refund that ends certification, the contact', () => {
    const text = read(renderDeferralNotice, { ...S.SAMPLE_DEFERRAL, note: '复核时请上传颁证院校出具的学历核实函。' })
    expect(text).toContain('留认暂字〔2026〕第000031号暂不认证通知单王思远：您（身份证号码：110105199608123418）申请认证的英国伦敦大学学院理学硕士学位证书（业务编号：RZ20261109000123）')
    expect(text).toContain('经审核，因颁证院校至今未反馈核查结果，无法确认该证书的真实性，我中心暂不能对该证书作出认证结论，现予暂不认证。')
    expect(text).toContain('自本通知单出具之日起一年内，登录“留学e网通”服务大厅（zwfw.cscse.edu.cn）提出复核申请')
    expect(text).toContain('申请退费后将直接退出认证程序，不能再申请复核')
    expect(text).toContain('renzheng@cscse.edu.cn')
    expect(text).toMatch(/（复核时请上传颁证院校出具的学历核实函。）$/)
  })

  it('不予认证 for false materials: the reason and that the fee is not refunded', () => {
    const text = read(renderRefusalNotice, S.SAMPLE_REFUSAL)
    expect(text).toContain('留认否字〔2026〕第000012号不予认证通知单王思远：')
    expect(text).toContain('经审核，申请人提交的认证材料经核查不真实（颁证院校回函确认未向申请人颁发该学位证书）。根据《国（境）外学历学位认证办法》，我中心对该证书不予认证。')
    expect(text).toContain('已缴纳的认证费用不予退还')
    expect(text).toContain('一年内')
  })

  it('不予认证 for another reason says nothing about the fee; 其他 needs the text', () => {
    const text = read(renderRefusalNotice, { ...S.SAMPLE_REFUSAL, reasonCode: 'other', reason: '所持证书为荣誉学位证书' })
    expect(text).toContain('经审核，所持证书为荣誉学位证书。')
    expect(text).not.toContain('不予退还')
    expect(() => renderRefusalNotice({ ...S.SAMPLE_REFUSAL, reasonCode: 'other', reason: ' ' }, { kind: 'draft' })).toThrow(/needs its text/)
  })
})

describe('file names', () => {
  it('names each letter after the document and the case (results also after their number)', () => {
    expect(letterTemplate('payment_receipt').fileName(S.SAMPLE_PAYMENT_RECEIPT, 'RZ1')).toBe('学历学位认证费用收讫证明-RZ1.pdf')
    expect(letterTemplate('certification_certificate').fileName(S.SAMPLE_CERTIFICATION, 'RZ1')).toBe('国（境）外学历学位认证书-RZ1-2026-000456.pdf')
    expect(letterTemplate('certification_certificate').fileName(S.SAMPLE_JOINT_CERTIFICATION, 'RZ1')).toBe('中外合作办学学历学位认证书-RZ1-2026-000457.pdf')
    expect(letterTemplate('deferral_notice').fileName(S.SAMPLE_DEFERRAL, 'RZ1')).toBe('暂不认证通知单-RZ1-2026-000031.pdf')
    expect(letterTemplate('refusal_notice').fileName(S.SAMPLE_REFUSAL, 'RZ1')).toBe('不予认证通知单-RZ1-2026-000012.pdf')
    expect(letterTemplate('settlement_letter').fileName(S.SAMPLE_SETTLEMENT, 'JY1')).toBe('落户介绍信-JY1.pdf')
    expect(letterTemplate('employment_report_card').fileName(S.SAMPLE_REPORT_CARD, 'JY1')).toBe('就业报到证-JY1.pdf')
    expect(letterTemplate('household_entry_form').fileName(S.SAMPLE_ENTRY_FORM, 'JY1')).toBe('入户人员基本情况表-JY1.pdf')
    expect(letterTemplate('employment_report_letter').fileName(S.SAMPLE_REPORT_LETTER, 'JY1')).toBe('就业报到证明信-JY1.pdf')
  })
})
