// A TCP proxy on a loopback port (node:net) for tests that take the database away: the exchange service
// connects to PostgreSQL through it. `cut()` destroys every open connection and stops listening (new
// connections are refused, as by a stopped server), or with 'hang' accepts them and never answers (a
// black hole: the pool's connect timeout). `restore()` lets connections through again on the same port.
import { connect, createServer, type Server, type Socket } from 'node:net'

export type CutMode = 'refuse' | 'hang'

export interface TcpProxy {
  readonly port: number
  /** `url` (a connection string) pointed at this proxy instead of its own host and port. */
  via(url: string): string
  cut(mode?: CutMode): Promise<void>
  restore(): Promise<void>
  /** Connections currently forwarded. */
  readonly open: number
  /** Connections accepted since the start (forwarded or not). */
  readonly accepted: number
  close(): Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>()
  const held = new Set<Socket>()
  let mode: CutMode | null = null
  let accepted = 0
  let port = 0

  const onConnection = (client: Socket) => {
    accepted++
    client.on('error', () => {})
    if (mode === 'hang') {
      held.add(client)
      client.on('close', () => held.delete(client))
      return
    }
    const upstream = connect(target.port, target.host)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
    const pair: [Socket, Socket] = [client, upstream]
    pairs.add(pair)
    const end = () => {
      pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end)
    upstream.on('close', end)
    client.pipe(upstream)
    upstream.pipe(client)
  }

  let server: Server = createServer(onConnection)
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject)
        port = (server.address() as { port: number }).port
        resolve()
      })
    })
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()))
  const dropAll = () => {
    for (const [a, b] of pairs) {
      a.destroy()
      b.destroy()
    }
    pairs.clear()
    for (const s of held) s.destroy()
    held.clear()
  }
  await listen(0)

  return {
    get port() {
      return port
    },
    get open() {
      return pairs.size
    },
    get accepted() {
      return accepted
    },
    via(url) {
      const u = new URL(url)
      u.hostname = '127.0.0.1'
      u.port = String(port)
      return u.toString()
    },
    async cut(how: CutMode = 'refuse') {
      mode = how
      dropAll()
      if (how === 'refuse') await stopListening()
    },
    async restore() {
      const wasRefusing = mode === 'refuse'
      mode = null
      for (const s of held) s.destroy()
      held.clear()
      if (wasRefusing || !server.listening) {
        server = createServer(onConnection)
        await listen(port)
      }
    },
    async close() {
      mode = 'refuse'
      dropAll()
      await stopListening()
    }
  }
}
