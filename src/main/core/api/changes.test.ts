import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SyncChanged } from '../../../shared/api/types'
import { fixedClock } from '../clock'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { createChangeFeed, STAMP } from './changes'
import { createApiHandler, createServicesOn } from './index'

let store: ReturnType<typeof tempStore>
beforeEach(() => {
  store = tempStore()
})
afterEach(() => store.dispose())

describe('the change feed the windows follow', () => {
  it('tells every listener of each notice, and counts only real changes of cases and attention items', () => {
    const feed = createChangeFeed(store, () => {})
    const heard: SyncChanged[] = []
    feed.subscribe(() => {
      throw new Error('a window that went away')
    })
    const stop = feed.subscribe((n) => heard.push(n))
    feed.note() // a status-only change (a failed round): heard, not counted
    const caseId = addCase(store)
    feed.note()
    const item = store.sqlite.prepare("INSERT INTO attention (case_id, mutation_id, code, message) VALUES (?, ?, 'LEASE_LOST', '…')").run(caseId, randomUUID())
    feed.note()
    store.sqlite.prepare("UPDATE attention SET resolved_at = 'now' WHERE id = ?").run(item.lastInsertRowid)
    feed.note()
    store.sqlite.prepare('UPDATE cases SET version = version + 1 WHERE id = ?').run(caseId)
    feed.note()
    expect(heard.map((n) => n.changes)).toEqual([0, 1, 2, 3, 4])
    stop()
    feed.note()
    expect(heard).toHaveLength(5)
    expect(feed.count).toBe(4)
  })

  it('counts a deadline a calendar change moves (no new version), not a write that changes nothing', () => {
    const feed = createChangeFeed(store, () => {})
    const caseId = addCase(store)
    feed.note()
    expect(feed.count).toBe(1)
    store.sqlite.prepare("UPDATE cases SET deadline_on = '2027-01-04' WHERE id = ?").run(caseId)
    feed.note()
    expect(feed.count).toBe(2)
    // The same values written again (a pull re-applying a case it has, a recompute that moved nothing): no change.
    store.sqlite.prepare('UPDATE cases SET deadline_on = deadline_on, version = version, updated_at = updated_at WHERE id = ?').run(caseId)
    feed.note()
    expect(feed.count).toBe(2)
    // An open item's text edited is not a difference of the open items; a resolved one reopened is; removals count.
    const item = store.sqlite.prepare("INSERT INTO attention (case_id, mutation_id, code, message) VALUES (?, ?, 'LEASE_LOST', '…')").run(caseId, randomUUID())
    feed.note()
    store.sqlite.prepare("UPDATE attention SET message = '……' WHERE id = ?").run(item.lastInsertRowid)
    feed.note()
    expect(feed.count).toBe(3)
    store.sqlite.prepare('DELETE FROM attention WHERE id = ?').run(item.lastInsertRowid)
    feed.note()
    expect(feed.count).toBe(4)
    store.sqlite.prepare('DELETE FROM case_events WHERE case_id = ?').run(caseId)
    store.sqlite.prepare('DELETE FROM cases WHERE id = ?').run(caseId)
    feed.note()
    expect(feed.count).toBe(5)
  })

  it('reads its fingerprint without scanning cases (O(1): a counter the triggers move, index look-ups for the rest)', () => {
    const plan = (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${STAMP}`).all() as { detail: string }[]).map((r) => r.detail)
    expect(plan.filter((d) => /^SCAN /.test(d) && d !== 'SCAN CONSTANT ROW')).toEqual([])
    expect(plan.join('\n')).not.toMatch(/\bcases\b/)
  })

  it('is fed by the sync client, and sync.status carries its count', async () => {
    const clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
    store.sqlite.prepare("INSERT INTO sync_staff (server_id, staff_id) VALUES ('41', ?)").run(clerk.id) // signed in online here before
    const unreachable: typeof fetch = () => Promise.reject(new TypeError('fetch failed'))
    const services = createServicesOn(store, fixedClock('2026-03-02T02:00:00Z'), { sync: { serverUrl: 'http://127.0.0.1:9', fetch: unreachable } })
    const heard: number[] = []
    services.changes.subscribe((n) => heard.push(n.changes))
    const handle = createApiHandler(services, () => {})
    const slot = { staff: null }
    // The desk completed a sync an hour ago (offline sign-in is allowed for offlineSignInDays after one).
    store.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('staffCheckedAt', '2026-03-02T01:00:00Z')").run()
    // Unreachable: the sign-in falls back to this desk's account; the sync client reports the failure.
    expect(await handle('auth.signIn', { username: 'clerk1', password: 'secret-pass' }, slot)).toMatchObject({ ok: true })
    expect(heard.length).toBeGreaterThan(0)
    addCase(store) // as a pull would
    services.changes.note()
    expect(await handle('sync.status', {}, slot)).toMatchObject({ ok: true, value: { mode: 'sync', online: false, changes: 1 } })
  })
})
