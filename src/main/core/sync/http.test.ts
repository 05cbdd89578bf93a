import { describe, expect, it } from 'vitest'
import { createHttp, type FetchFn, isTransient, RETRY_AFTER_BOUNDS, ServiceUnavailableError, SyncHttpError } from './http'

/** A fetch answering from `answers` in turn (the last one repeats), counting the calls. */
function fakeFetch(...answers: (() => Response)[]) {
  const calls: string[] = []
  const fetch: FetchFn = async (input) => {
    calls.push(String(input))
    return answers[Math.min(calls.length, answers.length) - 1]()
  }
  return { fetch, calls }
}

const unavailable = (retryAfter?: string) => () =>
  new Response(JSON.stringify({ error: { code: 'DATABASE_UNAVAILABLE', message: '交换服务暂时无法访问数据库，请稍后重试' } }), {
    status: 503,
    headers: { 'content-type': 'application/json', ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }) }
  })
const ok = () => () => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } })

function httpWith(fetch: FetchFn) {
  let now = 1_000_000
  const http = createHttp({ baseUrl: 'http://exchange.test', fetch, token: () => 't', now: () => now })
  return { http, advance: (ms: number) => void (now += ms) }
}

const thrown = async (p: Promise<unknown>): Promise<unknown> => p.then(() => expect.fail('should have failed'), (e: unknown) => e)

describe('503 Service Unavailable: an outage, not a refusal', () => {
  it('is an outage (transient, not an HTTP refusal) and carries the Retry-After', async () => {
    const { fetch } = fakeFetch(unavailable('7'))
    const e = await thrown(httpWith(fetch).http.json('POST', '/sync/push', { mutations: [] }))
    expect(e).toBeInstanceOf(ServiceUnavailableError)
    expect(e).not.toBeInstanceOf(SyncHttpError) // nothing that reads SyncHttpError as the server's answer to the mutation sees it
    expect(isTransient(e)).toBe(true)
    expect((e as ServiceUnavailableError).retryAfterMs).toBe(7_000)
    expect((e as Error).message).toContain('交换服务暂时无法访问数据库')
  })

  it('asks the service again only after Retry-After (no request meanwhile), then goes on', async () => {
    const { fetch, calls } = fakeFetch(unavailable('7'), ok())
    const { http, advance } = httpWith(fetch)
    await thrown(http.json('GET', '/sync/pull'))
    advance(3_000)
    const early = await thrown(http.json('GET', '/sync/pull'))
    expect(early).toBeInstanceOf(ServiceUnavailableError)
    expect((early as ServiceUnavailableError).retryAfterMs).toBe(4_000)
    await thrown(http.stream('/sync/events', new AbortController().signal))
    expect(calls).toHaveLength(1)
    advance(4_000)
    expect(await http.json('GET', '/sync/pull')).toEqual({ ok: true })
    expect(calls).toHaveLength(2)
  })

  it('keeps Retry-After within sane bounds (seconds or an HTTP date; absent or garbage: the default)', async () => {
    const cases: [string | undefined, number][] = [
      [undefined, RETRY_AFTER_BOUNDS.defaultMs],
      ['soon', RETRY_AFTER_BOUNDS.defaultMs],
      ['0', RETRY_AFTER_BOUNDS.minMs],
      ['-5', RETRY_AFTER_BOUNDS.defaultMs],
      ['86400', RETRY_AFTER_BOUNDS.maxMs],
      [new Date(1_000_000 + 20_000).toUTCString(), 20_000],
      [new Date(0).toUTCString(), RETRY_AFTER_BOUNDS.minMs]
    ]
    for (const [header, want] of cases) {
      const { fetch } = fakeFetch(unavailable(header))
      const e = await thrown(httpWith(fetch).http.json('GET', '/sync/pull'))
      expect([header, (e as ServiceUnavailableError).retryAfterMs]).toEqual([header, want])
    }
  })

  it('a gateway that cannot reach the service (502, 504) is an outage too; a 500 stays a server fault', async () => {
    for (const status of [502, 504]) {
      const { fetch } = fakeFetch(() => new Response('<html>Bad Gateway</html>', { status }))
      expect(await thrown(httpWith(fetch).http.json('GET', '/sync/pull'))).toBeInstanceOf(ServiceUnavailableError)
    }
    const { fetch } = fakeFetch(() => new Response(JSON.stringify({ error: { code: 'INTERNAL', message: '交换服务内部错误' } }), { status: 500 }))
    const e = await thrown(httpWith(fetch).http.json('GET', '/sync/pull'))
    expect(e).toBeInstanceOf(SyncHttpError)
    expect(e).toMatchObject({ status: 500, code: 'INTERNAL' })
  })
})
