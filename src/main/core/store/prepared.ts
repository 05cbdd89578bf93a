import type Database from 'better-sqlite3'

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/**
 * A prepared statement, compiled once per connection (a pull applies thousands of rows, the queue's SQL
 * has few shapes, a signing batch stores a letter every few milliseconds). Bounded: the queue's filters
 * make a few hundred shapes at most; past that the cache starts again. `pluck` (rows as their first column)
 * is part of what is cached: a statement's mode is never changed under another caller of the same SQL.
 */
export function prep(sql: Database.Database, text: string, mode?: 'pluck'): Database.Statement {
  let byText = cache.get(sql)
  if (!byText) cache.set(sql, (byText = new Map()))
  const key = mode ? `${mode}\u0000${text}` : text
  let stmt = byText.get(key)
  if (!stmt) {
    if (byText.size >= 500) byText.clear()
    stmt = sql.prepare(text)
    if (mode === 'pluck') stmt.pluck()
    byText.set(key, stmt)
  }
  return stmt
}
