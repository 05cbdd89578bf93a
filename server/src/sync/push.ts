import { and, eq, max, or } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Staff } from '../auth/sessions'
import { currentSummary } from '../cases/repo'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { DATA_FENCE_MESSAGE, isDataError, isUniqueViolation, parseInput } from '../errors'
import { sanitizeText } from '../../../src/shared/api/wire-safe'
import { checkMutation, pushBody, type SentMutation, storableMutation } from './push-input'
import { applyMutation, type Mutation, mutationCaseId } from './mutations'
import { requireBoundClient } from './identity'
import { asRejection, Rejection } from './rejection'

// The wire shape (envelope and each mutation's own fields) is push-input.ts.
export { pushBody } from './push-input'

export type MutationResult =
  | { id: string; seq: number; status: 'applied'; version: number; leaseToken?: number }
  | { id: string; seq: number; status: 'rejected'; code: string; message: string; current?: unknown }

/**
 * The stored result of a repeat of (clientId, seq) or id — answered only to the desk and staff member that
 * pushed it. The same seq or id recorded for another desk or staff member is refused (never its result).
 */
async function findRecord(db: Db, clientId: string, staff: Staff, m: Mutation): Promise<MutationResult | undefined> {
  const t = schema.mutations
  const rows = await db
    .select({ result: t.result, clientId: t.clientId, staffId: t.staffId })
    .from(t)
    .where(or(and(eq(t.clientId, clientId), eq(t.seq, m.seq)), eq(t.id, m.id)))
    .limit(2)
  if (!rows.length) return undefined
  const own = rows.find((r) => r.clientId === clientId && r.staffId === staff.id)
  if (own && rows.length === 1) return own.result as MutationResult
  return { id: m.id, seq: m.seq, status: 'rejected', code: 'MUTATION_TAKEN', message: '此变更的序号或 id 已由其他窗口或其他人员使用，未执行（请联系系统管理员）' }
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
  mutations: SentMutation[],
  answeredThrough = 0
): Promise<{ results: MutationResult[]; lastSeq: number }> {
  const { sdb, clock, pokes } = ctx
  const results: MutationResult[] = []
  let last = await lastSeq(sdb.db, clientId)
  if (answeredThrough > last) return { results, lastSeq: last }
  for (const sent of mutations) {
    // A malformed mutation (name, args, baseVersion, leaseToken) is refused MALFORMED and recorded as far as it can be stored.
    const checked = checkMutation(sent)
    const m: Mutation = checked.ok ? checked.mutation : storableMutation(sent)
    const stored = await findRecord(sdb.db, clientId, staff, m)
    if (stored) {
      results.push(stored)
      continue
    }
    let result: MutationResult
    try {
      const applied = await sdb.tx(async (tx) => {
        if (m.seq <= last) throw new Rejection('MALFORMED', `变更序号 ${m.seq} 不大于已记录的 ${last}，请按顺序推送`)
        if (!checked.ok) throw new Rejection('MALFORMED', checked.message)
        const a = await applyMutation(tx, clock, staff, clientId, m)
        const r: MutationResult = { id: m.id, seq: m.seq, status: 'applied', version: a.version, ...(a.leaseToken === undefined ? {} : { leaseToken: a.leaseToken }) }
        await tx.insert(schema.mutations).values(record(clientId, staff, m, r))
        return { r, changeSeq: a.changeSeq }
      })
      pokes.emit(applied.changeSeq)
      result = applied.r
    } catch (e) {
      const again = isUniqueViolation(e) ? await findRecord(sdb.db, clientId, staff, m) : undefined
      if (again) {
        results.push(again) // the same mutation was recorded by a concurrent request
        continue
      }
      // The last fence: a value the database refused as data is this mutation's fault, never the batch's (a 5xx would stop the desk's queue).
      const rejection = asRejection(e) ?? (isDataError(e) ? new Rejection('MALFORMED', DATA_FENCE_MESSAGE) : undefined)
      if (!rejection) throw e
      // Never a summary of a case the staff member does not work on (role and scopes).
      const caseId = mutationCaseId(m)
      const current = caseId ? await currentSummary(sdb.db, caseId, clock.now(), staff) : undefined
      result = { id: m.id, seq: m.seq, status: 'rejected', code: rejection.code, message: sanitizeText(rejection.message, 1000), ...(current ? { current } : {}) }
      const inserted = await sdb.db.insert(schema.mutations).values(record(clientId, staff, m, result)).onConflictDoNothing().returning({ seq: schema.mutations.seq })
      if (!inserted.length) result = (await findRecord(sdb.db, clientId, staff, m)) ?? result
    }
    results.push(result)
    last = Math.max(last, m.seq)
  }
  return { results, lastSeq: await lastSeq(sdb.db, clientId) }
}

export function registerPush(app: FastifyInstance, ctx: AppContext): void {
  app.post('/sync/push', async (req) => {
    const body = parseInput(pushBody, req.body)
    requireBoundClient(req.session, body.clientId)
    return push(ctx, req.staff!, body.clientId, body.mutations, body.answeredThrough)
  })
}
