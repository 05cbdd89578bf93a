import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify'
import { z } from 'zod'
import { jsonTextProblem } from '../../src/shared/api/wire-safe'
import { registerAdmin } from './admin/routes'
import { registerAuth, requireStaff } from './auth/routes'
import { registerSecurity, SecurityCache } from './auth/security'
import { registerSetup, StaffPresence } from './auth/setup'
import { registerBlobs } from './blobs'
import { type Clock, systemClock } from './clock'
import type { AppContext } from './context'
import { isDatabaseUnavailable, type ServerDb } from './db'
import { errorAnswer, HttpError } from './errors'
import { MAINTENANCE_MS, registerMaintenance } from './maintenance'
import { registerPortal } from './portal/routes'
import { registerVerify } from './verify/routes'
import { registerCalendar } from './calendar/edit'
import { registerOffice } from './office'
import { registerProgrammes } from './programmes'
import { registerTimeLimits } from './time-limits'
import { registerNumbers } from './sync/numbers'
import { registerServiceTime } from './sync/service-time'
import { registerPoke } from './sync/poke'
import { Pokes } from './sync/pokes'
import { registerDirectory } from './sync/directory'
import { registerPull } from './sync/pull'
import { registerPush } from './sync/push'

// Chinese default messages for every zod schema in this process, including the shared case-type
// definitions' action inputs that planAction validates (their own custom messages still win).
z.config(z.locales.zhCN())

/** The sync protocol version desks must speak (`x-casedesk-schema`). */
export const SCHEMA_VERSION = '1'
/** JSON bodies; a blob has its own 1 MB limit. */
export const BODY_LIMIT = 2 * 1024 * 1024
/** `Retry-After` (seconds) of a 503 while the database is away. */
export const DATABASE_RETRY_AFTER_S = 5
export const DATABASE_UNAVAILABLE_MESSAGE = '交换服务暂时无法访问数据库，请稍后原样重试'

export interface BuildOptions {
  db: ServerDb
  portalKey?: string
  clock?: Clock
  pokes?: Pokes
  logger?: boolean
  /** Period of the housekeeping timer (maintenance.ts); 0 = none. Default 1 h. */
  maintenanceMs?: number
  /** Serve https with this certificate and key (PEM). */
  https?: { cert: Buffer; key: Buffer }
  /**
   * Behind a reverse proxy: the proxies' addresses or CIDR ranges, comma-separated (`127.0.0.1`,
   * `10.0.0.0/8,127.0.0.1`; trust-proxy.ts). A request from one of them takes the client's address (`req.ip`)
   * and protocol from its X-Forwarded-* headers; any other peer's headers are ignored.
   */
  trustProxy?: string
}

/** The exchange service: setup, auth, staff administration, sync (push, pull, poke), blobs and the portal calls (PROTOCOL.md). */
export function buildApp(opts: BuildOptions): FastifyInstance {
  const clock = opts.clock ?? systemClock
  const ctx: AppContext = {
    sdb: opts.db,
    clock,
    pokes: opts.pokes ?? new Pokes(),
    portalKey: opts.portalKey,
    security: new SecurityCache(opts.db.db, clock),
    presence: new StaffPresence(opts.db.db)
  }
  // Fastify types an https server differently; the routes are the same, so it is used as the plain one.
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: opts.trustProxy ?? false,
    // A malformed URL (bad percent-encoding) or a path parameter over 100 characters: the protocol's 400, not Fastify's own body.
    frameworkErrors: (err, _req, reply) => {
      void (reply as unknown as FastifyReply).status(400).send({ error: { code: 'VALIDATION', message: err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? '请求地址中的参数过长' : '请求地址格式不正确' } })
    },
    ...(opts.https ? { https: opts.https } : {})
  }) as unknown as FastifyInstance

  registerServiceTime(app, ctx)

  // JSON bodies: the nesting depth is checked on the text before it is parsed, so nothing recursive (a schema, the
  // idempotency hash, the database driver's JSON.stringify) ever sees a body nested 100k levels deep; then
  // Fastify's own parser (secure-json-parse: `__proto__` / `constructor.prototype` keys refused).
  const defaultJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const problem = jsonTextProblem(String(body))
    if (problem) return done(new HttpError(400, 'VALIDATION', problem), undefined)
    return defaultJson(req, String(body), done)
  })

  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    const send = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
      reply.headers(headers).status(status).send({ error: { code, message } })
    const known = errorAnswer(err)
    if (known) return send(known.status, known.code, known.message, known.headers)
    const fe = err as FastifyError
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) return send(413, 'TOO_LARGE', '请求内容过大（上限 2 MB，单个文件 1 MB）')
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(415, 'VALIDATION', '请求内容类型不受支持，请以 JSON 提交')
    if (fe.statusCode === 400) return send(400, 'VALIDATION', '请求内容不是有效的 JSON')
    // The database away (connection refused, cut, timed out, shutting down): an outage, not a fault of the
    // request — 503 with Retry-After; whatever transaction was cut is rolled back, so the client resends as is.
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err: { message: err.message, code: (err as { code?: unknown }).code } }, 'database unavailable: answered 503')
      return send(503, 'DATABASE_UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE, { 'retry-after': String(DATABASE_RETRY_AFTER_S) })
    }
    req.log.error(err)
    return send(500, 'INTERNAL', '交换服务内部错误，请稍后重试')
  })
  app.setNotFoundHandler((_req, reply) => reply.status(404).send({ error: { code: 'NOT_FOUND', message: '没有这个接口' } }))

  registerSetup(app, ctx, SCHEMA_VERSION)
  registerAuth(app, ctx)
  registerAdmin(app, ctx)
  registerBlobs(app, ctx, { prefix: '', auth: requireStaff(ctx), get: true })
  void app.register(async (sync) => {
    sync.addHook('onRequest', async (req) => {
      if (req.headers['x-casedesk-schema'] !== SCHEMA_VERSION) {
        throw new HttpError(426, 'SCHEMA_VERSION', '桌面端与交换服务的同步协议版本不一致，请升级 CaseDesk 后再同步')
      }
    })
    sync.addHook('onRequest', requireStaff(ctx))
    registerPush(sync, ctx)
    registerPull(sync, ctx)
    registerPoke(sync, ctx)
    registerNumbers(sync, ctx)
    registerCalendar(sync, ctx)
    registerOffice(sync, ctx)
    registerTimeLimits(sync, ctx)
    registerProgrammes(sync, ctx)
    registerDirectory(sync, ctx)
    registerSecurity(sync, ctx)
  })
  registerPortal(app, ctx)
  registerVerify(app, ctx)
  registerMaintenance(app, ctx, opts.maintenanceMs ?? MAINTENANCE_MS)
  // Several instances can share a PostgreSQL database: pokes then come from its NOTIFY, so every instance hears every commit.
  const { url } = opts.db
  if (opts.db.driver === 'pg' && url && !opts.pokes) {
    let stop: (() => Promise<void>) | undefined
    app.addHook('onReady', async () => {
      stop = await ctx.pokes.listen(url, (e) => app.log.warn({ err: e }, 'LISTEN connection lost; reconnecting'))
    })
    app.addHook('onClose', async () => stop?.())
  }
  return app
}
