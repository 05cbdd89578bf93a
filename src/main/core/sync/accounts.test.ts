// Accounts on synced desks against the REAL exchange service (PGlite, or PostgreSQL with DATABASE_URL):
// an administrator at one desk makes a clerk, who works at another desk; disabling, resets and time offline
// reach the desks' windows and their offline sign-in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StaffRecord, StaffWithPassword } from '../../../shared/api/staff'
import type { QueuePage, StaffSession } from '../../../shared/api/types'
import type { Result } from '../../../shared/result'
import { testDrivers } from '../../../../server/src/testing/harness'
import { type Exchange, openDesk, startExchange, type TestDesk } from './testing'

let ex: Exchange
let adminDesk: TestDesk
let clerkDesk: TestDesk

const ARCHIVE_TYPES = ['archive_deposit', 'archive_transfer_out', 'archive_intake', 'material_filing', 'certificate_request']
const NEW_PASSWORD = 'Sun-Li-Works-2026'

const codeOf = (r: Result<unknown>): string => (r.ok ? 'ok' : r.error.code)

/** The administrator makes `clerk9` (archive types only); clerk9 signs in at the clerk desk and changes the temporary password. */
async function newClerk(): Promise<StaffRecord> {
  const made = await adminDesk.call<StaffWithPassword>('staff.create', { username: 'clerk9', displayName: '孙丽', role: 'clerk', scopes: ARCHIVE_TYPES })
  expect(made.staff).toMatchObject({ scopes: null, mustChangePassword: true }) // every archive type = all of the clerk's
  const session = await clerkDesk.call<StaffSession>('auth.signIn', { username: 'clerk9', password: made.temporaryPassword })
  expect(session.mustChangePassword).toBe(true)
  expect(codeOf(await clerkDesk.handle('queue.list', {}, clerkDesk.slot))).toBe('PASSWORD_CHANGE_REQUIRED')
  expect(await clerkDesk.handle('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'clerk9-clerk9' }, clerkDesk.slot)).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: '密码不能是用户名，也不能包含用户名' }
  })
  await clerkDesk.call('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: NEW_PASSWORD })
  return made.staff
}

describe.each(testDrivers())('accounts kept at the exchange service (%s)', (driver) => {
  beforeEach(async () => {
    ex = await startExchange(driver)
    adminDesk = openDesk(ex.url, ex.clock)
    clerkDesk = openDesk(ex.url, ex.clock)
    await adminDesk.signIn('admin')
  })
  afterEach(async () => {
    await adminDesk.dispose()
    await clerkDesk.dispose()
    await ex.close()
  })

  it('a clerk made by the administrator works a case; disabled, the open window ends within one sync round and offline sign-in is refused', async () => {
    const clerk = await newClerk()
    const { caseId } = await ex.submit(1)
    await clerkDesk.sync.pullOnce()
    const page = await clerkDesk.call<QueuePage>('queue.list', {})
    expect(page.rows.map((r) => r.id)).toContain(caseId)
    await clerkDesk.call('cases.claim', { id: caseId })
    expect(await clerkDesk.sync.pushOnce()).toMatchObject({ applied: 1, rejected: 0 })

    await adminDesk.call('staff.setActive', { id: clerk.id, active: false })
    // The window still works until the desk hears from the service: one round.
    expect(codeOf(await clerkDesk.handle('sync.status', {}, clerkDesk.slot))).toBe('ok')
    await clerkDesk.sync.pullOnce()
    expect(await clerkDesk.handle('queue.list', {}, clerkDesk.slot)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '您的账号已被停用，请联系系统管理员' } })
    clerkDesk.net.offline = true
    expect(await clerkDesk.handle('auth.signIn', { username: 'clerk9', password: NEW_PASSWORD }, clerkDesk.slot)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    clerkDesk.net.offline = false
    expect(await clerkDesk.handle('auth.signIn', { username: 'clerk9', password: NEW_PASSWORD }, clerkDesk.slot)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const events = await adminDesk.call<{ kind: string }[]>('staff.events', { staffId: clerk.id })
    expect(events.map((e) => e.kind)).toEqual(['disabled', 'password_changed', 'created'])
  })

  it('another member’s contact brings the news: a disabled or reset account cannot sign in offline at this desk', async () => {
    const clerk = await newClerk()
    await clerkDesk.call('auth.signOut')
    // clerk1 works at the same desk; the administrator resets clerk9's password meanwhile.
    await clerkDesk.call('auth.signIn', { username: 'clerk1', password: 'demo1234' })
    await adminDesk.call('staff.resetPassword', { id: clerk.id })
    await clerkDesk.sync.pullOnce()
    await clerkDesk.call('auth.signOut')
    clerkDesk.net.offline = true
    expect(await clerkDesk.handle('auth.signIn', { username: 'clerk9', password: NEW_PASSWORD }, clerkDesk.slot)).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS', message: expect.stringContaining('密码已在交换服务修改') }
    })
    // clerk1 still signs in offline: the desk synced minutes ago.
    expect(codeOf(await clerkDesk.handle('auth.signIn', { username: 'clerk1', password: 'demo1234' }, clerkDesk.slot))).toBe('ok')
  })

  it('offline sign-in ends after the office’s days without a completed sync', async () => {
    await newClerk()
    await clerkDesk.sync.pullOnce()
    await clerkDesk.call('auth.signOut')
    clerkDesk.net.offline = true
    expect(codeOf(await clerkDesk.handle('auth.signIn', { username: 'clerk9', password: NEW_PASSWORD }, clerkDesk.slot))).toBe('ok')
    await clerkDesk.call('auth.signOut')
    ex.clock.advance(8 * 24 * 3600_000)
    expect(await clerkDesk.handle('auth.signIn', { username: 'clerk9', password: NEW_PASSWORD }, clerkDesk.slot)).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE', message: '本机已超过 7 天未与交换服务同步，为安全起见不能离线登录，请联网后再登录' }
    })
  })

  it('the administrator’s desk lists the service’s sessions, ends one, and the desk holding it is signed out at its next round', async () => {
    const clerk = await newClerk()
    const sessions = await adminDesk.call<{ id: string; deskName: string }[]>('staff.sessions', { id: clerk.id })
    expect(sessions).toHaveLength(1)
    await adminDesk.call('staff.endSession', { id: clerk.id, sessionId: sessions[0].id })
    const round = await clerkDesk.sync.pullOnce()
    expect(round.error).toBeTruthy()
    expect(codeOf(await clerkDesk.handle('queue.list', {}, clerkDesk.slot))).toBe('UNAUTHENTICATED')
    // Changing the scope at the service reaches the desk's copy with the next directory.
    await adminDesk.call('staff.update', { id: clerk.id, displayName: '孙丽', role: 'clerk', scopes: ['archive_deposit'] })
    await clerkDesk.call('auth.signIn', { username: 'clerk9', password: NEW_PASSWORD })
    expect(clerkDesk.slot.staff?.scopes).toEqual(['archive_deposit'])
    expect(await clerkDesk.handle('staff.list', {}, clerkDesk.slot)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('a clerk whose password was reset signs in with the temporary one, changes it and stays signed in across the next rounds', async () => {
    const clerk = await newClerk()
    const reset = await adminDesk.call<StaffWithPassword>('staff.resetPassword', { id: clerk.id })
    await clerkDesk.sync.pullOnce() // 401: the old session ended
    expect(codeOf(await clerkDesk.handle('queue.list', {}, clerkDesk.slot))).toBe('UNAUTHENTICATED')
    await clerkDesk.call('auth.signIn', { username: 'clerk9', password: reset.temporaryPassword })
    await clerkDesk.call('auth.changePassword', { oldPassword: reset.temporaryPassword, newPassword: 'Sun-Li-Second-2026' })
    expect((await clerkDesk.sync.pullOnce()).error).toBeUndefined()
    await clerkDesk.sync.pullOnce()
    expect(codeOf(await clerkDesk.handle('queue.list', {}, clerkDesk.slot))).toBe('ok')
  })

  it('calls the service as the window’s member only: another member signed in last at this desk is told to sign in again', async () => {
    const clerk = await newClerk()
    const adminWindow = { staff: null }
    expect(codeOf(await clerkDesk.handle('auth.signIn', { username: 'admin', password: 'demo1234' }, adminWindow))).toBe('ok')
    // The desk's service session is now the administrator's: clerk9's password change must not go out under it.
    expect(await clerkDesk.handle('auth.changePassword', { oldPassword: NEW_PASSWORD, newPassword: 'Sun-Li-Third-2026' }, clerkDesk.slot)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('系统管理员') }
    })
    expect(await clerkDesk.handle('staff.list', {}, adminWindow)).toMatchObject({ ok: true })
    const events = await adminDesk.call<{ kind: string }[]>('staff.events', { staffId: clerk.id })
    expect(events.map((e) => e.kind)).toEqual(['password_changed', 'created'])
  })

  it('a widened scope brings the cases of the added types on the next pull', async () => {
    const made = await adminDesk.call<StaffWithPassword>('staff.create', { username: 'clerk9', displayName: '孙丽', role: 'clerk', scopes: ['archive_intake'] })
    const { caseId } = await ex.submit(1) // an archive deposit
    await clerkDesk.call('auth.signIn', { username: 'clerk9', password: made.temporaryPassword })
    await clerkDesk.call('auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: NEW_PASSWORD })
    await clerkDesk.sync.pullOnce()
    expect(clerkDesk.store.sqlite.prepare('SELECT count(*) AS n FROM cases WHERE id = ?').get(caseId)).toEqual({ n: 0 })
    await adminDesk.call('staff.update', { id: made.staff.id, displayName: '孙丽', role: 'clerk', scopes: ['archive_intake', 'archive_deposit'] })
    await clerkDesk.sync.pullOnce() // the directory ends the window's session
    await clerkDesk.call('auth.signIn', { username: 'clerk9', password: NEW_PASSWORD })
    await clerkDesk.sync.pullOnce()
    expect((await clerkDesk.call<QueuePage>('queue.list', {})).rows.map((r) => r.id)).toContain(caseId)
  })
})
