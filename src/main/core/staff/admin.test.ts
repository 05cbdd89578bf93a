import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffRecord, StaffWithPassword } from '../../../shared/api/staff'
import type { Result } from '../../../shared/result'
import { createApiHandler, createServicesOn, type ApiHandler, type SessionSlot } from '../api'
import { fixedClock } from '../clock'
import { tempStore } from '../testing/fixtures'

// Staff administration on a standalone desk, through the contract as the window calls it.

let store: ReturnType<typeof tempStore>
let handle: ApiHandler
let admin: SessionSlot

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}
const ARCHIVE_TYPES = ['archive_deposit', 'archive_transfer_out', 'archive_intake', 'material_filing', 'certificate_request']

beforeEach(async () => {
  store = tempStore()
  handle = createApiHandler(createServicesOn(store, fixedClock('2026-11-23T02:00:00Z')), () => {})
  admin = { staff: null }
  value(await handle('setup.standalone', { username: 'chief', displayName: '刘主任', password: 'Archive-2026!' }, admin))
})
afterEach(() => store.dispose())

async function createClerk(username = 'clerk9', scopes: string[] | null = ['archive_deposit', 'archive_transfer_out']): Promise<StaffWithPassword> {
  return value<StaffWithPassword>(await handle('staff.create', { username, displayName: '孙丽', role: 'clerk', scopes }, admin))
}

