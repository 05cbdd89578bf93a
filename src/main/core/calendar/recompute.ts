import { randomUUID } from 'node:crypto'
import { recomputeDeadlines, type RunningClock } from '../../../shared/domain/calendar-edits'
import type { Store } from '../store'
import { getState, setState } from '../sync/state'
import { loadCalendar } from './load'

export interface SliceOptions {
  /** Work between two yields, ms. */
  sliceMs?: number
  /** Between two slices (default: setImmediate). */
  pause?: () => Promise<void>
  /** Running clocks read at a time (tests make it small). */
  batch?: number
}

export interface Recomputed {
  recomputed: number
  unresolved: number
  /** Running clocks looked at (0 when nothing was left to recompute). */
  checked: number
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Recomputes the stored deadline of every running clock with the calendar now stored, in bounded
 * transactions (≤ `sliceMs` of work each) that yield between them, so the desk answers its windows during
 * a recompute of a million cases. Where it got to is kept in `sync_state.calendarRecompute` (`<run>:<last case
 * id done>`) with each slice: started by `markRecompute` in the calendar's own transaction, resumed after an
 * interruption, removed when done. Nothing marked: nothing to do. A calendar taken while a recompute runs marks a new
 * run: the older loop sees it in its next slice and stops (it holds the old calendar); the new one starts from the top.
 */
export async function recomputeInSlices(store: Store, o: SliceOptions = {}): Promise<Recomputed> {
  const sql = store.sqlite
  const out: Recomputed = { recomputed: 0, unresolved: 0, checked: 0 }
  const marked = getState(store, 'calendarRecompute')
  if (marked === null) return out
  const run = marked.slice(0, marked.indexOf(':') + 1)
  let after = marked.slice(run.length)
  const calendar = loadCalendar(store)
  const batch = o.batch ?? 200
  const select = sql.prepare(
    `SELECT id, type, state, clock_started_on AS clockStartedOn, clock_days AS clockDays, deadline_on AS deadlineOn
     FROM cases WHERE id > ? AND clock_started_on IS NOT NULL ORDER BY id LIMIT ?`
  )
  const update = sql.prepare('UPDATE cases SET deadline_on = ? WHERE id = ?')
  let done = false
  while (!done) {
    const t = performance.now()
    sql.transaction(() => {
      // Another calendar was taken since: its own run recomputes everything with it.
      if (!getState(store, 'calendarRecompute')?.startsWith(run)) return void (done = true)
      do {
        const rows = select.all(after, batch) as RunningClock[]
        const { changed, unresolved } = recomputeDeadlines(calendar, rows)
        for (const c of changed) update.run(c.deadlineOn, c.id)
        out.recomputed += changed.length
        out.unresolved += unresolved
        out.checked += rows.length
        if (rows.length < batch) done = true
        else after = rows[rows.length - 1].id
      } while (!done && performance.now() - t < (o.sliceMs ?? 8))
      setState(store, 'calendarRecompute', done ? null : run + after)
    })()
    if (!done) await (o.pause ?? nextTick)()
  }
  return out
}

/** In the transaction that changed the calendar: every running clock is to be recomputed (recomputeInSlices). */
export const markRecompute = (store: Store): void => setState(store, 'calendarRecompute', `${randomUUID()}:`)
