import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { requireStaff } from '../auth/routes'
import { openSessions } from '../auth/sessions'
import type { AppContext } from '../context'
import { HttpError, parseInput } from '../errors'
import { type Actor, listStaff, listStaffEvents, staffRow } from './records'
import { createStaff, endOneSession, resetPassword, setActive, unlockStaff, updateStaff } from './staff'

/** A database id in a path or query: 1 … 2^31−1, digits only. */
const idText = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, '编号应为正整数')
  .transform(Number)
  .refine((n) => n <= 2 ** 31 - 1, '编号超出范围')
const idParams = z.object({ id: idText })
const sessionParams = z.object({ publicId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, '会话编号格式不正确') })
const eventsQuery = z.object({
  staffId: z.union([z.literal(''), idText]).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'limit 应为 1–500 的整数')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 500, 'limit 应为 1–500 的整数')
    .optional()
})

/**
 * `/admin/*` (PROTOCOL.md, Staff administration and setup): administrators only (`403 FORBIDDEN`), and every
 * change in one transaction with its audit event and a new `staffVersion` (admin/staff.ts).
 */
export function registerAdmin(app: FastifyInstance, ctx: AppContext): void {
  void app.register(
    async (admin) => {
      admin.addHook('onRequest', requireStaff(ctx))
      admin.addHook('onRequest', async (req) => {
        if (req.staff?.role !== 'admin') throw new HttpError(403, 'FORBIDDEN', '只有系统管理员可以管理账号')
      })
      const actor = (req: { staff?: { id: number; displayName: string } }): Actor => ({ id: req.staff!.id, name: req.staff!.displayName })
      const now = () => ctx.clock.now()
      const idOf = (params: unknown) => parseInput(idParams, params).id
      const tx = ctx.sdb.tx

      admin.get('/staff', async () => ({ staff: await listStaff(ctx.sdb.db, now()) }))
      admin.post('/staff', async (req, reply) => reply.status(201).send(await tx((t) => createStaff(t, actor(req), req.body, now()))))
      admin.patch('/staff/:id', async (req) => {
        const id = idOf(req.params)
        return { staff: await tx((t) => updateStaff(t, actor(req), id, req.body, now())) }
      })
      admin.post('/staff/:id/disable', async (req) => {
        const id = idOf(req.params)
        return { staff: await tx((t) => setActive(t, actor(req), id, false, now())) }
      })
      admin.post('/staff/:id/enable', async (req) => {
        const id = idOf(req.params)
        return { staff: await tx((t) => setActive(t, actor(req), id, true, now())) }
      })
      admin.post('/staff/:id/unlock', async (req) => {
        const id = idOf(req.params)
        return { staff: (await tx((t) => unlockStaff(t, actor(req), id, now()))).staff }
      })
      admin.post('/staff/:id/reset-password', async (req) => {
        const id = idOf(req.params)
        const { staff, temporaryPassword } = await tx((t) => resetPassword(t, actor(req), id, now()))
        return { staff, temporaryPassword }
      })
      admin.get('/staff/:id/sessions', async (req) => {
        const id = idOf(req.params)
        await staffRow(ctx.sdb.db, id)
        const { sessionIdleMinutes } = await ctx.security.get()
        return { sessions: await openSessions(ctx.sdb.db, id, now(), sessionIdleMinutes, req.session?.publicId) }
      })
      admin.delete('/sessions/:publicId', async (req) => {
        const { publicId } = parseInput(sessionParams, req.params)
        const staffId = await tx((t) => endOneSession(t, actor(req), publicId, now()))
        const { sessionIdleMinutes } = await ctx.security.get()
        return { sessions: await openSessions(ctx.sdb.db, staffId, now(), sessionIdleMinutes, req.session?.publicId) }
      })
      admin.get('/staff-events', async (req) => {
        const q = parseInput(eventsQuery, req.query)
        const staffId = typeof q.staffId === 'number' ? q.staffId : undefined
        return { events: await listStaffEvents(ctx.sdb.db, staffId, q.limit ?? 100) }
      })
    },
    { prefix: '/admin' }
  )
}
