import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { prep } from './prepared'

describe('prepared statements, one per connection and SQL', () => {
  it('compiles a statement once; a plucking caller never changes the rows another caller of the same SQL gets', () => {
    const sql = new Database(':memory:')
    sql.exec("CREATE TABLE t (a, b); INSERT INTO t VALUES (1, 'x')")
    const text = 'SELECT a, b FROM t'
    expect(prep(sql, text)).toBe(prep(sql, text))
    expect(prep(sql, text, 'pluck').get()).toBe(1)
    expect(prep(sql, text).get()).toEqual({ a: 1, b: 'x' })
    expect(prep(sql, text, 'pluck')).toBe(prep(sql, text, 'pluck'))
    sql.close()
  })
})
