import type { MessagePort } from 'node:worker_threads'
import { errorText } from '../core/setup/connection-test'
import type { FetchFn } from '../core/sync/http'

/**
 * The desk's requests to its exchange service, made by the process that owns the network stack: in Electron the
 * main process's `net.fetch` (the system's certificate store — an office's own CA — and proxy), while the core
 * runs in a worker thread (desk-host.ts). The worker gets a `fetch` (`portFetch`) whose requests travel over a
 * MessagePort to `serveFetch`; the answer comes back head first and then its body chunk by chunk, so a
 * server-sent event stream (the sync loop's pokes) stays a stream. Aborting (a timeout, the loop stopping)
 * aborts the request on the other side.
 */
type Wire =
  | { t: 'req'; id: number; url: string; method: string; headers: [string, string][]; body?: string | Uint8Array; redirect?: RequestRedirect }
  | { t: 'abort'; id: number }
  | { t: 'head'; id: number; status: number; statusText: string; headers: [string, string][] }
  | { t: 'chunk'; id: number; bytes: Uint8Array }
  | { t: 'end'; id: number }
  | { t: 'fail'; id: number; name: string; message: string }

/** Statuses whose Response has no body. */
const NULL_BODY = new Set([204, 205, 304])

function errorOf(name: string, message: string): Error {
  // AbortError and TimeoutError as fetch gives them (http.ts and the loop tell a timeout from an outage by name).
  if (name === 'AbortError' || name === 'TimeoutError') return new DOMException(message, name)
  return new TypeError(message)
}

const CARRIED = new Set(['method', 'headers', 'body', 'redirect', 'signal'])

/** The network side: answers `portFetch`'s requests with `fetch`. Returns the function that stops it. */
export function serveFetch(port: MessagePort, fetch: FetchFn): () => void {
  const running = new Map<number, AbortController>()
  const post = (msg: Wire, transfer: ArrayBuffer[] = []): void => port.postMessage(msg, transfer)

  async function answer(req: Extract<Wire, { t: 'req' }>): Promise<void> {
    const abort = new AbortController()
    running.set(req.id, abort)
    try {
      const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body as BodyInit | undefined, redirect: req.redirect, signal: abort.signal })
      post({ t: 'head', id: req.id, status: res.status, statusText: res.statusText, headers: [...res.headers] })
      if (res.body) {
        const reader = res.body.getReader()
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          const bytes = new Uint8Array(r.value)
          post({ t: 'chunk', id: req.id, bytes }, [bytes.buffer as ArrayBuffer])
        }
      }
      post({ t: 'end', id: req.id })
    } catch (e) {
      post({ t: 'fail', id: req.id, name: e instanceof Error ? e.name : 'Error', message: errorText(e) })
    } finally {
      running.delete(req.id)
    }
  }

  const listener = (msg: Wire): void => {
    if (msg.t === 'req') void answer(msg)
    else if (msg.t === 'abort') running.get(msg.id)?.abort()
  }
  port.on('message', listener)
  port.unref()
  return () => {
    port.off('message', listener)
    for (const abort of running.values()) abort.abort()
  }
}

/**
 * The worker side: a `fetch` whose requests `serveFetch` makes. Takes a URL (string or URL), method, headers, a string
 * or byte body, `redirect` and `signal`; anything else it cannot carry is refused (a TypeError), not dropped.
 */
export function portFetch(port: MessagePort): FetchFn {
  let next = 1
  const open = new Map<number, (msg: Wire) => void>()
  port.on('message', (msg: Wire) => open.get(msg.id)?.(msg))
  port.unref()

  return (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    if (typeof input !== 'string' && !(input instanceof URL)) throw new TypeError('portFetch: only a URL is supported')
    const body = init.body
    if (body != null && typeof body !== 'string' && !ArrayBuffer.isView(body)) throw new TypeError('portFetch: only a string or byte body is supported')
    const extra = Object.keys(init).filter((k) => !CARRIED.has(k) && init[k as keyof RequestInit] !== undefined)
    if (extra.length) throw new TypeError(`portFetch: cannot carry ${extra.join(', ')}`)
    const signal = init.signal
    signal?.throwIfAborted()
    const id = next++
    const wireBody = body == null ? undefined : typeof body === 'string' ? body : new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength))
    return new Promise<Response>((resolve, reject) => {
      let stream: ReadableStreamDefaultController<Uint8Array> | null = null
      /** The head made a Response (later failures error its body). */
      let answered = false
      const done = (): void => {
        open.delete(id)
        signal?.removeEventListener('abort', onAbort)
      }
      const onAbort = (): void => {
        port.postMessage({ t: 'abort', id } satisfies Wire)
        const reason: unknown = signal?.reason ?? new DOMException('aborted', 'AbortError')
        if (answered) stream?.error(reason)
        else reject(reason)
        done()
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      open.set(id, (msg) => {
        try {
          answer(msg)
        } catch (e) {
          // An answer fetch would refuse too (a status outside 200–599, a status text it cannot hold): this request
          // fails, the thread goes on.
          port.postMessage({ t: 'abort', id } satisfies Wire)
          const err = new TypeError(`交换服务的应答无法读取：${e instanceof Error ? e.message : String(e)}`)
          if (answered) stream?.error(err)
          else reject(err)
          done()
        }
      })
      const answer = (msg: Wire): void => {
        if (msg.t === 'head') {
          const readable = NULL_BODY.has(msg.status)
            ? null
            : new ReadableStream<Uint8Array>({
                start: (c) => void (stream = c),
                // The reader gave up on the body (cancel): the request ends on the network side too.
                cancel: () => (port.postMessage({ t: 'abort', id } satisfies Wire), done())
              })
          resolve(new Response(readable, { status: msg.status, statusText: msg.statusText, headers: msg.headers }))
          answered = true
        } else if (msg.t === 'chunk') stream?.enqueue(msg.bytes)
        else if (msg.t === 'end') {
          stream?.close()
          done()
        } else if (msg.t === 'fail') {
          const err = errorOf(msg.name, msg.message)
          if (answered) stream?.error(err)
          else reject(err)
          done()
        }
      }
      port.postMessage({ t: 'req', id, url: String(input), method: init.method ?? 'GET', headers: [...new Headers(init.headers)], body: wireBody, redirect: init.redirect } satisfies Wire)
    })
  }) as FetchFn
}
