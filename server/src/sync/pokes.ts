import { EventEmitter } from 'node:events'
import pg from 'pg'

/** The channel `appendChange` notifies in the committing transaction (PostgreSQL delivers it on commit). */
export const POKE_CHANNEL = 'casedesk_poke'

/**
 * Tells SSE listeners that the change log grew. On PGlite (one process) the committing code calls
 * `emit` after its commit. On PostgreSQL several server instances may share the database, so each
 * instance LISTENs (`listenForPokes`) and every commit's NOTIFY reaches all of them; local `emit`s
 * are then ignored so a poke is not sent twice.
 */
export class Pokes {
  private readonly emitter = new EventEmitter().setMaxListeners(0)
  private viaNotify = false

  /** A local commit appended changes up to `seq`. */
  emit(seq: number): void {
    if (!this.viaNotify) this.deliver(seq)
  }

  deliver(seq: number): void {
    this.emitter.emit('poke', seq)
  }

  on(listener: (seq: number) => void): () => void {
    this.emitter.on('poke', listener)
    return () => this.emitter.off('poke', listener)
  }

  /**
   * Feeds the pokes from PostgreSQL NOTIFY on a dedicated connection; returns the stop function. A lost
   * connection (or one that cannot be made) is tried again for as long as it takes, after 0.5 s, 1 s, 2 s …
   * up to 30 s between attempts (with jitter). After every reconnect the desks are poked once: NOTIFYs sent
   * while the connection was down are lost, so they pull and see what was committed meanwhile.
   * The first connection must succeed (the service starts only with its database).
   */
  async listen(url: string, onError: (e: unknown) => void = () => {}, opts: ListenOptions = {}): Promise<() => Promise<void>> {
    const minDelay = opts.minDelayMs ?? 500
    const maxDelay = opts.maxDelayMs ?? 30_000
    let client: pg.Client | undefined
    let stopped = false
    let failures = 0
    let timer: NodeJS.Timeout | undefined
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: url, keepAlive: true, keepAliveInitialDelayMillis: 10_000, connectionTimeoutMillis: 10_000 })
      c.on('notification', (n) => {
        const seq = Number(n.payload)
        if (n.channel === POKE_CHANNEL && Number.isFinite(seq)) this.deliver(seq)
      })
      // Set once LISTEN is in place; a failure before that is the caller's (connect rejects), after it this retries.
      let live = false
      const onLost = (e: Error) => {
        if (!live) return
        live = false
        if (client === c) client = undefined
        void c.end().catch(() => {})
        if (stopped) return
        onError(e)
        retry()
      }
      c.on('error', onLost)
      // A server that closes the connection without an error message (a proxy, a failover) ends it too.
      c.on('end', () => onLost(new Error('LISTEN connection ended')))
      try {
        await c.connect()
        await c.query(`LISTEN ${POKE_CHANNEL}`)
      } catch (e) {
        void c.end().catch(() => {})
        throw e
      }
      if (stopped) {
        await c.end().catch(() => {})
        return
      }
      live = true
      client = c
    }
    const retry = () => {
      failures++
      const delay = Math.min(maxDelay, minDelay * 2 ** Math.min(failures - 1, 20)) * (0.8 + Math.random() * 0.4)
      timer = setTimeout(() => {
        timer = undefined
        if (stopped) return
        connect().then(
          () => {
            if (stopped || !client) return
            failures = 0
            // Whatever was committed while we were not listening: desks pull once.
            void client.query('SELECT coalesce(max(seq), 0) AS seq FROM changes').then(
              (r) => this.deliver(Number((r.rows[0] as { seq: string | number }).seq)),
              () => this.deliver(0)
            )
          },
          (e: unknown) => {
            if (stopped) return
            onError(e)
            retry()
          }
        )
      }, delay)
    }
    await connect()
    this.viaNotify = true
    return async () => {
      stopped = true
      this.viaNotify = false
      clearTimeout(timer)
      await client?.end().catch(() => {})
    }
  }
}

export interface ListenOptions {
  /** First delay before reconnecting (default 500 ms); doubled after each failed attempt. */
  minDelayMs?: number
  /** The longest delay between attempts (default 30 s). */
  maxDelayMs?: number
}
