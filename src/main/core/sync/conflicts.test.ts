// Two desks against the REAL exchange service (server/src/app.ts, in-memory PGlite, loopback port).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AttentionItem, CaseDetail, SyncStatus } from '../../../shared/api/types'
import { loadSnapshot } from '../../../../server/src/cases/snapshot'
import { type Exchange, openDesk, startExchange, type TestDesk } from './testing'

let ex: Exchange
let A: TestDesk
let B: TestDesk
beforeEach(async () => {
  ex = await startExchange()
  A = openDesk(ex.url, ex.clock)
  B = openDesk(ex.url, ex.clock)
  await A.signIn('clerk1') // 张敏
  await B.signIn('clerk2') // 李强
})
afterEach(async () => {
  await A.dispose()
  await B.dispose()
  await ex.close()
})

const RETURN = { reasons: [{ material: 'id_card', text: '身份证复印件不清晰' }], note: '' }

/** The case as the desk's mirror holds it, in the server snapshot's terms. */
function mirrorOf(d: TestDesk, caseId: string) {
  const sql = d.store.sqlite
  const c = sql.prepare('SELECT c.state, c.version, s.display_name AS assignee FROM cases c LEFT JOIN staff s ON s.id = c.assignee_id WHERE c.id = ?').get(caseId) as {
    state: string
    version: number
    assignee: string | null
  }
  return {
    ...c,
    events: sql.prepare('SELECT action, actor_name AS actor, to_state AS toState FROM case_events WHERE case_id = ? ORDER BY id').all(caseId),
    attachments: sql.prepare('SELECT material_code AS materialCode, sha256 FROM attachments WHERE case_id = ? ORDER BY id').all(caseId),
    documents: sql.prepare('SELECT number, sha256 FROM issued_documents WHERE case_id = ? ORDER BY id').all(caseId)
  }
}

async function serverOf(caseId: string) {
  const s = (await loadSnapshot(ex.sdb.db, caseId))!
  const live = s.case.leaseExpiresAt && new Date(s.case.leaseExpiresAt) > ex.clock.now()
  return {
    state: s.case.state,
    version: s.case.version,
    assignee: live ? (s.case.assignee?.name ?? null) : null,
    events: s.events.map((e) => ({ action: e.action, actor: e.actor, toState: e.toState })),
    attachments: s.attachments.map((a) => ({ materialCode: a.materialCode, sha256: a.sha256 })),
    documents: s.documents.map((d) => ({ number: d.number, sha256: d.sha256 }))
  }
}

