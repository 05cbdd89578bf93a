import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { EventName, Events } from '../../shared/api/contract'
import { jsonTextProblem } from '../../shared/api/wire-safe'
import type { ApiHandler, SessionSlot } from '../core/api'

/**
 * The loopback bridge: serves the built renderer and answers the same contract over HTTP, backed by
 * the same handler table as Electron's IPC. For tests and demos where Electron cannot run; 127.0.0.1
 * only, every API call needs the one-time token, the signed-in session lives in an HttpOnly cookie.
 * Main → renderer events (`contract.ts`, `Events`) stream as server-sent events from `GET /events`.
 */
export interface Bridge {
  url: string
  token: string
  close(): Promise<void>
}

export interface BridgeOptions {
  handler: ApiHandler
  staticDir: string
  port?: number
  maxBodyBytes?: number
  /** Where the contract's events come from (e.g. `{ 'sync.changed': services.changes.subscribe }`); absent = none. */
  events?: EventSources
  /** How often an idle event stream gets a comment line (keeps proxies and the client's reader awake). */
  heartbeatMs?: number
}

export type EventSources = { [E in EventName]?: (listener: (payload: Events[E]) => void) => () => void }

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.bcmap': 'application/octet-stream',
  '.wasm': 'application/wasm'
}
const COOKIE = 'casedesk_sid'

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(18).toString('base64url')
  const sessions = new Map<string, SessionSlot>()
  const maxBody = opts.maxBodyBytes ?? 2 * 1024 * 1024
  const streams = new Set<ServerResponse>()
  let port = 0

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error(e)
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '本机服务出错' } })
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return void send(res, 421, { error: 'bad host' })
    const url = new URL(req.url ?? '/', `http://${host}`)
    if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname.slice(5))
    if (url.pathname === '/events') return events(req, res)
    if (req.method !== 'GET' && req.method !== 'HEAD') return void send(res, 405, { error: 'method' })
    return serveStatic(res, url.pathname)
  }

  async function api(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return void send(res, 405, { ok: false, error: { code: 'VALIDATION', message: '请求方法错误' } })
    if (!tokenOk(req)) return void send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '访问令牌无效，请使用启动时打印的地址打开' } })
    const body = await readBody(req, maxBody)
    if (body === 'too_large') return void send(res, 413, { ok: false, error: { code: 'VALIDATION', message: '请求内容过大' } })
    let input: unknown
    const text = body.toString('utf8')
    // The depth is checked on the text first (nothing recursive sees a 100k-deep body); the handler then refuses NUL,
    // lone surrogates and too much nesting in what was parsed (CONTRACT_LIMITS), as for Electron's IPC.
    const tooDeep = jsonTextProblem(text)
    if (tooDeep) return void send(res, 400, { ok: false, error: { code: 'VALIDATION', message: tooDeep } })
    try {
      input = body.length ? JSON.parse(text) : {}
    } catch {
      return void send(res, 400, { ok: false, error: { code: 'VALIDATION', message: '请求内容不是有效的 JSON' } })
    }
    const sid = cookieSid(req) ?? randomBytes(18).toString('base64url')
    let slot = sessions.get(sid)
    if (!slot) sessions.set(sid, (slot = { staff: null, via: '浏览器（本机）' }))
    const result = await opts.handler(channel, input, slot)
    res.setHeader('set-cookie', `${COOKIE}=${sid}; HttpOnly; SameSite=Strict; Path=/`)
    send(res, 200, result)
  }

  function tokenOk(req: IncomingMessage): boolean {
    const given = Buffer.from(String(req.headers['x-casedesk-token'] ?? ''))
    const expected = Buffer.from(token)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  /**
   * `GET /events` with the token header: a server-sent event stream, `event: <name>` + `data: <json>` per
   * event, a comment line at once (headers and first bytes out) and then now and then (heartbeat).
   */
  function events(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return void send(res, 405, { error: 'method' })
    if (!tokenOk(req)) return void send(res, 403, { error: 'token' })
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
    res.write(': ready\n\n')
    streams.add(res)
    const stops = Object.entries(opts.events ?? {}).map(([name, subscribe]) =>
      (subscribe as (l: (payload: unknown) => void) => () => void)((payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`))
    )
    const heartbeat = setInterval(() => res.write(': ping\n\n'), opts.heartbeatMs ?? 25_000)
    res.on('close', () => {
      clearInterval(heartbeat)
      stops.forEach((stop) => stop())
      streams.delete(res)
    })
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname)
    } catch {
      return void send(res, 400, { error: 'bad path' })
    }
    const rel = normalize(decoded).replace(/^([/\\])+/, '')
    const file = join(opts.staticDir, rel || 'index.html')
    if (!file.startsWith(opts.staticDir + sep) && file !== opts.staticDir) return void send(res, 403, { error: 'path' })
    try {
      const data = await readFile(file)
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' })
      res.end(data)
    } catch {
      if (extname(rel)) return void send(res, 404, { error: 'not found' })
      const index = await readFile(join(opts.staticDir, 'index.html'))
      res.writeHead(200, { 'content-type': MIME['.html'] })
      res.end(index)
    }
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        // Event streams — and a page reopening one on a kept-alive connection — would hold the close up forever.
        for (const res of streams) res.end()
        server.closeAllConnections()
      })
  }
}

function cookieSid(req: IncomingMessage): string | undefined {
  const m = /(?:^|;\s*)casedesk_sid=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')
  return m?.[1]
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > max) {
        resolve('too_large')
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}
