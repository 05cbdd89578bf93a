import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { caseTypeDef } from '../../../src/shared/domain/case-types'
import { counterKey, formatDocumentNumber } from '../../../src/shared/domain/numbers'
import { schema } from '../db'
import { portalDepositForm, T0 } from '../testing/harness'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

const events = async (caseId: string) =>
  (await t.sdb.db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId)).orderBy(schema.caseEvents.id)).map((e) => e.action)

describe('push', () => {
  it('applies a mutation exactly once: the same seq or id again is answered from the record', async () => {
    const { caseId } = await t.submitApplication()
    const desk = await t.desk('clerk1')
    const first = await t.push(desk, [{ name: 'case.claim', args: { caseId }, seq: 1, id: 'a8f3c8a2-2a55-4c1e-9a0e-6a4a4f1f0c01' }])
    expect(first.results).toEqual([{ id: 'a8f3c8a2-2a55-4c1e-9a0e-6a4a4f1f0c01', seq: 1, status: 'applied', version: 2, leaseToken: 1 }])
    const again = await t.push(desk, [{ name: 'case.claim', args: { caseId }, seq: 1, id: 'a8f3c8a2-2a55-4c1e-9a0e-6a4a4f1f0c01' }])
    expect(again.results).toEqual(first.results)
    // The record wins even when the payload differs (here a different seq with the same id).
    const sameId = await t.push(desk, [{ name: 'case.release', args: { caseId }, seq: 2, id: 'a8f3c8a2-2a55-4c1e-9a0e-6a4a4f1f0c01' }])
    expect(sameId.results).toEqual(first.results)
    expect(await events(caseId)).toEqual(['submit', 'claim'])
    expect(again.lastSeq).toBe(1)
  })

  it('applies in order and records a rejection in the middle without stopping the queue', async () => {
    const a = await t.submitApplication(1)
    const b = await t.submitApplication(2)
    const desk = await t.desk('clerk1')
    const r = await t.push(desk, [
      { name: 'case.claim', args: { caseId: a.caseId } },
      { name: 'case.act', args: { caseId: b.caseId, action: 'not_accepted', input: { reason: '不属于受理范围' } }, baseVersion: 1 },
      { name: 'case.claim', args: { caseId: b.caseId } },
      { name: 'case.act', args: { caseId: b.caseId, action: 'not_accepted', input: { reason: '不属于受理范围' } }, baseVersion: 2 }
    ])
    expect(r.results.map((x) => [x.seq, x.status, x.code ?? null])).toEqual([
      [1, 'applied', null],
      [2, 'rejected', 'NOT_CLAIMED'],
      [3, 'applied', null],
      [4, 'applied', null]
    ])
    expect(r.results[1].message).toBe('请先认领此业务，再办理')
    expect(r.results[1].current).toMatchObject({ state: 'submitted', version: 1, assignee: null, lastEvent: { actor: '申请人2', action: 'submit' } })
    expect(r.lastSeq).toBe(4)
    expect(await events(b.caseId)).toEqual(['submit', 'claim', 'not_accepted'])
    const [row] = await t.sdb.db.select().from(schema.caseEvents).where(eq(schema.caseEvents.action, 'not_accepted'))
    expect(row.data).toEqual({ notice: '您的存档申请不予受理，原因：1. 不属于受理范围' })
    // A replay of the whole batch changes nothing.
    const replay = await t.app.inject({ method: 'POST', url: '/sync/push', headers: desk.headers, payload: { clientId: desk.clientId, mutations: r.mutations } })
    expect(replay.json().results).toEqual(r.results)
  })

  it('fences decisions with lease tokens: an expired lease re-claimed by another desk makes the old holder LEASE_LOST', async () => {
    const { caseId } = await t.submitApplication()
    await t.security({ sessionIdleMinutes: 720 }) // the desks stay signed in over the 8 hours
    const zhang = await t.desk('clerk1')
    const li = await t.desk('clerk2')
    const claimA = await t.push(zhang, [{ name: 'case.claim', args: { caseId } }])
    expect(claimA.results[0]).toMatchObject({ status: 'applied', leaseToken: 1, version: 2 })
    const taken = await t.push(li, [{ name: 'case.claim', args: { caseId } }])
    expect(taken.results[0]).toMatchObject({ status: 'rejected', code: 'CLAIMED_BY_OTHER', message: '此业务已由 张敏 认领' })
    t.clock.advance(8 * 3600_000 + 1000)
    const claimB = await t.push(li, [{ name: 'case.claim', args: { caseId } }])
    expect(claimB.results[0]).toMatchObject({ status: 'applied', leaseToken: 2, version: 3 })
    const late = await t.push(zhang, [{ name: 'case.act', args: { caseId, action: 'approve', input: {} }, baseVersion: 2, leaseToken: 1 }])
    expect(late.results[0]).toMatchObject({
      status: 'rejected',
      code: 'LEASE_LOST',
      current: { state: 'submitted', version: 3, assignee: { id: t.staffIds.get('clerk2'), name: '李强' }, lastEvent: { actor: '李强', action: 'claim', actionLabel: '认领' } }
    })
    const doc = await t.letter(li)
    const ok = await t.push(li, [{ name: 'case.act', args: { caseId, action: 'approve', input: {}, document: doc }, baseVersion: 3, leaseToken: 2 }])
    expect(ok.results[0]).toEqual({ id: ok.mutations[0].id, seq: 3, status: 'applied', version: 4 })
    const [c] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, caseId))
    expect(c).toMatchObject({ state: 'awaiting_archive', leaseHolderId: null, deadlineOn: null, clockStartedOn: null, leaseToken: 2 })
    const docs = await t.sdb.db.select().from(schema.issuedDocuments)
    expect(docs).toMatchObject([{ caseId, number: '留档调字〔2026〕第000001号', issuedById: t.staffIds.get('clerk2') }])
  })

  it('rejects a stale baseVersion with VERSION_CONFLICT and explains who changed the case', async () => {
    const { caseId } = await t.submitApplication()
    const desk = await t.desk('clerk1')
    await t.push(desk, [{ name: 'case.claim', args: { caseId } }])
    t.clock.advance(60_000)
    const patch = await t.app.inject({ method: 'PATCH', url: `/portal/applications/${caseId}`, headers: t.portalHeaders, payload: { form: portalDepositForm({ custodian: '上海市人才服务中心' }) } })
    expect(patch.statusCode).toBe(200)
    const r = await t.push(desk, [{ name: 'case.act', args: { caseId, action: 'return_for_changes', input: { reasons: [{ material: 'cv', text: '履历时间不连续' }] } }, baseVersion: 2 }])
    expect(r.results[0]).toMatchObject({
      status: 'rejected',
      code: 'VERSION_CONFLICT',
      current: { state: 'submitted', version: 3, assignee: { name: '张敏' }, lastEvent: { actor: '申请人1', action: 'update', actionLabel: '修改申请', at: '2026-03-02T02:01:00.000Z' } }
    })
  })

  it('runs a case to deposited: the token of the desk’s own claim is used when the queued decision has none', async () => {
    const { caseId } = await t.submitApplication()
    const desk = await t.desk('clerk1')
    const doc = await t.letter(desk)
    const signIn = { receivedOn: '2026-03-02', sender: '北京市海淀区人才服务中心', trackingNumber: 'EMS1234567', stubPresent: true }
    const r = await t.push(desk, [
      { name: 'case.claim', args: { caseId } },
      { name: 'case.act', args: { caseId, action: 'approve', input: {}, document: doc }, baseVersion: 2 },
      { name: 'case.claim', args: { caseId } },
      { name: 'case.act', args: { caseId, action: 'archive_sign_in', input: signIn }, baseVersion: 4 },
      { name: 'case.act', args: { caseId, action: 'approve_archive', input: {} }, baseVersion: 5 }
    ])
    expect(r.results.map((x) => [x.status, x.version, x.leaseToken])).toEqual([
      ['applied', 2, 1],
      ['applied', 3, undefined],
      ['applied', 4, 2],
      ['applied', 5, 2],
      ['applied', 6, undefined]
    ])
    const [c] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, caseId))
    expect(c).toMatchObject({ state: 'deposited', deadlineOn: null, leaseHolderId: null })
    const rows = await t.sdb.db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId)).orderBy(schema.caseEvents.id)
    const signed = rows.find((e) => e.action === 'archive_sign_in')!
    expect(signed.data).toMatchObject({ ...signIn, notice: '您的档案已由我处签收，进入档案审核。' })
    expect(rows.at(-1)!.data).toEqual({ archiveNumber: 'D2026000001', notice: '您的档案已审核通过并存入，档案编号：D2026000001。' })
    const [archive] = await t.sdb.db.select().from(schema.archives)
    expect(archive).toMatchObject({ archiveNumber: 'D2026000001', status: 'in_storage' })
  })

  it('starts the archive-review clock on the received date, refuses a future one, and never deposits an archive twice', async () => {
    let desk = await t.desk('clerk1')
    const toArchiveReview = async (receivedOn: string) => {
      t.clock.set(T0)
      desk = await t.desk('clerk1')
      const { caseId } = await t.submitApplication(1)
      const doc = await t.letter(desk)
      await t.push(desk, [
        { name: 'case.claim', args: { caseId } },
        { name: 'case.act', args: { caseId, action: 'approve', input: {}, document: doc }, baseVersion: 2 }
      ])
      t.clock.set('2026-05-06T02:00:00Z')
      desk = await t.desk('clerk1') // signed in again that day
      const signIn = { receivedOn, sender: '某某大学', trackingNumber: 'EMS7654321', stubPresent: true }
      const r = await t.push(desk, [
        { name: 'case.claim', args: { caseId } },
        { name: 'case.act', args: { caseId, action: 'archive_sign_in', input: signIn }, baseVersion: 4 }
      ])
      return { caseId, result: r.results[1] }
    }
    const future = await toArchiveReview('2026-05-07')
    expect(future.result).toMatchObject({ status: 'rejected', code: 'VALIDATION', message: '日期不能晚于今天' })
    const first = await toArchiveReview('2026-04-30')
    const [c] = await t.sdb.db.select().from(schema.cases).where(eq(schema.cases.id, first.caseId))
    // 劳动节 2026: 1–5 May off, Saturday 9 May a make-up working day.
    expect(c).toMatchObject({ state: 'archive_review', clockStartedOn: '2026-04-30', deadlineOn: '2026-05-11' })
    const second = await toArchiveReview('2026-05-06')
    const deposit = await t.push(desk, [
      // Claimed on another sign-in's desk (clientId): the token is given explicitly.
      { name: 'case.act', args: { caseId: first.caseId, action: 'approve_archive', input: {} }, baseVersion: 5, leaseToken: 2 },
      { name: 'case.act', args: { caseId: second.caseId, action: 'approve_archive', input: {} }, baseVersion: 5, leaseToken: 2 }
    ])
    expect(deposit.results.map((x) => x.status)).toEqual(['applied', 'rejected'])
    expect(deposit.results[1]).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: '该申请人的档案已在库（档案编号 D2026000001），不能重复存入' })
  })

  it('refuses a letter whose file was not uploaded, and actions of a role that may not act', async () => {
    const { caseId } = await t.submitApplication()
    const desk = await t.desk('clerk1')
    const number = `留档调字〔2026〕第${String(await t.draw(desk, 'transfer_notice:2026')).padStart(6, '0')}号`
    const doc = { docType: 'transfer_notice', number, verificationCode: 'VDT1', sha256: 'a'.repeat(64), fileName: 'x.pdf', issuedAt: '2026-03-02T02:00:00Z' }
    const r = await t.push(desk, [
      { name: 'case.claim', args: { caseId } },
      { name: 'case.act', args: { caseId, action: 'approve', input: {}, document: doc }, baseVersion: 2 },
      { name: 'case.act', args: { caseId, action: 'approve', input: {} }, baseVersion: 2 },
      { name: 'case.fly', args: { caseId } },
      { name: 'case.act', args: { caseId, action: 'return_for_changes', input: { reasons: [] } }, baseVersion: 2 }
    ])
    expect(r.results.map((x) => x.code)).toEqual([undefined, 'VALIDATION', 'VALIDATION', 'MALFORMED', 'VALIDATION'])
    expect(r.results.slice(1).map((x) => x.message)).toEqual([
      '文书文件尚未上传到交换服务，请先上传后再同步',
      '“审核通过”须随附所出具文书的信息（文书文件先上传）',
      '未知的变更类型：case.fly',
      '请至少选择或填写一条原因'
    ])
    // A case type the role does not work on: FORBIDDEN before anything about the case (its holder) shows, and no `current`.
    const reviewer = await t.desk('reviewer1')
    const claim = await t.push(reviewer, [{ name: 'case.claim', args: { caseId } }])
    expect(claim.results[0]).toMatchObject({ code: 'FORBIDDEN', message: '认证审核员不办理存档申请，无权查看或办理' })
    expect(claim.results[0]).not.toHaveProperty('current')
    await t.push(desk, [{ name: 'case.release', args: { caseId } }])
    expect((await t.push(reviewer, [{ name: 'case.claim', args: { caseId } }])).results[0]).toMatchObject({ code: 'FORBIDDEN', message: '认证审核员不办理存档申请，无权查看或办理' })
  })

  it('refuses a claim queued while the case moved on (decided, or resubmitted for a new round); a claim after a mere release stands', async () => {
    const { caseId } = await t.submitApplication()
    const zhang = await t.desk('clerk1')
    const li = await t.desk('clerk2')
    const seen = { caseId, state: 'submitted', round: 1 }
    await t.push(li, [{ name: 'case.claim', args: seen }, { name: 'case.release', args: { caseId } }])
    expect((await t.push(zhang, [{ name: 'case.claim', args: seen }, { name: 'case.release', args: { caseId } }])).results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const reasons = [{ material: 'cv', text: '履历时间不连续' }]
    await t.push(li, [
      { name: 'case.claim', args: seen },
      { name: 'case.act', args: { caseId, action: 'return_for_changes', input: { reasons } }, baseVersion: 6 }
    ])
    expect((await t.push(zhang, [{ name: 'case.claim', args: seen }])).results[0]).toMatchObject({
      status: 'rejected',
      code: 'VERSION_CONFLICT',
      message: '此业务在您认领前已有变化（现为“退回修改”），认领未生效，请查看最新状态',
      current: { lastEvent: { actor: '李强', action: 'return_for_changes' } }
    })
    const resubmit = await t.app.inject({ method: 'POST', url: `/portal/applications/${caseId}/resubmit`, headers: t.portalHeaders, payload: {} })
    expect(resubmit.statusCode).toBe(200)
    expect((await t.push(zhang, [{ name: 'case.claim', args: seen }])).results[0]).toMatchObject({ code: 'VERSION_CONFLICT' })
    expect((await t.push(zhang, [{ name: 'case.claim', args: { ...seen, round: 2 } }])).results[0]).toMatchObject({ status: 'applied' })
  })

  it('grants a contested claim to exactly one of two desks pushing at the same time', async () => {
    const { caseId } = await t.submitApplication()
    const desks = [await t.desk('clerk1'), await t.desk('clerk2')]
    const results = await Promise.all(desks.map((d) => t.push(d, [{ name: 'case.claim', args: { caseId } }])))
    expect(results.map((r) => r.results[0].status).sort()).toEqual(['applied', 'rejected'])
    expect(await events(caseId)).toEqual(['submit', 'claim'])
    const changes = await t.sdb.db.select().from(schema.changes)
    expect(changes.map((c) => c.seq)).toEqual([1, 2])
  })

  it('answers 400 for a malformed batch and 426 for another schema version', async () => {
    const desk = await t.desk('clerk1')
    const bad = await t.app.inject({ method: 'POST', url: '/sync/push', headers: desk.headers, payload: { clientId: 'x', mutations: [] } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toEqual({ code: 'VALIDATION', message: 'clientId：clientId 应为 UUID' })
    const old = await t.app.inject({ method: 'POST', url: '/sync/push', headers: { ...desk.headers, 'x-casedesk-schema': '0' }, payload: {} })
    expect(old.statusCode).toBe(426)
    expect(old.json().error.code).toBe('SCHEMA_VERSION')
  })
})

describe('the letters of case.act', () => {
  const eventOf = async (caseId: string, action: string) =>
    (await t.sdb.db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId))).find((e) => e.action === action)

  it('takes them as `documents` (an older desk’s single `document` too); refuses a list that is not what the action issues', async () => {
    const { caseId } = await t.submitApplication()
    const desk = await t.desk('clerk1')
    const [a, b] = [await t.letter(desk), await t.letter(desk)]
    const act = (args: Record<string, unknown>) => ({ name: 'case.act', args: { caseId, action: 'approve', input: {}, ...args }, baseVersion: 2 })
    const r = await t.push(desk, [
      { name: 'case.claim', args: { caseId } },
      act({ documents: [a, b] }),
      act({ documents: [] }),
      act({ documents: [a], document: a }),
      act({ documents: [a] })
    ])
    expect(r.results.map((x) => [x.status, x.code])).toEqual([
      ['applied', undefined],
      ['rejected', 'VALIDATION'],
      ['rejected', 'VALIDATION'],
      ['rejected', 'VALIDATION'],
      ['applied', undefined]
    ])
    expect(r.results.slice(1, 4).map((x) => x.message)).toEqual([
      '“审核通过”应依次出具1份文书（调档通知单），收到2份（调档通知单、调档通知单）',
      '“审核通过”须随附所出具文书的信息（文书文件先上传）',
      '文书信息只能放在 documents 中，不能同时随附 document'
    ])
    const docs = await t.sdb.db.select().from(schema.issuedDocuments).where(eq(schema.issuedDocuments.caseId, caseId))
    expect(docs.map((d) => d.number)).toEqual([a.number])
    expect((await eventOf(caseId, 'approve'))?.data).toMatchObject({ documentId: docs[0].id, documentIds: [docs[0].id], document: { number: a.number }, documents: [{ number: a.number }] })
  })

  it('records several letters in the order the definition lists them, and refuses them in another order', async () => {
    const approve = caseTypeDef('archive_deposit')!.actions.approve
    const issues = approve.issues
    approve.issues = ['transfer_notice', 'material_receipt'] // test-only: the approval issues two letters
    try {
      const desk = await t.desk('clerk1')
      const receipt = async () => {
        const number = formatDocumentNumber('material_receipt', 2026, await t.draw(desk, counterKey('material_receipt', 2026)))
        return { ...(await t.letter(desk, number)), docType: 'material_receipt' }
      }
      const first = await t.submitApplication(1)
      const second = await t.submitApplication(2)
      const [notice1, receipt1, notice2] = [await t.letter(desk), await receipt(), await t.letter(desk)]
      const r = await t.push(desk, [
        { name: 'case.claim', args: { caseId: first.caseId } },
        { name: 'case.act', args: { caseId: first.caseId, action: 'approve', input: {}, documents: [receipt1, notice1] }, baseVersion: 2 },
        { name: 'case.act', args: { caseId: first.caseId, action: 'approve', input: {}, documents: [notice1, receipt1] }, baseVersion: 2 },
        { name: 'case.claim', args: { caseId: second.caseId } },
        { name: 'case.act', args: { caseId: second.caseId, action: 'approve', input: {}, document: notice2 }, baseVersion: 2 }
      ])
      expect(r.results.map((x) => x.status)).toEqual(['applied', 'rejected', 'applied', 'applied', 'rejected'])
      expect(r.results[1].message).toBe('“审核通过”应依次出具2份文书（调档通知单、档案材料签收回执单），收到2份（档案材料签收回执单、调档通知单）')
      expect(r.results[4].message).toBe('“审核通过”应依次出具2份文书（调档通知单、档案材料签收回执单），收到1份（调档通知单）')
      const docs = await t.sdb.db.select().from(schema.issuedDocuments).orderBy(schema.issuedDocuments.id)
      expect(docs.map((d) => [d.caseId, d.docType, d.number])).toEqual([
        [first.caseId, 'transfer_notice', notice1.number],
        [first.caseId, 'material_receipt', receipt1.number]
      ])
      expect((await eventOf(first.caseId, 'approve'))?.data).toMatchObject({ documentId: docs[0].id, documentIds: docs.map((d) => d.id) })
    } finally {
      approve.issues = issues
    }
  })
})
