import { and, eq, inArray, max, or, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Staff } from '../auth/sessions'
import { currentSummary, deferCaseWrites, endCaseWrites } from '../cases/repo'
import { flushEvents, restore, writesMark } from '../cases/deferred'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { DATA_FENCE_MESSAGE, isDataError, parseInput, pgCode } from '../errors'
import { sanitizeText } from '../../../src/shared/api/wire-safe'
import { checkMutation, pushBody, type SentMutation, storableMutation } from './push-input'
import { applyMutation, type Mutation, mutationCaseId } from './mutations'
import { requireBoundClient } from './identity'
import { LeaseChain, UnrecordedRejection } from './lease-chain'
import { asRejection, Rejection } from './rejection'

// The wire shape (envelope and each mutation's own fields) is push-input.ts.
export { pushBody } from './push-input'

export type MutationResult =
  | { id: string; seq: number; status: 'applied'; version: number; leaseToken?: number }
  | { id: string; seq: number; status: 'rejected'; code: string; message: string; current?: unknown }

/** A stored record of (clientId, seq) or id, as the service looks a repeat up. */
interface StoredRow {
  seq: number
  id: string
  result: unknown
  clientId: string
  staffId: number | null
}

const TAKEN = '此变更的序号或 id 已由其他窗口或其他人员使用，未执行（请联系系统管理员）'

/**
 * The stored result of a repeat of (clientId, seq) or id — answered only to the desk and staff member that
 * pushed it. The same seq or id recorded for another desk or staff member is refused (never its result).
 */
function recordOf(rows: StoredRow[], clientId: string, staff: Staff, m: Mutation): MutationResult | undefined {
  const mine = rows.filter((r) => (r.clientId === clientId && Number(r.seq) === m.seq) || r.id === m.id)
  if (!mine.length) return undefined
  if (mine.length === 1 && mine[0].clientId === clientId && mine[0].staffId === staff.id) return mine[0].result as MutationResult
  return { id: m.id, seq: m.seq, status: 'rejected', code: 'MUTATION_TAKEN', message: TAKEN }
}

