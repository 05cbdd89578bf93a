import { afterEach, describe, expect, it } from 'vitest'
import type { StaffSession } from '../../src/shared/api/types'
import { queueQuery } from '../../src/shared/api/contract'
import { caseTypeDef } from '../../src/shared/domain/case-types'
import { createServicesOn } from '../../src/main/core/api'
import { fixedClock } from '../../src/main/core/clock'
import { listQueue } from '../../src/main/core/cases/queue'
import { tempStore } from '../../src/main/core/testing/fixtures'
import { ensureDemoData } from './ensure'
import { generateDemo } from './generate'
import { seedStaff } from './staff'

const TODAY = '2026-11-23'
const stores: ReturnType<typeof tempStore>[] = []
function fresh(): ReturnType<typeof tempStore> {
  const s = tempStore()
  stores.push(s)
  return s
}
afterEach(() => stores.splice(0).forEach((s) => s.dispose()))

/** Everything generated, as comparable text (password hashes are salted at random, so staff is left out). */
function dump(store: ReturnType<typeof tempStore>): string {
  const tables = ['applicants', 'archives', 'cases', 'attachments', 'case_events', 'document_counters']
  const rows = tables.map((t) => store.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all())
  rows.push(store.sqlite.prepare('SELECT sha256, size FROM blobs ORDER BY sha256').all())
  return JSON.stringify(rows)
}

function demoStore(cases: number, seed: number, extra: Partial<Parameters<typeof generateDemo>[1]> = {}) {
  const store = fresh()
  seedStaff(store)
  generateDemo(store, { cases, seed, today: TODAY, ...extra })
  return store
}

describe('demo runs', () => {
  it('is reproducible: the same seed and day give the same data, another seed different data', () => {
    const a = dump(demoStore(40, 5))
    expect(dump(demoStore(40, 5))).toBe(a)
    expect(dump(demoStore(40, 6))).not.toBe(a)
  }, 60_000)

  it('shares a pool of pre-rendered files on large runs (each body stored once)', () => {
    const store = demoStore(80, 3, { renderLimit: 10, poolSize: 4 })
    const distinct = store.sqlite.prepare('SELECT count(DISTINCT sha256) AS n FROM attachments').get() as { n: number }
    // Deposits: 4 sets of at most 6 files; the other archive kinds (transfer out 2 files, filing 1, two intake kinds 2
    // each): 4 sets each; the certification office's (two certification subtypes of at most 7 files, re-reviews of at
    // most 6 scans, four employment kinds of at most 5): 4 sets each; JPG scans and photos come in 12 variants each.
    expect(distinct.n).toBeLessThanOrEqual(4 * 6 + 4 * (2 + 1 + 2 + 2) + 4 * (2 * 7 + 6 + 4 * 5) + 2 * 12)
    const total = store.sqlite.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }
    expect(distinct.n).toBeLessThan(total.n / 3)
    const orphans = store.sqlite.prepare('SELECT count(*) AS n FROM attachments a LEFT JOIN blobs b ON b.sha256 = a.sha256 WHERE b.sha256 IS NULL').get() as { n: number }
    expect(orphans.n).toBe(0)
  })

  it('produces cases the real services can open, list and act on', () => {
    const store = demoStore(120, 11)
    const s = createServicesOn(store, fixedClock(`${TODAY}T02:00:00Z`))
    const staff = (id: number): StaffSession => {
      const r = store.sqlite.prepare('SELECT id, username, display_name, role FROM staff WHERE id = ?').get(id) as Record<string, never>
      return { id: r.id, username: r.username, displayName: r.display_name, role: r.role, scopes: null, mustChangePassword: false }
    }
    const clerk1 = staff((store.sqlite.prepare("SELECT id FROM staff WHERE username = 'clerk1'").get() as { id: number }).id)
    const page = listQueue(store, s.calendar(), TODAY, clerk1, queueQuery.parse({}))
    expect(page.total).toBeGreaterThan(40) // the archive types' open cases (the certification office's are a reviewer's)
    expect(page.rows.some((r) => r.deadline.remaining !== null && r.deadline.remaining < 0)).toBe(true)

    const reviewer1 = staff((store.sqlite.prepare("SELECT id FROM staff WHERE username = 'reviewer1'").get() as { id: number }).id)
    const office = ['degree_certification', 'certification_rereview', 'certification_refund', 'employment_registration']
    for (const { id, type } of store.sqlite.prepare('SELECT id, type FROM cases').all() as { id: string; type: string }[]) {
      // The certification office's and the employment desk's cases are opened by a reviewer.
      const d = s.cases.detail(id, office.includes(type) ? reviewer1 : clerk1)
      const required = caseTypeDef(d.type)!.materials.filter((m) => m.required).map((m) => m.code)
      expect(required.filter((code) => !d.attachments.some((a) => a.materialCode === code))).toEqual([])
    }
    // Depositing continues the archive numbering after the generated archives.
    const review = store.sqlite.prepare("SELECT id, version, assignee_id FROM cases WHERE state = 'archive_review' AND type = 'archive_deposit' LIMIT 1").get() as { id: string; version: number; assignee_id: number }
    const deposited = (store.sqlite.prepare("SELECT count(*) AS n FROM archives WHERE archive_number LIKE 'D2026%'").get() as { n: number }).n
    const done = s.cases.act(review.id, 'approve_archive', review.version, {}, staff(review.assignee_id))
    expect(done.detail.archiveNumber).toBe(`D2026${String(deposited + 1).padStart(6, '0')}`)
    // Approving a submitted case issues the transfer notice.
    const sub = store.sqlite.prepare("SELECT id FROM cases WHERE type = 'archive_deposit' AND state = 'submitted' AND assignee_id IS NULL LIMIT 1").get() as { id: string }
    const claimed = s.cases.claim(sub.id, clerk1)
    expect(s.cases.act(sub.id, 'approve', claimed.version, {}, clerk1).documentId).not.toBeNull()
  }, 60_000)

  it('ensureDemoData fills an empty store once and leaves a store with cases alone', () => {
    const store = fresh()
    expect(ensureDemoData(store, { cases: 12, today: TODAY })).toMatchObject({ cases: 12, applicants: 12 })
    expect(ensureDemoData(store, { cases: 12, today: TODAY })).toBeNull()
    expect((store.sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(12)
  })
})
