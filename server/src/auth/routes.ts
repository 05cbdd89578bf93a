import type { FastifyInstance, onRequestHookHandler } from 'fastify'
import { z } from 'zod'
import type { AppContext } from '../context'
import { parseInput } from '../errors'
import { authenticate, signIn } from './sessions'

const signInBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(50),
  password: z.string().min(1, '请输入密码').max(200)
})

/** Sets `req.staff` from the bearer token, or answers 401. */
export const requireStaff =
  (ctx: AppContext): onRequestHookHandler =>
  async (req) => {
    req.staff = await authenticate(ctx.sdb.db, ctx.clock, req.headers.authorization)
  }

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.post('/auth/sign-in', async (req) => {
    const body = parseInput(signInBody, req.body)
    return signIn(ctx.sdb.db, ctx.clock, body.username, body.password)
  })
  app.get('/auth/me', { onRequest: requireStaff(ctx) }, async (req) => ({ staff: req.staff }))
}
