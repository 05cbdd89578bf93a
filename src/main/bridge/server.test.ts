import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApiHandler, createServicesOn, type Services } from '../core/api'
import { fixedClock } from '../core/clock'
import { addCase, addStaff, tempStore } from '../core/testing/fixtures'
import { type Bridge, startBridge } from './server'

let store: ReturnType<typeof tempStore>
let bridge: Bridge
let port: number
let services: Services

/** Raw HTTP (fetch would normalise the path and the Host header away). */
function call(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; cookie?: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cookie: res.headers['set-cookie']?.[0] }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}
const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-casedesk-token': bridge.token, ...headers }, body: JSON.stringify(body) })

beforeEach(async () => {
  store = tempStore()
  addStaff(store, 'clerk1', 'clerk', '张敏')
  const staticDir = join(store.dir, 'renderer')
  mkdirSync(staticDir)
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>CaseDesk</title>')
  writeFileSync(join(store.dir, 'secret.txt'), 'do not serve')
  services = createServicesOn(store, fixedClock('2025-10-09T02:00:00Z'))
  bridge = await startBridge({ handler: createApiHandler(services, () => {}), staticDir, events: { 'sync.changed': services.changes.subscribe } })
  port = Number(new URL(bridge.url).port)
})
afterEach(async () => {
  await bridge.close()
  store.dispose()
})

describe('loopback bridge', () => {
  it('serves the renderer but nothing outside its folder', async () => {
    expect((await call('/')).body).toContain('CaseDesk')
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt']) {
      const r = await call(p)
      expect(r.body).not.toContain('do not serve')
    }
    expect((await call('/%E0%A4%A')).status).toBe(400)
  })

  it('answers the API only with the token and only for its own host name', async () => {
    expect((await api('auth.current', {}, { 'x-casedesk-token': 'wrong' })).status).toBe(403)
    expect((await call('/api/auth.current', { method: 'POST', headers: { host: 'evil.example:80', 'x-casedesk-token': bridge.token } })).status).toBe(421)
    expect((await call(`/api/auth.current`, { method: 'GET', headers: { 'x-casedesk-token': bridge.token } })).status).toBe(405)
  })

  it('rejects malformed and oversized bodies with codes, and keeps the session in an HttpOnly cookie', async () => {
    const bad = await call('/api/auth.signIn', { method: 'POST', headers: { 'x-casedesk-token': bridge.token }, body: '{"username":' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const big = await call('/api/auth.signIn', { method: 'POST', headers: { 'x-casedesk-token': bridge.token }, body: 'x'.repeat(3 * 1024 * 1024) }).catch(() => ({ status: 413 }))
    expect(big.status).toBe(413)
    const signedIn = await api('auth.signIn', { username: 'clerk1', password: 'secret-pass' })
    expect(JSON.parse(signedIn.body)).toMatchObject({ ok: true, value: { displayName: '张敏' } })
    expect(signedIn.cookie).toMatch(/HttpOnly; SameSite=Strict/)
    const sid = signedIn.cookie!.split(';')[0]
    expect(JSON.parse((await api('auth.current', {}, { cookie: sid })).body)).toMatchObject({ ok: true, value: { username: 'clerk1' } })
    expect(JSON.parse((await api('auth.current', {})).body)).toEqual({ ok: true, value: null })
  })

  it('streams the contract’s events to a holder of the token, counting only real changes; close() ends the streams', async () => {
    expect((await call('/events')).status).toBe(403)
    const received: string[] = []
    const opened = new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/events', headers: { host: `127.0.0.1:${port}`, 'x-casedesk-token': bridge.token } }, (res) => {
        res.setEncoding('utf8')
        res.on('data', (c: string) => received.push(c))
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
    expect(await opened).toBe(200)
    await expect.poll(() => received.join('')).toContain(': ready')
    services.changes.note() // nothing changed: heard (the status may have), but the count stays
    addCase(store)
    services.changes.note()
    await expect.poll(() => received.join('')).toContain('event: sync.changed\ndata: {"changes":1}\n\n')
    expect(received.join('')).toContain('event: sync.changed\ndata: {"changes":0}\n\n')
    const sid = (await api('auth.signIn', { username: 'clerk1', password: 'secret-pass' })).cookie!.split(';')[0]
    expect(JSON.parse((await api('sync.status', {}, { cookie: sid })).body)).toMatchObject({ ok: true, value: { mode: 'standalone', changes: 1 } })
    await bridge.close() // returns although a stream was open
  })
})
