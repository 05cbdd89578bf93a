import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SAMPLE_NOTICE } from '../testing/fixtures'
import { arabicDate, chineseDate } from './dates'
import type { LetterFinish } from './marks'
import { renderTransferNotice, type TransferNoticeData } from './transfer-notice'

const SAMPLE = SAMPLE_NOTICE

/** poppler-utils: optional on a developer machine, required in CI (`apt-get install -y poppler-utils`). */
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined
const dir = mkdtempSync(join(tmpdir(), 'casedesk-notice-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function tool(name: string, args: string[]): string {
  if (!hasPoppler) throw new Error(`${name} missing: apt-get install -y poppler-utils`)
  return execFileSync(name, args, { encoding: 'utf8' })
}

function writePdf(name: string, data: TransferNoticeData, finish: LetterFinish = { kind: 'draft' }): string {
  const file = join(dir, name)
  writeFileSync(file, renderTransferNotice(data, finish))
  return file
}

/** The page's text with all white space removed (body lines wrap anywhere), split at the cut line. */
function pdfText(file: string): { upper: string; stub: string; layout: string } {
  const layout = tool('pdftotext', ['-layout', file, '-'])
  const flat = layout.replace(/\s+/g, '')
  const at = flat.indexOf('沿此线剪下')
  expect(at).toBeGreaterThan(0)
  return { upper: flat.slice(0, at), stub: flat.slice(at), layout }
}

describe('Chinese dates', () => {
  it('writes the 成文日期 in Chinese numerals', () => {
    expect(chineseDate('2026-11-23')).toBe('二〇二六年十一月二十三日')
    expect(chineseDate('2027-10-01')).toBe('二〇二七年十月一日')
    expect(chineseDate('2030-01-10')).toBe('二〇三〇年一月十日')
    expect(chineseDate('2026-12-31')).toBe('二〇二六年十二月三十一日')
    expect(chineseDate('2026-02-20')).toBe('二〇二六年二月二十日')
  })
  it('writes dates in the body with Arabic numerals', () => {
    expect(arabicDate('1999-01-05')).toBe('1999年1月5日')
  })
})

describe('renderTransferNotice', () => {
  it('renders synchronously to a one-page PDF', () => {
    const pdf = renderTransferNotice(SAMPLE, { kind: 'draft' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.subarray(-6).toString()).toContain('%%EOF')
    expect(pdf.length).toBeLessThan(150_000)
  })

  it('a draft (watermarked) and the final letter (sealed, with a signature placeholder) read the same: the marks are not text', () => {
    const draft = writePdf('draft.pdf', SAMPLE)
    const final = writePdf('final.pdf', SAMPLE, { kind: 'final', signature: { name: '留学人员档案室', reason: '签发', location: '北京' } })
    expect(pdfText(final).upper).toBe(pdfText(draft).upper)
    expect(pdfText(draft).upper).not.toContain('草')
    expect(readFileSync(final).includes('/Type /Sig')).toBe(true)
    expect(readFileSync(draft).includes('/Type /Sig')).toBe(false)
  })

  it('rejects invalid dates', () => {
    expect(() => renderTransferNotice({ ...SAMPLE, issuedOn: '2026-13-01' }, { kind: 'draft' })).toThrow(/invalid date/)
  })
})

describe.runIf(hasPoppler || process.env.CI)('the rendered notice (poppler-utils)', () => {
  it('prints every field in the letter and repeats the identification on the stub', () => {
    const { upper, stub, layout } = pdfText(writePdf('notice.pdf', SAMPLE))
    // Letter: office, number, title, addressee, applicant, postal instructions, contact, signature, date.
    expect(upper).toContain('教育部留学服务中心留学人员档案室')
    expect(upper).toContain('留档调字〔2026〕第000123号')
    expect(upper).toContain('调档通知单')
    expect(upper).toContain('北京市海淀区人才服务中心：')
    expect(upper).toContain('兹有欧阳晓晨（女，身份证号码：11010819990105402X，出生日期：1999年1月5日）')
    expect(upper).toContain('办理出国存档')
    expect(upper).toContain('机要')
    expect(upper).toContain('EMS')
    expect(upper).toContain('下联沿虚线剪下')
    expect(upper).toContain('入党材料')
    expect(upper).toContain('2015年8月起不再接收党组织关系')
    expect(upper).toContain('北京市海淀区北四环西路56号辉煌时代大厦6F')
    expect(upper).toContain('100080')
    expect(upper).toContain('(010)62677800')
    expect(upper).toContain('dangan@cscse.edu.cn')
    expect(layout).toMatch(/^\s{20,}教育部留学服务中心\s*$/m) // 署名, right half
    expect(layout).toMatch(/^\s{20,}二〇二六年十一月二十三日\s*$/m)
    expect(upper).toContain('验证码：K7QH-3M9X')
    expect(upper).toContain('https://zwfw.cscse.edu.cn/verify/')
    // Cut line, then the stub.
    expect(layout).toContain('✂')
    expect(stub).toContain('调档通知单（下联）—请贴于档案袋封面')
    expect(stub).toContain('通知单编号留档调字〔2026〕第000123号')
    expect(stub).toContain('验证码K7QH-3M9X')
    expect(stub).toContain('姓名欧阳晓晨')
    expect(stub).toContain('身份证号码11010819990105402X')
    expect(stub).toContain('业务编号CD20261123000045')
    expect(stub).toContain('寄件单位北京市海淀区人才服务中心')
    expect(stub).toContain('收件地址北京市海淀区北四环西路56号辉煌时代大厦6F（邮政编码：100080）')
  })

  it('prints 男 for a male applicant', () => {
    const { upper } = pdfText(writePdf('male.pdf', { ...SAMPLE, applicant: { ...SAMPLE.applicant, sex: 'male' } }))
    expect(upper).toContain('兹有欧阳晓晨（男，')
  })

  it('embeds the Chinese fonts as subsets and carries the metadata', () => {
    const file = writePdf('fonts.pdf', SAMPLE)
    const rows = tool('pdffonts', [file]).trim().split('\n').slice(2)
    expect(rows.map((r) => r.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'NotoSansSC-Bold',
      'NotoSerifSC-Regular'
    ])
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/)
    }
    const info = tool('pdfinfo', [file])
    expect(info).toMatch(/^Pages:\s+1$/m)
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m)
    expect(info).toMatch(/^Title:\s+调档通知单 留档调字〔2026〕第000123号$/m)
    expect(info).toMatch(/^Author:\s+教育部留学服务中心$/m)
    expect(info).toMatch(/^Subject:\s+出国存档调档通知/m)
  })

  it('fits long names and a long custodian on one page (the stub row wraps)', () => {
    const custodian = '新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县人力资源和社会保障局人才交流服务中心档案管理科'
    const file = writePdf('long.pdf', {
      ...SAMPLE,
      custodian,
      applicant: { name: '买买提江·艾合买提尼亚孜', sex: 'male', idNumber: '654022199812310017', birthDate: '1998-12-31' },
      issuedOn: '2027-10-01'
    })
    expect(tool('pdfinfo', [file])).toMatch(/^Pages:\s+1$/m)
    const { upper, stub } = pdfText(file)
    expect(upper).toContain(`${custodian}：`)
    expect(upper).toContain('兹有买买提江·艾合买提尼亚孜（男，身份证号码：654022199812310017')
    expect(upper).toContain('二〇二七年十月一日')
    expect(stub).toContain('寄件单位')
    expect(stub.replace('寄件单位', '')).toContain(custodian) // the label sits between the wrapped lines
    expect(stub).toContain('身份证号码654022199812310017')
  })
})
