// Process kills with REAL processes (SIGKILL): a desk killed after the server committed its push but before
// the answer, a desk killed in the middle of local writes, and the exchange service killed mid-batch.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { systemClock, type Clock } from '../../src/main/core/clock'
import { createServicesOn } from '../../src/main/core/api'
import { openStore, type Store } from '../../src/main/core/store'
import { clientId } from '../../src/main/core/sync/state'
import { openDesk, sampleSnapshot, sha256 } from '../../src/main/core/sync/testing'
import { SAMPLE_FORM } from '../../src/main/core/testing/fixtures'
import { openServerDb, schema, type ServerDb } from '../../server/src/db'
import { openTestDb, PORTAL_KEY } from '../../server/src/testing/harness'
import { RETURN, startServer } from './env'
import { checkInvariants } from './invariants'
import { startProxy } from './proxy'
import { freePort, type Child, spawnTsx } from './spawn'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})
const later = (fn: () => unknown) => void cleanups.push(fn)
const spawned = (c: Child) => (later(() => c.kill()), c)

/** A desk store file in its own temp folder (removed after the test). */
function storeFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-kill-'))
  later(() => rmSync(dir, { recursive: true, force: true }))
  return join(dir, 'casedesk.db')
}

/** Opens the store file with a sync client for `url` (the url the child used, so its session is kept). */
function reopen(file: string, url: string, clock: Clock) {
  const store = openStore(file)
  const services = createServicesOn(store, clock, { sync: { serverUrl: url, pollMs: 3_600_000 } })
  const close = async () => {
    await services.sync!.stop()
    store.close()
  }
  return { store, services, sync: services.sync!, close }
}

const deskOf = (store: Store, sync?: ReturnType<typeof reopen>['sync']) => ({ store, clientId: clientId(store), staff: 'clerk1', sync })
const outboxNames = (store: Store, caseId: string) =>
  (store.sqlite.prepare('SELECT name FROM outbox WHERE case_id = ? ORDER BY seq').all(caseId) as { name: string }[]).map((r) => r.name.replace('case.', ''))

