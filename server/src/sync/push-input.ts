import { z } from 'zod'
import { ARGS_LIMITS, int4, int8, jsonProblem, safeJsonObject, safeLine, sanitizeText } from '../../../src/shared/api/wire-safe'
import { checkInput } from '../errors'
import type { Mutation } from './mutations'

/**
 * `POST /sync/push` on the wire (PROTOCOL.md, Push). The envelope — clientId, each mutation's seq (strictly
 * increasing, a PostgreSQL bigint) and id — is the request's: invalid → `400 VALIDATION`, nothing applied. A
 * mutation's own fields (name, args, baseVersion, leaseToken) are checked one by one (`mutationProblem`): a
 * malformed one becomes a recorded `rejected`/`MALFORMED` result and the batch moves on, so one bad mutation
 * (a NUL in a return reason, a baseVersion ≥ 2³¹) can never stop a desk's queue.
 */
export const pushBody = z.object({
  clientId: z.uuid('clientId 应为 UUID'),
  mutations: z
    .array(
      z.object({
        seq: int8(1),
        id: z.uuid('变更 id 应为 UUID'),
        name: z.unknown(),
        args: z.unknown(),
        baseVersion: z.unknown().optional(),
        leaseToken: z.unknown().optional(),
        leaseFrom: z.unknown().optional()
      }),
      '变更列表应为数组'
    )
    .max(1000)
    .refine((ms) => ms.every((m, i) => i === 0 || m.seq > ms[i - 1].seq), '同一批变更的 seq 必须严格递增'),
  /**
   * The highest seq the desk was last told this server recorded for it. When the server's own record ends
   * below it, the server lost history (restored from an older backup): nothing is applied and the answer's
   * `lastSeq` tells the desk where to resume (it re-sends what it had seen applied since).
   */
  answeredThrough: int8(0).optional()
})

export type PushEnvelope = z.infer<typeof pushBody>
export type SentMutation = PushEnvelope['mutations'][number]

/**
 * A mutation's own fields: a name, args within ARGS_LIMITS (no NUL, lone surrogate, 13th level), a case version
 * (integer) and the lease it presents — a token (bigint), or `leaseFrom`, the id of an earlier claim (not both).
 */
const mutationFields = z
  .object({
    name: safeLine(40),
    args: safeJsonObject(ARGS_LIMITS),
    baseVersion: int4(0).nullable().optional(),
    leaseToken: int8(0).nullable().optional(),
    leaseFrom: z.uuid('leaseFrom 应为所依认领的变更 id（UUID）').nullable().optional()
  })
  .refine((m) => m.leaseToken == null || m.leaseFrom == null, 'leaseToken 与 leaseFrom 只能给出其一')

/** The mutation as the service applies it, or why it is malformed (Chinese; the rejection's message). */
export function checkMutation(m: SentMutation): { ok: true; mutation: Mutation } | { ok: false; message: string } {
  const r = checkInput(mutationFields, m)
  if (!r.ok) return { ok: false, message: `变更格式有误，未执行：${r.message}` }
  return { ok: true, mutation: { seq: m.seq, id: m.id, ...r.value, args: r.value.args as Record<string, unknown> } }
}

/**
 * A malformed mutation as it is recorded: whatever of it can be stored. The name cleaned, the args only when
 * they are valid JSON within the limits (else `{}`), the numbers only when they fit their columns.
 */
export function storableMutation(m: SentMutation): Mutation {
  const args = m.args !== null && typeof m.args === 'object' && !Array.isArray(m.args) && !jsonProblem(m.args, ARGS_LIMITS) ? (m.args as Record<string, unknown>) : {}
  const fits = (v: unknown, schema: z.ZodType<number>) => (schema.safeParse(v).success ? (v as number) : null)
  return {
    seq: m.seq,
    id: m.id,
    name: typeof m.name === 'string' ? sanitizeText(m.name, 40) || '?' : '?',
    args,
    baseVersion: fits(m.baseVersion, int4(0)),
    leaseToken: fits(m.leaseToken, int8(0)),
    leaseFrom: z.uuid().safeParse(m.leaseFrom).success ? (m.leaseFrom as string) : null
  }
}
