import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../clock'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { createApiHandler, createServicesOn, type ApiHandler, type SessionSlot } from '.'

let store: ReturnType<typeof tempStore>
let handle: ApiHandler
let slot: SessionSlot

beforeEach(() => {
  store = tempStore()
  handle = createApiHandler(createServicesOn(store, fixedClock('2025-10-09T02:00:00Z')), () => {})
  slot = { staff: null }
  addStaff(store, 'clerk1', 'clerk', '张敏')
  addStaff(store, 'admin', 'admin', '系统管理员')
})
afterEach(() => store.dispose())

describe('API boundary', () => {
  it('signs in with scrypt-checked passwords and one message for unknown users and wrong passwords', async () => {
    expect(await handle('auth.signIn', { username: 'clerk1', password: 'nope' }, slot)).toEqual({
      ok: false,
      error: { code: 'BAD_CREDENTIALS', message: '用户名或密码错误' }
    })
    expect(await handle('auth.signIn', { username: 'ghost', password: 'nope' }, slot)).toMatchObject({ error: { code: 'BAD_CREDENTIALS' } })
    const r = await handle('auth.signIn', { username: 'clerk1', password: 'secret-pass' }, slot)
    expect(r).toMatchObject({ ok: true, value: { displayName: '张敏', role: 'clerk' } })
    expect(slot.staff?.username).toBe('clerk1')
  })

  it('refuses calls before sign-in, by the wrong role, with bad input, or on unknown channels — never throws', async () => {
    expect(await handle('queue.list', {}, slot)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    await handle('auth.signIn', { username: 'admin', password: 'secret-pass' }, slot)
    expect(await handle('queue.list', {}, slot)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await handle('auth.signIn', { username: 'clerk1', password: 'secret-pass' }, slot)
    expect(await handle('queue.list', { pageSize: 100000 }, slot)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const long = await handle('queue.list', { search: 'x'.repeat(41) }, slot)
    expect(long).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(long.ok ? '' : long.error.message).not.toMatch(/[A-Za-z]{4,}/)
    expect(await handle('cases.act', { id: 'x', action: 'approve' }, slot)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await handle('no.such', {}, slot)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await handle('cases.get', { id: 'missing' }, slot)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('找不到') } })
  })

  it('serves a page of the queue and an attachment verified by its hash', async () => {
    await handle('auth.signIn', { username: 'clerk1', password: 'secret-pass' }, slot)
    const id = addCase(store)
    const r = await handle('queue.list', {}, slot)
    expect(r).toMatchObject({ ok: true, value: { total: 1, rows: [{ id }] } })
    const body = Buffer.from('%PDF-1.4 test')
    const sha = (await import('node:crypto')).createHash('sha256').update(body).digest('hex')
    store.sqlite.prepare('INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)').run(sha, body.length, body)
    const att = store.sqlite
      .prepare("INSERT INTO attachments (case_id, material_code, file_name, mime, size, sha256) VALUES (?, 'id_card', 'id.pdf', 'application/pdf', ?, ?)")
      .run(id, body.length, sha).lastInsertRowid
    expect(await handle('attachments.content', { id: Number(att) }, slot)).toMatchObject({ ok: true, value: { base64: body.toString('base64') } })
    const reviewer = { staff: addStaff(store, 'r', 'reviewer', '王芳') }
    expect(await handle('attachments.content', { id: Number(att) }, reviewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await handle('cases.get', { id }, reviewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    store.sqlite.prepare('UPDATE blobs SET data = ? WHERE sha256 = ?').run(Buffer.from('tampered'), sha)
    expect(await handle('attachments.content', { id: Number(att) }, slot)).toMatchObject({ ok: false, error: { code: 'CORRUPT_FILE' } })
  })
})
