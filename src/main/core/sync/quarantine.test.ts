// Quarantine of poison mutations, against the REAL exchange service (PGlite; and PostgreSQL with DATABASE_URL).
import { afterEach, describe, expect, it } from 'vitest'
import type { AttentionItem } from '../../../shared/api/types'
import type { QuarantinedItem } from '../../../shared/api/quarantine-channels'
import { testDrivers } from '../../../../server/src/testing/harness'
import type { SessionSlot } from '../api'
import { type Exchange, openDesk, startExchange, type TestDesk } from './testing'

interface Row {
  seq: number
  id: string
  name: string
  case_id: string | null
  status: string
  result: string | null
  base_version: number | null
}

const RETURN = { reasons: [{ material: 'id_card', text: '身份证复印件不清晰' }], note: '' }
const fault = (status: number, code: string) =>
  new Response(JSON.stringify({ error: { code, message: `注入的故障（${status}）` } }), { status, headers: { 'content-type': 'application/json', 'retry-after': '1' } })

for (const driver of testDrivers()) {
  describe(`quarantine on the desk (${driver})`, () => {
    let ex: Exchange
    let A: TestDesk
    afterEach(async () => {
      await A?.dispose()
      await ex?.close()
    })

    const rows = (): Row[] => A.store.sqlite.prepare('SELECT seq, id, name, case_id, status, result, base_version FROM outbox ORDER BY seq').all() as Row[]
    const rowOf = (id: string): Row => rows().find((r) => r.id === id)!
    const statusOf = (caseId: string, name: string) => rows().find((r) => r.case_id === caseId && r.name === name)?.status

    /**
     * Three applications; the clerk claims c2, then c1 (the row a test poisons), decides on c1 (held behind
     * it), then claims c3. The claim of c2 and its batch-mate c1 go in one batch (the claim of c1 ends it).
     */
    async function scene() {
      ex = await startExchange(driver)
      A = openDesk(ex.url, ex.clock)
      const [c1, c2, c3] = [await ex.submit(1), await ex.submit(2), await ex.submit(3)].map((c) => c.caseId)
      await A.signIn('clerk1')
      await A.sync.pullOnce()
      await A.call('cases.claim', { id: c2 })
      await A.call('cases.claim', { id: c1 })
      await A.call('cases.act', { id: c1, action: 'return_for_changes', version: 2, input: RETURN })
      await A.call('cases.claim', { id: c3 })
      const poison = rows().find((r) => r.case_id === c1 && r.name === 'case.claim')!
      return { c1, c2, c3, poison }
    }

    async function adminSlot(): Promise<SessionSlot> {
      const slot: SessionSlot = { staff: null }
      const r = await A.handle('auth.signIn', { username: 'admin', password: 'demo1234' }, slot)
      if (!r.ok) throw new Error(r.error.message)
      return slot
    }
    const asAdmin = async <T>(slot: SessionSlot, channel: string, input: unknown): Promise<T> => {
      const r = await A.handle(channel, input, slot)
      if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code} ${r.error.message}`), { code: r.error.code })
      return r.value as T
    }

    it.each([
      ['a baseVersion beyond PostgreSQL’s integer', (sql: TestDesk['store']['sqlite'], id: string) => sql.prepare('UPDATE outbox SET base_version = ? WHERE id = ?').run(2 ** 31, id)],
      ['U+0000 in its arguments', (sql: TestDesk['store']['sqlite'], id: string) => sql.prepare("UPDATE outbox SET args = json_set(args, '$.state', 'submitted' || char(0)) WHERE id = ?").run(id)]
    ])('a row the real service cannot take (%s) is set aside with an attention item; the queue behind it moves on', async (_what, poisonIt) => {
      const { c1, c2, c3, poison } = await scene()
      poisonIt(A.store.sqlite, poison.id)
      // Today's service answers 500 (set aside after 3 failures) or refuses it as VALIDATION (set aside at once).
      for (let round = 0; round < 3 && rowOf(poison.id).status === 'pending'; round++) await A.sync.pushOnce()
      expect(statusOf(c2, 'case.claim')).toBe('applied')
      expect(statusOf(c3, 'case.claim')).toBe('applied')
      expect(rowOf(poison.id)).toMatchObject({ status: 'quarantined' })
      // The decision on c1 depends on the claim: it waits with it, still pending.
      expect(statusOf(c1, 'case.act')).toBe('pending')
      const items = await A.call<AttentionItem[]>('sync.attention')
      expect(items).toEqual([expect.objectContaining({ caseId: c1, mutationId: poison.id, code: 'QUARANTINED', message: expect.stringContaining('您的“认领”暂未生效') })])
      expect(items[0].message).toMatch(/已暂存，等待系统管理员处理/)
      // The clerk cannot close it: the administrator decides (and the item follows).
      await expect(A.call('sync.resolve', { id: items[0].id, resolution: 'discard' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' })
    })

    it('a 5xx of the same first row sets it aside only at the third failure; innocent rows of the failing batch go through', async () => {
      const { c1, c2, c3, poison } = await scene()
      let pushes = 0
      A.net.intercept = (path, body) => (path === '/sync/push' && (pushes++, body.includes(poison.id)) ? fault(500, 'INTERNAL') : undefined)
      const first = await A.sync.pushOnce()
      expect(first.error).toBeTruthy()
      expect(statusOf(c2, 'case.claim')).toBe('applied') // narrowed: pushed alone, it went through
      expect(rowOf(poison.id).status).toBe('pending')
      expect(statusOf(c3, 'case.claim')).toBe('pending')
      await A.sync.pushOnce()
      expect(rowOf(poison.id).status).toBe('pending')
      const third = await A.sync.pushOnce()
      expect(third).toMatchObject({ quarantined: 1 })
      expect(third.error).toBeUndefined()
      expect(rowOf(poison.id)).toMatchObject({ status: 'quarantined' })
      expect(JSON.parse(rowOf(poison.id).result!)).toMatchObject({ quarantine: { cause: 'fault', failures: 3, answer: { status: 500, code: 'INTERNAL' } } })
      expect(statusOf(c3, 'case.claim')).toBe('applied')
      expect(statusOf(c1, 'case.act')).toBe('pending')
      expect(rows().filter((r) => r.status === 'quarantined').map((r) => r.id)).toEqual([poison.id])
      expect(pushes).toBeLessThan(20)
    })

    it('a whole batch refused as VALIDATION is narrowed to its poison row, set aside at once; no innocent row is', async () => {
      const { c1, c2, c3, poison } = await scene()
      A.net.intercept = (path, body) => (path === '/sync/push' && body.includes(poison.id) ? fault(400, 'VALIDATION') : undefined)
      const report = await A.sync.pushOnce()
      expect(report).toMatchObject({ quarantined: 1 })
      expect(report.error).toBeUndefined()
      expect([statusOf(c2, 'case.claim'), rowOf(poison.id).status, statusOf(c1, 'case.act'), statusOf(c3, 'case.claim')]).toEqual(['applied', 'quarantined', 'pending', 'applied'])
      const [item] = await A.call<AttentionItem[]>('sync.attention')
      expect(item.message).toContain('注入的故障（400）')
    })

    it('a refusal of every push (the envelope, not a row), a 503 or a network outage never sets anything aside', async () => {
      const { poison } = await scene()
      A.net.intercept = (path) => (path === '/sync/push' ? fault(400, 'VALIDATION') : undefined)
      for (let i = 0; i < 4; i++) await A.sync.pushOnce()
      A.net.intercept = (path) => (path === '/sync/push' ? fault(500, 'INTERNAL') : undefined)
      for (let i = 0; i < 4; i++) await A.sync.pushOnce()
      A.net.intercept = (path, body) => (path === '/sync/push' && body.includes(poison.id) ? fault(503, 'UNAVAILABLE') : undefined)
      for (let i = 0; i < 4; i++) await A.sync.pushOnce()
      A.net.intercept = undefined
      A.net.offline = true
      for (let i = 0; i < 4; i++) await A.sync.pushOnce()
      expect(rows().filter((r) => r.status === 'quarantined')).toEqual([])
      expect(rowOf(poison.id).status).toBe('pending')
      A.net.offline = false
      await new Promise((resolve) => setTimeout(resolve, 1_100)) // the 503's Retry-After (http.ts holds calls until then)
      const last = await A.sync.pushOnce()
      expect(last.error).toBeUndefined()
      expect(last).toMatchObject({ pending: 0, quarantined: 0 })
    })

    it('an administrator retries a set-aside row with a reason: a new seq above all sent, same id, audited; it and the held rows go through', async () => {
      const { c1, poison } = await scene()
      A.net.intercept = (path, body) => (path === '/sync/push' && body.includes(poison.id) ? fault(400, 'VALIDATION') : undefined)
      await A.sync.pushOnce()
      A.net.intercept = undefined
      const admin = await adminSlot()
      const [item] = await asAdmin<QuarantinedItem[]>(admin, 'sync.quarantined', {})
      expect(item).toMatchObject({ id: poison.id, caseId: c1, label: '认领', actorName: '张敏', held: 1, answer: { code: 'VALIDATION' } })
      expect(item.caseNumber).toBeTruthy()
      await expect(asAdmin(admin, 'sync.retryQuarantined', { id: poison.id, reason: '' })).rejects.toMatchObject({ code: 'VALIDATION' })
      const maxSeq = Math.max(...rows().map((r) => r.seq))
      expect(await asAdmin(admin, 'sync.retryQuarantined', { id: poison.id, reason: '服务已修复，重新发送' })).toEqual([])
      expect(rowOf(poison.id)).toMatchObject({ status: 'pending' })
      expect(rowOf(poison.id).seq).toBeGreaterThan(maxSeq)
      expect(rows().find((r) => r.case_id === c1 && r.name === 'case.act')!.seq).toBeGreaterThan(rowOf(poison.id).seq)
      const events = A.store.sqlite.prepare('SELECT actor_name, kind, detail FROM staff_events ORDER BY id').all() as { actor_name: string; kind: string; detail: string }[]
      expect(events).toEqual([{ actor_name: '系统管理员', kind: 'outbox_retried', detail: expect.stringMatching(/认领.*服务已修复，重新发送/) }])
      expect(await A.call<AttentionItem[]>('sync.attention')).toEqual([])
      await A.signIn('clerk1') // the desk's service session is the clerk's again: their rows are pushed
      expect(await A.sync.pushOnce()).toMatchObject({ pending: 0 })
      expect([rowOf(poison.id).status, statusOf(c1, 'case.act')]).toEqual(['applied', 'applied'])
    })

    it('an administrator discards a set-aside row with a reason: kept as discarded, audited, the clerk told; held rows move on', async () => {
      const { c1, poison } = await scene()
      A.net.intercept = (path, body) => (path === '/sync/push' && body.includes(poison.id) ? fault(500, 'INTERNAL') : undefined)
      for (let i = 0; i < 3; i++) await A.sync.pushOnce()
      expect(rowOf(poison.id).status).toBe('quarantined')
      A.net.intercept = undefined
      const admin = await adminSlot()
      expect(await asAdmin(admin, 'sync.discardQuarantined', { id: poison.id, reason: '重复认领，放弃' })).toEqual([])
      expect(rowOf(poison.id)).toMatchObject({ status: 'discarded' })
      expect(JSON.parse(rowOf(poison.id).result!)).toMatchObject({ quarantine: { cause: 'fault' }, decision: { kind: 'discarded', reason: '重复认领，放弃', by: '系统管理员' } })
      expect(A.store.sqlite.prepare('SELECT kind, detail FROM staff_events').all()).toEqual([{ kind: 'outbox_discarded', detail: expect.stringContaining('重复认领，放弃') }])
      await expect(asAdmin(admin, 'sync.discardQuarantined', { id: poison.id, reason: '再来一次' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      const [told] = await A.call<AttentionItem[]>('sync.attention')
      expect(told.message).toMatch(/系统管理员 已放弃.*重复认领，放弃.*您的“认领”未生效/)
      // The decision that waited on the claim is sent now; the service judges it (no claim: refused, explained).
      await A.signIn('clerk1')
      await A.sync.pushOnce()
      expect(statusOf(c1, 'case.act')).toBe('rejected')
    })

    it('a per-mutation MALFORMED refusal is set aside too; a retry goes under a new id (the service answers a recorded id from its record)', async () => {
      const { c1, c2, poison } = await scene()
      A.store.sqlite.prepare("UPDATE outbox SET args = json_set(args, '$.round', 'one') WHERE id = ?").run(poison.id)
      expect(await A.sync.pushOnce()).toMatchObject({ quarantined: 1 })
      expect(statusOf(c2, 'case.claim')).toBe('applied')
      const row = rowOf(poison.id)
      expect(row.status).toBe('quarantined')
      expect(JSON.parse(row.result!)).toMatchObject({ quarantine: { cause: 'refused', answer: { status: 'rejected', code: 'MALFORMED' } } })
      A.store.sqlite.prepare("UPDATE outbox SET args = json_set(args, '$.round', 1) WHERE id = ?").run(poison.id) // the cause is mended
      const admin = await adminSlot()
      await asAdmin(admin, 'sync.retryQuarantined', { id: poison.id, reason: '已修正，重新发送' })
      const again = rows().find((r) => r.case_id === c1 && r.name === 'case.claim')!
      expect(again.id).not.toBe(poison.id)
      expect(JSON.parse(again.result!)).toMatchObject({ previousIds: [poison.id] })
      await A.signIn('clerk1')
      await A.sync.pushOnce()
      expect([statusOf(c1, 'case.claim'), statusOf(c1, 'case.act')]).toEqual(['applied', 'applied'])
    })
  })
}
