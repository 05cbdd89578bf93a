import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServicesOn, type Services } from '../api'
import { fixedClock } from '../clock'
import { addStaff, tempStore } from '../testing/fixtures'
import { applyPage, applySnapshot, clearMirror } from './mirror'
import { getState, setState } from './state'
import { linkSignedIn } from './staff'
import { sampleSnapshot, sha256, T0 } from './testing'
import type { Snapshot } from './wire'

let store: ReturnType<typeof tempStore>
let s: Services
const now = new Date(T0)
const LATER = '2026-03-02T10:00:00.000Z'
beforeEach(() => {
  store = tempStore()
  s = createServicesOn(store, fixedClock(T0))
})
afterEach(() => store.dispose())

const apply = (...snaps: Snapshot[]) => applyPage(store, { cursor: `e:${snaps.length}`, changes: snaps.map((snapshot, i) => ({ seq: i + 1, caseId: snapshot.case.id, snapshot })), more: false }, now)
const count = (table: string, where = '1=1', ...args: unknown[]) => (store.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n
const claimed = (n: number, over: Partial<Snapshot['case']> = {}) =>
  sampleSnapshot(n, { case: { version: 2, assignee: { id: 41, name: '李强' }, leaseToken: 3, leaseExpiresAt: LATER, ...over } })

describe('applying pulled snapshots', () => {
  it('writes applicant, case, events and attachment metadata (bodies as stubs), and moves the cursor in the same transaction', () => {
    apply(claimed(1))
    const clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
    const d = s.cases.detail('c-1', clerk)
    expect(d).toMatchObject({ caseNumber: 'CD20260302000001', state: 'submitted', version: 2, assignee: { name: '李强' }, applicant: { name: '申请人1' } })
    expect(d.events.map((e) => [e.action, e.actor])).toEqual([['submit', '申请人1']])
    expect(d.attachments).toMatchObject([{ materialCode: 'id_card', size: 20, sha256: sha256('id card 1') }])
    expect(store.sqlite.prepare('SELECT length(data) AS n FROM blobs WHERE sha256 = ?').get(sha256('id card 1'))).toEqual({ n: 0 })
    expect(store.sqlite.prepare('SELECT lease_token, expires_at FROM leases').get()).toEqual({ lease_token: 3, expires_at: LATER })
    expect(getState(store, 'cursor')).toBe('e:1')
    // The queue's search finds it by the applicant's mobile number.
    expect(store.sqlite.prepare("SELECT id FROM cases WHERE search_text LIKE '%13800138000%'").get()).toEqual({ id: 'c-1' })
  })

  it('lets the server state win over local changes, which stay queued in the outbox', () => {
    apply(sampleSnapshot(1))
    const clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
    s.cases.claim('c-1', clerk)
    apply(claimed(1))
    expect(s.cases.detail('c-1', clerk).assignee?.name).toBe('李强')
    expect(count('outbox', "status = 'pending' AND name = 'case.claim'")).toBe(1)
    expect(count('case_events', "case_id = 'c-1'")).toBe(1) // the local claim event is replaced by the server's history
  })

  it('keeps attachment row ids stable across pulls and follows changed files; an expired lease shows as unclaimed', () => {
    apply(claimed(1))
    const before = store.sqlite.prepare('SELECT id FROM attachments').all()
    const extra = { materialCode: 'visa', fileName: 'visa.pdf', mime: 'application/pdf', size: 5, sha256: sha256('visa') }
    const snap = claimed(1, { version: 3, leaseExpiresAt: '2026-03-02T01:59:00.000Z' })
    apply({ ...snap, attachments: [...snap.attachments, extra] })
    expect(store.sqlite.prepare('SELECT id FROM attachments ORDER BY id LIMIT 1').all()).toEqual(before)
    expect(count('attachments')).toBe(2)
    expect(store.sqlite.prepare("SELECT assignee_id FROM cases WHERE id = 'c-1'").get()).toEqual({ assignee_id: null })
    expect(count('leases')).toBe(0)
    apply({ ...snap, attachments: [extra] })
    expect(store.sqlite.prepare('SELECT material_code FROM attachments').all()).toEqual([{ material_code: 'visa' }])
  })

  it('maps server staff to placeholder rows that a server sign-in turns into the real account', () => {
    apply(claimed(1))
    const placeholder = store.sqlite.prepare("SELECT id, active FROM staff WHERE username = '#server-41'").get() as { id: number; active: number }
    expect(placeholder.active).toBe(0)
    const me = linkSignedIn(store.sqlite, { id: 41, username: 'clerk2', displayName: '李强', role: 'clerk', scopes: null, mustChangePassword: false, credentialVersion: 1, sessionsEndedAt: null }, 'scrypt$x', '2026-11-23T02:00:00Z')
    expect(me.id).toBe(placeholder.id)
    expect(store.sqlite.prepare('SELECT username, active FROM staff WHERE id = ?').get(me.id)).toEqual({ username: 'clerk2', active: 1 })
    // A desk account of the same username takes over the placeholder's cases.
    apply(claimed(2, { assignee: { id: 42, name: '王五' } }))
    const local = addStaff(store, 'wang5', 'clerk', '王五')
    expect(linkSignedIn(store.sqlite, { id: 42, username: 'wang5', displayName: '王五', role: 'clerk', scopes: null, mustChangePassword: false, credentialVersion: 1, sessionsEndedAt: null }, 'scrypt$y', '2026-11-23T02:00:00Z').id).toBe(local.id)
    expect(store.sqlite.prepare("SELECT assignee_id FROM cases WHERE id = 'c-2'").get()).toEqual({ assignee_id: local.id })
    expect(count('staff', "username = '#server-42'")).toBe(0)
  })

  it('maps the server’s document ids in events to the desk’s rows, and settles a local letter whose number the server gave away', () => {
    const letter = { id: 900, docType: 'transfer_notice', number: 'N-1', verificationCode: 'V-1', sha256: sha256('pdf'), fileName: 'n1.pdf', issuedById: null, issuedAt: T0 }
    // A letter this desk issued for case 2 with the same number, its action still queued.
    apply(sampleSnapshot(2))
    store.sqlite.prepare("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, 3, x'010203')").run(sha256('local'))
    const localDoc = store.sqlite
      .prepare("INSERT INTO issued_documents (case_id, doc_type, number, verification_code, sha256, file_name, issued_at) VALUES ('c-2', 'transfer_notice', 'N-1', 'V-9', ?, 'x.pdf', ?)")
      .run(sha256('local'), T0).lastInsertRowid
    const mutation = randomUUID()
    store.sqlite.prepare("INSERT INTO outbox (id, case_id, name, args, base_version) VALUES (?, 'c-2', 'case.act', ?, 1)").run(mutation, JSON.stringify({ caseId: 'c-2', action: 'approve', documentId: Number(localDoc) }))
    const approve = { at: T0, actorId: 41, actor: '李强', action: 'approve', fromState: 'submitted', toState: 'awaiting_archive', reasons: [], note: '', data: { documentId: 900 } }
    const snap = sampleSnapshot(1, { case: { state: 'awaiting_archive', version: 3 } })
    apply({ ...snap, events: [...snap.events, approve], documents: [letter] })
    const doc = store.sqlite.prepare("SELECT id, case_id FROM issued_documents WHERE number = 'N-1'").get() as { id: number; case_id: string }
    expect(doc.case_id).toBe('c-1')
    const data = JSON.parse((store.sqlite.prepare("SELECT data FROM case_events WHERE action = 'approve'").get() as { data: string }).data)
    expect(data.documentId).toBe(doc.id)
    expect(store.sqlite.prepare('SELECT status FROM outbox WHERE id = ?').get(mutation)).toEqual({ status: 'rejected' })
    expect(store.sqlite.prepare('SELECT message FROM attention WHERE mutation_id = ?').get(mutation)).toEqual({ message: expect.stringContaining('文书编号已被其他窗口使用') })
  })

  it('an action with several letters: keeps them while queued, maps every id in the event, and drops them all when one number was given away', () => {
    const serverLetter = (id: number, n: number) => ({ id, docType: 'transfer_notice', number: `N-${n}`, verificationCode: `V-${n}`, sha256: sha256('pdf'), fileName: `n${n}.pdf`, issuedById: null, issuedAt: T0 })
    apply(sampleSnapshot(1), sampleSnapshot(2))
    store.sqlite.prepare("INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, 3, x'010203')").run(sha256('local'))
    const local = (caseId: string, number: string) =>
      Number(
        store.sqlite
          .prepare("INSERT INTO issued_documents (case_id, doc_type, number, verification_code, sha256, file_name, issued_at) VALUES (?, 'transfer_notice', ?, ?, ?, 'x.pdf', ?)")
          .run(caseId, number, `L-${number}`, sha256('local'), T0).lastInsertRowid
      )
    // Case 2: two letters of one queued action; a pull of case 2 without them keeps them (they are still to be pushed).
    const [l1, l2] = [local('c-2', 'N-1'), local('c-2', 'N-7')]
    const mutation = randomUUID()
    store.sqlite.prepare("INSERT INTO outbox (id, case_id, name, args, base_version) VALUES (?, 'c-2', 'case.act', ?, 1)").run(mutation, JSON.stringify({ caseId: 'c-2', action: 'approve', documentIds: [l1, l2] }))
    apply(sampleSnapshot(2))
    expect(count('issued_documents', "case_id = 'c-2'")).toBe(2)
    // The server gave N-1 to a letter of case 1 (its approval issued two): the queued action cannot go through — both its letters go.
    const approve = { at: T0, actorId: 41, actor: '李强', action: 'approve', fromState: 'submitted', toState: 'awaiting_archive', reasons: [], note: '', data: { documentId: 900, documentIds: [900, 901] } }
    const snap = sampleSnapshot(1, { case: { state: 'awaiting_archive', version: 3 } })
    apply({ ...snap, events: [...snap.events, approve], documents: [serverLetter(900, 1), serverLetter(901, 2)] })
    const ids = (store.sqlite.prepare("SELECT id FROM issued_documents WHERE case_id = 'c-1' ORDER BY number").all() as { id: number }[]).map((r) => r.id)
    expect(ids).toHaveLength(2)
    const data = JSON.parse((store.sqlite.prepare("SELECT data FROM case_events WHERE action = 'approve'").get() as { data: string }).data)
    expect(data).toMatchObject({ documentId: ids[0], documentIds: ids })
    expect(count('issued_documents', "case_id = 'c-2'")).toBe(0)
    expect(store.sqlite.prepare('SELECT status FROM outbox WHERE id = ?').get(mutation)).toEqual({ status: 'rejected' })
  })

  it('refuses a whole page when one snapshot cannot be written (nothing half-applied, cursor unchanged)', () => {
    setState(store, 'cursor', 'e:0')
    const broken = sampleSnapshot(2, { case: { id: 'c-1' } }) // same case id, another case number…
    broken.case.caseNumber = 'CD20260302000001'
    const clash = sampleSnapshot(3, { case: { caseNumber: 'CD20260302000001' } }) // …and a third case reusing that number
    expect(() => apply(broken, clash)).toThrow()
    expect(count('cases')).toBe(0)
    expect(getState(store, 'cursor')).toBe('e:0')
  })
})

describe('resync', () => {
  it('empties the mirror but keeps the outbox, the cases it refers to, and the blobs', () => {
    apply(claimed(1), sampleSnapshot(2), sampleSnapshot(3))
    const clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
    s.cases.claim('c-2', clerk)
    applySnapshot(store.sqlite, sampleSnapshot(2), now) // server state again; the claim stays queued
    clearMirror(store)
    expect(store.sqlite.prepare('SELECT id FROM cases').all()).toEqual([{ id: 'c-2' }])
    expect(count('case_events') + count('attachments') + count('leases')).toBe(0)
    expect(count('applicants')).toBe(1)
    expect(count('outbox', "status = 'pending'")).toBe(1)
    expect(count('blobs')).toBe(3)
    expect(getState(store, 'cursor')).toBeNull()
  })
})
