import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServicesOn } from '../api'
import { fixedClock } from '../clock'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { type MutationResult, pendingBatch, readPending, recordResults, toWire, toWireBatch } from './outbox'
import { T0 } from './testing'

let store: ReturnType<typeof tempStore>
beforeEach(() => (store = tempStore()))
afterEach(() => store.dispose())

const queue = (caseId: string | null, name: string, args: Record<string, unknown> = { caseId }, status = 'pending'): string => {
  const id = randomUUID()
  store.sqlite.prepare('INSERT INTO outbox (id, case_id, name, args, base_version, status) VALUES (?, ?, ?, ?, 1, ?)').run(id, caseId, name, JSON.stringify(args), status)
  return id
}
const statusOf = (id: string) => (store.sqlite.prepare('SELECT status FROM outbox WHERE id = ?').get(id) as { status: string }).status

describe('choosing what to push', () => {
  it('takes pending rows in seq order, at most the batch size, skipping settled ones', () => {
    const a = addCase(store)
    const b = addCase(store)
    queue(a, 'case.release', { caseId: a }, 'applied')
    const ids = [queue(a, 'case.act', { caseId: a, action: 'x' }), queue(b, 'case.act', { caseId: b, action: 'y' }), queue(a, 'case.act', { caseId: a, action: 'z' })]
    queue(b, 'case.claim', { caseId: b }, 'rejected')
    expect(pendingBatch(store).map((r) => r.id)).toEqual(ids)
    expect(pendingBatch(store, 2).map((r) => r.id)).toEqual(ids.slice(0, 2))
  })

  it('keeps a claim and the decisions of its case in one batch: each names the claim (leaseFrom), not a token the desk still holds', () => {
    const a = addCase(store)
    const b = addCase(store)
    const claimB = queue(b, 'case.claim')
    const claimA = queue(a, 'case.claim')
    const actA = queue(a, 'case.act', { caseId: a, action: 'approve' })
    const releaseB = queue(b, 'case.release')
    const actB = queue(b, 'case.act', { caseId: b, action: 'approve' })
    const rows = pendingBatch(store)
    expect(rows.map((r) => r.id)).toEqual([claimB, claimA, actA, releaseB, actB])
    store.sqlite.prepare('INSERT INTO leases (case_id, lease_token) VALUES (?, 7), (?, 8)').run(a, b)
    const wire = toWireBatch(store, rows)
    expect(wire[2]).toMatchObject({ id: actA, leaseFrom: claimA })
    expect(wire[2].leaseToken).toBeUndefined()
    expect(wire[3]).toMatchObject({ id: releaseB, leaseFrom: claimB })
    // Behind a release of its case a decision presents no lease (it ended); alone it presents the desk's token.
    expect(wire[4].leaseFrom).toBeUndefined()
    expect(wire[4].leaseToken).toBeUndefined()
    expect(toWireBatch(store, [rows[2]])[0]).toMatchObject({ id: actA, leaseToken: 7 })
    expect(toWireBatch(store, [rows[2]])[0].leaseFrom).toBeUndefined()
  })
})

describe('the protocol form of a mutation', () => {
  it('sends a letter itself instead of the desk row id, and the lease token with decisions only', () => {
    const s = createServicesOn(store, fixedClock(T0))
    const clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
    const id = addCase(store)
    s.cases.claim(id, clerk)
    const { documentId } = s.cases.act(id, 'approve', 2, {}, clerk)
    store.sqlite.prepare('INSERT INTO leases (case_id, lease_token) VALUES (?, 7)').run(id)
    const [claim, act] = readPending(store, 10)
    expect(claim.name).toBe('case.claim')
    expect(toWire(store, claim)).toEqual({ seq: claim.seq, id: claim.id, name: 'case.claim', args: { caseId: id, state: 'submitted', round: 1 }, baseVersion: 1 })
    const wire = toWire(store, act)
    const doc = store.sqlite.prepare('SELECT * FROM issued_documents WHERE id = ?').get(documentId) as Record<string, string>
    expect(wire).toMatchObject({ name: 'case.act', baseVersion: 2, leaseToken: 7, args: { caseId: id, action: 'approve', input: {} } })
    expect(wire.args.documentId).toBeUndefined()
    expect(wire.args.documentIds).toBeUndefined()
    expect(wire.args.document).toBeUndefined()
    expect(wire.args.documents).toEqual([{
      docType: 'transfer_notice',
      number: doc.number,
      verificationCode: doc.verification_code,
      sha256: doc.sha256,
      fileName: doc.file_name,
      issuedAt: doc.issued_at,
      // The template's input travels with it: any desk can render the final letter.
      data: JSON.parse(doc.data)
    }])
    expect(wire.args.documents).toMatchObject([{ data: { number: doc.number, custodian: '北京市海淀区人才服务中心' } }])
    // A row queued before several letters per action names its one letter as `documentId`: sent the same way.
    const { documentIds: _ids, ...legacy } = act.args
    expect(toWire(store, { ...act, args: { ...legacy, documentId } }).args).toEqual(wire.args)
  })
})

