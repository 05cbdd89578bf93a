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
    const pool = new pg.Pool({ connectionString: url, max: 10 })
    const db = drizzleNodePg(pool, { schema })
    await migrateNodePg(db, { migrationsFolder })
    server = { db: db as unknown as Db, tx: (fn) => db.transaction((t) => fn(t as unknown as Db)), driver: 'pg', url, close: () => pool.end() }
  } else {
    const client = opts.dataDir ? new PGlite(opts.dataDir) : new PGlite()
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder })
    server = onPglite(client)
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
