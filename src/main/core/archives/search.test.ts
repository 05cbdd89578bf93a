import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addCase, tempStore } from '../testing/fixtures'
import { EXACT_BY_ID, EXACT_BY_NUMBER, exactArchive } from './search'

// 档案存储地查询 answers an exact archive or ID number in one step whatever the register's size: the
// plans below must stay index lookups (a full scan of `archives` or `applicants` fails the test).
let store: ReturnType<typeof tempStore>
beforeEach(() => {
  store = tempStore()
})
afterEach(() => store.dispose())

const plan = (sql: string): string[] => (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail)
const fullScans = (lines: string[]) => lines.filter((l) => /^SCAN (archives|applicants|a|ar)\b/.test(l))

describe('exact lookups use the unique indexes', () => {
  it('archive number → archives_archive_number_unique', () => {
    const p = plan(EXACT_BY_NUMBER)
    expect(p.join('\n')).toContain('USING COVERING INDEX archives_archive_number_unique (archive_number=?)')
    expect(fullScans(p)).toEqual([])
  })

  it('ID number → applicants_id_number probed per ID type, then archives_applicant_id_unique', () => {
    // With statistics for a large register (as after the demo generator's ANALYZE) and without.
    for (const analyze of [false, true]) {
      if (analyze) store.sqlite.exec('ANALYZE')
      const p = plan(EXACT_BY_ID)
      expect(p.join('\n')).toContain('USING COVERING INDEX applicants_id_number (id_type=? AND id_number=?)')
      expect(p.join('\n')).toContain('USING COVERING INDEX archives_applicant_id_unique (applicant_id=?)')
      expect(fullScans(p)).toEqual([])
    }
  })

  it('finds the one archive of an ID number of any ID type, and none for a partial or unknown number', () => {
    const caseId = addCase(store)
    const { applicant_id } = store.sqlite.prepare('SELECT applicant_id FROM cases WHERE id = ?').get(caseId) as { applicant_id: number }
    store.sqlite.prepare("UPDATE applicants SET id_type = '护照', id_number = 'E12345678' WHERE id = ?").run(applicant_id)
    addCase(store) // another applicant, 居民身份证
    const id = Number(store.sqlite.prepare("INSERT INTO archives (applicant_id, archive_number, status) VALUES (?, 'D2026000001', 'in_storage')").run(applicant_id).lastInsertRowid)
    expect(exactArchive(store.sqlite, 'e12345678')).toBe(id)
    expect(exactArchive(store.sqlite, ' D2026000001 ')).toBe(id)
    expect(exactArchive(store.sqlite, 'E1234567')).toBeNull()
    expect(exactArchive(store.sqlite, 'D2026000002')).toBeNull()
  })
})
