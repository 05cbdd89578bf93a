import { and, eq, gte, lte, ne, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { counterLabel, NUMBER_KINDS } from '../../../src/shared/domain/numbers'
import type { Staff } from '../auth/sessions'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { parseInput } from '../errors'
import { Rejection } from './rejection'

export const MAX_BLOCK = 500

const counter = z
  .string()
  .regex(/^[a-z_]+:\d{4}$/, '计数器名应为 <类别>:<年份>')
  .refine((c) => (NUMBER_KINDS as readonly string[]).includes(c.split(':')[0]), '未知的编号类别')
const block = z.object({ counter, first: z.number().int().positive(), last: z.number().int().positive() }).refine((b) => b.last >= b.first, '号段的止号不能小于起号')

export const numbersBody = z.object({
  clientId: z.uuid('clientId 应为 UUID'),
  /** New blocks wanted: at most one per number kind for this year and (in December) the next. */
  want: z.array(z.object({ counter, size: z.number().int().min(1).max(MAX_BLOCK) })).max(NUMBER_KINDS.length * 2),
  /** Blocks the desk holds: re-registered when the server does not know them (a restored backup). */
  held: z.array(block).max(200).default([])
})

export interface NumberBlock {
  counter: string
  first: number
  last: number
}

/** Serialises everything done with one counter's blocks until the transaction ends. */
const lockCounter = (tx: Db, key: string) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`)

/** Raises a counter to at least `last` (never lowers it). */
async function raiseCounter(tx: Db, key: string, last: number): Promise<void> {
  await tx
    .insert(schema.counters)
    .values({ key, last })
    .onConflictDoUpdate({ target: schema.counters.key, set: { last: sql`greatest(${schema.counters.last}, ${last})` } })
}

/** Takes `size` numbers from a counter (the same counter the server's own numbering uses) for one desk. */
async function allocate(tx: Db, clientId: string, staff: Staff, key: string, size: number): Promise<NumberBlock> {
  await lockCounter(tx, key)
  const [row] = await tx
    .insert(schema.counters)
    .values({ key, last: size })
    .onConflictDoUpdate({ target: schema.counters.key, set: { last: sql`${schema.counters.last} + ${size}` } })
    .returning({ last: schema.counters.last })
  const b = { counter: key, first: row.last - size + 1, last: row.last }
  await tx.insert(schema.numberBlocks).values({ ...b, clientId, staffId: staff.id })
  return b
}

/**
 * A held block the server lost (restored from an older backup) is recorded again for the desk and the
 * counter raised past it, unless another desk was given an overlapping range since (a conflict: the
 * desk stops drawing from it; letters it already numbered there are refused if another desk used the number).
 */
async function reRegister(tx: Db, clientId: string, staff: Staff, b: NumberBlock): Promise<'known' | 'restored' | 'conflict'> {
  const t = schema.numberBlocks
  await lockCounter(tx, b.counter)
  const overlapping = await tx
    .select({ clientId: t.clientId, first: t.first, last: t.last })
    .from(t)
    .where(and(eq(t.counter, b.counter), lte(t.first, b.last), gte(t.last, b.first)))
  if (overlapping.some((o) => o.clientId === clientId && o.first === b.first && o.last === b.last)) return 'known'
  if (overlapping.length) return 'conflict'
  await tx.insert(t).values({ ...b, clientId, staffId: staff.id })
  await raiseCounter(tx, b.counter, b.last)
  return 'restored'
}

export async function numbers(tx: Db, staff: Staff, body: z.infer<typeof numbersBody>) {
  const conflicts: NumberBlock[] = []
  let restored = 0
  for (const h of body.held) {
    const r = await reRegister(tx, body.clientId, staff, h)
    if (r === 'conflict') conflicts.push(h)
    if (r === 'restored') restored++
  }
  const blocks: NumberBlock[] = []
  for (const w of body.want) blocks.push(await allocate(tx, body.clientId, staff, w.counter, w.size))
  return { blocks, conflicts, restored }
}

/** A number a desk used must lie in a block this desk installation was given (else two desks could both use it). */
export async function requireReserved(tx: Db, clientId: string, parsed: { counter: string; serial: number } | null, shown: string): Promise<void> {
  if (!parsed) throw new Rejection('VALIDATION', `编号格式不正确：${shown}`)
  const t = schema.numberBlocks
  const [mine] = await tx
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.counter, parsed.counter), eq(t.clientId, clientId), lte(t.first, parsed.serial), gte(t.last, parsed.serial)))
    .limit(1)
  if (mine) return
  const [other] = await tx
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.counter, parsed.counter), ne(t.clientId, clientId), lte(t.first, parsed.serial), gte(t.last, parsed.serial)))
    .limit(1)
  throw new Rejection(
    'NUMBER_NOT_RESERVED',
    other
      ? `${shown} 属于交换服务发给其他窗口的号段（${counterLabel(parsed.counter)}），本机不能使用`
      : `${shown} 不在交换服务发给本机的号段内（${counterLabel(parsed.counter)}）`
  )
}

export function registerNumbers(app: FastifyInstance, ctx: AppContext): void {
  app.post('/sync/numbers', async (req) => {
    const body = parseInput(numbersBody, req.body)
    return ctx.sdb.tx((tx) => numbers(tx, req.staff!, body))
  })
}
