import { eq, sql } from 'drizzle-orm'
import type { FastifyInstance, onRequestHookHandler } from 'fastify'
import { z } from 'zod'
import { passwordChangeInput, signInRequestSchema } from '../../../src/shared/api/staff'
import { passwordProblem } from '../../../src/shared/domain/staff'
import { hashPassword, verifyPassword } from '../../../src/shared-node/password'
import { addStaffEvent, bumpStaffVersion, staffRow } from '../admin/records'
import type { AppContext } from '../context'
import { schema } from '../db'
import { HttpError, parseInput } from '../errors'
import { authenticate, endSessions, type SessionRef, type Staff, signIn, signOut, staffOf } from './sessions'
import { assertSetupDone } from './setup'
import { assertNotLocked, clearFailures, recordFailure } from './throttle'

/** The desk's name is shown in the administrator's session list: one line of text (stored as typed, so no NUL). */
const signInBody = signInRequestSchema.extend({
  deskName: z
    .string()
    .max(64)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s) && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s), '含有无效字符')
    .optional(),
  /** The desk installation's own random key (base64url): binds `clientId` to this computer (desks.ts). */
  deskKey: z.string().regex(/^[A-Za-z0-9_-]{32,100}$/, '窗口密钥格式不正确').optional()
})

export interface StaffRouteOptions {
  /** Open to an account that must still change its temporary password (`GET /auth/me`, `POST /auth/password`, `POST /auth/sign-out`). */
  duringPasswordChange?: boolean
}

/**
 * Every staff route's gate: `409 SETUP_REQUIRED` while no account exists, then the bearer session
 * (`req.staff`, `req.session`; a 401 saying why it no longer works), then `403 PASSWORD_CHANGE_REQUIRED`
 * while the account signs in with a temporary password.
 */
export const requireStaff =
  (ctx: AppContext, opts: StaffRouteOptions = {}): onRequestHookHandler =>
  async (req) => {
    await assertSetupDone(ctx)
    const { sessionIdleMinutes } = await ctx.security.get()
    const { staff, session } = await authenticate(ctx.sdb.db, ctx.clock, req.headers.authorization, sessionIdleMinutes)
    if (staff.mustChangePassword && !opts.duringPasswordChange) {
      throw new HttpError(403, 'PASSWORD_CHANGE_REQUIRED', '您正在使用临时密码，请先修改密码再继续')
    }
    req.staff = staff
    req.session = session
  }

/**
 * `POST /auth/password`: the old password is checked (a wrong one counts as a failed sign-in of the name),
 * the new one against the policy; the account's other sessions end (`PASSWORD_CHANGED`), this one goes on.
 */
async function changePassword(ctx: AppContext, staff: Staff, session: SessionRef, raw: unknown): Promise<{ staff: Staff }> {
  const body = parseInput(passwordChangeInput, raw)
  const { db } = ctx.sdb
  const now = ctx.clock.now()
  await assertNotLocked(db, staff.username, now)
  const row = await staffRow(db, staff.id)
  if (!verifyPassword(body.oldPassword, row.passwordHash)) {
    throw (await recordFailure(db, staff.username, now)) ?? new HttpError(400, 'VALIDATION', '原密码不正确')
  }
  await clearFailures(db, staff.username)
  const problem = passwordProblem(body.newPassword, staff.username)
  if (problem) throw new HttpError(400, 'VALIDATION', problem)
  if (body.newPassword === body.oldPassword) throw new HttpError(400, 'VALIDATION', '新密码不能与原密码相同')
  const updated = await ctx.sdb.tx(async (tx) => {
    const t = schema.staff
    const [u] = await tx
      .update(t)
      .set({ passwordHash: hashPassword(body.newPassword), mustChangePassword: false, credentialVersion: sql`${t.credentialVersion} + 1` })
      .where(eq(t.id, staff.id))
      .returning()
    const ended = await endSessions(tx, staff.id, 'password_changed', now, session.tokenHash)
    await addStaffEvent(tx, now, { id: staff.id, name: staff.displayName }, staff.id, 'password_changed', ended ? `本人修改密码；结束其他 ${ended} 个会话` : '本人修改密码')
    await bumpStaffVersion(tx)
    return u
  })
  return { staff: staffOf(updated) }
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.post('/auth/sign-in', async (req) => {
    await assertSetupDone(ctx)
    const body = parseInput(signInBody, req.body)
    return signIn(ctx.sdb.db, ctx.clock, body, req.ip || null)
  })
  const open = { onRequest: requireStaff(ctx, { duringPasswordChange: true }) }
  app.get('/auth/me', open, async (req) => ({ staff: req.staff }))
  app.post('/auth/password', open, async (req) => changePassword(ctx, req.staff!, req.session!, req.body))
  app.post('/auth/sign-out', open, async (req) => {
    await signOut(ctx.sdb.db, req.session!, ctx.clock.now())
    return { ok: true }
  })
}
