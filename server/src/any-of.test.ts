import { asc, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { anyOf } from './any-of'
import { schema } from './db'
import { openTestDb, testDrivers } from './testing/harness'

describe.each(testDrivers())('anyOf on %s', (driver) => {
  it('selects what inArray selects, for text and integer keys, with quotes and commas in the values, and nothing for an empty list', async () => {
    const sdb = await openTestDb(driver)
    try {
      const { db } = sdb
      const names = ['张敏', "O'Brien, Jr.", '{"x"}', 'a\\b', '李强']
      const rows = await db
        .insert(schema.staff)
        .values(names.map((displayName, i) => ({ username: `u${i}`, displayName, role: 'clerk' as const, passwordHash: 'x' })))
        .returning({ id: schema.staff.id, name: schema.staff.displayName })
      const ids = rows.filter((_, i) => i !== 2).map((r) => r.id)
      const byIds = (where: ReturnType<typeof anyOf>) => db.select({ id: schema.staff.id }).from(schema.staff).where(where).orderBy(asc(schema.staff.id))
      expect(await byIds(anyOf(schema.staff.id, 'int4', ids))).toEqual(await byIds(inArray(schema.staff.id, ids)))
      expect((await byIds(anyOf(schema.staff.id, 'int4', ids))).length).toBe(4)
      const someNames = [names[1], names[2], names[3], 'nobody']
      const byName = await db.select({ name: schema.staff.displayName }).from(schema.staff).where(anyOf(schema.staff.displayName, 'text', someNames))
      expect(byName.map((r) => r.name).sort()).toEqual([names[1], names[2], names[3]].sort())
      expect(await byIds(anyOf(schema.staff.id, 'int4', []))).toEqual([])
    } finally {
      await sdb.close()
    }
  })
})
