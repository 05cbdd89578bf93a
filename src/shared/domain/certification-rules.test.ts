import { describe, expect, it } from 'vitest'
import { DomainError } from '../result'
import type { StudyEntry } from './certification-forms'
import { addCalendarMonths, daysAbroad, daysBetween, studyHistoryFindings } from './certification-rules'

const entry = (from: string, to: string, stage: StudyEntry['stage'], institution = `${stage}-${from}`): StudyEntry => ({
  from,
  to,
  stage,
  institution,
  country: '中国',
  degree: ''
})
const kinds = (entries: StudyEntry[]) => studyHistoryFindings(entries).map((f) => f.kind)

describe('studyHistoryFindings', () => {
  const school = entry('2012-09', '2015-06', 'high_school', '北京市第四中学')
  const bachelor = entry('2015-09', '2019-06', 'bachelor', '北京大学')

  it('accepts a history from high school on with the usual summer break', () => {
    // to 2015-06, from 2015-09: July and August uncovered = 2 months — the summer, not flagged
    expect(studyHistoryFindings([school, bachelor])).toEqual([])
    expect(kinds([school, entry('2015-10', '2019-06', 'bachelor')])).toEqual([]) // 3 months: still allowed
  })

  it('flags a gap longer than 3 months as a warning with its months', () => {
    const f = studyHistoryFindings([school, entry('2015-11', '2019-06', 'bachelor', '北京大学')])
    expect(f).toEqual([
      {
        kind: 'gap',
        severity: 'warning',
        text: '2015-07 至 2015-10 共 4 个月没有学习或工作经历（“北京市第四中学”之后、“北京大学”之前），请核实',
        from: '2015-07',
        to: '2015-10',
        months: 4
      }
    ])
  })

  it('does not flag a change within one month or no gap at all', () => {
    expect(kinds([school, entry('2015-07', '2019-06', 'bachelor')])).toEqual([])
    expect(kinds([school, entry('2015-06', '2019-06', 'bachelor')])).toEqual([])
  })

  it('counts a gap across a year end', () => {
    const f = studyHistoryFindings([entry('2016-09', '2019-10', 'high_school'), entry('2020-03', '2021-06', 'master')])
    expect(f).toMatchObject([{ kind: 'gap', from: '2019-11', to: '2020-02', months: 4 }])
  })

  it('needs at least two entries, the earliest at high school (errors)', () => {
    expect(studyHistoryFindings([])).toEqual([expect.objectContaining({ kind: 'too_few', severity: 'error', text: '学习经历应从高中阶段开始填写，至少两条，现有 0 条' })])
    expect(kinds([school])).toEqual(['too_few'])
    const f = studyHistoryFindings([bachelor, entry('2019-07', '2021-06', 'master', '伦敦大学学院')])
    expect(f).toEqual([expect.objectContaining({ kind: 'not_from_high_school', severity: 'error' })])
    expect(f[0].text).toBe('学习经历应从高中阶段开始填写，最早一条为“2015-09–2019-06 北京大学（本科）”')
  })

  it('sorts by start month before judging (a high school given last is still the first)', () => {
    expect(kinds([entry('2015-07', '2019-06', 'bachelor'), school])).toEqual([])
  })

  it('flags overlaps of two months or more as warnings, any stage, also between entries that are not neighbours', () => {
    const work = entry('2018-05', '2018-06', 'work', '实习公司')
    const f = studyHistoryFindings([school, entry('2015-07', '2019-06', 'bachelor', '北京大学'), work])
    expect(f).toEqual([
      expect.objectContaining({ kind: 'overlap', severity: 'warning', from: '2018-05', to: '2018-06', months: 2 })
    ])
    expect(f[0].text).toContain('“2015-07–2019-06 北京大学（本科）”与“2018-05–2018-06 实习公司（工作）”在 2018-05 至 2018-06 重叠 2 个月')
    // a long entry containing two others: both overlaps, and no gap between the contained ones
    const long = entry('2015-07', '2020-06', 'bachelor')
    const f2 = studyHistoryFindings([school, long, entry('2016-01', '2016-06', 'language'), entry('2017-01', '2017-06', 'work')])
    expect(f2.map((x) => [x.kind, x.from, x.to])).toEqual([
      ['overlap', '2016-01', '2016-06'],
      ['overlap', '2017-01', '2017-06']
    ])
  })

  it('measures a gap from the latest end so far, not from the neighbour', () => {
    // bachelor runs to 2019-06; a language course inside it ends 2017-06; the master starts 2019-11 → gap 2019-07…10
    const f = studyHistoryFindings([school, entry('2015-07', '2019-06', 'bachelor', '北京大学'), entry('2017-01', '2017-06', 'language'), entry('2019-11', '2020-09', 'master', '帝国理工学院')])
    expect(f.filter((x) => x.kind === 'gap')).toEqual([expect.objectContaining({ from: '2019-07', to: '2019-10', months: 4 })])
    expect(f.find((x) => x.kind === 'gap')?.text).toContain('“北京大学”之后、“帝国理工学院”之前')
  })

  it('reports an entry that ends before it starts as an error and leaves it out of gaps and overlaps', () => {
    const f = studyHistoryFindings([school, entry('2015-07', '2019-06', 'bachelor'), entry('2019-09', '2019-01', 'master', '错误条目')])
    expect(f).toEqual([expect.objectContaining({ kind: 'reversed', severity: 'error', text: '“错误条目”的结束年月 2019-01 早于开始年月 2019-09' })])
  })
})

