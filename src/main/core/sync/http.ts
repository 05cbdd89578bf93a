/** The desk's HTTP calls to the exchange service (server/PROTOCOL.md): headers, timeouts, error shapes. */
export const SCHEMA_VERSION = '1'

export type FetchFn = typeof globalThis.fetch

/** The server answered with an error status; `code` is the protocol's error code (or `HTTP_<status>`). */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'SyncHttpError'
  }
}

/** Network failures, timeouts and 5xx: the request may be retried unchanged later. */
export const isTransient = (e: unknown): boolean => !(e instanceof SyncHttpError) || e.status >= 500

export interface HttpOptions {
  baseUrl: string
  fetch: FetchFn
  token: () => string | null
  timeoutMs?: number
}

export interface Http {
  json<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>
  putBytes(path: string, bytes: Buffer): Promise<void>
  getBytes(path: string): Promise<Buffer>
  /** A long-lived GET (server-sent events): no timeout, the caller aborts. */
  stream(path: string, signal: AbortSignal): Promise<Response>
}

export function createHttp(opts: HttpOptions): Http {
  const base = opts.baseUrl.replace(/\/+$/, '')
  const timeoutMs = opts.timeoutMs ?? 30_000

  const headers = (extra: Record<string, string> = {}): Record<string, string> => {
    const token = opts.token()
    return { 'x-casedesk-schema': SCHEMA_VERSION, ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra }
  }

  async function send(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string>; signal?: AbortSignal }): Promise<Response> {
    const res = await opts.fetch(base + path, {
      method,
      body: init.body,
      headers: headers(init.headers),
      signal: init.signal ?? AbortSignal.timeout(timeoutMs)
    })
    if (res.ok) return res
    const text = await res.text().catch(() => '')
    let code = `HTTP_${res.status}`
    let message = `交换服务返回错误（${res.status}）`
    try {
      const err = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error
      if (err?.code) code = err.code
      if (err?.message) message = err.message
    } catch {
      // not JSON (a proxy's error page): keep the generic message
    }
    throw new SyncHttpError(res.status, code, message)
  }

  return {
    async json<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
      const res = await send(method, path, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
      return (await res.json()) as T
    },
    async putBytes(path, bytes) {
      const res = await send('PUT', path, { body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream' } })
      await res.body?.cancel()
    },
    async getBytes(path) {
      const res = await send('GET', path, {})
      return Buffer.from(await res.arrayBuffer())
    },
    stream: (path, signal) => send('GET', path, { signal, headers: { accept: 'text/event-stream' } })
  }
}
