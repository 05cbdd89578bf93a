import { z } from 'zod'
import { counterKey, NUMBER_KINDS } from '../../../shared/domain/numbers'
import { type Clock, officeToday } from '../clock'
import type { Store } from '../store'
import { type Http, SyncHttpError } from './http'
import { serviceClock } from './clock-offset'
import { clientId, getState, setState } from './state'
import { parseWire } from './wire'

/** Numbers asked for at a time, per counter, and the stock below which the desk asks for more. */
export const BLOCK_SIZE = 100
export const LOW_WATER = 40

const block = z.object({ counter: z.string(), first: z.number().int(), last: z.number().int(), receipt: z.string().max(128).optional() })
const numbersResponse = z.object({ blocks: z.array(block), conflicts: z.array(block), restored: z.number() })
type Block = z.infer<typeof block>

/** Counters this desk keeps a stock of on `today` (office date): this year's, and in December next year's too. */
export function countersFor(today: string): string[] {
  const year = Number(today.slice(0, 4))
  const years = today.slice(5, 7) === '12' ? [year, year + 1] : [year]
  return years.flatMap((y) => NUMBER_KINDS.map((k) => counterKey(k, y)))
}

/** Unused numbers this desk holds for `counter`. */
export const stock = (store: Store, counter: string): number =>
  (store.sqlite.prepare('SELECT coalesce(sum(last - next + 1), 0) AS n FROM number_blocks WHERE counter = ? AND next <= last').get(counter) as { n: number }).n

/**
 * Blocks of this year and later, with the service's receipt where the desk has one: re-registered when the
 * server lost them (a restored backup) — the service vouches for a block only by its history or its receipt.
 */
const heldBlocks = (store: Store, today: string): Block[] =>
  (
    store.sqlite
      .prepare("SELECT counter, first, last, receipt FROM number_blocks WHERE CAST(substr(counter, instr(counter, ':') + 1) AS INTEGER) >= ? ORDER BY counter, first")
      .all(Number(today.slice(0, 4))) as (Block & { receipt: string | null })[]
  ).map(({ receipt, ...b }) => (receipt ? { ...b, receipt } : b))

export interface NumbersReport {
  received: number
  conflicts: number
  restored: number
}

/**
 * Tops up this desk's number blocks (and, until the server has confirmed them since the last resync,
 * presents the blocks it holds so a restored server records them again). A held block the server says
 * another desk now has is closed here: no further number is drawn from it.
 */
export async function syncNumbers(http: Http, store: Store, clock: Clock): Promise<NumbersReport> {
  try {
    return await topUp(http, store, clock)
  } catch (e) {
    // The offset was stale (the desk's clock was set since it was measured): the refusal's own Date header has
    // just measured it again, so the request is made once more with the service's year.
    if (e instanceof SyncHttpError && e.code === 'NUMBER_YEAR') return topUp(http, store, clock)
    throw e
  }
}

async function topUp(http: Http, store: Store, clock: Clock): Promise<NumbersReport> {
  // The service's year decides the counters (it hands out no other: NUMBER_YEAR), whatever this desk's clock says.
  const today = officeToday(serviceClock(store.sqlite, clock))
  const want = countersFor(today)
    .filter((c) => stock(store, c) < LOW_WATER)
    .map((counter) => ({ counter, size: BLOCK_SIZE }))
  const check = getState(store, 'numbersChecked') === null
  if (!want.length && !check) return { received: 0, conflicts: 0, restored: 0 }
  const body = { clientId: clientId(store), want, held: check ? heldBlocks(store, today) : [] }
  const res = parseWire(numbersResponse, await http.json('POST', '/sync/numbers', body), '编号段')
  const sql = store.sqlite
  sql.transaction(() => {
    const insert = sql.prepare('INSERT INTO number_blocks (counter, first, last, next, received_at, receipt) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
    const at = clock.now().toISOString()
    for (const b of res.blocks) insert.run(b.counter, b.first, b.last, b.first, at, b.receipt ?? null)
    for (const b of res.conflicts) sql.prepare('UPDATE number_blocks SET next = last + 1 WHERE counter = ? AND first = ?').run(b.counter, b.first)
    setState(store, 'numbersChecked', '1')
  })()
  return { received: res.blocks.length, conflicts: res.conflicts.length, restored: res.restored }
}