describe('staff administration on a standalone desk', () => {
  it('creates an account with a temporary password that must be changed before anything else', async () => {
    const made = await createClerk()
    expect(made.temporaryPassword).toMatch(/^[A-Za-z2-9]{12}$/)
    expect(made.staff).toMatchObject({ username: 'clerk9', role: 'clerk', scopes: ['archive_deposit', 'archive_transfer_out'], active: true, mustChangePassword: true })
    expect(JSON.stringify(store.sqlite.prepare("SELECT * FROM staff WHERE username = 'clerk9'").get())).not.toContain(made.temporaryPassword)

    const clerk: SessionSlot = { staff: null }
    expect(await handle('auth.signIn', { username: 'clerk9', password: made.temporaryPassword }, clerk)).toMatchObject({ ok: true, value: { mustChangePassword: true } })
    expect(await handle('queue.list', {}, clerk)).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } })
    // The policy: length, the user name, the common list.
    for (const weak of ['short1', 'clerk9clerk9', 'password123']) {
      expect(await handle('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: weak }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    }
    expect(await handle('auth.changePassword', { oldPassword: 'wrong-old-pass', newPassword: 'Fresh-Pass-77' }, clerk)).toMatchObject({ ok: false, error: { message: '原密码不正确' } })
    expect(await handle('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'Fresh-Pass-77' }, clerk)).toMatchObject({ ok: true, value: { mustChangePassword: false } })
    // The new password works, the queue shows only the scoped types.
    expect(await handle('queue.list', { types: ['archive_intake'] }, clerk)).toMatchObject({ ok: true, value: { total: 0 } })
    const again: SessionSlot = { staff: null }
    expect(await handle('auth.signIn', { username: 'clerk9', password: 'Fresh-Pass-77' }, again)).toMatchObject({ ok: true, value: { scopes: ['archive_deposit', 'archive_transfer_out'] } })
    const events = value<{ kind: string; detail: string; actorName: string }[]>(await handle('staff.events', { staffId: made.staff.id }, admin))
    expect(events.map((e) => e.kind)).toEqual(['password_changed', 'created'])
    expect(events[1]).toMatchObject({ actorName: '刘主任', detail: expect.stringContaining('存档申请、档案转出') })
  })

  it('disabling an account ends its windows at once and refuses its sign-in; enabling lets it back', async () => {
    const made = await createClerk()
    const clerk: SessionSlot = { staff: null }
    value(await handle('auth.signIn', { username: 'clerk9', password: made.temporaryPassword }, clerk))
    value(await handle('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'Fresh-Pass-77' }, clerk))
    expect(value<StaffRecord>(await handle('staff.setActive', { id: made.staff.id, active: false }, admin)).active).toBe(false)
    expect(await handle('sync.status', {}, clerk)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '您的账号已被停用，请联系系统管理员' } })
    expect(clerk.staff).toBeNull()
    expect(await handle('auth.signIn', { username: 'clerk9', password: 'Fresh-Pass-77' }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    value(await handle('staff.setActive', { id: made.staff.id, active: true }, admin))
    expect(await handle('auth.signIn', { username: 'clerk9', password: 'Fresh-Pass-77' }, clerk)).toMatchObject({ ok: true })
  })

  it('a role or scope change and a password reset end the account’s sessions; an unchanged edit does not', async () => {
    const made = await createClerk()
    const clerk: SessionSlot = { staff: null }
    value(await handle('auth.signIn', { username: 'clerk9', password: made.temporaryPassword }, clerk))
    value(await handle('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'Fresh-Pass-77' }, clerk))
    value(await handle('staff.update', { id: made.staff.id, displayName: '孙丽', role: 'clerk', scopes: ['archive_transfer_out', 'archive_deposit'] }, admin))
    expect(await handle('sync.status', {}, clerk)).toMatchObject({ ok: true })
    const updated = value<StaffRecord>(await handle('staff.update', { id: made.staff.id, displayName: '孙丽', role: 'clerk', scopes: ARCHIVE_TYPES }, admin))
    expect(updated.scopes).toBeNull() // every type of the role: "all", so a type added later is included
    expect(await handle('sync.status', {}, clerk)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    value(await handle('auth.signIn', { username: 'clerk9', password: 'Fresh-Pass-77' }, clerk))
    const reset = value<StaffWithPassword>(await handle('staff.resetPassword', { id: made.staff.id }, admin))
    expect(reset.staff.mustChangePassword).toBe(true)
    expect(await handle('sync.status', {}, clerk)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await handle('auth.signIn', { username: 'clerk9', password: 'Fresh-Pass-77' }, clerk)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } })
    expect(await handle('auth.signIn', { username: 'clerk9', password: reset.temporaryPassword }, clerk)).toMatchObject({ ok: true, value: { mustChangePassword: true } })
  })

  it('keeps the rules: unique user names, scopes of the role, no self-disable, one active admin always', async () => {
    await createClerk()
    expect(await handle('staff.create', { username: 'clerk9', displayName: '重名', role: 'clerk', scopes: null }, admin)).toMatchObject({ ok: false, error: { message: '用户名“clerk9”已存在' } })
    expect(await handle('staff.create', { username: 'rev2', displayName: '王芳', role: 'reviewer', scopes: ['archive_deposit'] }, admin)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '认证审核员不办理“存档申请”' }
    })
    expect(await handle('staff.create', { username: 'x', displayName: 'x', role: 'clerk' }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await handle('staff.create', { username: 'nul\u0000name', displayName: 'x', role: 'clerk' }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await handle('staff.create', { username: 'okname', displayName: 'bad\u0000', role: 'clerk' }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await handle('staff.create', { username: 'okname', displayName: '\ud800', role: 'clerk' }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await handle('staff.update', { id: 2 ** 40, displayName: 'x', role: 'clerk', scopes: null }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await handle('staff.update', { id: 999, displayName: 'x', role: 'clerk', scopes: null }, admin)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const me = admin.staff!.id
    expect(await handle('staff.setActive', { id: me, active: false }, admin)).toMatchObject({ ok: false, error: { message: '不能停用自己的账号' } })
    expect(await handle('staff.update', { id: me, displayName: '刘主任', role: 'supervisor', scopes: null }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    // A second admin may be made and disabled; the last active one may not lose the role.
    const second = value<StaffWithPassword>(await handle('staff.create', { username: 'admin2', displayName: '备份管理员', role: 'admin', scopes: null }, admin))
    value(await handle('staff.setActive', { id: second.staff.id, active: false }, admin))
    const list = value<StaffRecord[]>(await handle('staff.list', {}, admin))
    expect(list.map((s) => [s.username, s.active])).toEqual([
      ['chief', true],
      ['clerk9', true],
      ['admin2', false]
    ])
  })

  it('locks a name after five failures; an administrator lifts the lock', async () => {
    const made = await createClerk()
    const clerk: SessionSlot = { staff: null }
    for (let i = 0; i < 4; i++) expect(await handle('auth.signIn', { username: 'clerk9', password: 'wrong-pass!' }, clerk)).toMatchObject({ error: { code: 'BAD_CREDENTIALS' } })
    expect(await handle('auth.signIn', { username: 'clerk9', password: 'wrong-pass!' }, clerk)).toMatchObject({ error: { code: 'TOO_MANY_ATTEMPTS' } })
    expect(await handle('auth.signIn', { username: 'clerk9', password: made.temporaryPassword }, clerk)).toMatchObject({ error: { code: 'TOO_MANY_ATTEMPTS' } })
    const locked = value<StaffRecord[]>(await handle('staff.list', {}, admin)).find((s) => s.username === 'clerk9')!
    expect(locked.lockedUntil).toBe('2026-11-23T02:15:00.000Z')
    expect(value<StaffRecord>(await handle('staff.unlock', { id: made.staff.id }, admin)).lockedUntil).toBeNull()
    expect(await handle('auth.signIn', { username: 'clerk9', password: made.temporaryPassword }, clerk)).toMatchObject({ ok: true })
  })

  it('lists this desk’s windows of an account and ends one; administration is the admin’s alone', async () => {
    const made = await createClerk()
    const a: SessionSlot = { staff: null, via: '桌面窗口' }
    const b: SessionSlot = { staff: null, via: '浏览器' }
    value(await handle('auth.signIn', { username: 'clerk9', password: made.temporaryPassword }, a))
    value(await handle('auth.signIn', { username: 'clerk9', password: made.temporaryPassword }, b))
    const sessions = value<{ id: string; deskName: string }[]>(await handle('staff.sessions', { id: made.staff.id }, admin))
    expect(sessions.map((s) => s.deskName)).toEqual(['桌面窗口', '浏览器'])
    value(await handle('staff.endSession', { id: made.staff.id, sessionId: sessions[0].id }, admin))
    expect(a.staff).toBeNull()
    expect(b.staff?.username).toBe('clerk9')
    expect(await handle('staff.list', {}, b)).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } })
    value(await handle('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'Fresh-Pass-77' }, b))
    expect(await handle('staff.list', {}, b)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await handle('staff.events', {}, admin)).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ kind: 'session_ended' })]) })
  })
})
