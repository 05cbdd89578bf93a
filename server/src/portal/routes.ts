import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, onRequestHookHandler } from 'fastify'
import { registerBlobs } from '../blobs'
import type { AppContext } from '../context'
import { HttpError, parseInput } from '../errors'
import { applicantAction, applicationStatus, type Committed, submitApplication, updateApplication } from './service'
import { applicationInput, applicationPatch, idParams } from './schemas'

/** The applicant portal's backend authenticates with `x-portal-key`. */
const requirePortal =
  (ctx: AppContext): onRequestHookHandler =>
  async (req) => {
    if (!ctx.portalKey) throw new HttpError(403, 'FORBIDDEN', '交换服务未配置门户密钥，门户接口未开放')
    const given = Buffer.from(String(req.headers['x-portal-key'] ?? ''))
    const expected = Buffer.from(ctx.portalKey)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(401, 'UNAUTHENTICATED', '门户密钥无效')
  }

export function registerPortal(app: FastifyInstance, ctx: AppContext): void {
  const auth = requirePortal(ctx)
  registerBlobs(app, ctx, { prefix: '/portal', auth, get: false })
  /** Runs a change in one transaction, then pokes the desks. */
  const commit = async <T>(fn: Parameters<typeof ctx.sdb.tx<Committed<T>>>[0]): Promise<T> => {
    const { value, changeSeq } = await ctx.sdb.tx(fn)
    ctx.pokes.emit(changeSeq)
    return value
  }
  void app.register(
    async (scope) => {
      scope.addHook('onRequest', auth)
      scope.post('/applications', async (req, reply) => {
        const body = parseInput(applicationInput, req.body)
        return reply.status(201).send(await commit((tx) => submitApplication(tx, ctx.clock, body)))
      })
      scope.patch('/applications/:id', async (req) => {
        const { id } = parseInput(idParams, req.params)
        const patch = parseInput(applicationPatch, req.body)
        return commit((tx) => updateApplication(tx, ctx.clock, id, patch))
      })
      scope.post('/applications/:id/cancel', async (req) => {
        const { id } = parseInput(idParams, req.params)
        return commit((tx) => applicantAction(tx, ctx.clock, id, 'cancel'))
      })
      scope.post('/applications/:id/resubmit', async (req) => {
        const { id } = parseInput(idParams, req.params)
        const patch = parseInput(applicationPatch, req.body ?? {})
        return commit((tx) => applicantAction(tx, ctx.clock, id, 'resubmit', patch))
      })
      scope.get('/applications/:id', async (req) => {
        const { id } = parseInput(idParams, req.params)
        return applicationStatus(ctx.sdb.db, id)
      })
    },
    { prefix: '/portal' }
  )
}