describe('recording the server’s answers', () => {
  it('marks rows applied or rejected, keeps or drops the lease, explains a rejection, leaves unanswered rows pending', () => {
    const a = addCase(store)
    const claim = queue(a, 'case.claim')
    const act = queue(a, 'case.act', { caseId: a, action: 'approve', input: {} })
    const later = queue(a, 'case.release')
    const rows = readPending(store, 10)
    const results: MutationResult[] = [
      { id: claim, seq: rows[0].seq, status: 'applied', version: 2, leaseToken: 3 },
      {
        id: act,
        seq: rows[1].seq,
        status: 'rejected',
        code: 'LEASE_LOST',
        message: '您对此业务的认领已失效',
        current: { state: 'returned', version: 4, assignee: null, lastEvent: { actor: '李强', action: 'return_for_changes', at: '2026-03-02T02:42:00Z' } }
      }
    ]
    expect(recordResults(store, rows, results, new Date(T0), '张敏')).toEqual({ applied: 1, rejected: 1, quarantined: 0 })
    expect([statusOf(claim), statusOf(act), statusOf(later)]).toEqual(['applied', 'rejected', 'pending'])
    expect(store.sqlite.prepare('SELECT lease_token FROM leases WHERE case_id = ?').get(a)).toEqual({ lease_token: 3 })
    const items = store.sqlite.prepare('SELECT case_id, mutation_id, code, message FROM attention').all()
    expect(items).toEqual([
      { case_id: a, mutation_id: act, code: 'LEASE_LOST', message: '您的认领已失效（已超时或已被他人重新认领）；已由 李强 于 10:42 退回修改；您的“审核通过”未生效' }
    ])
    // The same answers again (a retried push answered from the server's record) change nothing.
    recordResults(store, rows, results, new Date(T0))
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM attention').get()).toEqual({ n: 1 })
    // An applied release (or an action that ends the claim) drops the token.
    recordResults(store, pendingBatch(store), [{ id: later, seq: rows[2].seq, status: 'applied', version: 5 }], new Date(T0))
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM leases').get()).toEqual({ n: 0 })
  })

  it('tells a refused claim and the decision queued behind it as one item for the case', () => {
    const a = addCase(store)
    const claim = queue(a, 'case.claim', { caseId: a, state: 'submitted', round: 1 })
    const act = queue(a, 'case.act', { caseId: a, action: 'approve', input: {} })
    const rows = readPending(store, 10)
    const current = { state: 'awaiting_archive', version: 3, assignee: null, lastEvent: { actor: '张敏', action: 'approve', at: '2026-03-02T02:02:00Z' } }
    // The claim's answer comes alone (its batch ends there), the decision's in the next batch.
    recordResults(store, [rows[0]], [{ id: claim, seq: rows[0].seq, status: 'rejected', code: 'VERSION_CONFLICT', message: '此业务在您认领前已有变化', current }], new Date(T0), '李强')
    recordResults(store, [rows[1]], [{ id: act, seq: rows[1].seq, status: 'rejected', code: 'NOT_CLAIMED', message: '请先认领此业务，再办理', current }], new Date(T0), '李强')
    expect([statusOf(claim), statusOf(act)]).toEqual(['rejected', 'rejected'])
    expect(store.sqlite.prepare('SELECT mutation_id, message FROM attention').all()).toEqual([
      { mutation_id: claim, message: '已由 张敏 于 10:02 审核通过；您的“认领”和“审核通过”未生效' }
    ])
  })
})
