import { z } from 'zod'
import type { Store } from '../store'
import { withSearchBatch } from '../cases/search-batch'
import { type Http, SyncHttpError } from './http'
import { startCheckpointer, type Checkpointer } from './checkpointer'
import { applyContext, applySnapshot, clearMirror } from './mirror'
import { getState, setState } from './state'
import { parseWire, pullPageSchema, snapshotSchema, type PullPage, WireError } from './wire'

export interface PullReport {
  changes: number
  resynced: boolean
  error?: string
}

export interface PullOptions {
  store: Store
  http: Http
  now: () => Date
  /** Changes per page asked of the service. */
  limit: number
  /** The desk is closing: the pull ends after the slice in progress. */
  stopped: () => boolean
  /** Work done between two yields to the event loop (checking a page, writing the mirror), ms. */
  sliceMs?: number
  /** Between two slices (default: `setImmediate`), so the desk's windows are answered during a long pull. */
  pause?: () => Promise<void>
  /** After each slice committed: its changes and the time its transaction took (benchmarks). */
  onSlice?: (changes: number, ms: number) => void
  /** Before the mirror is rebuilt on `409 RESYNC`: learn what the service still has of this desk's history. */
  beforeResync: () => Promise<void>
  /** The mirror changed (a resync emptied it; a page was applied). */
  changed: () => void
  onPage: () => void
  /** After the last page: follows the versions it names (calendar, office…); true when any was new. */
  follow: (page: PullPage) => Promise<boolean>
}

/** Work between yields, ms: the queue answers during a pull, no stall nears 50 ms (p99 ≤ 10); a commit per slice costs ~1–2 ms. */
export const SLICE_MS = 8
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve))

const envelopeSchema = pullPageSchema.extend({ changes: z.array(z.unknown()) })
const changeSchema = z.object({ seq: z.number(), caseId: z.string(), snapshot: snapshotSchema })

/**
 * Checks a page's changes in slices (a page of 500 snapshots takes tens of ms to check); a malformed change
 * refuses the whole page before anything of it is written, as before.
 */
async function checkPage(body: unknown, o: PullOptions): Promise<PullPage> {
  const envelope = parseWire(envelopeSchema, body, '变更')
  const changes: PullPage['changes'] = []
  const slice = o.sliceMs ?? SLICE_MS
  let t = performance.now()
  for (const [i, raw] of envelope.changes.entries()) {
    const r = changeSchema.safeParse(raw)
    if (!r.success) throw new WireError(`交换服务返回的变更格式不符：changes.${i}.${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`)
    changes.push(r.data)
    if (performance.now() - t >= slice && i < envelope.changes.length - 1) {
      await (o.pause ?? nextTick)()
      t = performance.now()
    }
  }
  return { ...envelope, changes }
}

/**
 * Writes a page in bounded transactions (each ≤ `sliceMs` of work, at least one change), yielding between
 * them. Each slice moves the cursor with it — to the last change it wrote (`<epoch>:<seq>`: the service sends
 * the rest of the page again from there), the page's own cursor with the last slice — so an interrupted pull
 * resumes where its last committed slice ended: nothing lost, nothing applied twice.
 */
export async function applyInSlices(
  store: Store,
  page: PullPage,
  now: Date,
  o: Pick<PullOptions, 'sliceMs' | 'pause' | 'stopped' | 'onSlice'>,
  done: { changes: number },
  checkpoints?: Checkpointer
): Promise<{ stopped: boolean }> {
  const sql = store.sqlite
  const { changes } = page
  const epoch = page.cursor.slice(0, page.cursor.lastIndexOf(':'))
  const slice = o.sliceMs ?? SLICE_MS
  if (!changes.length) setState(store, 'cursor', page.cursor)
  let i = 0
  let n = 0
  while (i < changes.length) {
    const t = performance.now()
    sql.transaction(() => {
      const ctx = applyContext(sql)
      let j = i
      // The new cases' search indexes in one go at the slice's end (FTS5 per case cost ~10×: search-batch.ts).
      withSearchBatch(sql, () => {
        do applySnapshot(sql, changes[j++].snapshot, now, ctx)
        while (j < changes.length && performance.now() - t < slice)
      })
      setState(store, 'cursor', j === changes.length ? page.cursor : `${epoch}:${changes[j - 1].seq}`)
      done.changes += j - i
      n = j - i
      i = j
    })()
    o.onSlice?.(n, performance.now() - t)
    checkpoints?.poke()
    if (i < changes.length) {
      await (o.pause ?? nextTick)()
      if (o.stopped()) return { stopped: true }
    }
  }
  return { stopped: false }
}

/**
 * Pulls pages until `more` is false, each written in slices (applyInSlices); `409 RESYNC` rebuilds the
 * mirror (once per pull). The next page is asked for while this one is written (the service works while the
 * desk does): an interrupted pull drops it, the stored cursor decides where the next pull starts. Throws what
 * the caller records as the pull's error; `report` holds what was done.
 */
export async function pullPages(o: PullOptions, report: PullReport): Promise<void> {
  const { store } = o
  const fetchPage = (cursor: string): Promise<unknown> => o.http.json('GET', `/sync/pull?${new URLSearchParams({ cursor, limit: String(o.limit) })}`)
  let next: Promise<unknown> | null = null
  let checkpoints: Checkpointer | undefined
  let cacheBefore: number | undefined
  try {
    while (!o.stopped()) {
      let body: unknown
      try {
        body = await (next ?? fetchPage(getState(store, 'cursor') ?? ''))
      } catch (e) {
        next = null
        if (!(e instanceof SyncHttpError && e.code === 'RESYNC') || report.resynced) throw e
        // A restore: first learn what the server still has of this desk's own history (the lost decisions
        // are then pending again and their letters survive the rebuild), then rebuild the mirror.
        await o.beforeResync()
        clearMirror(store)
        report.resynced = true
        o.changed()
        continue
      }
      next = null
      const page = await checkPage(body, o)
      if (o.stopped()) return
      if (page.more) {
        next = fetchPage(page.cursor)
        next.catch(() => undefined) // awaited (and its failure met) on the next turn, or dropped with the pull
      }
      // A long pull (more pages to come) checkpoints the WAL in a worker, not inside its commits, and gives the
      // connection a page cache the size of the indexes it writes (64 MB, not 2 MB: fewer reads per insert).
      if (page.more && !checkpoints) {
        checkpoints = startCheckpointer(store)
        cacheBefore = store.sqlite.pragma('cache_size', { simple: true }) as number
        store.sqlite.pragma(`cache_size = ${Math.min(cacheBefore, -65536)}`)
      }
      const { stopped } = await applyInSlices(store, page, o.now(), o, report, checkpoints)
      if (page.changes.length) o.onPage()
      if (stopped) return
      if (!page.more) {
        await o.follow(page)
        return
      }
    }
  } finally {
    // A prefetched page nobody will apply: let its request finish unobserved.
    next?.catch(() => undefined)
    await checkpoints?.close()
    if (cacheBefore !== undefined) store.sqlite.pragma(`cache_size = ${cacheBefore}`)
  }
}
