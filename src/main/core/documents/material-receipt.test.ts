import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SAMPLE_RECEIPT as SAMPLE } from '../testing/fixtures'
import { type MaterialReceiptData, renderMaterialReceipt } from './material-receipt'

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined
const dir = mkdtempSync(join(tmpdir(), 'casedesk-receipt-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Each page's text in drawing order (a wrapped cell stays together), white space removed. */
function pages(data: MaterialReceiptData): string[] {
  const file = join(dir, 'receipt.pdf')
  writeFileSync(file, renderMaterialReceipt(data, { kind: 'draft' }))
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim())
    .map((p) => p.replace(/\s+/g, ''))
}

describe.runIf(hasPoppler || process.env.CI)('档案材料签收回执单', () => {
  it('has every field of seed 002’s sample in a ruled table, row by row', () => {
    const [page, ...more] = pages(SAMPLE)
    expect(more).toEqual([])
    expect(page).toContain('留档收字〔2026〕第000007号档案材料签收回执单')
    expect(page).toContain('姓名欧阳晓晨身份证号11010819990105402X')
    expect(page).toContain('签收单位教育部留学服务中心留学人员档案室')
    expect(page).toContain('序号签收材料名称页数份数')
    expect(page).toContain('1思想汇报66')
    expect(page).toContain('2入党志愿书41')
    expect(page).toContain('合计共2项材料107')
    expect(page).toContain('签收人姓名张敏签收日期2026年11月20日')
    expect(page).toContain('备注原件已归档')
    expect(page).toContain('签收单位盖章教育部留学服务中心二〇二六年十一月二十三日')
    expect(page).toContain('验证码：R8TW-2NPB')
    expect(page).not.toContain('—1—') // one page: no page numbers
  })

  it('one material has no totals row; empty remarks print 无', () => {
    const [page] = pages({ ...SAMPLE, materials: [{ name: '思想汇报', pages: 6, copies: 6 }], remarks: ' ' })
    expect(page).toContain('1思想汇报66签收人姓名')
    expect(page).not.toContain('合计')
    expect(page).toContain('备注无')
  })

  it('continues a long list on the next page with the header row repeated; the signing rows and seal cell end the last page', () => {
    const materials = Array.from({ length: 24 }, (_, i) => ({ name: `入党积极分子培养考察登记表（第${i + 1}册）`, pages: i + 1, copies: 1 }))
    const all = pages({ ...SAMPLE, materials })
    expect(all).toHaveLength(2)
    const [first, last] = all
    expect(first).toContain('姓名欧阳晓晨')
    expect(first).toContain('—1—')
    expect(first).not.toContain('签收人姓名')
    expect(last).toContain('档案材料签收回执单（续）序号签收材料名称页数份数')
    expect(last).toContain('—2—')
    for (const [i, m] of materials.entries()) expect(all.join('')).toContain(`${i + 1}${m.name}${m.pages}1`)
    expect(last).toContain('24入党积极分子培养考察登记表（第24册）241合计共24项材料30024签收人姓名') // the totals stay with a material
    expect(last).toContain('签收人姓名张敏签收日期2026年11月20日')
    expect(last).toContain('签收单位盖章')
  })

  it('fits a long unit name and long material names', () => {
    const unit = '新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县人力资源和社会保障局人才交流服务中心档案管理科'
    const name = '中国共产党预备党员转正申请书及党支部大会讨论通过转正的决议和上级党委审批意见'
    const all = pages({ ...SAMPLE, receivingUnit: unit, materials: [{ name, pages: 3, copies: 2 }] })
    expect(all).toHaveLength(1)
    expect(all[0]).toContain(`签收单位${unit}序号`)
    expect(all[0]).toContain(`1${name}32签收人姓名`)
  })

  it('refuses a receipt without materials or with an invalid count', () => {
    expect(() => renderMaterialReceipt({ ...SAMPLE, materials: [] }, { kind: 'draft' })).toThrow(/at least one material/)
    expect(() => renderMaterialReceipt({ ...SAMPLE, materials: [{ name: '思想汇报', pages: 0, copies: 1 }] }, { kind: 'draft' })).toThrow(/invalid material/)
    expect(() => renderMaterialReceipt({ ...SAMPLE, receivedOn: '2026-02-30' }, { kind: 'draft' })).toThrow(/invalid date/)
  })
})
