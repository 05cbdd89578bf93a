import { createHash, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '.'
import { damageHeader, damageTablePage, leafPages } from './testing/damage'
import { templateDesks } from './testing/fixture'
import { exportOutbox, readOutboxExport } from './outbox-export'

const desk = templateDesks()
const NOW = new Date('2026-11-23T02:00:00Z')

describe('exporting the unsent outbox of a damaged store', () => {
  it('an overwritten cases page: every unsent row, its letter and the letter’s PDF are exported; answered rows are not', () => {
    const d = desk()
    damageTablePage(d.file, 'cases')
    const before = readFileSync(d.file)
    const { file, data } = exportOutbox(d.file, join(d.dir, 'recovery'), NOW)
    expect(readFileSync(d.file).equals(before)).toBe(true)
    expect(readOutboxExport(file).rows.map((r) => r.id)).toEqual(d.unsent)
    expect(data.rows.map((r) => r.status)).toEqual(['pending', 'pending', 'quarantined'])
    expect(data.documents.map((x) => x.number)).toEqual([d.letter.number])
    const pdf = data.files.find((f) => f.sha256 === d.letter.sha256)!
    expect(createHash('sha256').update(Buffer.from(pdf.base64, 'base64')).digest('hex')).toBe(d.letter.sha256)
    expect(data.leases).toHaveLength(1)
    expect(data.sequence.outbox).toBe(5)
  })

  it('a damaged header: the rows are still recovered (the header is rebuilt on a copy; the store is left as it was)', () => {
    const d = desk()
    damageHeader(d.file)
    const before = readFileSync(d.file)
    const { data } = exportOutbox(d.file, join(d.dir, 'recovery'), NOW)
    expect(data.headerRebuilt).toBe(true)
    expect(data.rows.map((r) => r.id)).toEqual(d.unsent)
    expect(data.files.map((f) => f.sha256)).toContain(d.letter.sha256)
    expect(readFileSync(d.file).equals(before)).toBe(true)
  })

  it('a damaged page inside the outbox itself: the rows on other pages are read one by one, the lost ones named', () => {
    const d = desk()
    const store = openStore(d.file)
    const add = store.sqlite.prepare("INSERT INTO outbox (id, name, args, status) VALUES (?, 'case.claim', ?, ?)")
    const unsent: string[] = []
    for (let i = 0; i < 600; i++) {
      const id = randomUUID()
      const status = i % 3 === 0 ? 'pending' : 'applied'
      add.run(id, JSON.stringify({ caseId: 'x', pad: 'x'.repeat(200) }), status)
      if (status === 'pending') unsent.push(id)
    }
    store.close()
    expect(leafPages(d.file, 'outbox').length).toBeGreaterThan(10)
    damageTablePage(d.file, 'outbox')
    const { data } = exportOutbox(d.file, join(d.dir, 'recovery'), NOW)
    const got = new Set(data.rows.map((r) => r.id))
    const lost = [...d.unsent, ...unsent].filter((id) => !got.has(id))
    expect(lost.length).toBeGreaterThan(0)
    expect(lost.length).toBeLessThan(30)
    expect(data.rows.length).toBe(d.unsent.length + unsent.length - lost.length)
    expect(data.unreadable.join('\n')).toMatch(/无法读取/)
  })
})
