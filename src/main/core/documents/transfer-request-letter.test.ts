import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SAMPLE_REQUEST_LETTER as SAMPLE } from '../testing/fixtures'
import { renderTransferRequestLetter, type TransferRequestLetterData } from './transfer-request-letter'

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined
const dir = mkdtempSync(join(tmpdir(), 'casedesk-request-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The letter's text with white space removed, split at the cut line; and the page count. */
function read(data: TransferRequestLetterData): { letter: string; stub: string; pages: string } {
  const file = join(dir, 'letter.pdf')
  writeFileSync(file, renderTransferRequestLetter(data, { kind: 'draft' }))
  const flat = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
  const at = flat.indexOf('沿此线剪下')
  expect(at).toBeGreaterThan(0)
  return { letter: flat.slice(0, at), stub: flat.slice(at), pages: /^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1] }
}

describe.runIf(hasPoppler || process.env.CI)('调档函', () => {
  it('asks the present holder to send the archive: who, why, how, where to', () => {
    const { letter, stub } = read(SAMPLE)
    expect(letter).toContain('教育部留学服务中心留学人员档案室')
    expect(letter).toContain('留档函字〔2026〕第000045号')
    expect(letter).toContain('调档函')
    expect(letter).toContain('广州市番禺区人才交流管理办公室：')
    expect(letter).toContain('兹有陈嘉怡（女，身份证号码：440126199703154826）以户籍所在地（北京市海淀区）为条件')
    expect(letter).toContain('经审核，符合接收条件，我中心同意接收其人事档案。')
    expect(letter).toContain('密封，通过机要通信寄至我中心')
    expect(letter).toContain('EMS')
    expect(letter).toContain('收件地址：北京市海淀区北四环西路56号辉煌时代大厦6F，教育部留学服务中心留学人员档案室（邮政编码：100080）；联系电话：(010)62677800；电子邮箱：dangan@cscse.edu.cn。')
    expect(letter).toContain('特此函告。')
    expect(letter).toContain('二〇二六年十一月二十三日')
    expect(letter).toContain('验证码：M3QD-7KXA')
    expect(stub).toContain('调档函（回执联）—请贴于档案袋封面')
    expect(stub).toContain('调档函文号留档函字〔2026〕第000045号')
    expect(stub).toContain('寄件单位广州市番禺区人才交流管理办公室')
    expect(stub).toContain('身份证号码440126199703154826')
  })

  it('states the employer as the reason for an intake by employer location, with or without its location', () => {
    const employer = (location: string | null) =>
      read({ ...SAMPLE, applicant: { ...SAMPLE.applicant, sex: 'male' }, basis: { kind: 'employer', employerName: '广州番禺智造科技有限公司', location } }).letter
    expect(employer('广州市番禺区')).toContain('（男，身份证号码：440126199703154826）以现工作单位（广州番禺智造科技有限公司）所在地（广州市番禺区）为条件')
    expect(employer(null)).toContain('以现工作单位（广州番禺智造科技有限公司）所在地为条件')
  })

  it('names the chosen custodian unit when it is not the office itself', () => {
    expect(read({ ...SAMPLE, custodianUnit: '广州市番禺区人才交流管理办公室' }).letter).toContain('我中心同意接收其人事档案，由广州市番禺区人才交流管理办公室保管。')
  })

  it('fits long unit names on one page, and refuses text that cannot fit, in Chinese', () => {
    const holder = '新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县人力资源和社会保障局人才交流服务中心档案管理科'
    const long = { ...SAMPLE, currentHolder: holder, basis: { kind: 'employer' as const, employerName: '新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县某某有限公司', location: '新疆维吾尔自治区伊犁哈萨克自治州' } }
    const { letter, stub, pages } = read(long)
    expect(pages).toBe('1')
    expect(letter).toContain(`${holder}：`)
    expect(stub.replace('寄件单位', '')).toContain(holder)
    expect(() => renderTransferRequestLetter({ ...long, currentHolder: holder.repeat(12) }, { kind: 'draft' })).toThrow(
      '调档函内容过长，无法排入一页，请核对现档案保管单位名称和工作单位名称'
    )
  })
})
