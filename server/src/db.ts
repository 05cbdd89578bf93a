import { PGlite } from '@electric-sql/pglite'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres'
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import * as schema from '../db/schema'
import { lockDataDir } from './data-lock'

export type Schema = typeof schema
/** The drizzle API common to both drivers (node-postgres and PGlite); a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>

export interface ServerDb {
  db: Db
  /** Runs `fn` in one transaction (rolled back when it throws). */
  tx<T>(fn: (tx: Db) => Promise<T>): Promise<T>
  /** `pg` for a real PostgreSQL server, `pglite` for the embedded one. */
  driver: 'pg' | 'pglite'
  /** The connection string (pg only), for a LISTEN connection and pg_dump. */
  url?: string
  /** The embedded database (pglite only), for its data-folder dump. */
  pglite?: PGlite
  close(): Promise<void>
}

/** A ServerDb over an open PGlite (already migrated). */
export function onPglite(client: PGlite): ServerDb {
  const db = drizzlePglite(client, { schema })
  return { db: db as unknown as Db, tx: (fn) => db.transaction((t) => fn(t as unknown as Db)), driver: 'pglite', pglite: client, close: () => client.close() }
}

export interface OpenOptions {
  /** PGlite data folder; in memory when absent (and no url). */
  dataDir?: string
  /** PostgreSQL connection string; defaults to env DATABASE_URL (null: PGlite whatever the environment says). */
  url?: string | null
  migrationsFolder?: string
  /** PostgreSQL: how long a request waits for a pool connection before it is answered 503 (default 5 s). */
  connectTimeoutMs?: number
  /** PostgreSQL: where a lost or failing connection is reported (default: a warning on stderr). */
  onConnectionError?: (e: Error) => void
}

/** Pool connection wait before a request gives up (and is answered 503 DATABASE_UNAVAILABLE). */
export const CONNECT_TIMEOUT_MS = 5_000

const warn = (e: Error) => process.stderr.write(`数据库连接中断（将按需重新连接）/ database connection lost (reconnecting on demand): ${e.message}\n`)

/**
 * A pool that survives its database going away: a connection that breaks — idle in the pool, or in use by a
 * request (node-postgres emits `error` on the client then) — is reported, never an unhandled `error` event
 * that would end the process; the broken connection is dropped and the next request connects again. Waiting
 * for a connection is bounded (`connectionTimeoutMillis`) so a database that swallows connections answers
 * 503 instead of hanging requests; TCP keep-alive notices a peer that vanished without a word.
 */
export function resilientPool(url: string, opts: { connectTimeoutMs?: number; onConnectionError?: (e: Error) => void } = {}): pg.Pool {
  const report = opts.onConnectionError ?? warn
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, keepAlive: true, keepAliveInitialDelayMillis: 10_000 })
  pool.on('error', report)
  pool.on('connect', (client) => client.on('error', report))
  return pool
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ENOTFOUND', 'EAI_AGAIN'])
/** SQLSTATEs of a server going away or not taking connections: class 08, admin/crash shutdown, cannot connect now, too many connections. */
const UNAVAILABLE_STATE = /^(08...|57P0[1-4]|53300)$/
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Cannot use a pool after calling end',
  'terminating connection due to administrator command'
]

/**
 * Whether `e` says the database cannot be reached right now (not that the request was wrong): a refused,
 * reset or timed-out connection, a server shutting down, a connection cut mid-query. Looks through drizzle's
 * wrapping (`cause`) and AggregateErrors (a connect to several addresses).
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>()
  const walk = (x: unknown, depth: number): boolean => {
    if (!x || typeof x !== 'object' || depth > 6 || seen.has(x)) return false
    seen.add(x)
    const err = x as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
    if (typeof err.code === 'string' && (CONNECTION_CODES.has(err.code) || UNAVAILABLE_STATE.test(err.code))) return true
    if (typeof err.message === 'string' && CONNECTION_MESSAGES.some((m) => (err.message as string).includes(m))) return true
    if (Array.isArray(err.errors) && err.errors.some((y) => walk(y, depth + 1))) return true
    return walk(err.cause, depth + 1)
  }
  return walk(e, 0)
}

/**
 * One transaction on a connection of its own, always given back: drizzle's pool transaction takes a connection
 * and sends BEGIN before its try/finally, so a connection cut right then was never released — the pool shrank
 * by one each time until every request waited for a connection that never came (and close() hung). A broken
 * connection is dropped rather than reused. A transaction whose connection breaks before its COMMIT is answered
 * is never reported as done: it throws (and PostgreSQL rolls back what it had not committed).
 */
async function pgTransaction<T>(pool: pg.Pool, fn: (tx: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    return await drizzleNodePg(client, { schema }).transaction((t) => fn(t as unknown as Db))
  } catch (e) {
    if (isDatabaseUnavailable(e)) broken = e as Error
    throw e
  } finally {
    client.release(broken)
  }
}

export const defaultMigrationsFolder = (): string => fileURLToPath(new URL('../db/migrations', import.meta.url))

/**
 * Opens PostgreSQL (url / DATABASE_URL) or PGlite, migrates before anything else, and makes sure an epoch and
 * the service's identity exist: `serviceId` (`GET /hello`), a random UUID made when the database is first
 * opened and never changed (a restore brings back the backup's; a new epoch does not touch it).
 */
export async function openServerDb(opts: OpenOptions = {}): Promise<ServerDb> {
  const migrationsFolder = opts.migrationsFolder ?? defaultMigrationsFolder()
  const url = opts.url === null ? undefined : (opts.url ?? process.env.DATABASE_URL)
  let server: ServerDb
  if (url) {
    const pool = resilientPool(url, opts)
    const db = drizzleNodePg(pool, { schema })
    await migrateNodePg(db, { migrationsFolder }).catch(async (e: unknown) => {
      await pool.end().catch(() => {})
      throw e
    })
    server = { db: db as unknown as Db, tx: (fn) => pgTransaction(pool, fn), driver: 'pg', url, close: () => pool.end() }
  } else {
    // One process per data folder (data-lock.ts): a second one refuses to start.
    const lock = opts.dataDir && !opts.dataDir.includes('://') ? lockDataDir(opts.dataDir) : undefined
    try {
      const client = opts.dataDir ? new PGlite(opts.dataDir) : new PGlite()
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder })
      const open = onPglite(client)
      server = { ...open, close: () => open.close().finally(() => lock?.release()) }
    } catch (e) {
      lock?.release()
      throw e
    }
  }
  await server.db
    .insert(schema.serverMeta)
    .values([
      { key: 'epoch', value: randomUUID() },
      { key: 'serviceId', value: randomUUID() }
    ])
    .onConflictDoNothing()
  return server
}

export { schema }
