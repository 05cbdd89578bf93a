import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { FastifyInstance, onRequestHookHandler } from 'fastify'
import { z } from 'zod'
import type { AppContext } from './context'
import { schema } from './db'
import { HttpError, parseInput } from './errors'

/** A blob's size limit (an attachment or an issued letter). */
export const BLOB_LIMIT = 1024 * 1024

const params = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件摘要应为 64 位小写十六进制 SHA-256') })

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

/**
 * `PUT /blobs/:sha256` (raw bytes, ≤ 1 MB; the hash is verified, storing is idempotent) and
 * `GET /blobs/:sha256`, behind the given authentication (desk bearer token or portal key).
 */
export function registerBlobs(app: FastifyInstance, ctx: AppContext, opts: { prefix: string; auth: onRequestHookHandler; get: boolean }): void {
  void app.register(
    async (scope) => {
      // Any content type is taken as raw bytes here (JSON included): a blob is never parsed.
      scope.removeAllContentTypeParsers()
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BLOB_LIMIT }, (_req, body, done) => done(null, body))
      scope.addHook('onRequest', opts.auth)
      scope.put('/blobs/:sha256', { bodyLimit: BLOB_LIMIT }, async (req, reply) => {
        const { sha256 } = parseInput(params, req.params)
        const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
        if (sha256Hex(data) !== sha256) throw new HttpError(400, 'CORRUPT_FILE', '文件内容与其摘要不符（传输中损坏），请重新上传')
        const created = await ctx.sdb.db
          .insert(schema.blobs)
          .values({ sha256, size: data.length, data })
          .onConflictDoNothing()
          .returning({ sha256: schema.blobs.sha256 })
        return reply.status(created.length ? 201 : 200).send({ sha256, size: data.length })
      })
      if (opts.get) {
        scope.get('/blobs/:sha256', async (req, reply) => {
          const { sha256 } = parseInput(params, req.params)
          const [row] = await ctx.sdb.db.select({ data: schema.blobs.data }).from(schema.blobs).where(eq(schema.blobs.sha256, sha256))
          if (!row) throw new HttpError(404, 'NOT_FOUND', '交换服务上没有这个文件')
          return reply.type('application/octet-stream').header('cache-control', 'private, max-age=31536000, immutable').send(row.data)
        })
      }
    },
    { prefix: opts.prefix }
  )
}
