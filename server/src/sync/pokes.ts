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

  /** Feeds the pokes from PostgreSQL NOTIFY on a dedicated connection (reconnecting); returns the stop function. */
  async listen(url: string, onError: (e: unknown) => void = () => {}): Promise<() => Promise<void>> {
    let client: pg.Client | undefined
    let stopped = false
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: url })
      c.on('notification', (n) => {
        const seq = Number(n.payload)
        if (n.channel === POKE_CHANNEL && Number.isFinite(seq)) this.deliver(seq)
      })
      c.on('error', (e) => {
        onError(e)
        client = undefined
        void c.end().catch(() => {})
        if (!stopped) setTimeout(() => void connect().catch(onError), 1000)
      })
      await c.connect()
      await c.query(`LISTEN ${POKE_CHANNEL}`)
      client = c
    }
    await connect()
    this.viaNotify = true
    return async () => {
      stopped = true
      this.viaNotify = false
      await client?.end()
    }
  }
}
