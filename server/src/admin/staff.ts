import { and, eq, ne, sql } from 'drizzle-orm'
import { staffCreateInput, type StaffRecord, staffUpdateInput, type StaffWithPassword } from '../../../src/shared/api/staff'
import { accessChanged, accountDetail, checkedScopes, staffChangeDetail } from '../../../src/shared/domain/staff'
import { hashPassword, temporaryPassword } from '../../../src/shared-node/password'
import { endSessions, unlockName } from '../auth/sessions'
import { schema, type Db } from '../db'
import { HttpError, parseInput } from '../errors'
import { type Actor, addStaffEvent, assertUsernameFree, bumpStaffVersion, lockStaff, staffRecord, staffRow } from './records'

/**
 * The administrator's account changes (PROTOCOL.md, Staff administration and setup), each in the caller's
 * transaction with its `staff_events` row and a new `staffVersion`: create (temporary password), edit name,
 * role and scopes, disable / enable, reset the password (temporary), unlock the user name.
 * Rules: nobody disables themselves or takes away their own administrator role; one active administrator
 * always remains; user names are unique; a role or scope change, a disable and a reset end the sessions.
 */

const invalid = (message: string) => new HttpError(400, 'VALIDATION', message)

/** `400` when `staffId` is the last active administrator (it is about to lose the role or be disabled). */
async function assertAnotherAdmin(tx: Db, staffId: number): Promise<void> {
  const t = schema.staff
  const [other] = await tx
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.role, 'admin'), eq(t.active, true), ne(t.id, staffId)))
    .limit(1)
  if (!other) throw invalid('至少要保留一个启用的系统管理员账号')
}

const ended = (n: number): string => (n ? `结束 ${n} 个会话` : '')
const joined = (...parts: string[]): string => parts.filter(Boolean).join('；')

export async function createStaff(tx: Db, actor: Actor, raw: unknown, now: Date): Promise<StaffWithPassword> {
  const input = parseInput(staffCreateInput, raw)
  const scopes = checkedScopes(input.role, input.scopes)
  await lockStaff(tx)
  await assertUsernameFree(tx, input.username)
  const password = temporaryPassword()
  const [row] = await tx
    .insert(schema.staff)
    .values({ username: input.username, displayName: input.displayName, role: input.role, scopes, passwordHash: hashPassword(password), mustChangePassword: true, createdAt: now })
    .returning()
  await addStaffEvent(tx, now, actor, row.id, 'created', accountDetail({ ...row, scopes }))
  await bumpStaffVersion(tx)
  return { staff: await staffRecord(tx, row, now), temporaryPassword: password }
}

export async function updateStaff(tx: Db, actor: Actor, id: number, raw: unknown, now: Date): Promise<StaffRecord> {
  const input = parseInput(staffUpdateInput, raw)
  const scopes = checkedScopes(input.role, input.scopes)
  await lockStaff(tx)
  const row = await staffRow(tx, id, true)
  if (id === actor.id && input.role !== 'admin') throw invalid('不能取消自己的系统管理员角色')
  if (row.role === 'admin' && input.role !== 'admin' && row.active) await assertAnotherAdmin(tx, id)
  const before = { displayName: row.displayName, role: row.role, scopes: row.scopes ?? null }
  const after = { displayName: input.displayName, role: input.role, scopes }
  const change = staffChangeDetail(before, after)
  if (!change) return staffRecord(tx, row, now)
  const access = accessChanged(before, after)
  const [updated] = await tx
    .update(schema.staff)
    .set({ displayName: input.displayName, role: input.role, scopes, ...(access ? { sessionsEndedAt: now } : {}) })
    .where(eq(schema.staff.id, id))
    .returning()
  const n = access ? await endSessions(tx, id, 'role_changed', now) : 0
  const detail = joined(change, ended(n))
  await addStaffEvent(tx, now, actor, id, 'updated', detail)
  await bumpStaffVersion(tx)
  return staffRecord(tx, updated, now)
}

