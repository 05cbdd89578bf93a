import { describe, expect, it } from 'vitest'
import { listProgrammes } from '../../server/src/programmes'
import { serverPerTest } from '../../server/src/testing/per-test'
import { sampleProgrammes } from './sample-programmes'
import { seedDemoProgrammes, seedDemoStaff } from './server-seed'

const t = serverPerTest()

describe('the demo exchange service', () => {
  it('starts with the sample register, once', async () => {
    const n = await seedDemoProgrammes(t.sdb.db)
    expect(n).toBe(sampleProgrammes().length)
    expect(n).toBeGreaterThanOrEqual(20)
    expect((await listProgrammes(t.sdb.db)).map((p) => p.code).sort()).toEqual(sampleProgrammes().map((p) => p.code).sort())
    expect(await seedDemoProgrammes(t.sdb.db)).toBe(0)
  })

  it('adds the missing demo accounts and leaves existing ones alone', async () => {
    const first = await seedDemoStaff(t.sdb.db)
    expect([...first.keys()]).toEqual(expect.arrayContaining(['clerk1', 'clerk2', 'reviewer1', 'super1', 'admin']))
    expect(await seedDemoStaff(t.sdb.db)).toEqual(first)
  })
})
