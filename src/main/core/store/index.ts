import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as schema from '../../../../db/schema'

export type Db = BetterSQLite3Database<typeof schema>

export interface Store {
  sqlite: Database.Database
  db: Db
  close(): void
}

/** `db/migrations` in the source tree (tests, CLI, bridge); the packaged app passes its resources folder. */
export function defaultMigrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'db', 'migrations')
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate
    dir = resolve(dir, '..')
  }
  throw new Error('db/migrations not found')
}

/** Opens (creating if needed) the case store: WAL, foreign keys on, migrated before any statement is prepared. */
export function openStore(file: string, migrationsFolder = defaultMigrationsFolder()): Store {
  const sqlite = new Database(file)
  try {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('busy_timeout = 5000')
    const db = drizzle(sqlite, { schema })
    migrate(db, { migrationsFolder })
    // Fresh planner statistics where they are stale (cheap; SQLite's advice for long-lived connections).
    sqlite.pragma('optimize = 0x10002')
    return { sqlite, db, close: () => sqlite.close() }
  } catch (e) {
    // A store that cannot be opened (damaged, say) is not held open: recovery moves the file aside (Windows locks open files).
    sqlite.close()
    throw e
  }
}

export { schema }
