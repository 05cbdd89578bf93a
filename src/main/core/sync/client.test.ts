// The sync client against the REAL exchange service (server/src/app.ts, in-memory PGlite, loopback port).
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AttentionItem, CaseDetail, QueuePage, SyncStatus } from '../../../shared/api/types'
import { schema } from '../../../../server/src/db'
import { createApiHandler, createServicesOn } from '../api'
import { addStaff, tempStore } from '../testing/fixtures'
import { getState } from './state'
import { type Exchange, openDesk, startExchange, type TestDesk } from './testing'

let ex: Exchange
let A: TestDesk
beforeEach(async () => {
  ex = await startExchange()
  A = openDesk(ex.url, ex.clock)
})
afterEach(async () => {
  await A.dispose()
  await ex.close()
})

const pending = (d: TestDesk) => (d.store.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n
const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('sign-in and session', () => {
  it('signs in at the server, keeps the session, and refuses wrong passwords with the usual message', async () => {
    await expect(A.call('auth.signIn', { username: 'clerk1', password: 'nope' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' })
    const me = await A.signIn('clerk1')
    expect(me).toMatchObject({ username: 'clerk1', displayName: '张敏', role: 'clerk' })
    expect(getState(A.store, 'token')).toBeTruthy()
    expect(await A.call<SyncStatus>('sync.status')).toMatchObject({ mode: 'sync', online: true, signedIn: true, pending: 0, attention: 0, lastError: null })
  })

  it('a 401 (session expired) ends the session but keeps the outbox; signing in again pushes it', async () => {
    const { caseId } = await ex.submit(1)
    await A.signIn('clerk1')
    await A.sync.pullOnce()
    await A.call('cases.claim', { id: caseId })
    ex.clock.advance(13 * 3600_000)
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 0, pending: 1, error: expect.stringContaining('重新登录') })
    expect(A.sync.status()).toMatchObject({ signedIn: false, pending: 1 })
    await A.signIn('clerk1')
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1, pending: 0 })
  })
})

