// The outbox and the print console: what a letter's mutations carry, and what the desk does when the
// exchange service answers them (or refuses the action that drafted a letter).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServicesOn } from '../api'
import { fixedClock } from '../clock'
import { draftLetter } from '../documents/testing'
import { queueLetterMutation } from '../documents/lifecycle'
import { addStaff, tempStore } from '../testing/fixtures'
import { blobsOf, type MutationResult, pendingBatch, readPending, recordResults, toWire } from './outbox'
import { discardQuarantined, listQuarantined } from './quarantine'
import { T0 } from './testing'

let store: ReturnType<typeof tempStore>
beforeEach(() => (store = tempStore()))
afterEach(() => store.dispose())

const rejected = (id: string, seq: number, code: string, message = '不行'): MutationResult => ({ id, seq, status: 'rejected', code, message })
const letter = (number: string) => store.sqlite.prepare('SELECT status, signed_sha256, void_reason FROM issued_documents WHERE number = ?').get(number)
const outbox = () => store.sqlite.prepare('SELECT name, status, args, actor_id FROM outbox ORDER BY seq').all() as { name: string; status: string; args: string; actor_id: number | null }[]

describe('a letter’s mutations in the outbox', () => {
  it('carry no lease token, need the signed file uploaded first, do not cut a batch, and leave the case’s lease alone when applied', () => {
    const d = draftLetter(store)
    store.sqlite.prepare('INSERT INTO leases (case_id, lease_token) VALUES (?, 7)').run(d.caseId)
    queueLetterMutation(store.sqlite, d.caseId, 'document.sign', { number: d.number, signedSha256: 'a'.repeat(64), signedAt: T0 }, null)
    queueLetterMutation(store.sqlite, d.caseId, 'document.print', { number: d.number, kind: 'print', reason: '', printer: null, at: T0 }, null)
    const rows = pendingBatch(store)
    expect(rows.map((r) => r.name)).toEqual(['document.sign', 'document.print'])
    expect(toWire(store, rows[0])).toEqual({ seq: rows[0].seq, id: rows[0].id, name: 'document.sign', args: { number: d.number, signedSha256: 'a'.repeat(64), signedAt: T0 }, baseVersion: null })
    expect(blobsOf(store, rows[0])).toEqual(['a'.repeat(64)])
    expect(blobsOf(store, rows[1])).toEqual([])
    recordResults(store, rows, rows.map((r) => ({ id: r.id, seq: r.seq, status: 'applied' as const, version: 3 })), new Date(T0))
    expect(store.sqlite.prepare('SELECT lease_token FROM leases WHERE case_id = ?').get(d.caseId)).toEqual({ lease_token: 7 })
  })

  it('a signing or voiding refused for its own sake is undone on the desk; one refused because the letter moved on waits for the pull', () => {
    const [a, b, c] = [draftLetter(store), draftLetter(store), draftLetter(store)]
    for (const d of [a, b]) store.sqlite.prepare("UPDATE issued_documents SET status = 'issued', signed_sha256 = sha256, signed_at = ? WHERE id = ?").run(T0, d.id)
    store.sqlite.prepare("UPDATE issued_documents SET status = 'void', voided_at = ?, void_reason = '错了' WHERE id = ?").run(T0, c.id)
    const sha = (id: number) => (store.sqlite.prepare('SELECT sha256 FROM issued_documents WHERE id = ?').get(id) as { sha256: string }).sha256
    queueLetterMutation(store.sqlite, a.caseId, 'document.sign', { number: a.number, signedSha256: sha(a.id), signedAt: T0 }, null)
    queueLetterMutation(store.sqlite, b.caseId, 'document.sign', { number: b.number, signedSha256: sha(b.id), signedAt: T0 }, null)
    queueLetterMutation(store.sqlite, c.caseId, 'document.void', { number: c.number, reason: '错了', at: T0 }, null)
    const rows = readPending(store, 10)
    recordResults(store, rows, [rejected(rows[0].id, rows[0].seq, 'FORBIDDEN'), rejected(rows[1].id, rows[1].seq, 'ILLEGAL_TRANSITION'), rejected(rows[2].id, rows[2].seq, 'NOT_FOUND')], new Date(T0))
    expect(letter(a.number)).toEqual({ status: 'draft', signed_sha256: null, void_reason: null })
    expect(letter(b.number)).toMatchObject({ status: 'issued' })
    expect(letter(c.number)).toEqual({ status: 'draft', signed_sha256: null, void_reason: null })
  })
})

