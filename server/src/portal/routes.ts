import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import { registerBlobs } from '../blobs'
import type { AppContext } from '../context'
import type { Db } from '../db'
import { HttpError, parseInput } from '../errors'
import { registerPortalDocuments } from './documents'
import { idempotencyKey, runOnce } from './idempotency'
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
  /**
   * Runs a change in one transaction, at most once per `Idempotency-Key` (idempotency.ts), pokes the
   * desks, and answers (a replayed answer carries `idempotent-replayed: true`).
   */
  const once = async (req: FastifyRequest, reply: FastifyReply, endpoint: string, status: number, fn: (tx: Db) => Promise<Committed<unknown>>) => {
    const answer = await runOnce(ctx, { key: idempotencyKey(req), endpoint, body: req.body }, async (tx) => {
      const { value, changeSeq } = await fn(tx)
      return { status, value, changeSeq }
    })
    if (answer.replayed) void reply.header('idempotent-replayed', 'true')
    return reply.status(answer.status).send(answer.body)
  }
  void app.register(
    async (scope) => {
      scope.addHook('onRequest', auth)
      scope.post('/applications', async (req, reply) => {
        const body = parseInput(applicationInput, req.body)
        return once(req, reply, 'POST /portal/applications', 201, (tx) => submitApplication(tx, ctx.clock, body))
      })
      scope.patch('/applications/:id', async (req, reply) => {
        const { id } = parseInput(idParams, req.params)
        const patch = parseInput(applicationPatch, req.body)
        return once(req, reply, `PATCH /portal/applications/${id}`, 200, (tx) => updateApplication(tx, ctx.clock, id, patch))
      })
      scope.post('/applications/:id/cancel', async (req, reply) => {
        const { id } = parseInput(idParams, req.params)
        return once(req, reply, `POST /portal/applications/${id}/cancel`, 200, (tx) => applicantAction(tx, ctx.clock, id, 'cancel'))
      })
      scope.post('/applications/:id/resubmit', async (req, reply) => {
        const { id } = parseInput(idParams, req.params)
        const patch = parseInput(applicationPatch, req.body ?? {})
        return once(req, reply, `POST /portal/applications/${id}/resubmit`, 200, (tx) => applicantAction(tx, ctx.clock, id, 'resubmit', patch))
      })
      // 补充材料: the applicant's supplements (attachments added) resume the paused clock.
      scope.post('/applications/:id/supplement', async (req, reply) => {
        const { id } = parseInput(idParams, req.params)
        const patch = parseInput(applicationPatch, req.body ?? {})
        return once(req, reply, `POST /portal/applications/${id}/supplement`, 200, (tx) => applicantAction(tx, ctx.clock, id, 'supplement', patch))
      })
      scope.get('/applications/:id', async (req) => {
        const { id } = parseInput(idParams, req.params)
        return applicationStatus(ctx.sdb.db, ctx.clock, id)
      })
      registerPortalDocuments(scope, ctx)
    },
    { prefix: '/portal' }
  )
}
