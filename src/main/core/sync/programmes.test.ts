import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { JobStatus } from '../../../shared/api/documents'
import { DEFAULT_TIME_LIMITS } from '../../../shared/domain/certification-deadlines'
import type { ProgrammePage } from '../../../shared/domain/joint-programmes'
import { findProgramme } from '../programmes/register'
import { sampleFilePath } from '../../../../tools/demo/sample-programmes'
import { timeLimits } from '../settings/time-limits'
import { exchangePerTest } from './per-test'
import type { TestDesk } from './testing'

const env = exchangePerTest()
const desk = async (username: string) => {
  const d = env.openDesk()
  await d.signIn(username)
  await d.sync.pullOnce()
  return d
}
const importSample = async (d: TestDesk, base64 = readFileSync(sampleFilePath()).toString('base64')) => {
  const started = await d.call<JobStatus>('programmes.import', { fileName: 'sample.csv', base64, mode: 'replace' })
  return started.state === 'running' ? d.services.jobs.settled(started.id) : started
}

describe('the register and the time-limit table shared through the exchange service', () => {
  it('a supervisor imports the register at the service; another desk mirrors it on its next pull and searches it offline', async () => {
    const supervisor = await desk('super1')
    const reviewer = await desk('reviewer1')
    const job = await importSample(supervisor)
    expect(job).toMatchObject({ state: 'done', failures: [] })
    // The importing desk took the new register at once.
    expect(findProgramme(supervisor.store, 'MOE11US2A20101234N')?.chineseInstitution).toBe('京华理工大学')
    expect(findProgramme(reviewer.store, 'MOE11US2A20101234N')).toBeNull()
    await reviewer.sync.pullOnce()
    reviewer.net.offline = true
    expect(findProgramme(reviewer.store, 'MOE11US2A20101234N')?.level).toBe('bachelor')
    const page = await reviewer.call<ProgrammePage>('programmes.search', { query: '沪东' })
    expect(page.total).toBe(2)
    expect(page.registerSize).toBe(job.total)
  })

  it('an import is refused offline and for a reviewer; the register stays as it was', async () => {
    const supervisor = await desk('super1')
    supervisor.net.offline = true
    const job = await importSample(supervisor)
    expect(job.state).toBe('failed')
    expect(job.error).toMatchObject({ code: 'OFFLINE' })
    const reviewer = await desk('reviewer1')
    await expect(importSample(reviewer)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('a supervisor saves the time-limit table at the service; another desk takes it on its next pull', async () => {
    const supervisor = await desk('super1')
    const reviewer = await desk('reviewer1')
    const edited = { ...DEFAULT_TIME_LIMITS, otherDays: 25 }
    await supervisor.call('settings.setTimeLimits', { limits: edited })
    expect(timeLimits(supervisor.store)).toEqual(edited)
    expect(timeLimits(reviewer.store)).toEqual(DEFAULT_TIME_LIMITS)
    await reviewer.sync.pullOnce()
    expect(timeLimits(reviewer.store)).toEqual(edited)
    supervisor.net.offline = true
    await expect(supervisor.call('settings.setTimeLimits', { limits: DEFAULT_TIME_LIMITS })).rejects.toMatchObject({ code: 'OFFLINE' })
  })
})
