import { createHash } from 'node:crypto'
import { and, eq, exists, inArray, or, sql } from 'drizzle-orm'
import type { FastifyInstance, onRequestHookHandler } from 'fastify'
import { z } from 'zod'
import { caseTypesOf } from '../../src/shared/domain/staff'
import type { AppContext } from './context'
import { schema, type Db } from './db'
import { HttpError, parseInput } from './errors'

/** A blob's size limit (an attachment or an issued letter). */
export const BLOB_LIMIT = 1024 * 1024

const params = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件摘要应为 64 位小写十六进制 SHA-256') })

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

/**
 * A blob's bytes, only when an attachment or issued letter of a case of one of `types` references it
 * (the case types the staff member works on: role and scopes, `caseTypesOf`), else undefined.
 */
export async function scopedBlob(db: Db, sha256: string, types: string[]): Promise<Buffer | undefined> {
  if (!types.length) return undefined
  const { attachments: a, issuedDocuments: d, cases: c, blobs: b } = schema
  const one = { one: sql`1` }
  const byAttachment = db.select(one).from(a).innerJoin(c, eq(c.id, a.caseId)).where(and(eq(a.sha256, sha256), inArray(c.type, types)))
  // A letter's draft, or its signed final version.
  const byDocument = db.select(one).from(d).innerJoin(c, eq(c.id, d.caseId)).where(and(or(eq(d.sha256, sha256), eq(d.signedSha256, sha256)), inArray(c.type, types)))
  const [row] = await db
    .select({ data: b.data })
    .from(b)
    .where(and(eq(b.sha256, sha256), or(exists(byAttachment), exists(byDocument))))
  return row?.data
}

/**
 * `PUT /blobs/:sha256` (raw bytes, ≤ 1 MB; the hash is verified, storing is idempotent) behind the
 * given authentication (desk bearer token or portal key), and for staff `GET /blobs/:sha256`, scoped:
 * a blob no case in the staff member's scope references is `404` as if it did not exist.
 */
export function registerBlobs(app: FastifyInstance, ctx: AppContext, opts: { prefix: string; auth: onRequestHookHandler; /** Staff only: the GET reads `req.staff`. */ get: boolean }): void {
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
          const data = req.staff ? await scopedBlob(ctx.sdb.db, sha256, caseTypesOf(req.staff)) : undefined
          if (!data) throw new HttpError(404, 'NOT_FOUND', '交换服务上没有这个文件')
          return reply.type('application/octet-stream').header('cache-control', 'private, max-age=31536000, immutable').send(data)
        })
      }
    },
    { prefix: opts.prefix }
  )
}
