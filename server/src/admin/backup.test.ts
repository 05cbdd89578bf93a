import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { schema, type Db } from '../db'
import { openTestDb, testDrivers } from '../testing/harness'
import { backupTo, restoreFrom } from './backup'

const dir = mkdtempSync(join(tmpdir(), 'casedesk-backup-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const meta = async (db: Db, key: string) => (await db.select().from(schema.serverMeta).where(eq(schema.serverMeta.key, key)))[0]?.value

describe.each(testDrivers())('backup and restore (%s)', (driver) => {
  it('a restore starts a new epoch and keeps the service’s identity (serviceId)', async () => {
    const sdb = await openTestDb(driver)
    try {
      const serviceId = await meta(sdb.db, 'serviceId')
      const epoch = await meta(sdb.db, 'epoch')
      expect(serviceId).toMatch(/^[0-9a-f-]{36}$/)
      expect(serviceId).not.toBe(epoch)
      const file = join(dir, `backup-${driver}`)
      await backupTo(sdb, file)
      const restored = await restoreFrom(file, driver === 'pg' ? { url: sdb.url } : {})
      try {
        expect(await meta(restored.db, 'serviceId')).toBe(serviceId)
        expect(await meta(restored.db, 'epoch')).not.toBe(epoch)
      } finally {
        await restored.close()
      }
    } finally {
      await sdb.close()
    }
  }, 120_000)

  it('a backup from before service identities gets one at the restore', async () => {
    const sdb = await openTestDb(driver)
    try {
      await sdb.db.delete(schema.serverMeta).where(eq(schema.serverMeta.key, 'serviceId'))
      const file = join(dir, `old-backup-${driver}`)
      await backupTo(sdb, file)
      const restored = await restoreFrom(file, driver === 'pg' ? { url: sdb.url } : {})
      try {
        expect(await meta(restored.db, 'serviceId')).toMatch(/^[0-9a-f-]{36}$/)
      } finally {
        await restored.close()
      }
    } finally {
      await sdb.close()
    }
  }, 120_000)
})
