import { and, eq, max, or } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Staff } from '../auth/sessions'
import { currentSummary } from '../cases/repo'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { isUniqueViolation, parseInput } from '../errors'
import { applyMutation, type Mutation, mutationCaseId } from './mutations'
import { asRejection, Rejection } from './rejection'

export const pushBody = z.object({
  clientId: z.uuid('clientId 应为 UUID'),
  mutations: z
    .array(
      z.object({
        seq: z.number().int().positive(),
        id: z.uuid('变更 id 应为 UUID'),
        name: z.string().min(1).max(40),
        args: z.record(z.string(), z.unknown()),
        baseVersion: z.number().int().nullable().optional(),
        leaseToken: z.number().int().nullable().optional()
      })
    )
    .max(1000)
    .refine((ms) => ms.every((m, i) => i === 0 || m.seq > ms[i - 1].seq), '同一批变更的 seq 必须严格递增'),
  /**
   * The highest seq the desk was last told this server recorded for it. When the server's own record ends
   * below it, the server lost history (restored from an older backup): nothing is applied and the answer's
   * `lastSeq` tells the desk where to resume (it re-sends what it had seen applied since).
   */
  answeredThrough: z.number().int().nonnegative().optional()
})

export type MutationResult =
  | { id: string; seq: number; status: 'applied'; version: number; leaseToken?: number }
  | { id: string; seq: number; status: 'rejected'; code: string; message: string; current?: unknown }

async function findRecord(db: Db, clientId: string, m: Mutation): Promise<MutationResult | undefined> {
  const t = schema.mutations
  const [row] = await db
    .select({ result: t.result })
    .from(t)
    .where(or(and(eq(t.clientId, clientId), eq(t.seq, m.seq)), eq(t.id, m.id)))
    .limit(1)
  return row?.result as MutationResult | undefined
}

async function lastSeq(db: Db, clientId: string): Promise<number> {
  const [row] = await db.select({ last: max(schema.mutations.seq) }).from(schema.mutations).where(eq(schema.mutations.clientId, clientId))
  return Number(row?.last ?? 0)
}

const record = (clientId: string, staff: Staff, m: Mutation, result: MutationResult) => ({
  clientId,
  seq: m.seq,
  id: m.id,
  staffId: staff.id,
  name: m.name,
  caseId: mutationCaseId(m) ?? null,
  args: m.args,
  baseVersion: m.baseVersion ?? null,
  leaseToken: m.leaseToken ?? null,
  status: result.status,
  result
})

/**
 * Applies a desk's mutations in order, each in its own transaction together with its record; a repeat
 * of (clientId, seq) or id is answered from the record. A business rejection is recorded and the queue
 * moves on; a server fault stops the batch (5xx) and the desk retries the rest with the same seq/id.
 */
export async function push(
  ctx: AppContext,
  staff: Staff,
  clientId: string,
  mutations: Mutation[],
  answeredThrough = 0
): Promise<{ results: MutationResult[]; lastSeq: number }> {
  const { sdb, clock, pokes } = ctx
  const results: MutationResult[] = []
  let last = await lastSeq(sdb.db, clientId)
  if (answeredThrough > last) return { results, lastSeq: last }
  for (const m of mutations) {
    const stored = await findRecord(sdb.db, clientId, m)
    if (stored) {
      results.push(stored)
      continue
    }
    let result: MutationResult
    try {
      const applied = await sdb.tx(async (tx) => {
        if (m.seq <= last) throw new Rejection('VALIDATION', `变更序号 ${m.seq} 不大于已记录的 ${last}，请按顺序推送`)
        const a = await applyMutation(tx, clock, staff, clientId, m)
        const r: MutationResult = { id: m.id, seq: m.seq, status: 'applied', version: a.version, ...(a.leaseToken === undefined ? {} : { leaseToken: a.leaseToken }) }
        await tx.insert(schema.mutations).values(record(clientId, staff, m, r))
        return { r, changeSeq: a.changeSeq }
      })
      pokes.emit(applied.changeSeq)
      result = applied.r
    } catch (e) {
      const again = isUniqueViolation(e) ? await findRecord(sdb.db, clientId, m) : undefined
      if (again) {
        results.push(again) // the same mutation was recorded by a concurrent request
        continue
      }
      const rejection = asRejection(e)
      if (!rejection) throw e
      // Never a summary of a case the staff member does not work on (role and scopes).
      const caseId = mutationCaseId(m)
      const current = caseId ? await currentSummary(sdb.db, caseId, clock.now(), staff) : undefined
      result = { id: m.id, seq: m.seq, status: 'rejected', code: rejection.code, message: rejection.message, ...(current ? { current } : {}) }
      const inserted = await sdb.db.insert(schema.mutations).values(record(clientId, staff, m, result)).onConflictDoNothing().returning({ seq: schema.mutations.seq })
      if (!inserted.length) result = (await findRecord(sdb.db, clientId, m)) ?? result
    }
    results.push(result)
    last = Math.max(last, m.seq)
  }
  return { results, lastSeq: await lastSeq(sdb.db, clientId) }
}

export function registerPush(app: FastifyInstance, ctx: AppContext): void {
  app.post('/sync/push', async (req) => {
    const body = parseInput(pushBody, req.body)
    return push(ctx, req.staff!, body.clientId, body.mutations, body.answeredThrough)
  })
}
