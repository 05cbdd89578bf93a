import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApiHandler, createServicesOn } from '../core/api'
import { fixedClock } from '../core/clock'
import { addCase, addStaff, tempStore } from '../core/testing/fixtures'
import { type Bridge, startBridge } from './server'

/**
 * The loopback bridge (and the handler table behind Electron's IPC) under bad input (issue 12): a body nested
 * 100k levels deep, NUL and lone surrogates in any field, prototype keys — each a coded VALIDATION answer,
 * never an INTERNAL one, and nothing stored.
 */
let store: ReturnType<typeof tempStore>
let bridge: Bridge
let port: number

function post(channel: string, body: string, cookie?: string) {
  return new Promise<{ status: number; body: string; cookie?: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/${channel}`,
        method: 'POST',
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'x-casedesk-token': bridge.token, ...(cookie ? { cookie } : {}) }
      },
      (res) => {
        let text = ''
        res.on('data', (c) => (text += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, cookie: res.headers['set-cookie']?.[0] }))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}
const errorOf = (r: { body: string }) => (JSON.parse(r.body) as { ok: boolean; error?: { code: string; message: string } }).error

beforeEach(async () => {
  store = tempStore()
  addStaff(store, 'clerk1', 'clerk', '张敏')
  const staticDir = join(store.dir, 'renderer')
  mkdirSync(staticDir)
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>CaseDesk</title>')
  bridge = await startBridge({ handler: createApiHandler(createServicesOn(store, fixedClock('2025-10-09T02:00:00Z')), () => {}), staticDir })
  port = Number(new URL(bridge.url).port)
})
afterEach(async () => {
  await bridge.close()
  store.dispose()
})

describe('the bridge under bad input', () => {
  it('refuses a body nested 100k levels deep (object or array) with 400 VALIDATION', async () => {
    for (const body of ['{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), '['.repeat(100_000) + ']'.repeat(100_000)]) {
      const r = await post('auth.signIn', body)
      expect(r.status).toBe(400)
      expect(errorOf(r)?.code).toBe('VALIDATION')
    }
  })

  it('answers NUL, lone surrogates and deep inputs in any channel with VALIDATION', async () => {
    for (const body of ['{"username":"clerk1\\u0000","password":"secret-pass"}', '{"username":"\\ud800","password":"secret-pass"}', '{"username":"clerk1","password":"secret\\u0000pass"}']) {
      const r = await post('auth.signIn', body)
      expect([r.status, errorOf(r)?.code], body).toEqual([200, 'VALIDATION'])
    }
    const signedIn = await post('auth.signIn', JSON.stringify({ username: 'clerk1', password: 'secret-pass' }))
    const sid = signedIn.cookie!.split(';')[0]
    const id = addCase(store)
    const nested = '{"a":'.repeat(30) + '1' + '}'.repeat(30)
    for (const body of [
      `{"search":"a\\u0000"}`,
      `{"search":"\\udc00"}`,
      `{"id":${JSON.stringify(id)},"action":"return_for_changes","version":1,"input":{"reasons":[{"material":"id_card","text":"\\u0000"}],"note":""}}`,
      `{"id":${JSON.stringify(id)},"action":"return_for_changes","version":1,"input":${nested}}`,
      `{"id":${JSON.stringify(id)},"action":"return_for_changes","version":1,"input":{"a\\u0000":1}}`
    ]) {
      const channel = body.includes('"search"') ? 'queue.list' : 'cases.act'
      const r = await post(channel, body, sid)
      expect([r.status, errorOf(r)?.code], `${channel} ${body.slice(0, 80)}`).toEqual([200, 'VALIDATION'])
    }
    // Nothing of it reached the store: no outbox row.
    expect((store.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n).toBe(0)
    // A valid call still works.
    expect(JSON.parse((await post('queue.list', '{}', sid)).body)).toMatchObject({ ok: true })
  })

  it('does not let prototype keys through', async () => {
    const r = await post('auth.signIn', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}},"username":"clerk1","password":"wrong-pass"}')
    expect(r.status).toBeLessThan(500)
    expect(errorOf(r)?.code).not.toBe('INTERNAL')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })
})
