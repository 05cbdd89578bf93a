import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseShelf } from '../../src/shared/domain/archive'
import { generateDemo } from './generate'
import { seedStaff } from './staff'
import { tempStore } from '../../src/main/core/testing/fixtures'

let store: ReturnType<typeof tempStore>
beforeAll(() => {
  store = tempStore()
  seedStaff(store)
  generateDemo(store, { cases: 150, today: '2026-11-23', seed: 3, renderLimit: 0, poolSize: 2 })
}, 120_000)
afterAll(() => store.dispose())

const all = (q: string) => store.sqlite.prepare(q).all() as Record<string, unknown>[]

describe('demo archives in the register', () => {
  it('every archive in storage is on a canonical shelf, deposited with its number and shelved there, in time order', () => {
    const inStorage = all("SELECT id, archive_number, shelf_location FROM archives WHERE status = 'in_storage'")
    expect(inStorage.length).toBeGreaterThan(10)
    for (const a of inStorage) {
      expect(parseShelf(String(a.shelf_location))).toBe(a.shelf_location)
      const chain = all(`SELECT kind, to_place, note, tracking_number, at, actor_name FROM archive_custody WHERE archive_id = ${Number(a.id)} ORDER BY id`)
      expect(chain.find((e) => e.kind === 'deposited')?.note).toBe(`档案编号 ${String(a.archive_number)}`)
      expect(chain.filter((e) => e.kind === 'shelved' || e.kind === 'moved').at(-1)?.to_place).toBe(a.shelf_location)
      expect(chain.map((e) => String(e.at))).toEqual(chain.map((e) => String(e.at)).sort())
    }
  })

  it('a deposit case’s archive shows received → deposited → shelved; one kept from before its cases, deposited a year earlier', () => {
    const viaDeposit = all(
      `SELECT DISTINCT ar.id FROM archives ar JOIN cases c ON c.applicant_id = ar.applicant_id
       WHERE ar.status = 'in_storage' AND c.type = 'archive_deposit' AND c.state = 'deposited'`
    )
    expect(viaDeposit.length).toBeGreaterThan(5)
    for (const a of viaDeposit) {
      const kinds = all(`SELECT kind FROM archive_custody WHERE archive_id = ${Number(a.id)} ORDER BY id`).map((e) => e.kind)
      expect(kinds.filter((k) => k !== 'returned_to_sender').slice(0, 3)).toEqual(['received', 'deposited', 'shelved'])
    }
    const older = all("SELECT DISTINCT archive_id FROM archive_custody WHERE actor_name = '历史数据' AND kind = 'deposited'")
    expect(older.length).toBeGreaterThan(0) // the other case types' holders mostly have their archive here already
    for (const a of older) {
      const kinds = all(`SELECT kind FROM archive_custody WHERE archive_id = ${Number(a.archive_id)} ORDER BY id`).map((e) => e.kind)
      expect(kinds[0]).toBe('deposited')
      expect(kinds).not.toContain('received')
    }
  })

  it('archives signed in but still under review have their receipt; envelopes sent back are in the chain', () => {
    const review = all(
      `SELECT ar.id FROM archives ar JOIN cases c ON c.applicant_id = ar.applicant_id WHERE c.state IN ('archive_review', 'supplements_needed')`
    )
    expect(review.length).toBeGreaterThan(0)
    for (const r of review) {
      expect(all(`SELECT kind FROM archive_custody WHERE archive_id = ${Number(r.id)}`).map((e) => e.kind)).toContain('received')
    }
    expect(all("SELECT id FROM archive_custody WHERE kind = 'returned_to_sender'").length).toBeGreaterThan(0)
  })
})
