import type { ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context'

export const HEARTBEAT_MS = 25_000

/**
 * `GET /sync/events`: server-sent `poke` events (`data: {"seq": n}`) after each commit that appended
 * changes, and a comment line every 25 s so proxies keep the stream open. Desks pull on a poke and
 * poll every 30 s as the fallback. Pokes come from `Pokes`: in-process on PGlite, PostgreSQL
 * LISTEN/NOTIFY on a real server (so every instance behind a load balancer pokes its desks).
 */
export function registerPoke(app: FastifyInstance, ctx: AppContext): void {
  const open = new Set<ServerResponse>()
  app.addHook('onClose', async () => {
    for (const raw of open) raw.end()
  })
  app.get('/sync/events', (req, reply) => {
    reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no'
    })
    raw.write(': connected\n\n')
    open.add(raw)
    const off = ctx.pokes.on((seq) => raw.write(`event: poke\ndata: ${JSON.stringify({ seq })}\n\n`))
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS)
    req.raw.on('close', () => {
      off()
      clearInterval(heartbeat)
      open.delete(raw)
    })
  })
}