describe('daysAbroad (entryOn − exitOn: the exit day counts, the entry day does not)', () => {
  it('counts one day for exit one day, entry the next; 0 for out and back on the same day', () => {
    expect(daysAbroad([{ exitOn: '2020-01-01', entryOn: '2020-01-02' }], '2030-01-01').days).toBe(1)
    expect(daysAbroad([{ exitOn: '2020-01-01', entryOn: '2020-01-01' }], '2030-01-01').days).toBe(0)
  })

  it('counts calendar days across a leap day and sums the stays, sorted by exit', () => {
    const r = daysAbroad(
      [
        { exitOn: '2021-01-10', entryOn: '2021-02-10' },
        { exitOn: '2020-02-28', entryOn: '2020-03-01' }
      ],
      '2030-01-01'
    )
    expect(r).toEqual({
      days: 33,
      trips: [
        { exitOn: '2020-02-28', entryOn: '2020-03-01', days: 2 },
        { exitOn: '2021-01-10', entryOn: '2021-02-10', days: 31 }
      ]
    })
  })

  it('counts a stay with no entry yet up to `until`, and cuts a stay running at `until`', () => {
    expect(daysAbroad([{ exitOn: '2024-09-01', entryOn: null }], '2025-08-27')).toEqual({ days: 360, trips: [{ exitOn: '2024-09-01', entryOn: null, days: 360 }] })
    expect(daysAbroad([{ exitOn: '2024-09-01', entryOn: '2025-12-01' }], '2024-09-11').days).toBe(10)
  })

  it('counts 0 for stays starting on or after `until` (trips after the first return), and for an open stay starting after it', () => {
    const r = daysAbroad(
      [
        { exitOn: '2020-01-01', entryOn: '2020-12-26' },
        { exitOn: '2020-12-26', entryOn: '2021-01-05' },
        { exitOn: '2021-03-01', entryOn: null }
      ],
      '2020-12-26'
    )
    expect(r.days).toBe(360)
    expect(r.trips.map((t) => t.days)).toEqual([360, 0, 0])
  })

  it('accepts leaving again on the day of coming back', () => {
    expect(daysAbroad([{ exitOn: '2020-01-01', entryOn: '2020-02-01' }, { exitOn: '2020-02-01', entryOn: '2020-02-11' }], '2030-01-01').days).toBe(41)
  })

  const thrown = (fn: () => unknown): DomainError => {
    try {
      fn()
    } catch (e) {
      return e as DomainError
    }
    throw new Error('did not throw')
  }

  it('refuses an entry before its exit (VALIDATION, Chinese)', () => {
    const e = thrown(() => daysAbroad([{ exitOn: '2020-03-01', entryOn: '2020-02-28' }], '2030-01-01'))
    expect(e).toBeInstanceOf(DomainError)
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toBe('出入境记录有误：入境日期 2020-02-28 早于出境日期 2020-03-01')
  })

  it('refuses overlapping records: an exit before the previous entry, and a second stay while one has no entry', () => {
    const e = thrown(() => daysAbroad([{ exitOn: '2020-01-01', entryOn: '2020-06-01' }, { exitOn: '2020-05-31', entryOn: '2020-07-01' }], '2030-01-01'))
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toBe('出入境记录有误：2020-05-31 出境时，上一次出境（2020-01-01）至 2020-06-01 才入境，记录重叠')
    const open = thrown(() => daysAbroad([{ exitOn: '2020-01-01', entryOn: null }, { exitOn: '2021-01-01', entryOn: '2021-02-01' }], '2030-01-01'))
    expect(open.message).toContain('尚无入境记录')
    expect(thrown(() => daysAbroad([{ exitOn: '2020-02-30', entryOn: null }], '2030-01-01')).code).toBe('VALIDATION')
  })
})

describe('calendar months', () => {
  it('keeps the day, clamped to the month end; leap days', () => {
    expect(addCalendarMonths('2025-01-31', 10)).toBe('2025-11-30')
    expect(addCalendarMonths('2025-03-15', 10)).toBe('2026-01-15')
    expect(addCalendarMonths('2023-04-30', 10)).toBe('2024-02-29')
    expect(addCalendarMonths('2024-04-30', 10)).toBe('2025-02-28')
    expect(addCalendarMonths('2024-02-29', 24)).toBe('2026-02-28')
    expect(addCalendarMonths('2024-02-29', 48)).toBe('2028-02-29')
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2)
  })
})