describe('an action whose letter the exchange service refused', () => {
  it('drops the letter, settles what was queued about it, records its number void and queues number.void under the same clerk', () => {
    const s = createServicesOn(store, fixedClock(T0))
    const clerk = addStaff(store, 'clerk1', 'clerk', '张敏')
    const boss = addStaff(store, 'super1', 'supervisor', '赵建国')
    const d = draftLetter(store)
    s.cases.claim(d.caseId, clerk)
    store.sqlite.prepare("INSERT INTO outbox (id, case_id, name, args, base_version, actor_id) VALUES ('act-1', ?, 'case.act', ?, 2, ?)").run(d.caseId, JSON.stringify({ caseId: d.caseId, action: 'approve', input: {}, documentId: d.id }), clerk.id)
    queueLetterMutation(store.sqlite, d.caseId, 'document.print', { number: d.number, kind: 'save', reason: '', printer: null, at: T0 }, boss.id)
    const [claim, act] = readPending(store, 2)
    recordResults(store, [claim, act], [{ id: claim.id, seq: claim.seq, status: 'applied', version: 2, leaseToken: 1 }, rejected(act.id, act.seq, 'LEASE_LOST', '认领已失效')], new Date(T0))
    expect(letter(d.number)).toBeUndefined()
    expect(store.sqlite.prepare('SELECT counter, serial, reason, at FROM number_voids').all()).toEqual([
      { counter: 'transfer_notice:2026', serial: 1, reason: '交换服务未接受出具此文书的操作：认领已失效', at: new Date(T0).toISOString() }
    ])
    expect(outbox().map((r) => [r.name, r.status, r.actor_id])).toEqual([
      ['case.claim', 'applied', clerk.id],
      ['case.act', 'rejected', clerk.id],
      ['document.print', 'rejected', boss.id],
      ['number.void', 'pending', clerk.id]
    ])
    expect(JSON.parse(outbox()[3].args)).toEqual({ counter: 'transfer_notice:2026', serial: 1, reason: '交换服务未接受出具此文书的操作：认领已失效' })
  })

  it('drops every letter of a refused action that issued several, each number void and pushed', () => {
    const [a, b] = [draftLetter(store), draftLetter(store)]
    store.sqlite.prepare("INSERT INTO outbox (id, case_id, name, args, base_version) VALUES ('act-1', ?, 'case.act', ?, 2)").run(a.caseId, JSON.stringify({ caseId: a.caseId, action: 'approve', input: {}, documentIds: [a.id, b.id] }))
    const [act] = readPending(store, 1)
    expect(blobsOf(store, act)).toHaveLength(2)
    expect((toWire(store, act).args.documents as { number: string }[]).map((d) => d.number)).toEqual([a.number, b.number])
    recordResults(store, [act], [rejected(act.id, act.seq, 'FORBIDDEN', '无权办理')], new Date(T0))
    expect([letter(a.number), letter(b.number)]).toEqual([undefined, undefined])
    expect(store.sqlite.prepare('SELECT counter, serial FROM number_voids ORDER BY serial').all()).toEqual([
      { counter: 'transfer_notice:2026', serial: 1 },
      { counter: 'transfer_notice:2026', serial: 2 }
    ])
    expect(outbox().map((r) => [r.name, r.status])).toEqual([['case.act', 'rejected'], ['number.void', 'pending'], ['number.void', 'pending']])
  })

  it('an archive number a refused deposit drew is recorded void too, and pushed', () => {
    const d = draftLetter(store)
    store.sqlite.prepare("INSERT INTO outbox (id, case_id, name, args, base_version) VALUES ('act-1', ?, 'case.act', ?, 5)").run(d.caseId, JSON.stringify({ caseId: d.caseId, action: 'approve_archive', input: {}, documentId: null, archiveNumber: 'D2026000042' }))
    const [act] = readPending(store, 1)
    recordResults(store, [act], [rejected(act.id, act.seq, 'VERSION_CONFLICT', '已被他人更新')], new Date(T0))
    expect(store.sqlite.prepare('SELECT counter, serial, reason FROM number_voids').all()).toEqual([
      { counter: 'archive_number:2026', serial: 42, reason: '交换服务未接受分配此档案编号的操作：已被他人更新' }
    ])
    expect(outbox().map((r) => [r.name, JSON.parse(r.args).serial ?? null])).toEqual([['case.act', null], ['number.void', 42]])
    expect(letter(d.number)).toMatchObject({ status: 'draft' })
  })

  it('a number outside this desk’s blocks (NUMBER_NOT_RESERVED) is recorded void here, but not pushed', () => {
    const d = draftLetter(store)
    store.sqlite.prepare("INSERT INTO outbox (id, case_id, name, args, base_version) VALUES ('act-1', ?, 'case.act', ?, 2)").run(d.caseId, JSON.stringify({ caseId: d.caseId, action: 'approve', input: {}, documentId: d.id }))
    const [act] = readPending(store, 1)
    recordResults(store, [act], [rejected(act.id, act.seq, 'NUMBER_NOT_RESERVED', '不在本机号段内')], new Date(T0))
    expect(letter(d.number)).toBeUndefined()
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM number_voids').get()).toEqual({ n: 1 })
    expect(outbox().map((r) => r.name)).toEqual(['case.act'])
  })

  it('a MALFORMED refusal sets the action aside with its letter kept; an administrator’s discard then settles it like a refusal', () => {
    const admin = addStaff(store, 'chief', 'admin', '刘主任')
    const d = draftLetter(store)
    store.sqlite.prepare("INSERT INTO outbox (id, case_id, name, args, base_version) VALUES ('act-1', ?, 'case.act', ?, 2)").run(d.caseId, JSON.stringify({ caseId: d.caseId, action: 'approve', input: {}, documentId: d.id }))
    queueLetterMutation(store.sqlite, d.caseId, 'document.print', { number: d.number, kind: 'print', reason: '', printer: null, at: T0 }, null)
    const [act] = readPending(store, 1)
    expect(recordResults(store, [act], [rejected(act.id, act.seq, 'MALFORMED', '文书格式有误')], new Date(T0))).toEqual({ applied: 0, rejected: 0, quarantined: 1 })
    expect(letter(d.number)).toMatchObject({ status: 'draft' })
    expect(readPending(store, 10)).toEqual([]) // the print waits behind it (same case)
    expect(listQuarantined(store)).toEqual([expect.objectContaining({ id: 'act-1', label: '审核通过', held: 1, answer: { status: 'rejected', code: 'MALFORMED', message: '文书格式有误' } })])
    expect(discardQuarantined(store, fixedClock(T0), 'act-1', '文书有误，作废重办', admin)).toEqual([])
    expect(letter(d.number)).toBeUndefined()
    expect(store.sqlite.prepare('SELECT counter, serial FROM number_voids').all()).toEqual([{ counter: 'transfer_notice:2026', serial: 1 }])
    expect(outbox().map((r) => [r.name, r.status])).toEqual([['case.act', 'discarded'], ['document.print', 'rejected'], ['number.void', 'pending']])
  })
})
