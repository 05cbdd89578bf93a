import { describe, expect, it } from 'vitest'
import { ARCHIVE_NUMBER, NUMBER_PREFIXES } from '../../../shared/domain/numbers'
import { schema } from '../../../../server/src/db'
import { BLOCK_SIZE, countersFor, LOW_WATER, stock } from './numbers'
import { exchangePerTest } from './per-test'

const env = exchangePerTest()
const desk = () => env.openDesk()

describe('number stock on a desk', () => {
  it('keeps this year’s counters, and next year’s too in December', () => {
    const kinds = [...Object.keys(NUMBER_PREFIXES), ARCHIVE_NUMBER]
    expect(kinds).toContain('transfer_notice')
    expect(countersFor('2026-11-30')).toEqual(kinds.map((k) => `${k}:2026`))
    expect(countersFor('2026-12-01')).toEqual([...kinds.map((k) => `${k}:2026`), ...kinds.map((k) => `${k}:2027`)])
  })

  it('is filled at sign-in, topped up before a push once it runs low, and two desks never share a number', async () => {
    const a = desk()
    const b = desk()
    await a.signIn('clerk1')
    await b.signIn('clerk2')
    expect(stock(a.store, 'transfer_notice:2026')).toBe(BLOCK_SIZE)
    expect(stock(b.store, 'archive_number:2026')).toBe(BLOCK_SIZE)
    // Each block is kept with the service's receipt: presented after a restore, it vouches for the block.
    const receipts = a.store.sqlite.prepare('SELECT receipt FROM number_blocks').all() as { receipt: string | null }[]
    expect(receipts.length).toBeGreaterThan(0)
    for (const r of receipts) expect(r.receipt).toMatch(/^[0-9a-f]{64}$/)
    // Draw a's stock down to just under the low-water mark (as issuing letters would).
    a.store.sqlite.prepare("UPDATE number_blocks SET next = last - ? + 2 WHERE counter = 'transfer_notice:2026'").run(LOW_WATER)
    expect(stock(a.store, 'transfer_notice:2026')).toBe(LOW_WATER - 1)
    expect((await a.sync.pushOnce()).error).toBeUndefined()
    expect(stock(a.store, 'transfer_notice:2026')).toBe(LOW_WATER - 1 + BLOCK_SIZE)
    expect(stock(a.store, 'archive_number:2026')).toBe(BLOCK_SIZE) // not low: nothing asked
    const ranges = (await env.ex.sdb.db.select().from(schema.numberBlocks)).filter((r) => r.counter === 'transfer_notice:2026').sort((x, y) => x.first - y.first)
    expect(ranges.map((r) => [r.first, r.last])).toEqual([
      [1, 100],
      [101, 200],
      [201, 300]
    ])
  })

  it('an approval offline with no numbers left is refused in Chinese, nothing half-done', async () => {
    const { caseId } = await env.ex.submit(1)
    const a = desk()
    await a.signIn('clerk1')
    await a.sync.pullOnce()
    a.store.sqlite.prepare("UPDATE number_blocks SET next = last + 1 WHERE counter = 'transfer_notice:2026'").run()
    await a.call('cases.claim', { id: caseId })
    await expect(a.call('cases.act', { id: caseId, action: 'approve', version: 2, input: {} })).rejects.toMatchObject({ code: 'NUMBERS_EXHAUSTED' })
    expect(a.store.sqlite.prepare('SELECT state FROM cases WHERE id = ?').get(caseId)).toEqual({ state: 'submitted' })
    expect(a.store.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE name = 'case.act'").get()).toEqual({ n: 0 })
    // Online again: the push tops the stock up and the clerk can approve.
    expect(await a.sync.pushOnce()).toMatchObject({ applied: 1 }) // the claim
    const r = await a.call<{ detail: { state: string } }>('cases.act', { id: caseId, action: 'approve', version: 2, input: {} })
    expect(r.detail.state).toBe('awaiting_archive')
    expect(await a.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 0 })
  })
})
