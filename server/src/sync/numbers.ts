import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { and, eq, gte, lte, ne, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { counterLabel, NUMBER_KINDS } from '../../../src/shared/domain/numbers'
import { COUNTER_CEILING, openNumberYears } from '../../../src/shared/domain/service-time'
import type { Staff } from '../auth/sessions'
import type { Clock } from '../clock'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { HttpError, parseInput } from '../errors'
import { requireBoundClient } from './identity'
import { Rejection } from './rejection'

export const MAX_BLOCK = 500
export { COUNTER_CEILING }

const counter = z
  .string()
  .regex(/^[a-z_]+:\d{4}$/, '计数器名应为 <类别>:<年份>')
  .refine((c) => (NUMBER_KINDS as readonly string[]).includes(c.split(':')[0]), '未知的编号类别')
const serial = z.number().int().positive().max(COUNTER_CEILING, `编号不能超过 ${COUNTER_CEILING}`)
/** A block the desk holds, with the receipt the service signed when it handed it out (desks since receipts). */
const block = z
  .object({ counter, first: serial, last: serial, receipt: z.string().regex(/^[0-9a-f]{64}$/, '号段凭据格式不正确').optional() })
  .refine((b) => b.last >= b.first, '号段的止号不能小于起号')

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
  /** HMAC-SHA256 of the block and the desk's clientId under the service's key (`server_meta` numberReceiptKey). */
  receipt?: string
}

/** The service's key for block receipts: made once, kept in `server_meta` (a restored backup keeps it too). */
async function receiptKey(tx: Db): Promise<Buffer> {
  const m = schema.serverMeta
  await tx.insert(m).values({ key: 'numberReceiptKey', value: randomBytes(32).toString('hex') }).onConflictDoNothing()
  const [row] = await tx.select({ value: m.value }).from(m).where(eq(m.key, 'numberReceiptKey'))
  return Buffer.from(row.value, 'hex')
}

const sign = (key: Buffer, clientId: string, b: NumberBlock): string => createHmac('sha256', key).update(`${clientId}|${b.counter}|${b.first}|${b.last}`).digest('hex')

function receiptValid(key: Buffer, clientId: string, b: NumberBlock): boolean {
  if (!b.receipt) return false
  const want = Buffer.from(sign(key, clientId, b), 'hex')
  const got = Buffer.from(b.receipt, 'hex')
  return got.length === want.length && timingSafeEqual(got, want)
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

/**
 * Takes `size` numbers from a counter (the same counter the server's own numbering uses) for one desk, at the
 * service's time; refused beyond the series' ceiling (`409 NUMBER_CEILING`, the whole request rolled back).
 */
async function allocate(tx: Db, clientId: string, staff: Staff, key: string, size: number, now: Date, receipts: Buffer): Promise<NumberBlock> {
  await lockCounter(tx, key)
  const [row] = await tx
    .insert(schema.counters)
    .values({ key, last: size })
    .onConflictDoUpdate({ target: schema.counters.key, set: { last: sql`${schema.counters.last} + ${size}` } })
    .returning({ last: schema.counters.last })
  if (row.last > COUNTER_CEILING) {
    throw new HttpError(409, 'NUMBER_CEILING', `${counterLabel(key)}已接近上限（每年至多 ${COUNTER_CEILING} 号），交换服务不再发放号段，请联系系统管理员`)
  }
  const b = { counter: key, first: row.last - size + 1, last: row.last }
  await tx.insert(schema.numberBlocks).values({ ...b, clientId, staffId: staff.id, allocatedAt: now })
  return { ...b, receipt: sign(receipts, clientId, b) }
}

/**
 * A held block the server lost (restored from an older backup) is recorded again for the desk and the
 * counter raised past it — only when the service vouches for it: its history (the block was handed to this
 * clientId) or the receipt it signed then. Otherwise, or when another desk was given an overlapping range
 * since, it is a conflict: the desk stops drawing from it (letters it numbered there are refused).
 */
async function reRegister(tx: Db, clientId: string, staff: Staff, b: NumberBlock, receipts: Buffer): Promise<'known' | 'restored' | 'conflict'> {
  const t = schema.numberBlocks
  await lockCounter(tx, b.counter)
  const overlapping = await tx
    .select({ clientId: t.clientId, first: t.first, last: t.last })
    .from(t)
    .where(and(eq(t.counter, b.counter), lte(t.first, b.last), gte(t.last, b.first)))
  if (overlapping.some((o) => o.clientId === clientId && o.first === b.first && o.last === b.last)) return 'known'
  if (overlapping.length || !receiptValid(receipts, clientId, b)) return 'conflict'
  await tx.insert(t).values({ counter: b.counter, first: b.first, last: b.last, clientId, staffId: staff.id })
  await raiseCounter(tx, b.counter, b.last)
  return 'restored'
}

/** New blocks only of the years the service numbers in now (`409 NUMBER_YEAR`: the desk's clock is off). */
function requireOpenYears(want: { counter: string }[], now: Date): void {
  const open = openNumberYears(now)
  const closed = want.find((w) => !open.includes(Number(w.counter.split(':')[1])))
  if (closed) {
    throw new HttpError(409, 'NUMBER_YEAR', `交换服务现在只发放 ${open.join('、')} 年的号段，不能发放${counterLabel(closed.counter)}：请检查本机时钟`)
  }
}

export async function numbers(tx: Db, clock: Clock, staff: Staff, body: z.infer<typeof numbersBody>) {
  const now = clock.now()
  requireOpenYears(body.want, now)
  const receipts = await receiptKey(tx)
  const conflicts: NumberBlock[] = []
  let restored = 0
  for (const h of body.held) {
    const r = await reRegister(tx, body.clientId, staff, h, receipts)
    if (r === 'conflict') conflicts.push(h)
    if (r === 'restored') restored++
  }
  const blocks: NumberBlock[] = []
  for (const w of body.want) blocks.push(await allocate(tx, body.clientId, staff, w.counter, w.size, now, receipts))
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
    requireBoundClient(req.session, body.clientId)
    return ctx.sdb.tx((tx) => numbers(tx, ctx.clock, req.staff!, body))
  })
}
