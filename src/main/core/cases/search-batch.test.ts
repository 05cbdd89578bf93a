import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addCase, tempStore } from '../testing/fixtures'
import { trigramQuery } from './search'
import { withSearchBatch } from './search-batch'

/** Names that try the cut of the name part: digits, Latin letters, punctuation, a space, a middle dot, an ASCII-only name. */
const NAMES = ['刘洋', '周-杰伦', '吴(小)明 +852-9123', '欧阳娜娜', '申请人12345', '李Mary', '阿依古丽 买买提', '爱新觉罗·溥仪', 'JOHN SMITH', '王', '张3丰', '赵钱孙李周吴郑王冯陈褚卫']

let store: ReturnType<typeof tempStore>
beforeEach(() => (store = tempStore()))
afterEach(() => store.dispose())

const sql = () => store.sqlite
const grams = () => sql().prepare('SELECT gram, case_rowid FROM case_name_grams ORDER BY case_rowid, gram').all()
const rowidOf = (id: string) => sql().prepare('SELECT rowid FROM cases WHERE id = ?').pluck().get(id) as number
const found = (term: string): number[] =>
  [...term].length >= 3
    ? (sql().prepare('SELECT rowid FROM cases_search WHERE cases_search MATCH ? ORDER BY rowid').pluck().all(trigramQuery(sql(), term).query) as number[])
    : (sql().prepare('SELECT case_rowid FROM case_name_grams WHERE gram = ? ORDER BY case_rowid').pluck().all(term) as number[])
/** FTS5 compares its index with the cases it indexes (external content): throws when they differ. */
const checkTrigrams = () => sql().exec("INSERT INTO cases_search (cases_search, rank) VALUES ('integrity-check', 1)")

/** Every 1–2-character piece of the text with no printable ASCII character in it (what the name grams hold). */
function expectedGrams(): { gram: string; case_rowid: number }[] {
  const rows = sql().prepare('SELECT rowid, search_text FROM cases').all() as { rowid: number; search_text: string }[]
  const out = new Map<string, { gram: string; case_rowid: number }>()
  for (const r of rows) {
    const chars = [...r.search_text]
    for (let i = 0; i < chars.length; i++)
      for (const w of [1, 2]) {
        const gram = chars.slice(i, i + w).join('')
        if ([...gram].length === w && !/[\x20-\x7e]/.test(gram)) out.set(`${r.rowid}|${gram}`, { gram, case_rowid: r.rowid })
      }
  }
  return [...out.values()].sort((a, b) => a.case_rowid - b.case_rowid || (a.gram < b.gram ? -1 : a.gram > b.gram ? 1 : 0))
}

describe('search batch: the search indexes of many new cases written at the end', () => {
  it('indexes exactly what the triggers index, case by case, both the same as the pieces of the names', () => {
    for (const name of NAMES) addCase(store, { name })
    const byTriggers = grams()
    expect(byTriggers).toEqual(expectedGrams())
    checkTrigrams()

    const batched = tempStore()
    try {
      batched.sqlite.transaction(() => withSearchBatch(batched.sqlite, () => NAMES.forEach((name) => addCase(batched, { name }))))()
      expect(batched.sqlite.prepare('SELECT gram, case_rowid FROM case_name_grams ORDER BY case_rowid, gram').all()).toEqual(byTriggers)
      batched.sqlite.exec("INSERT INTO cases_search (cases_search, rank) VALUES ('integrity-check', 1)")
      expect(batched.sqlite.prepare('SELECT count(*) FROM search_batch').pluck().get()).toBe(0)
    } finally {
      batched.dispose()
    }
  })

  it('finds the new cases after the batch, by name pieces and by trigrams, and not during it', () => {
    let during: number[] = []
    const ids = sql().transaction(() =>
      withSearchBatch(sql(), () => {
        const ids = NAMES.map((name) => addCase(store, { name }))
        during = found('买买提')
        return ids
      })
    )()
    expect(during).toEqual([])
    const rid = rowidOf(ids[NAMES.indexOf('阿依古丽 买买提')])
    expect(found('买买提')).toEqual([rid])
    expect(found('买买')).toEqual([rid])
    expect(found('依')).toEqual([rid])
    expect(found('溥仪')).toEqual([rowidOf(ids[NAMES.indexOf('爱新觉罗·溥仪')])])
    expect(found('Mary')).toEqual([rowidOf(ids[NAMES.indexOf('李Mary')])])
    checkTrigrams()
  })

  it('keeps the cases that existed before in step while the batch is open: changed, renamed, deleted', () => {
    const before = addCase(store, { name: '刘洋' })
    const gone = addCase(store, { name: '王磊' })
    sql().transaction(() =>
      withSearchBatch(sql(), () => {
        const fresh = addCase(store, { name: '欧阳娜娜' })
        sql().prepare("UPDATE cases SET search_text = replace(search_text, '刘洋', '刘海洋') WHERE id = ?").run(before)
        sql().prepare("UPDATE cases SET search_text = replace(search_text, '欧阳娜娜', '欧阳菲菲') WHERE id = ?").run(fresh)
        const doomed = addCase(store, { name: '李四' })
        sql().prepare('DELETE FROM cases WHERE id IN (?, ?)').run(gone, doomed)
      })
    )()
    expect(found('刘海洋')).toEqual([rowidOf(before)])
    expect(found('洋')).toEqual([rowidOf(before)])
    expect(found('刘洋')).toEqual([])
    expect(found('欧阳菲菲')).toHaveLength(1)
    expect(found('娜娜')).toEqual([])
    expect(found('王磊')).toEqual([])
    expect(found('李四')).toEqual([])
    expect(grams()).toEqual(expectedGrams())
    checkTrigrams()
  })

  it('closes the batch when the writing throws: a transaction that goes on keeps complete indexes', () => {
    sql().transaction(() => {
      expect(() =>
        withSearchBatch(sql(), () => {
          addCase(store, { name: '欧阳娜娜' })
          throw new Error('stop')
        })
      ).toThrow('stop')
      addCase(store, { name: '王磊' }) // after the batch: the triggers index it
    })()
    expect(sql().prepare('SELECT count(*) FROM search_batch').pluck().get()).toBe(0)
    expect(found('娜娜')).toHaveLength(1)
    expect(found('王磊')).toHaveLength(1)
    expect(grams()).toEqual(expectedGrams())
    checkTrigrams()
  })

  it('a batch within a batch is the same batch; outside a transaction it refuses', () => {
    sql().transaction(() =>
      withSearchBatch(sql(), () => {
        addCase(store, { name: '刘洋' })
        withSearchBatch(sql(), () => addCase(store, { name: '王磊' }))
        expect(found('王磊')).toEqual([]) // still the outer batch's
      })
    )()
    expect(found('王磊')).toHaveLength(1)
    expect(found('刘洋')).toHaveLength(1)
    checkTrigrams()
    expect(() => withSearchBatch(sql(), () => undefined)).toThrow(/inside a transaction/)
  })
})
