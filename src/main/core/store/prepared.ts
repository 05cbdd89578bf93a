import type Database from 'better-sqlite3'

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/**
 * A prepared statement, compiled once per connection (a pull applies thousands of rows, the queue's SQL
 * has few shapes, a signing batch stores a letter every few milliseconds). Bounded: the queue's filters
 * make a few hundred shapes at most; past that the cache starts again.
 */
export function prep(sql: Database.Database, text: string): Database.Statement {
  let byText = cache.get(sql)
  if (!byText) cache.set(sql, (byText = new Map()))
  let stmt = byText.get(text)
  if (!stmt) {
    if (byText.size >= 500) byText.clear()
    byText.set(text, (stmt = sql.prepare(text)))
  }
  return stmt
}
