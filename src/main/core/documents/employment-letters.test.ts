import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as S from '../testing/certification-samples'
import { renderEmploymentReportCard, renderHouseholdEntryForm } from './employment-forms'
import { renderEmploymentReportLetter, renderSettlementLetter } from './employment-letters'
import type { LetterFinish } from './marks'

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined
const dir = mkdtempSync(join(tmpdir(), 'casedesk-employment-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function read<D>(render: (d: D, f: LetterFinish) => Buffer, data: D): string {
  const file = join(dir, 'letter.pdf')
  writeFileSync(file, render(data, { kind: 'draft' }))
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m)
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
}

const HEAD = '教育部留学服务中心留学回国人员就业落户处'

describe.runIf(hasPoppler || process.env.CI)('落户介绍信', () => {
  it('to the hukou office of the place: the person, studies and certification, employer, origin, validity', () => {
    const text = read(renderSettlementLetter, S.SAMPLE_SETTLEMENT)
    expect(text).toContain(`${HEAD}留就落字〔2026〕第000088号落户介绍信北京市海淀区所在地公安机关户政管理部门：`)
    expect(text).toContain('兹介绍留学回国人员王思远（男，出生日期：1996年8月12日，身份证号码：110105199608123418）前往北京市海淀区办理落户手续。')
    expect(text).toContain('该同志在英国伦敦大学学院学习，获得硕士学位，其国（境）外学历学位经我中心认证（认证书编号：留认证字〔2026〕第000456号）。')
    expect(text).toContain('回国后被北京华信科技有限公司（北京市海淀区）录用，经我中心审核，符合非北京籍在京就业落户条件，同意其落户。原户籍所在地：河北省石家庄市长安区。')
    expect(text).toContain('jylh@cscse.edu.cn')
    expect(text).toMatch(/（本介绍信自开具之日起三个月内有效）$/)
  })

  it('a domestic doctorate with a postdoc abroad; the desk’s note joins the validity', () => {
    const study = { ...S.SAMPLE_SETTLEMENT.study, degreeLevel: 'doctor' as const, certificationNumber: '', domesticDoctorPostdoc: true }
    const text = read(renderSettlementLetter, { ...S.SAMPLE_SETTLEMENT, study, note: '随迁配偶另行办理' })
    expect(text).toContain('该同志出国前已获得国内博士学位，在英国伦敦大学学院从事博士后研究工作。')
    expect(text).not.toContain('认证书编号')
    expect(text).toMatch(/（本介绍信自开具之日起三个月内有效；随迁配偶另行办理）$/)
  })
})

describe.runIf(hasPoppler || process.env.CI)('就业报到证', () => {
  it('the person, studies, employer, the unit to report to, where the hukou goes, the deadline', () => {
    const text = read(renderEmploymentReportCard, S.SAMPLE_REPORT_CARD)
    expect(text).toContain(`${HEAD}报到证编号：留就报字〔2026〕第000088号就业报到证`)
    expect(text).toContain('姓名王思远性别男身份证号码110105199608123418毕业院校伦敦大学学院国家（地区）英国学历学位硕士学位认证书编号留认证字〔2026〕第000456号')
    expect(text).toContain('就业单位北京华信科技有限公司单位所在地北京市海淀区信用代码91110108MA0012345X报到单位北京市海淀区人才服务中心户口迁往北京市海淀区')
    expect(text).toContain('业务类别非北京籍在京就业落户报到期限2027年2月23日前请王思远同志持本证于2027年2月23日前到报到单位报到')
  })

  it('working where the hukou is: the hukou stays; no credit code or certification: a dash', () => {
    const study = { ...S.SAMPLE_REPORT_CARD.study, certificationNumber: '' }
    const text = read(renderEmploymentReportCard, { ...S.SAMPLE_REPORT_CARD, study, settleTo: '', employer: { ...S.SAMPLE_REPORT_CARD.employer, creditCode: '' } })
    expect(text).toContain('户口迁往户口不迁移')
    expect(text).toContain('认证书编号—就业单位')
    expect(text).toContain('信用代码—报到单位')
  })
})

describe.runIf(hasPoppler || process.env.CI)('入户人员基本情况表', () => {
  it('the table of the person (ethnicity, political status), studies, employer, settle-to address and hukou origin; the approval sealed', () => {
    const text = read(renderHouseholdEntryForm, S.SAMPLE_ENTRY_FORM)
    expect(text).toContain(`${HEAD}留就户字〔2026〕第000088号入户人员基本情况表`)
    expect(text).toContain('姓名王思远性别男出生日期1996年8月12日民族汉族身份证号码110105199608123418政治面貌共青团员')
    expect(text).toContain('毕业院校伦敦大学学院（英国）首次回国日期2025年10月8日')
    expect(text).toContain('工作单位北京华信科技有限公司单位所在地北京市海淀区信用代码91110108MA0012345X')
    expect(text).toContain('拟落户地址北京市海淀区中关村大街27号集体户原户籍所在地河北省石家庄市长安区（家庭户）审核意见经审核，该同志符合非北京籍在京就业落户条件，同意办理落户手续。照片')
    expect(text).toContain('照片（1寸免冠）教育部留学服务中心二〇二六年十一月二十三日验证码：H4KD-8QWZ')
  })

  it('refuses a form without where the hukou goes', () => {
    expect(() => renderHouseholdEntryForm({ ...S.SAMPLE_ENTRY_FORM, settleTo: ' ' }, { kind: 'draft' })).toThrow(/where the hukou goes/)
  })
})

describe.runIf(hasPoppler || process.env.CI)('就业报到证明信', () => {
  it('to the employer: a joint-programme graduate, the degree and certification, the approval to report', () => {
    const text = read(renderEmploymentReportLetter, S.SAMPLE_REPORT_LETTER)
    expect(text).toContain(`${HEAD}留就证字〔2026〕第000015号就业报到证明信上海浦江数据科技有限公司：`)
    expect(text).toContain('兹证明李晓彤（女，出生日期：1999年2月28日，身份证号码：320102199902284527）系中外合作办学项目毕业生，在上海纽约大学（美国）完成学业，获得学士学位，其学历学位经我中心认证（认证书编号：留认证字〔2026〕第000457号）。')
    expect(text).toContain('同意其到贵单位就业。请贵单位按有关规定办理接收手续。')
    expect(text).toContain('特此证明。教育部留学服务中心')
  })

  it('names the unit to report to when it is not the employer', () => {
    const text = read(renderEmploymentReportLetter, { ...S.SAMPLE_REPORT_LETTER, reportTo: '上海市人才服务中心' })
    expect(text).toContain('同意其到贵单位就业，报到单位：上海市人才服务中心。')
  })
})
