import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { MessageChannel } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { portFetch, serveFetch } from './fetch-port'

let server: Server
let stop: () => void = () => {}
afterEach(() => {
  stop()
  server?.close()
})

/** A real HTTP server on a loopback port, and a fetch that reaches it across a MessagePort (as the desk worker's does). */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; fetch: typeof fetch }> {
  server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port1, port2 } = new MessageChannel()
  stop = serveFetch(port1, fetch)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, fetch: portFetch(port2) }
}

const bodyOf = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)))
  })

describe('fetch across a MessagePort', () => {
  it('carries method, headers and a text or byte body there, and status, headers and body back', async () => {
    const { url, fetch: f } = await serve(async (req, res) => {
      const body = await bodyOf(req)
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'x-echo': String(req.headers['x-casedesk-schema']) })
      res.end(JSON.stringify({ method: req.method, length: body.length, first: body[0] ?? null, text: body.toString('utf8') }))
    })
    const json = await f(`${url}/a`, { method: 'POST', headers: { 'x-casedesk-schema': '7', 'content-type': 'application/json' }, body: JSON.stringify({ 名: '张三' }) })
    expect(json.status).toBe(200)
    expect(json.headers.get('x-echo')).toBe('7')
    expect(await json.json()).toMatchObject({ method: 'POST', text: '{"名":"张三"}' })
    const bytes = new Uint8Array([0, 255, 1, 2])
    expect(await (await f(new URL(`${url}/b`), { method: 'PUT', body: bytes })).json()).toMatchObject({ method: 'PUT', length: 4, first: 0 })
    const missing = await f(`${url}/missing`)
    expect(missing.ok).toBe(false)
    expect(missing.status).toBe(404)
  })

  it('streams a server-sent event stream chunk by chunk, and aborting it ends the request on the network side', async () => {
    let closed = false
    let write: (s: string) => void = () => {}
    const { url, fetch: f } = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(': ready\n\n')
      write = (s) => res.write(s)
      req.on('close', () => (closed = true))
    })
    const abort = new AbortController()
    const res = await f(`${url}/events`, { signal: abort.signal, headers: { accept: 'text/event-stream' } })
    const reader = res.body!.getReader()
    const text = new TextDecoder()
    expect(text.decode((await reader.read()).value)).toBe(': ready\n\n')
    write('event: poke\ndata: {}\n\n')
    expect(text.decode((await reader.read()).value)).toBe('event: poke\ndata: {}\n\n')
    abort.abort()
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' })
    await expect.poll(() => closed).toBe(true)
  })

  it('gives a timeout as TimeoutError and a refused connection as a TypeError, as fetch does', async () => {
    const { url, fetch: f } = await serve(() => {
      // never answers
    })
    await expect(f(`${url}/slow`, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: 'TimeoutError' })
    server.close()
    server.closeAllConnections()
    await expect(f(`${url}/gone`)).rejects.toBeInstanceOf(TypeError)
  })

  it('refuses what it cannot carry, and follows redirect: error (the connection test relies on it)', async () => {
    const { url, fetch: f } = await serve((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { location: '/hello' }).end()
      else res.end('hello')
    })
    await expect(f(new Request(url))).rejects.toBeInstanceOf(TypeError)
    await expect(f(url, { method: 'POST', body: new Blob(['x']) })).rejects.toBeInstanceOf(TypeError)
    await expect(f(url, { cache: 'no-store' })).rejects.toThrow(/cannot carry cache/)
    await expect(f(`${url}/moved`, { redirect: 'error' })).rejects.toBeInstanceOf(TypeError)
    expect(await (await f(`${url}/moved`)).text()).toBe('hello')
  })

  it('an answer fetch cannot represent (status 999) fails that request only', async () => {
    const { url, fetch: f } = await serve((req, res) => {
      if (req.url === '/odd') res.socket!.end('HTTP/1.1 999 Odd\r\ncontent-length: 0\r\n\r\n')
      else res.end('fine')
    })
    const first = await f(`${url}/odd`).then(
      (r) => r.status,
      (e: Error) => e.name
    )
    // Either side may refuse it (Node's fetch itself, or the Response on this side): never an uncaught error.
    expect(first).toBe('TypeError')
    expect(await (await f(`${url}/fine`)).text()).toBe('fine')
  })
})
