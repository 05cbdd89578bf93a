import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SAMPLE_CERTIFICATE as SAMPLE } from '../testing/fixtures'
import { type CertificateData, renderCustodyCertificate, renderPoliticalReviewCertificate } from './certificate'

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined
const dir = mkdtempSync(join(tmpdir(), 'casedesk-certificate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const individual: CertificateData = { ...SAMPLE, archive: { ...SAMPLE.archive, category: 'individual', employer: null, depositedOn: null }, purpose: null }

function read(render: typeof renderCustodyCertificate, data: CertificateData): string {
  const file = join(dir, 'certificate.pdf')
  writeFileSync(file, render(data, { kind: 'draft' }))
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m)
  // In drawing order: the 署名 and date come right after the body, then the QR block and the 附注.
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
}

describe.runIf(hasPoppler || process.env.CI)('存档证明', () => {
  it('certifies from the archive record: who, since when, archive number, category with the employer, purpose, validity', () => {
    const text = read(renderCustodyCertificate, SAMPLE)
    expect(text).toContain('留档证字〔2026〕第000019号存档证明')
    expect(text).toContain('兹证明冯海峰（男，身份证号码：13012019880418880X）的人事档案自2019年7月15日起由我中心保管，存档编号：D2019000523，存档类别：单位存档（存档单位：北京华信科技有限公司）。')
    expect(text).toContain('本证明用于办理北京市积分落户。特此证明。')
    expect(text).toContain('特此证明。教育部留学服务中心二〇二六年十一月二十三日验证码：V5HC-9GEY')
    expect(text).toMatch(/真伪：https:\/\/zwfw\.cscse\.edu\.cn\/verify\/（本证明自开具之日起三个月内有效）$/)
    expect(text).not.toContain('政治面貌')
  })

  it('an individual archive without a known deposit date or purpose', () => {
    const text = read(renderCustodyCertificate, individual)
    expect(text).toContain('的人事档案现由我中心保管，存档编号：D2019000523，存档类别：个人存档。特此证明。')
    expect(text).not.toContain('本证明用于')
  })

  it('a purpose given with its own full stop is not stopped twice', () => {
    expect(read(renderCustodyCertificate, { ...SAMPLE, purpose: ' 入职审查。 ' })).toContain('本证明用于入职审查。特此证明。')
  })

  it('refuses a unit archive without its employer', () => {
    expect(() => renderCustodyCertificate({ ...SAMPLE, archive: { ...SAMPLE.archive, employer: null } }, { kind: 'draft' })).toThrow(/employer/)
  })

  it('fits a long employer name and purpose on one page, and refuses what cannot fit, in Chinese', () => {
    const employer = '新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县人力资源和社会保障局人才交流服务中心档案管理科'
    const long = { ...SAMPLE, archive: { ...SAMPLE.archive, employer }, purpose: `办理${employer}公开招聘工作人员资格复审` }
    expect(read(renderPoliticalReviewCertificate, long)).toContain(`单位存档（存档单位：${employer}）`)
    expect(() => renderCustodyCertificate({ ...long, purpose: employer.repeat(20) }, { kind: 'draft' })).toThrow(
      '存档证明内容过长，无法排入一页，请核对存档单位名称和证明用途'
    )
  })
})

describe.runIf(hasPoppler || process.env.CI)('政审证明', () => {
  it('adds the political status and what the archive record shows, and only that', () => {
    const text = read(renderPoliticalReviewCertificate, SAMPLE)
    expect(text).toContain('第000019号政审证明')
    expect(text).toContain('兹证明冯海峰（男，身份证号码：13012019880418880X，政治面貌：中共党员）的人事档案自2019年7月15日起由我中心保管')
    expect(text).toContain('经查阅该同志人事档案，档案中未见其受到刑事处罚或党纪、政务处分的记载。以上情况仅依据其人事档案记载出具。')
    expect(text).toContain('本证明用于办理北京市积分落户。特此证明。')
    expect(text).toContain('（本证明自开具之日起三个月内有效）')
  })
})
