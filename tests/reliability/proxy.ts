// A fault-injecting HTTP proxy on a loopback port, between a desk and the exchange service. Each
// injected fault applies once, to the next request whose path starts with the given prefix.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault =
  /** Forward, let the server commit, then cut the connection before any byte of the answer. */
  | { kind: 'drop' }
  /** Forward, then send the head and half of the body and cut the connection. */
  | { kind: 'truncate' }
  /** Forward, then answer a complete HTTP response whose JSON body is cut in half. */
  | { kind: 'garble' }
  /** Forward, and answer after `ms`. */
  | { kind: 'delay'; ms: number }
  /** Hold the request before forwarding it until `release` resolves (deterministic reordering). */
  | { kind: 'hold'; release: Promise<void> }

export interface Proxy {
  url: string
  /** While true every request fails as a refused / reset connection (the desk is offline). */
  down: boolean
  inject(path: string, fault: Fault): void
  /** Resolves when the next request for `path` has reached the proxy. */
  arrived(path: string): Promise<void>
  /** Requests seen: `METHOD path → status | fault`. */
  log: string[]
  close(): Promise<void>
}

const HOP = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding'])

export async function startProxy(target: string): Promise<Proxy> {
  const faults: { path: string; fault: Fault }[] = []
  const waiters: { path: string; resolve: () => void }[] = []
  const log: string[] = []

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const path = req.url ?? '/'
    const label = `${req.method} ${path.split('?')[0]}`
    for (let j = waiters.length - 1; j >= 0; j--) if (path.startsWith(waiters[j].path)) waiters.splice(j, 1)[0].resolve()
    if (proxy.down) {
      log.push(`${label} → down`)
      req.socket.destroy()
      return
    }
    const i = faults.findIndex((f) => path.startsWith(f.path))
    const fault = i >= 0 ? faults.splice(i, 1)[0].fault : undefined
    if (fault?.kind === 'hold') await fault.release
    const headers: Record<string, string> = {}
    for (const [k, val] of Object.entries(req.headers)) if (!HOP.has(k) && typeof val === 'string') headers[k] = val
    const up = await fetch(target + path, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body) })
    const answer = Buffer.from(await up.arrayBuffer())
    log.push(`${label} → ${up.status}${fault ? ` (${fault.kind})` : ''}`)
    // The service's own Date header goes through (the desk measures its clock against it; Node would stamp the proxy's).
    const head = { 'content-type': up.headers.get('content-type') ?? 'application/octet-stream', ...(up.headers.get('date') ? { date: up.headers.get('date')! } : {}) }
    switch (fault?.kind) {
      case 'drop':
        req.socket.destroy()
        return
      case 'truncate':
        res.writeHead(up.status, { ...head, 'content-length': answer.length })
        res.write(answer.subarray(0, answer.length >> 1), () => req.socket.destroy())
        return
      case 'garble':
        res.writeHead(up.status, head).end(answer.subarray(0, answer.length >> 1))
        return
      case 'delay':
        await new Promise((r) => setTimeout(r, fault.ms))
        break
    }
    res.writeHead(up.status, head).end(answer)
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((e: unknown) => {
        log.push(`${req.method} ${req.url} → proxy error ${String(e)}`)
        req.socket.destroy()
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const proxy: Proxy = {
    url: `http://127.0.0.1:${port}`,
    down: false,
    inject: (path, fault) => void faults.push({ path, fault }),
    arrived: (path) => new Promise((resolve) => waiters.push({ path, resolve })),
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  return proxy
}
