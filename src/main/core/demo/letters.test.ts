import { afterEach, describe, expect, it } from 'vitest'
import { tempStore } from '../testing/fixtures'
import { ensureDemoData } from './ensure'

let store: ReturnType<typeof tempStore>
afterEach(() => store.dispose())

describe('demo letters', () => {
  it('every approved demo case has the transfer notice its approval issued, numbered in order', () => {
    store = tempStore()
    ensureDemoData(store, { cases: 60, today: '2026-11-23' })
    const sql = store.sqlite
    const approved = (sql.prepare("SELECT count(DISTINCT case_id) AS n FROM case_events WHERE action = 'approve'").get() as { n: number }).n
    const docs = sql.prepare('SELECT d.number, d.case_id, b.data FROM issued_documents d JOIN blobs b ON b.sha256 = d.sha256 ORDER BY d.id').all() as {
      number: string
      case_id: string
      data: Buffer
    }[]
    expect(approved).toBeGreaterThan(0)
    expect(docs).toHaveLength(approved)
    expect(docs[0].number).toMatch(/〔2026〕第000001号|〔2025〕第000001号/)
    expect(docs.every((d) => d.data.subarray(0, 5).toString() === '%PDF-')).toBe(true)
    const event = sql.prepare("SELECT data FROM case_events WHERE action = 'approve' AND case_id = ?").get(docs[0].case_id) as { data: string }
    expect(JSON.parse(event.data).documentId).toBeGreaterThan(0)
  })
})
