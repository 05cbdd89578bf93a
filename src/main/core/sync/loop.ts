/**
 * The sync loop: a round (push, then pull) when poked by the server's event stream, else every 30 s;
 * exponential backoff after failures. Never throws to its caller; `stop()` ends it promptly.
 */
export interface LoopOptions {
  /** One round; resolves true when it reached the server. Must not throw (a throw counts as a failure). */
  round: () => Promise<boolean>
  /** Opens `GET /sync/events`; absent (or signed out, rejecting) = poll only. */
  events?: (signal: AbortSignal) => Promise<Response>
  pollMs?: number
  minBackoffMs?: number
  maxBackoffMs?: number
}

export interface Loop {
  start(): void
  stop(): Promise<void>
  /** Runs a round soon (a poke, a sign-in, a local change). */
  poke(): void
  readonly running: boolean
}

export const backoffMs = (failures: number, min: number, max: number): number => {
  const base = Math.min(max, min * 2 ** Math.max(0, failures - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

/** Calls `onPoke` for each `event: poke` of a server-sent event stream until it ends. */
export async function readPokes(body: ReadableStream<Uint8Array>, onPoke: () => void): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer = (buffer + decoder.decode(value, { stream: true })).replace(/\r\n?/g, '\n')
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      if (/^event: ?poke$/m.test(block)) onPoke()
    }
  }
}

export function createLoop(opts: LoopOptions): Loop {
  const pollMs = opts.pollMs ?? 30_000
  const minBackoff = opts.minBackoffMs ?? 1_000
  const maxBackoff = opts.maxBackoffMs ?? 60_000
  let running = false
  let poked = false
  let wake: (() => void) | null = null
  let eventsAbort: AbortController | null = null
  let tasks: Promise<void>[] = []

  /** Sleeps `ms`, or less when poked or stopped. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (poked || !running) return resolve()
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        wake = null
        resolve()
      }
      wake = done
    })

  async function rounds(): Promise<void> {
    let failures = 0
    while (running) {
      poked = false
      const ok = await opts.round().catch(() => false)
      failures = ok ? 0 : failures + 1
      if (running) await sleep(ok ? pollMs : backoffMs(failures, minBackoff, maxBackoff))
    }
  }

  async function events(): Promise<void> {
    let failures = 0
    while (running && opts.events) {
      eventsAbort = new AbortController()
      try {
        const res = await opts.events(eventsAbort.signal)
        failures = 0
        loop.poke() // pokes sent while the stream was down are lost: catch up once
        if (res.body) await readPokes(res.body, () => loop.poke())
      } catch {
        // offline, signed out or the stream broke: polling goes on; try the stream again later
      }
      failures++
      if (!running) return
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoffMs(failures, minBackoff * 5, maxBackoff))
        eventsAbort?.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()))
      })
    }
  }

  const loop: Loop = {
    get running() {
      return running
    },
    start() {
      if (running) return
      running = true
      tasks = [rounds(), events()]
    },
    async stop() {
      running = false
      eventsAbort?.abort()
      wake?.()
      await Promise.all(tasks)
      tasks = []
    },
    poke() {
      poked = true
      wake?.()
    }
  }
  return loop
}

/** `call()` runs `fn` at most once a second (later calls are held back); `flush()` runs it now if one was held. */
export function atMostOnceASecond(fn: () => void) {
  let at = -Infinity
  let held = false
  const run = () => {
    at = performance.now()
    held = false
    fn()
  }
  return {
    call: () => (performance.now() - at < 1_000 ? void (held = true) : run()),
    flush: () => (held ? run() : undefined)
  }
}