describe('two desks on the same portal application', () => {
  it('one claim wins; the other desk’s claim and decision are refused and explained; both mirrors equal the server', async () => {
    const { caseId } = await ex.submit(1)
    await A.sync.pullOnce()
    expect(await B.sync.pullOnce()).toMatchObject({ changes: 1 })

    await A.call('cases.claim', { id: caseId })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 0, pending: 0 })

    // B has not pulled since: it claims and decides on its stale mirror.
    await B.call('cases.claim', { id: caseId })
    await B.call('cases.act', { id: caseId, action: 'return_for_changes', version: 2, input: RETURN })
    expect(await B.sync.pushOnce()).toMatchObject({ applied: 0, rejected: 2, pending: 0 })
    const items = await B.call<AttentionItem[]>('sync.attention')
    // One item for the case: the refused claim and the decision queued behind it are one story.
    expect(items.map((i) => [i.code, i.message])).toEqual([['CLAIMED_BY_OTHER', '此业务已由 张敏 认领；您的“认领”和“退回修改”未生效']])
    expect(items[0].caseNumber).toMatch(/^\w+/)
    expect(await B.call<SyncStatus>('sync.status')).toMatchObject({ mode: 'sync', online: true, signedIn: true, pending: 0, attention: 1 })

    // A's approval issues a letter: its PDF is uploaded before the mutation that records it.
    const act = await A.call<{ documentId: number }>('cases.act', { id: caseId, action: 'approve', version: 2, input: {} })
    expect(act.documentId).toBeGreaterThan(0)
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 0 })

    await A.sync.pullOnce()
    await B.sync.pullOnce()
    const server = await serverOf(caseId)
    expect(server).toMatchObject({ state: 'awaiting_archive', assignee: null, documents: [{ number: expect.any(String) }] })
    expect(mirrorOf(A, caseId)).toEqual(server)
    expect(mirrorOf(B, caseId)).toEqual(server)
    // B sees A's letter and can open it (downloaded on demand, verified by hash).
    const detail = await B.call<CaseDetail>('cases.get', { id: caseId })
    const file = await B.call<{ base64: string }>('documents.content', { id: detail.documents[0].id })
    expect(Buffer.from(file.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-')

    expect(await B.call('sync.resolve', { id: items[0].id, resolution: 'discard' })).toHaveLength(0)
  })

  it('a decision behind an expired claim is refused with who did what when', async () => {
    const { caseId } = await ex.submit(2)
    await A.sync.pullOnce()
    await A.call('cases.claim', { id: caseId })
    await A.sync.pushOnce()
    await A.call('cases.act', { id: caseId, action: 'approve', version: 2, input: {} }) // A stays offline with it

    ex.clock.advance(9 * 3600_000) // the 8-hour lease runs out: 19:00 in Beijing
    await B.sync.pullOnce()
    expect(mirrorOf(B, caseId).assignee).toBeNull()
    await B.call('cases.claim', { id: caseId })
    await B.call('cases.act', { id: caseId, action: 'return_for_changes', version: 3, input: RETURN })
    expect(await B.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0 })

    // Refused; the number of the letter it drafted is then recorded void at the server (`number.void`, applied).
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 1 })
    const [item] = await A.call<AttentionItem[]>('sync.attention')
    expect(item).toMatchObject({ code: 'LEASE_LOST', message: '您的认领已失效（已超时或已被他人重新认领）；已由 李强 于 19:00 退回修改；您的“审核通过”未生效' })
    await A.sync.pullOnce()
    expect(mirrorOf(A, caseId)).toEqual(await serverOf(caseId))
    expect(mirrorOf(A, caseId).documents).toEqual([]) // the letter A issued never took effect
    // The case went back to the applicant: nothing to reclaim.
    await expect(A.call('sync.resolve', { id: item.id, resolution: 'reclaim' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' })
    expect(await A.call('sync.resolve', { id: item.id, resolution: 'discard' })).toEqual([])
  })

  it('a decision on a version the applicant has since changed is refused (VERSION_CONFLICT), with the change named', async () => {
    const { caseId } = await ex.submit(3)
    await A.sync.pullOnce()
    await A.call('cases.claim', { id: caseId })
    await A.sync.pushOnce()
    ex.clock.advance(5 * 60_000)
    await ex.portal('PATCH', `/applications/${caseId}`, { form: { cv: [{ from: '2014-09', to: '2017-06', organisation: '北京市第一〇一中学', role: '高中' }], overseas: [], custodian: '北京市朝阳区人才服务中心', agreementAccepted: true } })
    await A.call('cases.act', { id: caseId, action: 'approve', version: 2, input: {} })
    expect(await A.sync.pushOnce()).toMatchObject({ rejected: 1 })
    const [item] = await A.call<AttentionItem[]>('sync.attention')
    expect(item).toMatchObject({ code: 'VERSION_CONFLICT', message: '已由 申请人3 于 10:05 修改申请；您的“审核通过”未生效' })
    await A.sync.pullOnce()
    expect(mirrorOf(A, caseId)).toEqual(await serverOf(caseId))
    // Still A's claim on the server: reclaiming renews it, and the decision can be made on the new version.
    await A.call('sync.resolve', { id: item.id, resolution: 'reclaim' })
    const v = (await A.call<CaseDetail>('cases.get', { id: caseId })).version
    await A.call('cases.act', { id: caseId, action: 'approve', version: v, input: {} })
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 2, rejected: 0 })
  })
})