describe('a desk process killed', () => {
  it('after the server committed its push, before the answer: the next process is answered from the record', async () => {
    const s = await startServer()
    later(() => s.close())
    const proxy = await startProxy(s.url)
    later(() => proxy.close())
    const [c1, c2, c3] = [await s.submit(1), await s.submit(2), await s.submit(3)]
    const file = storeFile()
    const prep = reopen(file, proxy.url, s.clock)
    const me = await prep.sync.signIn('clerk1', 'demo1234')
    await prep.sync.pullOnce()
    for (const c of [c2, c3, c1]) prep.services.cases.claim(c, me)
    prep.services.cases.act(c1, 'return_for_changes', 2, RETURN, me)
    await prep.close()

    // One batch: the three claims and the return (it names c1's claim: leaseFrom). The server commits them,
    // and the proxy's `delay` fault (forward first, answer later; `hold` would stop it BEFORE the server)
    // holds the answer; the desk process dies waiting for it.
    proxy.inject('/sync/push', { kind: 'delay', ms: 120_000 })
    const arrived = proxy.arrived('/sync/push')
    const first = spawned(spawnTsx(['tests/reliability/desk-child.ts', 'push', file, proxy.url, 'clerk1']))
    await arrived
    await until(async () => (await s.count('mutations')) === 4)
    expect(await first.kill()).toBe('SIGKILL')
    expect(first.lines.some((l) => l.startsWith('report'))).toBe(false)

    const second = spawned(spawnTsx(['tests/reliability/desk-child.ts', 'push', file, proxy.url, 'clerk1']))
    const report = JSON.parse((await second.until((l) => l.startsWith('report '))).slice(7))
    expect(report).toMatchObject({ applied: 4, rejected: 0, pending: 0 })
    expect((await second.exited).code).toBe(0)
    expect(await s.count('mutations')).toBe(4)
    expect(await s.eventActions(c1)).toEqual(['submit', 'claim', 'return_for_changes'])
    expect(await s.eventActions(c2)).toEqual(['submit', 'claim'])
    expect(await s.eventActions(c3)).toEqual(['submit', 'claim'])

    const after = reopen(file, proxy.url, s.clock)
    later(() => after.close())
    expect(await checkInvariants({ serverDb: s.db, desks: [deskOf(after.store, after.sync)], now: s.clock.now() })).toEqual([])
  }, 120_000)

  it('in the middle of local writes: the store is intact, no action is torn, and it syncs', async () => {
    const s = await startServer()
    later(() => s.close())
    const cases = [await s.submit(1), await s.submit(2), await s.submit(3), await s.submit(4)]
    const file = storeFile()
    const prep = reopen(file, s.url, s.clock)
    await prep.sync.signIn('clerk1', 'demo1234')
    await prep.sync.pullOnce()
    await prep.close()

    const target = 20 + Math.floor(Math.random() * 280)
    const child = spawned(spawnTsx(['tests/reliability/desk-child.ts', 'act', file, 'clerk1']))
    await child.until((l) => l.startsWith('n ') && Number(l.slice(2)) >= target)
    expect(await child.kill()).toBe('SIGKILL')

    const after = reopen(file, s.url, s.clock)
    later(() => after.close())
    const sql = after.store.sqlite
    expect(sql.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(sql.pragma('foreign_key_check')).toEqual([])
    let actions = 0
    for (const id of cases) {
      const row = sql.prepare('SELECT version, assignee_id AS assignee FROM cases WHERE id = ?').get(id) as { version: number; assignee: number | null }
      const events = (sql.prepare('SELECT action FROM case_events WHERE case_id = ? ORDER BY id').all(id) as { action: string }[]).map((e) => e.action)
      // Pulled at version 1 with its submit event; every local action added one version, one event, one outbox row.
      expect(events[0]).toBe('submit')
      expect(row.version).toBe(events.length)
      expect(outboxNames(after.store, id)).toEqual(events.slice(1))
      expect(events.slice(1)).toEqual(events.slice(1).map((_, i) => (i % 2 === 0 ? 'claim' : 'release')))
      expect(row.assignee === null).toBe(events.length % 2 === 1)
      actions += events.length - 1
    }
    expect(actions).toBeGreaterThanOrEqual(target)
    console.log(`kill.test: desk killed after ${actions} local actions (target ${target})`)

    expect(await after.sync.pushOnce()).toMatchObject({ applied: actions, rejected: 0, pending: 0 })
    expect(await s.count('mutations')).toBe(actions)
    expect(await checkInvariants({ serverDb: s.db, desks: [deskOf(after.store, after.sync)], now: s.clock.now() })).toEqual([])
  }, 120_000)
})

describe('the exchange service process killed mid-batch', () => {
  const N = 60
  it('restarted on the same data, the retried batch applies exactly once', async () => {
    const pgUrl = process.env.DATABASE_URL
    let sdb: ServerDb | undefined
    let dataDir: string | undefined
    if (pgUrl) {
      sdb = await openTestDb() // a fresh database; the server process migrates (no-op) and seeds it
      later(() => sdb!.close())
    } else dataDir = join(storeFile(), '..', 'server-data')
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const start = async () => {
      const env = { CASEDESK_PORTAL_KEY: PORTAL_KEY, DATABASE_URL: sdb?.url ?? '' }
      const child = spawned(spawnTsx(['server/src/main.ts', '--demo', '--port', String(port), ...(dataDir ? ['--data', dataDir] : [])], env))
      await child.until((l) => l.includes('交换服务已启动'))
      return child
    }
    let server = await start()
    const ids: string[] = []
    for (let n = 1; n <= N; n++) ids.push(await submit(url, n))

    const d = openDesk(url, systemClock)
    later(() => d.dispose())
    await d.signIn('clerk1')
    await d.sync.pullOnce()
    for (const id of ids) await d.call('cases.claim', { id })
    // Commits are seen from outside the server process: PostgreSQL by counting the records. PGlite is one
    // process and its queries starve the event loop (no poke or log line leaves mid-batch), so there the
    // condition is the server writing its WAL (pg_wal in the data folder) after the push began.
    const at = 1 + Math.floor(Math.random() * (N / 3))
    const wal = dataDir ? join(dataDir, 'pg_wal') : ''
    const walStamp = () => Math.max(...readdirSync(wal).filter((f) => /^[0-9A-F]{24}$/.test(f)).map((f) => statSync(join(wal, f)).mtimeMs))
    const before = dataDir ? walStamp() : 0
    const pushing = d.sync.pushOnce() // one batch of N claims, each applied in its own transaction
    if (sdb) await until(async () => (await sdb!.db.select().from(schema.mutations)).length >= at, 1)
    else await until(async () => walStamp() > before, 1)
    expect(await server.kill()).toBe('SIGKILL')
    const killedAt = new Date()
    expect(await pushing).toMatchObject({ applied: 0, pending: N, error: expect.any(String) })

    server = await start()
    expect(await d.sync.pushOnce()).toMatchObject({ applied: N, rejected: 0, pending: 0 })
    expect(await d.sync.pullOnce()).toMatchObject({ resynced: false })
    expect(d.sync.status().lastError).toBeNull()
    if (!sdb) {
      // PGlite allows one process on its folder: stop the server cleanly, then read the data here.
      await server.stop()
      sdb = await openServerDb({ dataDir })
      later(() => sdb!.close())
    }
    const mutations = await sdb.db.select().from(schema.mutations)
    const claims = (await sdb.db.select().from(schema.caseEvents)).filter((e) => e.action === 'claim')
    expect(mutations.length).toBe(N)
    const committedAtKill = mutations.filter((m) => m.createdAt < killedAt).length
    console.log(`kill.test: server (${sdb.driver}) killed with ${committedAtKill} of ${N} mutations committed (waited for ${at})`)
    if (sdb.driver === 'pg') expect(committedAtKill).toBeGreaterThanOrEqual(at)
    expect(committedAtKill).toBeLessThan(N)
    expect(mutations.every((m) => m.status === 'applied')).toBe(true)
    expect(claims.map((e) => e.caseId).sort()).toEqual([...ids].sort())
    const desk = { store: d.store, clientId: clientId(d.store), staff: 'clerk1' }
    expect(await checkInvariants({ serverDb: sdb.db, desks: [desk], now: new Date() })).toEqual([])
  }, 240_000)
})

/** Polls `cond` until it holds (no fixed sleeps: the condition is what the test waits for). */
async function until(cond: () => Promise<boolean>, everyMs = 5, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/** A complete archive-deposit application through the portal of the server at `url`. */
async function submit(url: string, n: number): Promise<string> {
  const call = async (method: string, path: string, body: Uint8Array<ArrayBuffer> | string, type: string) => {
    const res = await fetch(`${url}/portal${path}`, { method, headers: { 'x-portal-key': PORTAL_KEY, 'content-type': type }, body })
    if (!res.ok) throw new Error(`portal ${method} ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as Record<string, unknown>
  }
  const attachments = []
  for (const code of ['id_card', 'passport', 'visa', 'admission']) {
    const data = Buffer.from(`%PDF-1.4 ${code} ${n}`)
    await call('PUT', `/blobs/${sha256(data)}`, new Uint8Array(data), 'application/octet-stream')
    attachments.push({ materialCode: code, fileName: `${code}.pdf`, mime: 'application/pdf', sha256: sha256(data) })
  }
  const applicant = { ...sampleSnapshot(n).applicant, idValidFrom: undefined, idValidTo: undefined }
  const body = JSON.stringify({ type: 'archive_deposit', subtype: 'outbound', applicant, form: SAMPLE_FORM, attachments })
  return String((await call('POST', '/applications', body, 'application/json')).caseId)
}
