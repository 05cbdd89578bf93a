import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context'

/**
 * Every answer's `Date` header is the service's clock (`ctx.clock`, the one official times come from): desks
 * measure their own clock's offset from it (src/main/core/sync/clock-offset.ts; PROTOCOL.md, Server time).
 */
export function registerServiceTime(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('date', ctx.clock.now().toUTCString())
  })
}
