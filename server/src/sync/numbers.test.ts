import { describe, expect, it } from 'vitest'
import { NUMBER_KINDS } from '../../../src/shared/domain/numbers'
import { schema } from '../db'
import { serverPerTest } from '../testing/per-test'

const t = serverPerTest()

const C = 'transfer_notice:2026'
const A = 'archive_number:2026'

describe('number blocks', () => {
  it('hands each desk its own blocks of a counter, never overlapping — also when asked at the same time', async () => {
    const desks = await Promise.all(['clerk1', 'clerk2', 'super1'].map((u) => t.desk(u)))
    const answers = await Promise.all(desks.flatMap((d) => [t.numbers(d, [{ counter: C, size: 50 }]), t.numbers(d, [{ counter: C, size: 7 }, { counter: A, size: 3 }])]))
    const blocks = answers.flatMap((a) => a.blocks).filter((b) => b.counter === C).sort((x, y) => x.first - y.first)
    expect(blocks.map((b) => b.last - b.first + 1).reduce((x, y) => x + y)).toBe(171)
    blocks.forEach((b, i) => expect(b.first).toBe(i === 0 ? 1 : blocks[i - 1].last + 1))
    const rows = await t.sdb.db.select().from(schema.numberBlocks)
    expect(rows).toHaveLength(9)
  })

  it('hands out a block of every kind for this year and the next in one call (a desk asks so in December)', async () => {
    t.clock.set('2026-12-01T02:00:00Z') // next year's blocks only in December (service-time.ts)
    const d = await t.desk('clerk1')
    const want = [2026, 2027].flatMap((y) => NUMBER_KINDS.map((k) => ({ counter: `${k}:${y}`, size: 5 })))
    const answer = await t.numbers(d, want)
    expect(answer.blocks).toHaveLength(NUMBER_KINDS.length * 2)
  })

  it('refuses an unknown counter, an oversized block and a reversed range with VALIDATION', async () => {
    const d = await t.desk('clerk1')
    for (const payload of [
      { clientId: d.clientId, want: [{ counter: 'salary_slip:2026', size: 5 }] },
      { clientId: d.clientId, want: [{ counter: C, size: 501 }] },
      { clientId: d.clientId, want: [], held: [{ counter: C, first: 9, last: 3 }] }
    ]) {
      const r = await t.app.inject({ method: 'POST', url: '/sync/numbers', headers: d.headers, payload })
      expect(r.statusCode).toBe(400)
      expect(r.json().error.code).toBe('VALIDATION')
    }
  })

  it('records again the blocks a restored server lost, raises the counter past them, and reports overlaps', async () => {
    const a = await t.desk('clerk1')
    const b = await t.desk('clerk2')
    const [mine, archive] = (await t.numbers(a, [{ counter: C, size: 10 }, { counter: A, size: 5 }])).blocks
    expect(mine).toMatchObject({ counter: C, first: 1, last: 10 })
    expect(await t.numbers(a, [], [mine])).toMatchObject({ restored: 0, conflicts: [] })
    // The restore: the backup predates the blocks; the desk presents them with the service's receipts.
    await t.sdb.db.delete(schema.numberBlocks)
    await t.sdb.db.delete(schema.counters)
    expect(await t.numbers(a, [], [mine, archive])).toMatchObject({ restored: 2, conflicts: [] })
    expect((await t.numbers(b, [{ counter: C, size: 10 }])).blocks).toMatchObject([{ counter: C, first: 11, last: 20 }])
    // Another desk's range presented as held: refused, never taken over.
    const theirs = { counter: C, first: 15, last: 25 }
    expect(await t.numbers(a, [], [theirs])).toMatchObject({ restored: 0, conflicts: [theirs] })
  })
})

describe('numbers a desk uses must come from its blocks', () => {
  const approve = async (number?: string) => {
    const { caseId } = await t.submitApplication()
    const d = await t.desk('clerk1')
    const doc = await t.letter(d, number)
    const r = await t.push(d, [
      { name: 'case.claim', args: { caseId } },
      { name: 'case.act', args: { caseId, action: 'approve', input: {}, document: doc }, baseVersion: 2 }
    ])
    return { d, caseId, result: r.results[1] }
  }

  it('refuses a letter number outside the desk’s blocks (another desk’s, or nobody’s) with NUMBER_NOT_RESERVED', async () => {
    const other = await t.desk('clerk2')
    const [theirs] = (await t.numbers(other, [{ counter: C, size: 5 }])).blocks
    expect((await approve(`留档调字〔2026〕第00000${theirs.first}号`)).result).toMatchObject({
      status: 'rejected',
      code: 'NUMBER_NOT_RESERVED',
      message: '留档调字〔2026〕第000001号 属于交换服务发给其他窗口的号段（2026年调档通知单文号），本机不能使用'
    })
    expect((await approve('留档调字〔2026〕第000999号')).result).toMatchObject({ code: 'NUMBER_NOT_RESERVED', message: expect.stringContaining('不在交换服务发给本机的') })
    expect((await approve('留档调字〔2025〕第1号')).result).toMatchObject({ code: 'VALIDATION', message: '编号格式不正确：留档调字〔2025〕第1号' })
    expect((await approve()).result).toMatchObject({ status: 'applied' })
  })

  it('records the archive number the desk drew from its block; refuses one outside it, a used one, and one on an action that assigns none', async () => {
    const { d, caseId } = await approve()
    const signIn = { receivedOn: '2026-03-02', sender: '北京市海淀区人才服务中心', trackingNumber: 'EMS1234567', stubPresent: true }
    await t.push(d, [
      { name: 'case.claim', args: { caseId } },
      { name: 'case.act', args: { caseId, action: 'archive_sign_in', input: signIn }, baseVersion: 4 }
    ])
    const deposit = (archiveNumber: string) => t.push(d, [{ name: 'case.act', args: { caseId, action: 'approve_archive', input: {}, archiveNumber }, baseVersion: 5 }])
    expect((await deposit('D2026000001')).results[0]).toMatchObject({ code: 'NUMBER_NOT_RESERVED' })
    const serial = await t.draw(d, A)
    const number = `D2026${String(serial).padStart(6, '0')}`
    expect((await deposit(number)).results[0]).toMatchObject({ status: 'applied' })
    const [archive] = await t.sdb.db.select().from(schema.archives)
    expect(archive).toMatchObject({ archiveNumber: number, status: 'in_storage' })

    const next = await approve()
    const misplaced = await t.push(next.d, [
      { name: 'case.claim', args: { caseId: next.caseId } },
      { name: 'case.act', args: { caseId: next.caseId, action: 'return_for_changes', input: { reasons: [{ material: 'cv', text: '缺页' }] }, archiveNumber: number }, baseVersion: 4 }
    ])
    expect(misplaced.results[1]).toMatchObject({ code: expect.stringMatching(/VALIDATION|ILLEGAL_TRANSITION/) })
  })
})

describe('a server that lost a desk’s history', () => {
  it('applies nothing and answers its own lastSeq when the desk was told of a later one', async () => {
    const { caseId } = await t.submitApplication()
    const d = await t.desk('clerk1')
    expect((await t.push(d, [{ name: 'case.claim', args: { caseId } }])).lastSeq).toBe(1)
    const ahead = await t.app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: d.headers,
      payload: { clientId: d.clientId, answeredThrough: 5, mutations: [{ seq: 6, id: crypto.randomUUID(), name: 'case.release', args: { caseId } }] }
    })
    expect(ahead.json()).toEqual({ results: [], lastSeq: 1 })
    const rows = await t.sdb.db.select().from(schema.mutations)
    expect(rows).toHaveLength(1)
  })
})
