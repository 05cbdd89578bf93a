import { createHash, randomInt, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { eq, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { firstAdminInput, type Hello, setupCodeInput } from '../../../src/shared/api/staff'
import { accountDetail, passwordProblem } from '../../../src/shared/domain/staff'
import { hashPassword } from '../../../src/shared-node/password'
import { addStaffEvent, bumpStaffVersion, lockStaff, staffRecord } from '../admin/records'
import type { AppContext } from '../context'
import { schema, type Db } from '../db'
import { HttpError, parseInput } from '../errors'
import { assertNotLocked, clearFailures, type LockWording, recordFailure } from './throttle'

/**
 * The service's first start (PROTOCOL.md, Staff administration and setup): while no staff account exists it
 * prints a one-time setup code (its SHA-256 kept in `server_meta.setupCode`), every staff route answers
 * `409 SETUP_REQUIRED`, and `POST /setup/first-admin` with the code creates the first administrator.
 */

/** Crockford base 32 (no I, L, O, U): what a person reads off a console and types elsewhere. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const SETUP_CODE_LENGTH = 12
/** The throttle's key for wrong setup codes (no user name can take it: names start with a letter or digit). */
export const SETUP_THROTTLE_KEY = '#setup'

/** The setup code's lock (not an account's). */
const SETUP_LOCK: LockWording = (time) => `初始化码错误次数过多，请于 ${time} 后再试`

export const formatSetupCode = (code: string): string => code.match(/.{1,4}/g)!.join('-')

/** A code as typed (case, spaces and dashes already folded by `setupCodeInput`): I/L read as 1, O as 0. */
const setupCodeHash = (code: string): string =>
  createHash('sha256')
    .update(code.toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0'))
    .digest('hex')

/** A new setup code (the previous one no longer works); returns it unformatted. Called at every start while no staff exists. */
export async function newSetupCode(db: Db): Promise<string> {
  const code = Array.from({ length: SETUP_CODE_LENGTH }, () => CROCKFORD[randomInt(CROCKFORD.length)]).join('')
  const value = setupCodeHash(code)
  await db.insert(schema.serverMeta).values({ key: 'setupCode', value }).onConflictDoUpdate({ target: schema.serverMeta.key, set: { value } })
  return code
}

/** Forgets the setup code (the first administrator exists). */
export async function dropSetupCode(db: Db): Promise<void> {
  await db.delete(schema.serverMeta).where(eq(schema.serverMeta.key, 'setupCode'))
}

export async function anyStaff(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: schema.staff.id }).from(schema.staff).limit(1)
  return !!row
}

/** Whether any staff account exists: asked of the database until it is true, then remembered (accounts are never deleted). */
export class StaffPresence {
  private known = false

  constructor(private readonly db: Db) {}

  async exists(): Promise<boolean> {
    if (!this.known) this.known = await anyStaff(this.db)
    return this.known
  }

  markExists(): void {
    this.known = true
  }
}

export const SETUP_REQUIRED_MESSAGE = '交换服务尚未初始化：请先用服务启动时显示的初始化码创建首个系统管理员（桌面端首次启动页面，或在服务器上运行 npm run server -- admin create <用户名>）'

/** `409 SETUP_REQUIRED` while no staff account exists (every staff route, sign-in included). */
export async function assertSetupDone(ctx: AppContext): Promise<void> {
  if (!(await ctx.presence.exists())) throw new HttpError(409, 'SETUP_REQUIRED', SETUP_REQUIRED_MESSAGE)
}

const firstAdminBody = firstAdminInput.extend({ code: setupCodeInput })

/** The version this service reports in `GET /hello` (its package's). */
export const SERVICE_VERSION: string = (() => {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const v = (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version?: unknown }).version
      if (typeof v === 'string' && v.length <= 40) return v
    } catch {
      // not there: try the next one
    }
  }
  return '0.0.0'
})()

/**
 * `POST /setup/first-admin`: checks the code (timing-safe, throttled like sign-in under its own key), then in
 * one transaction creates the administrator, deletes the code, records the event and moves `staffVersion` on.
 */
async function firstAdmin(ctx: AppContext, raw: unknown) {
  const body = parseInput(firstAdminBody, raw)
  const { db } = ctx.sdb
  const now = ctx.clock.now()
  if (await ctx.presence.exists()) throw setupDone()
  await assertNotLocked(db, SETUP_THROTTLE_KEY, now, SETUP_LOCK)
  const [stored] = await db.select({ value: schema.serverMeta.value }).from(schema.serverMeta).where(eq(schema.serverMeta.key, 'setupCode'))
  const given = Buffer.from(setupCodeHash(body.code), 'hex')
  const expected = stored ? Buffer.from(stored.value, 'hex') : Buffer.alloc(given.length)
  if (!stored || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw (await recordFailure(db, SETUP_THROTTLE_KEY, now, SETUP_LOCK)) ?? new HttpError(403, 'SETUP_CODE', '初始化码不正确（请核对交换服务启动时显示的初始化码；服务每次重启都会换一个新码）')
  }
  const problem = passwordProblem(body.password, body.username)
  if (problem) throw new HttpError(400, 'VALIDATION', problem)
  const row = await ctx.sdb.tx(async (tx) => {
    await lockStaff(tx)
    if (await anyStaff(tx)) throw setupDone()
    // The code is used once: a concurrent request with the same code finds it gone.
    const used = await tx
      .delete(schema.serverMeta)
      .where(sql`${schema.serverMeta.key} = 'setupCode' AND ${schema.serverMeta.value} = ${stored.value}`)
      .returning({ key: schema.serverMeta.key })
    if (!used.length) throw setupDone()
    const [created] = await tx
      .insert(schema.staff)
      .values({ username: body.username, displayName: body.displayName, role: 'admin', passwordHash: hashPassword(body.password), createdAt: now })
      .returning()
    await addStaffEvent(tx, now, { id: created.id, name: created.displayName }, created.id, 'first_admin', `${accountDetail(created)}（以初始化码创建）`)
    await bumpStaffVersion(tx)
    return created
  })
  ctx.presence.markExists()
  await clearFailures(db, SETUP_THROTTLE_KEY)
  return { staff: await staffRecord(db, row, now) }
}

const setupDone = () => new HttpError(409, 'SETUP_DONE', '交换服务已完成初始化（已有账号），请用已有的管理员账号登录')

/** The service's identity (`server_meta.serviceId`, made by openServerDb when the database is first opened). */
export async function serviceId(db: Db): Promise<string> {
  const [row] = await db.select({ value: schema.serverMeta.value }).from(schema.serverMeta).where(eq(schema.serverMeta.key, 'serviceId'))
  if (!row) throw new Error('server_meta.serviceId is missing (the database was not opened with openServerDb)')
  return row.value
}

export function registerSetup(app: FastifyInstance, ctx: AppContext, schemaVersion: string): void {
  // Read once: it never changes while the service runs (a restore needs the service stopped).
  let id: Promise<string> | undefined
  app.get('/hello', async (): Promise<Hello> => {
    id ??= serviceId(ctx.sdb.db).catch((e: unknown) => {
      id = undefined
      throw e
    })
    return { service: 'casedesk-exchange', schema: schemaVersion, version: SERVICE_VERSION, setupRequired: !(await ctx.presence.exists()), serviceId: await id }
  })
  app.post('/setup/first-admin', async (req, reply) => reply.status(201).send(await firstAdmin(ctx, req.body)))
}