/** The records of any of `ms` (by (clientId, seq) or id), in one query. */
async function findRecords(db: Db, clientId: string, ms: { seq: number; id: string }[]): Promise<StoredRow[]> {
  if (!ms.length) return []
  const t = schema.mutations
  return db
    .select({ seq: t.seq, id: t.id, result: t.result, clientId: t.clientId, staffId: t.staffId })
    .from(t)
    .where(or(and(eq(t.clientId, clientId), inArray(t.seq, ms.map((m) => m.seq))), inArray(t.id, ms.map((m) => m.id))))
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
 * Mutations applied in one transaction (below PostgreSQL's 64 cached subtransactions: each mutation is a savepoint).
 * One commit per chunk instead of one per mutation; the case rows and the change log stay locked for the chunk.
 */
export const PUSH_CHUNK = 50

/**
 * A deadlock or serialisation failure (with another desk's chunk or the portal), or a record a concurrent request of
 * this desk wrote first (unique violation): the chunk is run again, whole.
 */
const RETRIES = 3
const retryable = (e: unknown) => ['40P01', '40001', '23505'].includes(pgCode(e) ?? '')

/**
 * Applies a desk's mutations in order — each in a savepoint of its chunk's transaction, together with its record
 * — and answers a repeat of (clientId, seq) or id from the record. A business rejection is recorded and the queue
 * moves on; a server fault stops the batch (5xx: the chunk is rolled back, chunks before it stay) and the desk
 * retries the rest with the same seq/id. A decision may present the lease of a claim earlier in the batch
 * (`leaseFrom`, lease-chain.ts), so a clerk's claim and decision travel in one request.
 */
export async function push(
  ctx: AppContext,
  staff: Staff,
  clientId: string,
  mutations: SentMutation[],
  answeredThrough = 0
): Promise<{ results: MutationResult[]; lastSeq: number }> {
  const { sdb, pokes } = ctx
  const results: MutationResult[] = []
  let last = await lastSeq(sdb.db, clientId)
  if (answeredThrough > last) return { results, lastSeq: last }
  let chain = new LeaseChain(clientId, staff)
  for (let i = 0; i < mutations.length; i += PUSH_CHUNK) {
    const part = mutations.slice(i, i + PUSH_CHUNK)
    for (let attempt = 1; ; attempt++) {
      const run = { chain: chain.fork(), last, results: [] as MutationResult[], changeSeq: 0 }
      try {
        await sdb.tx((tx) => applyChunk(ctx, tx, staff, clientId, part, run))
      } catch (e) {
        if (attempt < RETRIES && retryable(e)) continue
        throw e
      }
      if (run.changeSeq) pokes.emit(run.changeSeq)
      ;({ chain, last } = run)
      results.push(...run.results)
      break
    }
  }
  return { results, lastSeq: await lastSeq(sdb.db, clientId) }
}

interface ChunkRun {
  chain: LeaseChain
  last: number
  results: MutationResult[]
  changeSeq: number
}

async function applyChunk(ctx: AppContext, tx: Db, staff: Staff, clientId: string, part: SentMutation[], run: ChunkRun): Promise<void> {
  const { clock } = ctx
  // A malformed mutation (name, args, baseVersion, lease) is refused MALFORMED and recorded as far as it can be stored.
  const checks = part.map(checkMutation)
  await lockCases(tx, checks)
  await deferCaseWrites(tx)
  const stored = await findRecords(tx, clientId, part)
  const records: ReturnType<typeof record>[] = []
  for (const [i, sent] of part.entries()) {
    const checked = checks[i]
    const m: Mutation = checked.ok ? checked.mutation : storableMutation(sent)
    const repeat = recordOf(stored, clientId, staff, m) ?? recordOf(records, clientId, staff, m)
    if (repeat) {
      run.chain.note(m, repeat)
      run.results.push(repeat)
      continue
    }
    let result: MutationResult
    let refusal: Rejection | undefined
    try {
      result = await savepoint(tx, checked.ok && LEASE_ONLY.includes(m.name), async () => {
        if (m.seq <= run.last) throw new Rejection('MALFORMED', `变更序号 ${m.seq} 不大于已记录的 ${run.last}，请按顺序推送`)
        if (!checked.ok) throw new Rejection('MALFORMED', checked.message)
        // Anything but a case's own mutations may read events: those deferred so far are written first.
        if (!m.name.startsWith('case.')) await flushEvents(tx)
        // The lease the mutation presents: its token, or the one its `leaseFrom` claim was granted in this batch or before.
        m.leaseToken = await run.chain.token(tx, m)
        const a = await applyMutation(tx, clock, staff, clientId, m)
        return { id: m.id, seq: m.seq, status: 'applied', version: a.version, ...(a.leaseToken === undefined ? {} : { leaseToken: a.leaseToken }) }
      })
    } catch (e) {
      // The last fence: a value the database refused as data is this mutation's fault, never the batch's (a 5xx would stop the desk's queue).
      const rejection = asRejection(e) ?? (isDataError(e) ? new Rejection('MALFORMED', DATA_FENCE_MESSAGE) : undefined)
      if (!rejection) throw e
      refusal = rejection
      // Never a summary of a case the staff member does not work on (role and scopes).
      const caseId = mutationCaseId(m)
      if (caseId) await flushEvents(tx) // the summary names the case's last event
      const current = caseId ? await currentSummary(tx, caseId, clock.now(), staff) : undefined
      result = { id: m.id, seq: m.seq, status: 'rejected', code: rejection.code, message: sanitizeText(rejection.message, 1000), ...(current ? { current } : {}) }
    }
    if (!(refusal instanceof UnrecordedRejection)) records.push(record(clientId, staff, m, result))
    run.chain.note(m, result)
    run.results.push(result)
    run.last = Math.max(run.last, m.seq)
  }
  // The records in one insert: a concurrent request of the same desk that recorded one of them first makes it a
  // unique violation — the chunk is rolled back and run again, answering those from the record.
  if (records.length) await tx.insert(schema.mutations).values(records)
  run.changeSeq = await endCaseWrites(tx)
}

/**
 * Locks the chunk's cases up front, in id order, before the change log's lock: two chunks (or a chunk and a
 * single write, which locks its case and then the log) then never wait for each other in a circle.
 */
async function lockCases(tx: Db, checked: ReturnType<typeof checkMutation>[]): Promise<void> {
  // Only well-formed mutations' (a malformed one's caseId may hold what the database refuses: a NUL).
  const ids = checked.flatMap((c) => (c.ok && typeof c.mutation.args.caseId === 'string' ? [c.mutation.args.caseId] : []))
  const sorted = [...new Set(ids)].sort()
  if (sorted.length) await tx.select({ id: schema.cases.id }).from(schema.cases).where(inArray(schema.cases.id, sorted)).orderBy(schema.cases.id).for('update')
}

/** Mutations that refuse before they write anything (their checks come first; events and changes are deferred). */
const LEASE_ONLY = ['case.claim', 'case.release']

/**
 * `fn` in a savepoint of `tx`: rolled back to it when `fn` throws (with the events and changes it deferred) — the
 * transaction goes on. Not released: a released savepoint costs a round trip and its subtransaction stays until
 * the commit all the same. A claim or release (`refusesBeforeWriting`) needs none: a refusal is thrown before its
 * first write, and a database error there fails the chunk (a 5xx: the desk narrows it down to that row).
 */
async function savepoint<T>(tx: Db, refusesBeforeWriting: boolean, fn: () => Promise<T>): Promise<T> {
  const mark = writesMark(tx)
  if (refusesBeforeWriting) {
    try {
      return await fn()
    } catch (e) {
      if (asRejection(e)) restore(tx, mark)
      throw e
    }
  }
  await tx.execute(sql.raw('SAVEPOINT m'))
  try {
    return await fn()
  } catch (e) {
    await tx.execute(sql.raw('ROLLBACK TO SAVEPOINT m'))
    restore(tx, mark)
    throw e
  }
}

export function registerPush(app: FastifyInstance, ctx: AppContext): void {
  app.post('/sync/push', async (req) => {
    const body = parseInput(pushBody, req.body)
    requireBoundClient(req.session, body.clientId)
    return push(ctx, req.staff!, body.clientId, body.mutations, body.answeredThrough)
  })
}