describe('offline', () => {
  it('leaves mutations pending when the server is unreachable, and signs in with the last session’s account', async () => {
    const { caseId } = await ex.submit(1)
    await A.signIn('clerk1')
    await A.sync.pullOnce()
    await ex.close()
    await A.call('cases.claim', { id: caseId })
    const report = await A.sync.pushOnce()
    expect(report).toMatchObject({ applied: 0, pending: 1, error: expect.stringContaining('无法连接交换服务') })
    expect(await A.sync.pullOnce()).toMatchObject({ error: expect.any(String) })
    expect(A.sync.status()).toMatchObject({ online: false, signedIn: true, pending: 1 })
    // Offline sign-in: the desk's copy of the account (password hash kept at the last online sign-in).
    await A.call('auth.signOut')
    expect(await A.signIn('clerk1')).toMatchObject({ username: 'clerk1' })
    await expect(A.call('auth.signIn', { username: 'clerk1', password: 'wrong' })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' })
    await expect(A.call('auth.signIn', { username: 'clerk2', password: 'demo1234' })).rejects.toMatchObject({ message: expect.stringContaining('联网后再登录') })
    expect(pending(A)).toBe(1)
    ex = await startExchange() // afterEach closes this one
  })
})

describe('pull', () => {
  it('pages through changes with the stored cursor and fetches file bodies lazily, verified', async () => {
    const first = await ex.submit(1)
    await ex.submit(2)
    await ex.submit(3)
    await A.signIn('clerk1')
    const desk = openDesk(ex.url, ex.clock)
    try {
      await desk.signIn('clerk1')
      // A small page size: three pages, each its own transaction.
      const small = createServicesOn(desk.store, ex.clock, { sync: { serverUrl: ex.url, pullLimit: 1 } }).sync!
      expect(await small.pullOnce()).toMatchObject({ changes: 3, resynced: false })
      expect((await desk.call<QueuePage>('queue.list')).total).toBe(3)
      expect(await small.pullOnce()).toMatchObject({ changes: 0 })
    } finally {
      await desk.dispose()
    }
    await A.sync.pullOnce()
    const detail = await A.call<CaseDetail>('cases.get', { id: first.caseId })
    expect(detail.attachments).toHaveLength(4)
    const idCard = detail.attachments.find((a) => a.materialCode === 'id_card')!
    const body = A.store.sqlite.prepare('SELECT length(data) AS n FROM blobs WHERE sha256 = ?')
    expect(body.get(idCard.sha256)).toEqual({ n: 0 })
    const file = await A.call<{ base64: string }>('attachments.content', { id: idCard.id })
    expect(Buffer.from(file.base64, 'base64')).toEqual(first.files[0])
    expect(body.get(idCard.sha256)).toEqual({ n: first.files[0].length })
  })

  it('rebuilds the mirror on 409 RESYNC (a restored server) and keeps the outbox', async () => {
    const { caseId } = await ex.submit(1)
    await A.signIn('clerk1')
    await A.sync.pullOnce()
    await A.call('cases.claim', { id: caseId })
    await ex.sdb.db.update(schema.serverMeta).set({ value: crypto.randomUUID() }).where(eq(schema.serverMeta.key, 'epoch'))
    expect(await A.sync.pullOnce()).toMatchObject({ resynced: true, changes: 1 })
    expect(pending(A)).toBe(1)
    expect(getState(A.store, 'cursor')).toMatch(/^[0-9a-f-]{36}:\d+$/)
    expect(await A.sync.pushOnce()).toMatchObject({ applied: 1 })
  })
})

describe('the loop', () => {
  it('pushes a local action and pulls a portal application on the server’s poke, without waiting for the poll', async () => {
    await A.signIn('clerk1')
    A.sync.start()
    await until(() => getState(A.store, 'lastSyncAt') !== null) // the first round is over: only a poke brings the next
    const { caseId } = await ex.submit(1)
    await until(() => !!A.store.sqlite.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId))
    await A.call('cases.claim', { id: caseId }) // the handler pokes the loop
    await until(() => pending(A) === 0)
    expect(A.store.sqlite.prepare("SELECT status FROM outbox WHERE name = 'case.claim'").get()).toEqual({ status: 'applied' })
    // Its own change comes back on the next poke (version and history as the server has them).
    await until(() => (A.store.sqlite.prepare('SELECT count(*) AS n FROM case_events WHERE case_id = ?').get(caseId) as { n: number }).n === 2)
    // The files of a case the clerk holds are fetched ahead of use.
    const stubs = A.store.sqlite.prepare('SELECT count(*) AS n FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.case_id = ? AND length(b.data) = 0')
    await until(() => (stubs.get(caseId) as { n: number }).n === 0)
    await A.sync.stop()
    expect(A.sync.status()).toMatchObject({ online: true, pending: 0, lastError: null })
  })
})

describe('standalone desk', () => {
  it('reports standalone status and has no attention items; sign-in stays local', async () => {
    const store = tempStore()
    try {
      addStaff(store, 'clerk1', 'clerk', '张敏')
      const handle = createApiHandler(createServicesOn(store, ex.clock), () => {})
      const slot = { staff: null }
      expect(await handle('auth.signIn', { username: 'clerk1', password: 'secret-pass' }, slot)).toMatchObject({ ok: true })
      expect(await handle('sync.status', {}, slot)).toEqual({
        ok: true,
        value: { mode: 'standalone', online: false, signedIn: false, pending: 0, lastSyncAt: null, lastError: null, attention: 0, changes: 0 }
      })
      expect(await handle('sync.attention', {}, slot)).toEqual({ ok: true, value: [] as AttentionItem[] })
      expect(await handle('sync.resolve', { id: 1, resolution: 'discard' }, slot)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    } finally {
      store.dispose()
    }
  })
})