export async function setActive(tx: Db, actor: Actor, id: number, active: boolean, now: Date): Promise<StaffRecord> {
  await lockStaff(tx)
  const row = await staffRow(tx, id, true)
  if (!active && id === actor.id) throw invalid('不能停用自己的账号')
  if (row.active === active) return staffRecord(tx, row, now)
  if (!active && row.role === 'admin') await assertAnotherAdmin(tx, id)
  const [updated] = await tx
    .update(schema.staff)
    .set({ active, ...(active ? {} : { sessionsEndedAt: now }) })
    .where(eq(schema.staff.id, id))
    .returning()
  const n = active ? 0 : await endSessions(tx, id, 'disabled', now)
  await addStaffEvent(tx, now, actor, id, active ? 'enabled' : 'disabled', active ? '账号已启用' : joined('账号已停用', ended(n)))
  await bumpStaffVersion(tx)
  return staffRecord(tx, updated, now)
}

/**
 * A new password for the account: a temporary one to change at the next sign-in (administrators), or — from
 * the server's command line — the one typed there, which also enables the account again (the way back for an
 * administrator who can no longer sign in, e.g. a demo account disabled at a production start). The sessions
 * end (`PASSWORD_CHANGED`), the user name's failed sign-ins are forgotten.
 */
export async function resetPassword(tx: Db, actor: Actor, id: number, now: Date, typed?: string): Promise<StaffWithPassword & { enabled: boolean }> {
  await lockStaff(tx)
  const row = await staffRow(tx, id, true)
  if (id === actor.id) throw invalid('不能重置自己的密码，请用“修改密码”')
  const password = typed ?? temporaryPassword()
  const enabled = typed !== undefined && !row.active
  const t = schema.staff
  const [updated] = await tx
    .update(t)
    .set({
      passwordHash: hashPassword(password),
      mustChangePassword: typed === undefined,
      credentialVersion: sql`${t.credentialVersion} + 1`,
      sessionsEndedAt: now,
      ...(enabled ? { active: true } : {})
    })
    .where(eq(t.id, id))
    .returning()
  const n = await endSessions(tx, id, 'password_reset', now)
  const unlocked = await unlockName(tx, row.username, now)
  const detail = joined(typed === undefined ? '临时密码，下次登录时须修改' : '在服务器命令行设置新密码', enabled ? '重新启用账号' : '', unlocked ? '解除登录锁定' : '', ended(n))
  await addStaffEvent(tx, now, actor, id, 'password_reset', detail)
  await bumpStaffVersion(tx)
  return { staff: await staffRecord(tx, updated, now), temporaryPassword: typed === undefined ? password : '', enabled }
}

/** Forgets the user name's failed sign-ins; an event only when it was locked. Returns the record and whether it was locked. */
export async function unlockStaff(tx: Db, actor: Actor, id: number, now: Date): Promise<{ staff: StaffRecord; wasLocked: boolean }> {
  await lockStaff(tx)
  const row = await staffRow(tx, id, true)
  const wasLocked = await unlockName(tx, row.username, now)
  if (wasLocked) {
    await addStaffEvent(tx, now, actor, id, 'unlocked', '解除登录失败锁定')
    await bumpStaffVersion(tx)
  }
  return { staff: await staffRecord(tx, row, now), wasLocked }
}

/** Ends one session (`DELETE /admin/sessions/:publicId`); returns its account's id. */
export async function endOneSession(tx: Db, actor: Actor, publicId: string, now: Date): Promise<number> {
  const s = schema.sessions
  const [session] = await tx
    .update(s)
    .set({ endedAt: now, endReason: 'revoked' })
    .where(and(eq(s.publicId, publicId), sql`${s.endedAt} IS NULL`, sql`${s.expiresAt} > ${now.toISOString()}::timestamptz`))
    .returning()
  if (!session) throw new HttpError(404, 'NOT_FOUND', '没有这个会话（可能已结束或已过期）')
  const where = [session.deskName ?? '未知窗口', session.ip ?? ''].filter(Boolean).join('，')
  await addStaffEvent(tx, now, actor, session.staffId, 'session_ended', `结束会话：${where}`)
  await bumpStaffVersion(tx)
  return session.staffId
}
