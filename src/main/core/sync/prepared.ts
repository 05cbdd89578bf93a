import type Database from 'better-sqlite3'

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** A prepared statement, compiled once per connection (pulls apply thousands of rows per page). */
export function prep(sql: Database.Database, text: string): Database.Statement {
  let byText = cache.get(sql)
  if (!byText) cache.set(sql, (byText = new Map()))
  let stmt = byText.get(text)
  if (!stmt) byText.set(text, (stmt = sql.prepare(text)))
  return stmt
}
