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

/**
 * The service cannot serve now — 503 (its database is away; PROTOCOL.md `DATABASE_UNAVAILABLE`), or a gateway's
 * 502/504 (the service behind it unreachable): an outage like an unreachable server, never the service's answer
 * to what was sent. Deliberately not a SyncHttpError, so everything that reads one as a refusal (quarantine, a
 * sign-in refused) treats this as offline: the outbox stays pending and is sent again as it is.
 */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly status: number,
    /** How long to wait before asking again (the answer's Retry-After within RETRY_AFTER_BOUNDS). */
    readonly retryAfterMs: number,
    message: string
  ) {
    super(message)
    this.name = 'ServiceUnavailableError'
  }
}

/** Retry-After is honoured within these bounds (a missing or unreadable one: the default). */
export const RETRY_AFTER_BOUNDS = { minMs: 1_000, defaultMs: 5_000, maxMs: 120_000 }
const OUTAGE_STATUS = new Set([502, 503, 504])

/** Retry-After (delay-seconds or an HTTP date) in ms, kept within RETRY_AFTER_BOUNDS. */
export function retryAfterMs(header: string | null, now: number): number {
  const { minMs, defaultMs, maxMs } = RETRY_AFTER_BOUNDS
  const text = header?.trim() ?? ''
  let ms: number
  if (/^\d+$/.test(text)) ms = Number(text) * 1000
  else if (text && /[a-z]/i.test(text) && Number.isFinite(Date.parse(text))) ms = Date.parse(text) - now
  else return defaultMs
  return Math.min(maxMs, Math.max(minMs, ms))
}

/** Network failures, timeouts, an unavailable service and 5xx: the request may be retried unchanged later. */
export const isTransient = (e: unknown): boolean => !(e instanceof SyncHttpError) || e.status >= 500

export interface HttpOptions {
  baseUrl: string
  fetch: FetchFn
  token: () => string | null
  timeoutMs?: number
  /** Told the `Date` header of every answer (the service's clock): the desk measures its clock's offset (clock-offset.ts). */
  onServiceDate?: (date: string | null) => void
  /** Tests: the clock Retry-After is measured on (default Date.now). */
  now?: () => number
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
  const now = opts.now ?? Date.now
  /** After a 503: no request before this time (Retry-After), calls fail at once as the outage they are. */
  let unavailable: { until: number; status: number; message: string } | null = null

  const headers = (extra: Record<string, string> = {}): Record<string, string> => {
    const token = opts.token()
    return { 'x-casedesk-schema': SCHEMA_VERSION, ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra }
  }

  async function send(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string>; signal?: AbortSignal }): Promise<Response> {
    if (unavailable) {
      const wait = unavailable.until - now()
      if (wait > 0) throw new ServiceUnavailableError(unavailable.status, wait, unavailable.message)
      unavailable = null
    }
    const res = await opts.fetch(base + path, {
      method,
      body: init.body,
      headers: headers(init.headers),
      signal: init.signal ?? AbortSignal.timeout(timeoutMs)
    })
    opts.onServiceDate?.(res.headers.get('date'))
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
    if (OUTAGE_STATUS.has(res.status)) {
      const wait = retryAfterMs(res.headers.get('retry-after'), now())
      const why = code.startsWith('HTTP_') ? `交换服务暂时无法使用（${res.status}）` : message
      unavailable = { until: now() + wait, status: res.status, message: why }
      throw new ServiceUnavailableError(res.status, wait, why)
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
