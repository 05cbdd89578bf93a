import { monitorEventLoopDelay } from 'node:perf_hooks'

/** What the event loop did while a piece of work ran: the longest stall and the 99th percentile, in ms. */
export interface LoopDelay {
  maxMs: number
  p99Ms: number
}

/**
 * Runs `work` while Node's `monitorEventLoopDelay` samples this thread's event loop (every 5 ms), and
 * returns its result with the delays seen. A synchronous stretch of work shows as one long delay.
 */
export async function withLoopDelay<T>(work: () => Promise<T> | T): Promise<{ result: T; delay: LoopDelay }> {
  const h = monitorEventLoopDelay({ resolution: 5 })
  h.enable()
  // The sampler's timer must be armed before the work starts, or a stall at the very start goes unseen.
  await new Promise((r) => setTimeout(r, 20))
  try {
    const result = await work()
    // Let the sampler see the last stretch (its timer fires after the work returns the loop).
    await new Promise((r) => setTimeout(r, 20))
    return { result, delay: { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6 } }
  } finally {
    h.disable()
  }
}
