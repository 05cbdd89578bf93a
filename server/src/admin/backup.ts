import { PGlite } from '@electric-sql/pglite'
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, renameSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { eq, sql } from 'drizzle-orm'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { defaultMigrationsFolder, onPglite, openServerDb, schema, type ServerDb } from '../db'

const run = promisify(execFile)

/**
 * Numbers skipped on every counter after a restore. Desks may have been handed number blocks after the
 * backup was taken; the restored counters would hand those ranges out again. The desks present the
 * blocks they hold when they resync (recorded again, see sync/numbers.ts), but a desk that asks for new
 * numbers first must not get a range another desk already printed letters from: so the counters jump.
 */
export const RESTORE_SKIP = 10_000

/** A backup file: pg_dump's custom format (PostgreSQL), or PGlite's gzipped data-folder tarball. */
export async function backupTo(sdb: ServerDb, file: string): Promise<void> {
  if (sdb.driver === 'pg') {
    if (!sdb.url) throw new Error('PostgreSQL backup needs the connection string')
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${sdb.url}`])
    return
  }
  if (!sdb.pglite) throw new Error('this PGlite database cannot be dumped (no client)')
  const dump = await sdb.pglite.dumpDataDir('gzip')
  await writeFile(file, Buffer.from(await dump.arrayBuffer()))
}

export interface RestoreTarget {
  /** PostgreSQL: the database to restore into (its current contents are replaced). */
  url?: string
  /** PGlite: the data folder to restore into (an existing one is kept aside as `<folder>.before-restore-<time>`); in memory when absent. */
  dataDir?: string
}

/**
 * Restores a backup and opens it as a new history: a new epoch (every desk gets 409 RESYNC, rebuilds its
 * mirror, re-sends what the server lost and presents its number blocks) and every counter moved on by
 * RESTORE_SKIP. The service's identity (`serviceId`) is the backup's. What was done is kept in server_meta `lastRestore` (the letter ledger explains the gap).
 */
export async function restoreFrom(file: string, target: RestoreTarget, now = new Date()): Promise<ServerDb> {
  let sdb: ServerDb
  if (target.url) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${target.url}`, file])
    sdb = await openServerDb({ url: target.url })
  } else {
    if (target.dataDir && existsSync(target.dataDir) && readdirSync(target.dataDir).length) {
      renameSync(target.dataDir, `${target.dataDir}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`)
    }
    const client = await PGlite.create(target.dataDir, { loadDataDir: new Blob([new Uint8Array(await readFile(file))]) })
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: defaultMigrationsFolder() })
    sdb = onPglite(client)
  }
  const epoch = randomUUID()
  await sdb.tx(async (tx) => {
    const before = await tx.select().from(schema.counters)
    await tx.update(schema.counters).set({ last: sql`${schema.counters.last} + ${RESTORE_SKIP}` })
    await tx.update(schema.serverMeta).set({ value: epoch }).where(eq(schema.serverMeta.key, 'epoch'))
    // The service keeps its identity; a backup made before there was one gets one now.
    await tx.insert(schema.serverMeta).values({ key: 'serviceId', value: randomUUID() }).onConflictDoNothing()
    const note = { at: now.toISOString(), file, epoch, skipped: Object.fromEntries(before.map((c) => [c.key, [c.last + 1, c.last + RESTORE_SKIP]])) }
    await tx
      .insert(schema.serverMeta)
      .values({ key: 'lastRestore', value: JSON.stringify(note) })
      .onConflictDoUpdate({ target: schema.serverMeta.key, set: { value: JSON.stringify(note) } })
  })
  return sdb
}
