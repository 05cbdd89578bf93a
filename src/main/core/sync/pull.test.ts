// The pull writes its pages in bounded slices (pull.ts): each slice its own transaction with the cursor, the
// event loop free between them — the queue answers mid-pull, and an interrupted pull loses and repeats nothing.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { QueuePage } from '../../../shared/api/types'
import { createServicesOn } from '../api'
import { getState } from './state'
import { type Exchange, openDesk, startExchange, type TestDesk } from './testing'

let ex: Exchange
let desk: TestDesk
// One service with five cases for the file; a fresh desk for each test.
beforeAll(async () => {
  ex = await startExchange()
  for (let n = 1; n <= 5; n++) await ex.submit(n)
}, 60_000)
afterAll(() => ex.close())
beforeEach(async () => {
  desk = openDesk(ex.url, ex.clock)
  await desk.signIn('clerk1')
})
afterEach(() => desk.dispose())

const count = (table: string) => (desk.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
/** A second sync client on the desk's store: one change per slice, `pause` awaited between slices. */
const slicedClient = (pause?: () => Promise<void>) =>
  createServicesOn(desk.store, ex.clock, { sync: { serverUrl: ex.url, pollMs: 60_000, pullSliceMs: 0, pullPause: pause } }).sync!

describe('a pull in slices', () => {
  it('an interrupted pull resumes after its last committed slice: nothing lost, nothing applied twice', async () => {
    const crash = async () => {
      if (count('cases') === 2) throw new Error('桌面关闭')
    }
    const first = await slicedClient(crash).pullOnce()
    expect(first).toMatchObject({ changes: 2, error: expect.stringContaining('桌面关闭') })
    expect(count('cases')).toBe(2)
    // The cursor the last slice committed: the change log's seq of the second case.
    const cursor = getState(desk.store, 'cursor')!
    expect(cursor).toMatch(/^[0-9a-f-]{36}:\d+$/)
    const events = count('case_events')

    const rest = await slicedClient().pullOnce()
    expect(rest).toMatchObject({ changes: 3, resynced: false })
    expect(rest.error).toBeUndefined()
    expect(count('cases')).toBe(5)
    expect(count('case_events')).toBe(events + 3)
    expect(count('attachments')).toBe(5 * 4)
    expect(count('applicants')).toBe(5)
    expect(getState(desk.store, 'cursor')).not.toBe(cursor)
    expect(await slicedClient().pullOnce()).toMatchObject({ changes: 0 })
  })

  it('the queue answers between two slices of a pull and shows what is written so far, found by name too', async () => {
    const totals: number[] = []
    const found: number[] = []
    const pause = async () => {
      const page = await desk.call<QueuePage>('queue.list')
      totals.push(page.rows.length)
      // Each slice's search indexes are written with it (search-batch.ts): trigrams and 1–2-character pieces.
      found.push((await desk.call<QueuePage>('queue.list', { search: '申请人' })).rows.length)
      expect((await desk.call<QueuePage>('queue.list', { search: '请人' })).rows.length).toBe(page.rows.length)
    }
    expect(await slicedClient(pause).pullOnce()).toMatchObject({ changes: 5 })
    // Pauses while checking the page (nothing written yet), then after the 1st … 4th case.
    expect(totals.filter((n) => n > 0)).toEqual([1, 2, 3, 4])
    expect(found).toEqual(totals)
    expect((await desk.call<QueuePage>('queue.list')).rows).toHaveLength(5)
    expect((await desk.call<QueuePage>('queue.list', { search: '申请人3' })).rows).toHaveLength(1)
    desk.store.sqlite.exec("INSERT INTO cases_search (cases_search, rank) VALUES ('integrity-check', 1)")
  })

  it('a desk closing mid-pull stops after the slice in progress; the next pull brings the rest', async () => {
    const client = slicedClient(async () => {
      if (count('cases') === 3) void client.stop()
    })
    const first = await client.pullOnce()
    expect(first).toMatchObject({ changes: 3 })
    expect(first.error).toBeUndefined()
    expect(await slicedClient().pullOnce()).toMatchObject({ changes: 2 })
    expect(count('cases')).toBe(5)
  })
})
