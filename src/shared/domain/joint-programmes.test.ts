import { describe, expect, it } from 'vitest'
import { headerColumns, parseCsv, programmeFromRecord, programmeImport } from './joint-programmes'

const HEADER = '项目编号,项目名称,中方院校,外方院校,国家/地区,层次,批准有效期至,招生起始年,招生截止年,状态'

describe('the register file', () => {
  it('reads RFC 4180 CSV: BOM, CRLF, quoted commas, quotes and line breaks, with the line each record starts on', () => {
    const text = '\ufeffa,b\r\n"x, y","he said ""hi"""\r\n"two\nlines",z\r\n\r\nlast,row'
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'he said "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
      { line: 6, cells: ['last', 'row'] }
    ])
  })

  it('refuses an unterminated quote, naming its line', () => {
    expect(() => parseCsv('a,b\n"broken,c\nd,e')).toThrow('第 2 行的引号没有闭合')
  })

  it('needs the required columns in the header (Chinese or English names, any order)', () => {
    expect(() => headerColumns(['项目编号', '项目名称'])).toThrow('缺少列：中方院校、外方院校、国家/地区、层次')
    const cols = headerColumns(['level', 'code', 'name', 'chineseInstitution', 'foreignInstitution', '国家'])
    expect(cols.get('level')).toBe(0)
    expect(cols.get('country')).toBe(5)
  })

  it('turns a line into a programme: Chinese level and status words, an upper-cased code, optional years', () => {
    const cols = headerColumns(parseCsv(HEADER)[0].cells)
    const r = programmeFromRecord({ line: 2, cells: ['moe11us2a20101234n', '某项目', '京华理工大学', '美国某大学', '美国', '本科', '2027/12/31', '2011', '', ''] }, cols)
    expect(r).toEqual({
      ok: true,
      value: {
        code: 'MOE11US2A20101234N',
        name: '某项目',
        chineseInstitution: '京华理工大学',
        foreignInstitution: '美国某大学',
        country: '美国',
        level: 'bachelor',
        approvedUntil: '2027-12-31',
        enrolmentFrom: 2011,
        enrolmentTo: null,
        status: 'active'
      }
    })
  })

  it('says what is wrong with a line, column by column', () => {
    const cols = headerColumns(parseCsv(HEADER)[0].cells)
    const r = programmeFromRecord({ line: 7, cells: ['', '某项目', '京华理工大学', '美国某大学', '美国', '研究生', '2027-13-01', '二〇一一', '', '暂停'] }, cols)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { line: 7, field: '项目编号', message: '不能为空' },
        { line: 7, field: '层次', message: '“研究生”应为 专科、本科、硕士 或 博士' },
        { line: 7, field: '批准有效期至', message: '日期格式应为 YYYY-MM-DD' },
        { line: 7, field: '招生起始年', message: '“二〇一一”不是四位年份' },
        { line: 7, field: '状态', message: '“暂停”应为 正常招生 或 停止招生' }
      ])
    )
  })

  it('an import refuses the same code twice', () => {
    const p = { code: 'MOE11US2A20101234N', name: 'a', chineseInstitution: 'b', foreignInstitution: 'c', country: '美国', level: 'master', approvedUntil: '', enrolmentFrom: null, enrolmentTo: null, status: 'active' }
    const r = programmeImport.safeParse({ mode: 'upsert', programmes: [p, { ...p, name: 'x' }] })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]).toMatchObject({ path: ['programmes', 1, 'code'], message: '项目编号 MOE11US2A20101234N 与第 1 个项目重复' })
  })
})
