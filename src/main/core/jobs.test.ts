import { describe, expect, it } from 'vitest'
import { DomainError } from '../../shared/result'
import { createJobs } from './jobs'

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, number: `第${i + 1}号` }))

describe('jobs', () => {
  it('runs item by item, reports progress, records each failing item and goes on; the output comes at the end', async () => {
    const jobs = createJobs({ log: () => {} })
    const seen: number[] = []
    const started = jobs.start({
      kind: 'merge',
      owner: 7,
      items: items(4),
      outputName: '合并.pdf',
      step: async (item) => {
        seen.push(item.id)
        if (item.id === 2) throw new DomainError('ILLEGAL_TRANSITION', '该文书已作废')
        if (item.id === 3) throw new Error('disk on fire')
      },
      finish: async () => Buffer.from('%PDF merged')
    })
    expect(started).toMatchObject({ kind: 'merge', state: 'running', total: 4, done: 0, failures: [], hasOutput: false })
    const end = await jobs.settled(started.id)
    expect(seen).toEqual([1, 2, 3, 4])
    expect(end).toMatchObject({ state: 'done', done: 4, error: null, hasOutput: true })
    expect(end.failures).toEqual([
      { id: 2, number: '第2号', message: '该文书已作废' },
      { id: 3, number: '第3号', message: '处理时发生系统内部错误，未能完成' }
    ])
    expect(jobs.output(started.id, 7)).toEqual({ fileName: '合并.pdf', data: Buffer.from('%PDF merged') })
  })

  it('prepares up to `ahead` items at once, finishing out of order, while `step` takes them one by one in order; a failed preparation fails its item', async () => {
    const jobs = createJobs({ log: () => {} })
    let running = 0
    let most = 0
    const stepped: string[] = []
    const job = jobs.start({
      kind: 'sign',
      owner: 1,
      items: items(8),
      ahead: 3,
      prepare: async (item) => {
        most = Math.max(most, ++running)
        // Later items finish first: the order of the steps must not follow.
        await new Promise((r) => setTimeout(r, (8 - item.id) * 2))
        running--
        if (item.id === 5) throw new DomainError('VALIDATION', '第5号没有数据')
        return `prepared ${item.id}`
      },
      step: async (item, prepared) => void stepped.push(`${item.id}: ${prepared}`)
    })
    const end = await jobs.settled(job.id)
    expect(most).toBe(3)
    expect(stepped).toEqual([1, 2, 3, 4, 6, 7, 8].map((id) => `${id}: prepared ${id}`))
    expect(end).toMatchObject({ state: 'done', done: 8, failures: [{ id: 5, number: '第5号', message: '第5号没有数据' }] })
  })

  it('a cancel while items are prepared ahead: the items stepped so far are the first ones, the ones prepared after are dropped', async () => {
    const jobs = createJobs()
    const stepped: number[] = []
    let prepared = 0
    let cancel = () => {}
    const job = jobs.start({
      kind: 'sign',
      owner: 1,
      items: items(20),
      ahead: 4,
      prepare: async (item) => {
        prepared++
        await new Promise((r) => setTimeout(r, 1))
        return item.id
      },
      step: async (item) => {
        stepped.push(item.id)
        if (item.id === 3) cancel()
      }
    })
    cancel = () => void jobs.cancel(job.id, 1)
    const end = await jobs.settled(job.id)
    expect(end).toMatchObject({ state: 'cancelled', done: 3 })
    expect(stepped).toEqual([1, 2, 3])
    expect(prepared).toBeLessThanOrEqual(3 + 4)
  })

  it('yields to the event loop between items, so other work runs while a job is under way', async () => {
    const jobs = createJobs()
    const order: string[] = []
    const job = jobs.start({ kind: 'sign', owner: 1, items: items(3), step: async (item) => void order.push(`item ${item.id}`) })
    setImmediate(() => order.push('other work'))
    await jobs.settled(job.id)
    expect(order.indexOf('other work')).toBeGreaterThan(-1)
    expect(order.indexOf('other work')).toBeLessThan(order.indexOf('item 3'))
  })

  it('a cancel takes effect between items: the item in progress completes, the rest are not started, no output', async () => {
    const jobs = createJobs()
    const seen: number[] = []
    let id = ''
    const job = jobs.start({
      kind: 'print',
      owner: 1,
      items: items(5),
      step: async (item) => {
        seen.push(item.id)
        if (item.id === 2) jobs.cancel(id, 1)
      },
      finish: async () => Buffer.from('never')
    })
    id = job.id
    const end = await jobs.settled(id)
    expect(seen).toEqual([1, 2])
    expect(end).toMatchObject({ state: 'cancelled', done: 2, total: 5, hasOutput: false })
    expect(() => jobs.output(id, 1)).toThrow('该任务没有可下载的文件')
    expect(jobs.cancel(id, 1).state).toBe('cancelled')
  })

  it('a failing final step fails the job with its code; a job failed up front carries its error', async () => {
    const jobs = createJobs()
    const job = jobs.start({ kind: 'print', owner: 1, items: items(1), step: async () => {}, finish: async () => { throw new DomainError('OFFLINE', '打印机未连接') } })
    expect(await jobs.settled(job.id)).toMatchObject({ state: 'failed', done: 1, error: { code: 'OFFLINE', message: '打印机未连接' } })
    const upFront = jobs.failed('sign', 1, 3, new DomainError('BAD_PASSPHRASE', '证书口令不正确'))
    expect(upFront).toMatchObject({ state: 'failed', total: 3, done: 0, error: { code: 'BAD_PASSPHRASE', message: '证书口令不正确' } })
    expect(jobs.status(upFront.id, 1)).toEqual(upFront)
  })

  it('a job is seen only by whoever started it; finished jobs are kept up to the limit', async () => {
    const jobs = createJobs({ keep: 2 })
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const j = jobs.start({ kind: 'sign', owner: 1, items: items(1), step: async () => {} })
      await jobs.settled(j.id)
      ids.push(j.id)
    }
    expect(() => jobs.status(ids[2], 2)).toThrow('找不到该任务')
    expect(() => jobs.status(ids[0], 1)).toThrow('找不到该任务（只保留最近 2 个已结束的任务）')
    expect(jobs.status(ids[1], 1).state).toBe('done')
    expect(jobs.status(ids[2], 1).state).toBe('done')
  })
})
