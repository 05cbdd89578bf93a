import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentPage, JobStatus } from '../../shared/api/documents'
import type { SyncChanged } from '../../shared/api/types'
import type { Printer } from '../core/documents/printer'
import { pdfTool } from '../core/documents/testing'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../core/testing/p12'
import type { SessionSlot } from '../core/api'
import type { FetchFn } from '../core/sync/http'
import { startExchange, T0 } from '../core/sync/testing'
import { type DeskHost, type DeskHostConfig, type DeskHostOptions, startDeskHost } from './desk-host'

const NOW = '2026-11-23T02:00:00Z'
const hosts: DeskHost[] = []
const dirs: string[] = []

function host(config: Partial<DeskHostConfig> = {}, opts: DeskHostOptions = {}): { desk: DeskHost; dbFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-host-'))
  dirs.push(dir)
  const dbFile = join(dir, 'casedesk.db')
  const desk = startDeskHost({ dbFile, demo: true, demoCases: 30, fixedNow: NOW, maintenance: false, ...config }, { log: () => {}, ...opts })
  hosts.push(desk)
  return { desk, dbFile }
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close(2_000)))
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

describe('the desk core in a worker thread', () => {
  it('answers every channel through the handler table, each caller in its own session slot', async () => {
    const { desk } = host()
    expect(await desk.status()).toMatchObject({ mode: 'normal', demo: 'loaded', demoCases: 30, damage: null })
    const a: SessionSlot = { staff: null, via: '测试窗口' }
    const b: SessionSlot = { staff: null, via: '测试窗口' }
    expect(await desk.handler('auth.signIn', { username: 'clerk1', password: 'demo1234' }, a)).toMatchObject({ ok: true, value: { username: 'clerk1' } })
    const page = await desk.handler('queue.list', {}, a)
    expect(page).toMatchObject({ ok: true })
    expect((page as { value: { rows: unknown[] } }).value.rows.length).toBeGreaterThan(0)
    // The other slot is not signed in; the caller's own slot object is untouched (the session lives in the worker).
    expect(await desk.handler('queue.list', {}, b)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(a.staff).toBeNull()
    // Bad input is refused in the worker with the handler table's codes, never an exception here.
    expect(await desk.handler('queue.list', { search: 'a\u0000b' }, a)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await desk.handler('no.such', {}, a)).toMatchObject({ ok: false })
  })

  it('syncs with the exchange service through the host\'s fetch and tells its subscribers', async () => {
    const ex = await startExchange()
    try {
      await ex.submit(2)
      const requests: string[] = []
      const fetchHere: FetchFn = (input, init) => (requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`), fetch(input, init))
      const { desk } = host({ serverUrl: ex.url, fixedNow: T0, demo: false }, { fetch: fetchHere })
      const notices: SyncChanged[] = []
      desk.subscribe((n) => notices.push(n))
      desk.start()
      const slot: SessionSlot = { staff: null }
      expect(await desk.handler('auth.signIn', { username: 'clerk1', password: 'demo1234' }, slot)).toMatchObject({ ok: true })
      expect(await desk.status()).toMatchObject({ synced: true, setup: { mode: 'server', serverUrl: ex.url } })
      const rows = async () => ((await desk.handler('queue.list', {}, slot)) as { value?: { rows: { id: string }[] } }).value?.rows ?? []
      await expect.poll(async () => (await rows()).length, { timeout: 20_000 }).toBeGreaterThan(0)
      expect(await desk.handler('cases.claim', { id: (await rows())[0].id }, slot)).toMatchObject({ ok: true })
      await expect.poll(() => requests.some((r) => r.startsWith('POST /sync/push')), { timeout: 20_000 }).toBe(true)
      expect(requests.some((r) => r.includes('/sync/pull'))).toBe(true)
      expect(notices.length).toBeGreaterThan(0)
    } finally {
      await Promise.all(hosts.splice(0).map((h) => h.close(2_000)))
      await ex.close()
    }
  })

  it('signs letters in its letter pool and prints them on the host\'s printer (the print console across the thread)', async () => {
    const printed: { name: string; pdf: Buffer }[] = []
    const printer: Printer = { list: async () => [{ name: '档案室激光打印机', isDefault: true }], print: async (pdf, name) => void printed.push({ name, pdf }) }
    const { desk } = host({}, { printer })
    const call = async <T>(slot: SessionSlot, channel: string, input: unknown): Promise<T> => {
      const r = await desk.handler(channel, input, slot)
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`)
      return r.value as T
    }
    const admin: SessionSlot = { staff: null }
    const supervisor: SessionSlot = { staff: null }
    await call(admin, 'auth.signIn', { username: 'admin', password: 'demo1234' })
    await call(admin, 'settings.setSigning', { p12Base64: makeTestP12().toString('base64'), passphrase: TEST_P12_PASSPHRASE })
    await call(supervisor, 'auth.signIn', { username: 'super1', password: 'demo1234' })
    expect(await call(supervisor, 'documents.printers', {})).toEqual([{ name: '档案室激光打印机', isDefault: true }])
    const ids = (await call<DocumentPage>(supervisor, 'documents.list', { status: 'draft', pageSize: 2 })).rows.map((r) => r.id)
    expect(ids).toHaveLength(2)
    const settle = async (job: JobStatus): Promise<JobStatus> => {
      while (job.state === 'running') job = await (await new Promise((r) => setTimeout(r, 100)), call<JobStatus>(supervisor, 'jobs.status', { id: job.id }))
      return job
    }
    expect(await settle(await call<JobStatus>(supervisor, 'documents.sign', { ids, passphrase: TEST_P12_PASSPHRASE }))).toMatchObject({ state: 'done', done: 2, failures: [] })
    expect(await settle(await call<JobStatus>(supervisor, 'documents.print', { ids, printer: '档案室激光打印机' }))).toMatchObject({ state: 'done', failures: [] })
    expect(printed.length).toBeGreaterThan(0)
    expect(printed.every((p) => p.name === '档案室激光打印机' && Buffer.isBuffer(p.pdf) && p.pdf.subarray(0, 5).toString() === '%PDF-')).toBe(true)
    // The two signed letters, merged into one print file.
    expect(pdfTool('pdftotext', printed[0].pdf).out.split('\f').filter((page) => page.trim()).length).toBeGreaterThanOrEqual(2)
  })

  it('a worker that dies is started again on the same store: calls meanwhile answer INTERNAL, then the desk serves again', async () => {
    const { desk } = host()
    const slot: SessionSlot = { staff: null }
    await desk.handler('auth.signIn', { username: 'clerk1', password: 'demo1234' }, slot)
    const notices: SyncChanged[] = []
    // A listener that throws (a window going away) does not keep the others from hearing.
    desk.subscribe(() => {
      throw new Error('window gone')
    })
    desk.subscribe((n) => notices.push(n))
    const dying = desk.worker
    const during = desk.handler('queue.list', {}, slot)
    await dying.terminate()
    // The call was in the worker: its result is unknown, and the answer says so.
    expect(await during).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('结果未知') } })
    await expect.poll(() => notices.some((n) => n.changes < 0)).toBe(true)
    expect(desk.worker).not.toBe(dying)
    // The session was the dead worker's: the window signs in again and works on.
    expect(await desk.handler('queue.list', {}, slot)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    await desk.handler('auth.signIn', { username: 'clerk1', password: 'demo1234' }, slot)
    expect(await desk.handler('queue.list', {}, slot)).toMatchObject({ ok: true })
  })

  it('a store that cannot be opened at all: status() rejects with why (the app shows it), calls answer INTERNAL, no restarts', async () => {
    const errors: unknown[] = []
    const desk = startDeskHost({ dbFile: join(tmpdir(), 'casedesk-no-such-folder', 'x', 'casedesk.db') }, { log: (e) => errors.push(e) })
    hosts.push(desk)
    await expect(desk.ready()).rejects.toThrow(/directory does not exist/)
    await expect(desk.status()).rejects.toThrow(/directory does not exist/)
    expect(await desk.handler('queue.list', {}, { staff: null })).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('无法运行') } })
    expect(errors.some((e) => String(e).includes('重新启动'))).toBe(false)
    // Closing a host whose worker never started does not wait for the deadline.
    await desk.close(600_000)
  })

  it('a worker that dies again and again is given up: onFatal, and every call answers that the desk cannot run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casedesk-host-'))
    const fatal: Error[] = []
    const desk = startDeskHost({ dbFile: join(dir, 'casedesk.db'), maintenance: false }, { log: () => {}, onFatal: (e) => fatal.push(e) })
    hosts.push(desk)
    await desk.ready()
    // Its folder gone, every restart fails to open the store.
    rmSync(dir, { recursive: true, force: true })
    await desk.worker.terminate()
    await expect.poll(() => fatal.length, { timeout: 30_000 }).toBe(1)
    expect(fatal[0].message).toContain('不再重启')
    expect(await desk.handler('queue.list', {}, { staff: null })).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('无法运行') } })
    // Closing a host whose worker is gone does not wait for the deadline.
    await desk.close(600_000)
  })

  it('a production start has no demo data and asks for the first administrator', async () => {
    const { desk } = host({ demo: false })
    expect(await desk.status()).toMatchObject({ mode: 'normal', demo: 'off', setup: { mode: 'unset' } })
    expect(await desk.handler('auth.signIn', { username: 'clerk1', password: 'demo1234' }, { staff: null })).toMatchObject({ ok: false })
  })
})
