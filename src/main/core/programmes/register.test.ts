import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../clock'
import { createJobs } from '../jobs'
import { addStaff, tempStore } from '../testing/fixtures'
import { startProgrammeImport } from './import'
import { findProgramme, registerSize, searchProgrammes } from './register'
import { sampleFilePath, sampleProgrammes, seedSampleProgrammes } from '../../../../tools/demo/sample-programmes'

const HEADER = '项目编号,项目名称,中方院校,外方院校,国家/地区,层次,批准有效期至,招生起始年,招生截止年,状态'
const line = (code: string, level = '本科', name = '京华理工大学与美国俄亥俄河谷大学合作举办计算机科学与技术专业本科教育项目') =>
  `${code},${name},京华理工大学,美国俄亥俄河谷大学,美国,${level},2027-12-31,2011,,正常招生`
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64')
const search = (store: ReturnType<typeof tempStore>, query: string, more: Partial<Parameters<typeof searchProgrammes>[1]> = {}) =>
  searchProgrammes(store, { query, level: 'all', status: 'all', page: 1, pageSize: 50, ...more })

let store: ReturnType<typeof tempStore>
let jobs: ReturnType<typeof createJobs>
const clock = fixedClock('2026-11-23T02:00:00Z')
beforeEach(() => {
  store = tempStore()
  jobs = createJobs({ log: () => {} })
})
afterEach(() => store.dispose())

async function importFile(content: string | Buffer, mode: 'replace' | 'upsert' = 'upsert') {
  const me = addStaff(store, `super${Math.random()}`, 'supervisor')
  const started = startProgrammeImport({ jobs, clock, store }, { base64: b64(content), mode }, me)
  return started.state === 'running' ? jobs.settled(started.id) : started
}

describe('the joint-programme register on a standalone desk', () => {
  it('imports the sample file (UTF-8 with BOM) as a job, then finds programmes by code and searches them offline', async () => {
    const sample = readFileSync(sampleFilePath())
    expect(sample.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const job = await importFile(sample)
    expect(job).toMatchObject({ kind: 'programmes_import', state: 'done', failures: [], error: null })
    expect(job.total).toBeGreaterThanOrEqual(20)
    expect(registerSize(store)).toBe(job.total)

    expect(findProgramme(store, ' moe11us2a20101234n ')).toMatchObject({ chineseInstitution: '京华理工大学', level: 'bachelor', country: '美国' })
    expect(findProgramme(store, 'MOE99XX9X99999999N')).toBeNull()

    // Partial matches on code, name, either institution; filters; an exact code first.
    expect(search(store, '11US').rows.map((p) => p.code)).toEqual(expect.arrayContaining(['MOE11US2A20101234N', 'MOE11US1A20201822N']))
    expect(search(store, '护理学').rows.map((p) => p.code)).toEqual(['MOE51US2A20131244N'])
    expect(search(store, '蜀都医科').total).toBe(2)
    expect(search(store, '北约克').rows[0].code).toBe('MOE11GB1A20121305N')
    expect(search(store, '', { level: 'doctor' }).rows.every((p) => p.level === 'doctor')).toBe(true)
    expect(search(store, '', { status: 'stopped' }).total).toBeGreaterThan(0)
    expect(search(store, '100%').total).toBe(0)
    const page = search(store, '京华')
    expect(page.registerSize).toBe(job.total)
    expect(page.updatedAt).toBe('2026-11-23T02:00:00.000Z')
  })

  it('refuses a file with a bad level, a missing code or a duplicate code: every wrong line listed, nothing imported', async () => {
    await importFile([HEADER, line('MOE11US2A20101234N')].join('\n'))
    const file = [HEADER, line('MOE31US1A20061100N'), line('MOE31GB2A20121288N', '研究生'), line(''), line('MOE31US1A20061100N', '硕士'), line('MOE32AU2A20131201N')].join('\r\n')
    const job = await importFile(file, 'replace')
    expect(job.state).toBe('failed')
    expect(job.error).toEqual({ code: 'VALIDATION', message: '文件中有 3 行有误，未导入任何项目。请改正后重新导入' })
    expect(job.failures).toEqual([
      { id: 3, number: '第 3 行', message: '层次：“研究生”应为 专科、本科、硕士 或 博士' },
      { id: 4, number: '第 4 行', message: '项目编号：不能为空' },
      { id: 5, number: '第 5 行', message: '项目编号：MOE31US1A20061100N 与第 2 行重复' }
    ])
    expect(job.done).toBe(5)
    // All or nothing: the register is as it was.
    expect(registerSize(store)).toBe(1)
    expect(findProgramme(store, 'MOE31US1A20061100N')).toBeNull()
  })

  it('refuses corrupt files before reading a line: a workbook, another encoding, binary data, a broken quote, no header', async () => {
    const cases: [string | Buffer, string, string][] = [
      [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 1)]), 'CORRUPT_FILE', '这是 Excel 工作簿'],
      [Buffer.from([0xcf, 0xee, 0xc4, 0xbf, 0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0x41]), 'CORRUPT_FILE', '不是 UTF-8 编码'],
      [Buffer.from([0x41, 0x00, 0x42]), 'CORRUPT_FILE', '二进制内容'],
      [`${HEADER}\n"${line('MOE11US2A20101234N')}`, 'CORRUPT_FILE', '第 2 行的引号没有闭合'],
      ['编号,名称\nMOE11US2A20101234N,x', 'VALIDATION', '第 1 行（表头）缺少列'],
      [HEADER, 'VALIDATION', '文件只有表头']
    ]
    for (const [content, code, message] of cases) {
      const job = await importFile(content)
      expect(job.state).toBe('failed')
      expect(job.error?.code).toBe(code)
      expect(job.error?.message).toContain(message)
    }
    expect(registerSize(store)).toBe(0)
  })

  it('upserts by code or replaces the whole register', async () => {
    await importFile([HEADER, line('MOE11US2A20101234N'), line('MOE31US1A20061100N', '硕士')].join('\n'))
    await importFile([HEADER, line('MOE11US2A20101234N', '本科', '改名后的项目'), line('MOE32AU2A20131201N')].join('\n'))
    expect(registerSize(store)).toBe(3)
    expect(findProgramme(store, 'MOE11US2A20101234N')?.name).toBe('改名后的项目')
    await importFile([HEADER, line('MOE32AU2A20131201N')].join('\n'), 'replace')
    expect(registerSize(store)).toBe(1)
    expect(findProgramme(store, 'MOE11US2A20101234N')).toBeNull()
  })

  it('the demo seeds the sample register once', () => {
    expect(seedSampleProgrammes(store, clock.now())).toBe(sampleProgrammes().length)
    expect(seedSampleProgrammes(store, clock.now())).toBe(0)
  })
})
