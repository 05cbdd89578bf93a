import { describe, expect, it, vi } from 'vitest'
import { atMostOnceASecond, backoffMs, createLoop, readPokes } from './loop'

const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk))
      c.close()
    }
  })

const until = async (cond: () => boolean, ms = 2000) => {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('server-sent pokes', () => {
  it('counts poke events across chunk boundaries and CRLF, ignoring comments and other events', async () => {
    let pokes = 0
    await readPokes(streamOf(': connected\n\n', 'event: poke\ndata: {"seq":1}\n', '\n: heartbeat\n\nevent: other\ndata: 1\n\n', 'event: poke\r\ndata: {"seq":2}\r\n\r\n'), () => pokes++)
    expect(pokes).toBe(2)
  })
})

describe('the sync loop', () => {
  it('runs a round at once, again when poked, and stops promptly without throwing', async () => {
    let rounds = 0
    const loop = createLoop({ round: async () => (rounds++, true), pollMs: 60_000 })
    loop.start()
    await until(() => rounds === 1)
    loop.poke()
    await until(() => rounds === 2)
    const t = Date.now()
    await loop.stop()
    expect(Date.now() - t).toBeLessThan(500)
    expect(loop.running).toBe(false)
  })

  it('backs off exponentially after failures (a throwing round counts as one) and recovers', async () => {
    const times: number[] = []
    let fail = 3
    const loop = createLoop({
      round: async () => {
        times.push(Date.now())
        if (fail-- > 0) throw new Error('offline')
        return true
      },
      pollMs: 60_000,
      minBackoffMs: 50,
      maxBackoffMs: 2000
    })
    loop.start()
    await until(() => times.length === 4, 5000)
    await loop.stop()
    const gaps = times.slice(1).map((t, i) => t - times[i])
    expect(gaps[1]).toBeGreaterThan(gaps[0])
    expect(gaps[2]).toBeGreaterThan(gaps[1])
    expect(backoffMs(10, 1000, 60_000)).toBeLessThanOrEqual(72_000)
  })

  it('rounds on every poke from the event stream, reconnecting when it ends', async () => {
    let rounds = 0
    let opened = 0
    const loop = createLoop({
      round: async () => (rounds++, true),
      events: async () => (opened++, new Response(streamOf('event: poke\ndata: {}\n\n'))),
      pollMs: 60_000,
      minBackoffMs: 2
    })
    loop.start()
    await until(() => opened >= 2 && rounds >= 3)
    await loop.stop()
  })
})

describe('atMostOnceASecond', () => {
  it('runs the first call, holds the rest for a second, and flush runs a held one once', () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    try {
      let runs = 0
      const t = atMostOnceASecond(() => runs++)
      t.call()
      t.call()
      t.call()
      expect(runs).toBe(1)
      vi.advanceTimersByTime(1_000)
      t.call()
      expect(runs).toBe(2)
      t.call()
      t.flush()
      t.flush()
      expect(runs).toBe(3)
    } finally {
      vi.useRealTimers()
    }
  })
})
