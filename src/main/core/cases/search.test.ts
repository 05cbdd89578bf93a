import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../../shared/api/types'
import { queueQuery, type QueueQuery } from '../../../shared/api/contract'
import { WorkingCalendar } from '../../../shared/domain/calendar'
import { idCheckChar } from '../../../shared/domain/identity'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { listQueue } from './queue'
import { planSearch } from './search'

let store: ReturnType<typeof tempStore>
let clerk: StaffSession
const calendar = new WorkingCalendar()
const TODAY = '2025-10-09'
const list = (q: QueueQuery = {}) => listQueue(store, calendar, TODAY, clerk, queueQuery.parse(q))
const names = (q: QueueQuery) => list(q).rows.map((r) => r.applicantName)

beforeEach(() => {
  store = tempStore()
  clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
  addCase(store, { name: '刘洋', deadlineOn: '2025-09-30' })
  addCase(store, { name: '欧阳娜娜', deadlineOn: '2025-10-13' })
  addCase(store, { name: '王磊', deadlineOn: '2025-10-20' })
})
afterEach(() => store.dispose())

describe('queue search', () => {
  /** Gives 王磊 another ID (type and number), kept in search_text as the mirror keeps it. */
  const giveId = (idType: string, idNumber: string) => {
    store.sqlite.prepare("UPDATE applicants SET id_type = ?, id_number = ? WHERE name = '王磊'").run(idType, idNumber)
    store.sqlite.prepare("UPDATE cases SET search_text = (SELECT a.name || ' ' || a.id_number || ' ' || a.mobile || ' ' || cases.case_number FROM applicants a WHERE a.id = cases.applicant_id)").run()
  }

  it('finds a passport shaped like the beginning of a case number (EA1234567), by its beginning or whole', () => {
    giveId('护照', 'EA1234567')
    expect(names({ search: 'EA12345' })).toEqual(['王*'])
    expect(names({ search: 'ea1' })).toEqual(['王*'])
    expect(names({ search: 'EA1234567' })).toEqual(['王*'])
  })

  it('finds a whole 18-character number of any ID type (a 港澳台居民居住证)', () => {
    const first17 = '81000019900101001'
    giveId('港澳台居民居住证', first17 + idCheckChar(first17))
    expect(names({ search: first17 + idCheckChar(first17) })).toEqual(['王*'])
  })

  it('finds one or two characters of any word of a name, however long', () => {
    store.sqlite.prepare("UPDATE applicants SET name = '艾力 买买提' WHERE name = '王磊'").run()
    store.sqlite.prepare("UPDATE cases SET search_text = replace(search_text, '王磊', '艾力 买买提') WHERE search_text LIKE '王磊%'").run()
    expect(names({ search: '买' })).toEqual(['艾*****'])
    expect(names({ search: '买提' })).toEqual(['艾*****'])
    expect(names({ search: '王' })).toEqual([]) // the old name's pieces went with it
    const long = '阿'.repeat(30) + '布都'
    store.sqlite.prepare("UPDATE cases SET search_text = ? || ' ' || search_text WHERE search_text LIKE '刘洋%'").run(long)
    expect(names({ search: '布都' })).toEqual(['刘*'])
  })

  it('finds one or two characters of a name, anywhere in it', () => {
    expect(names({ search: '娜' })).toEqual(['欧***'])
    expect(names({ search: '阳娜' })).toEqual(['欧***'])
    expect(names({ search: '洋' })).toEqual(['刘*'])
    expect(names({ search: '龑' })).toEqual([])
  })

  it('finds a whole resident ID number through the applicants, whatever its letter case', () => {
    const first17 = '11010819990101777'
    const id = first17 + idCheckChar(first17)
    store.sqlite.prepare("UPDATE applicants SET id_number = ? WHERE name = '王磊'").run(id)
    expect(planSearch(store.sqlite, id).kind).toBe('exact')
    expect(names({ search: id.toLowerCase() })).toEqual(['王*'])
  })

  it('finds a case number whole or by its beginning, and a letter number', () => {
    const { case_number: n, id } = store.sqlite.prepare("SELECT c.case_number, c.id FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE a.name = '刘洋'").get() as {
      case_number: string
      id: string
    }
    expect(names({ search: n })).toEqual(['刘*'])
    expect(names({ search: n.slice(0, 12).toLowerCase() })).toHaveLength(3)
    store.sqlite.prepare("INSERT INTO blobs (sha256, size, data) VALUES ('letter', 1, x'00')").run()
    store.sqlite
      .prepare(
        `INSERT INTO issued_documents (case_id, doc_type, number, verification_code, sha256, file_name, issued_at, status)
         VALUES (?, 'transfer_notice', '留档调字〔2025〕第000123号', 'AB12-CD34', 'letter', 'n.pdf', '2025-10-01T02:00:00Z', 'issued')`
      )
      .run(id)
    expect(names({ search: '留档调字〔2025〕第000123号' })).toEqual(['刘*'])
    expect(names({ search: '留档调字〔2025〕第0001' })).toEqual(['刘*'])
    expect(names({ search: '留档调字〔2025〕第0002' })).toEqual([])
    // A case with two letters of the series is listed once.
    store.sqlite
      .prepare(
        `INSERT INTO issued_documents (case_id, doc_type, number, verification_code, sha256, file_name, issued_at, status)
         VALUES (?, 'transfer_notice', '留档调字〔2025〕第000124号', 'AB12-CD35', 'letter', 'm.pdf', '2025-10-02T02:00:00Z', 'issued')`
      )
      .run(id)
    expect(list({ search: '留档调字〔2025〕第0001' })).toMatchObject({ total: 1, rows: [{ applicantName: '刘*' }] })
  })

  it('keeps the search indexes in step with the cases: a new name, a re-applied case, a deleted case', () => {
    const id = (store.sqlite.prepare("SELECT c.id FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE a.name = '王磊'").get() as { id: string }).id
    // What the mirror's apply does when the applicant's name changes at the exchange service.
    store.sqlite.prepare("UPDATE cases SET search_text = replace(search_text, '王磊', '周杰伦') WHERE id = ?").run(id)
    expect(names({ search: '王' })).toEqual([])
    expect(names({ search: '王磊' })).toEqual([])
    expect(list({ search: '杰' }).total).toBe(1)
    expect(list({ search: '周杰伦' }).total).toBe(1)
    // An update that leaves search_text as it was (a re-applied case) changes nothing.
    store.sqlite.prepare('UPDATE cases SET search_text = search_text, version = version + 1 WHERE id = ?').run(id)
    expect(list({ search: '周杰伦' }).total).toBe(1)
    store.sqlite.prepare('DELETE FROM cases WHERE id = ?').run(id)
    expect(list({ search: '杰' }).total).toBe(0)
    expect(list({ search: '周杰伦' }).total).toBe(0)
    expect((store.sqlite.prepare("SELECT count(*) AS n FROM case_name_grams WHERE gram IN ('周', '杰', '杰伦')").get() as { n: number }).n).toBe(0)
    // The trigram index matches its content table exactly.
    expect(() => store.sqlite.exec("INSERT INTO cases_search (cases_search, rank) VALUES ('integrity-check', 1)")).not.toThrow()
  })

  it('takes LIKE wildcards and FTS5 syntax literally', () => {
    expect(list({ search: '%' }).total).toBe(0)
    expect(list({ search: '_' }).total).toBe(0)
    expect(list({ search: '"王" OR' }).total).toBe(0)
    expect(list({ search: 'a"b*' }).total).toBe(0)
  })
})
