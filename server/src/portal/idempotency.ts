// Portal idempotency (PROTOCOL.md, Portal): a mutating call with an `Idempotency-Key` runs at most
// once. The answer (status and body, a 4xx included) is stored in `portal_requests` in the same
// transaction as the work, so a crash can never keep the work without the key or the key without the
// work; a repeat is answered from the record. Concurrent repeats wait on an advisory lock on the key.
import { createHash } from 'node:crypto'
import { eq, lte, sql } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { errorAnswer, HttpError } from '../errors'

/** Keys older than this are forgotten (a repeat then runs as new) and purged by the maintenance timer. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 3600_000
/** First key of the two-key advisory lock taken on a key's hash ('idem'). */
const LOCK_NAMESPACE = 0x69_64_65_6d

const KEY = /^[\x20-\x7e]{1,200}$/

const t = schema.portalRequests

/** The request's `Idempotency-Key` (1–200 printable ASCII characters), undefined when absent; `400 VALIDATION` when malformed. */
export function idempotencyKey(req: FastifyRequest): string | undefined {
  const raw = req.headers['idempotency-key']
  if (raw === undefined) return undefined
  if (typeof raw !== 'string' || !KEY.test(raw)) throw new HttpError(400, 'VALIDATION', 'Idempotency-Key 应为 1–200 个可打印 ASCII 字符')
  return raw
}

/** JSON with object keys sorted, so the same content always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}

/** SHA-256 of the body's canonical JSON; no body counts as `{}`. */
export const bodyHash = (body: unknown): string => createHash('sha256').update(canonical(body ?? {})).digest('hex')

/** What the work of a call returns: the answer, and the change-log seq to poke desks with. */
export interface Done {
  status: number
  value: unknown
  changeSeq: number
}

export interface Answer {
  status: number
  body: unknown
  /** Answered from the record of an earlier request with the same key. */
  replayed: boolean
}

export interface Call {
  /** The key, or undefined to just run the work (no record). */
  key: string | undefined
  /** `METHOD path` with the case id, e.g. `POST /portal/applications/<id>/cancel`. */
  endpoint: string
  body: unknown
}

/**
 * Runs `work` in one transaction, once per key. Without a key it runs and throws as usual. With one:
 * a recorded key answers from the record (`422 IDEMPOTENCY_MISMATCH` when the endpoint or body differ);
 * otherwise the work runs in a savepoint and its answer (success, or a 4xx it threw) is recorded
 * before the commit. Anything else (a 5xx) rolls back everything, key included, and is thrown.
 */
export async function runOnce(ctx: AppContext, call: Call, work: (tx: Db) => Promise<Done>): Promise<Answer> {
  const { key, endpoint } = call
  if (key === undefined) {
    const done = await ctx.sdb.tx(work)
    ctx.pokes.emit(done.changeSeq)
    return { status: done.status, body: done.value, replayed: false }
  }
  const hash = bodyHash(call.body)
  const now = ctx.clock.now()
  const out = await ctx.sdb.tx(async (tx) => {
    // Held to the commit: a concurrent request with this key waits here, then reads the record.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${key}))`)
    const [prev] = await tx.select().from(t).where(eq(t.key, key))
    if (prev && prev.createdAt.getTime() > now.getTime() - IDEMPOTENCY_TTL_MS) {
      if (prev.endpoint !== endpoint || prev.bodyHash !== hash) {
        throw new HttpError(422, 'IDEMPOTENCY_MISMATCH', '该 Idempotency-Key 已用于另一个请求（接口或内容不同），新的请求请使用新的 Idempotency-Key')
      }
      return { status: prev.status, body: prev.response, replayed: true, changeSeq: 0 }
    }
    if (prev) await tx.delete(t).where(eq(t.key, key))
    let answer: { status: number; body: unknown; changeSeq: number }
    try {
      const done = await tx.transaction((sp) => work(sp as unknown as Db))
      answer = { status: done.status, body: done.value, changeSeq: done.changeSeq }
    } catch (e) {
      const known = errorAnswer(e)
      if (!known || known.status >= 500) throw e
      answer = { status: known.status, body: { error: { code: known.code, message: known.message } }, changeSeq: 0 }
    }
    await tx.insert(t).values({ key, endpoint, bodyHash: hash, status: answer.status, response: answer.body, createdAt: now })
    return { ...answer, replayed: false }
  })
  if (out.changeSeq) ctx.pokes.emit(out.changeSeq)
  return { status: out.status, body: out.body, replayed: out.replayed }
}

/** Deletes the keys past their 7 days; returns how many. */
export async function purgeIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const rows = await db
    .delete(t)
    .where(lte(t.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)))
    .returning({ key: t.key })
  return rows.length
}
