import { randomUUID } from 'node:crypto'
import type { JobStatus } from '../../shared/api/documents'
import { DomainError } from '../../shared/result'

/**
 * Long jobs of the print console (signing a batch, merging or printing many letters), run in the main
 * process in slices: one item at a time, yielding to the event loop between items so the windows stay
 * responsive. A job may `prepare` items ahead (up to `ahead` at once, e.g. letters rendered and signed in
 * the letter pool's threads) while `step` still takes them one by one in their order (e.g. storing each).
 * A cancel takes effect between items; what was done so far stays done (each item commits on its own),
 * and what was prepared ahead for the items after it is dropped. A failing item is recorded as a failure of that item and the job goes on; a job fails as a
 * whole only before its first item (e.g. a wrong passphrase) or in its final step (merging, printing).
 * Finished jobs are kept (the last `keep`) so the window can still read their outcome and output.
 */
export interface JobItem {
  id: number
  number: string
}

export interface JobSpec<I extends JobItem, P = undefined> {
  kind: JobStatus['kind']
  /** The staff member who started it: only they see it (its output holds applicants' letters). */
  owner: number
  items: I[]
  /** Work on an item that may run ahead of its `step` (it must change nothing: a cancel drops it); failing fails the item. */
  prepare?(item: I): Promise<P>
  /** How many items may be prepared at once (default 1). */
  ahead?: number
  /** Processes one item with what `prepare` gave; a DomainError (or any error) makes it a failure of that item. */
  step(item: I, prepared: P): Promise<void>
  /** After the last item (not when cancelled): the job's output, if any; throwing fails the job. */
  finish?(): Promise<Buffer | null>
  /** The output's file name (jobs.output). */
  outputName?: string
}

interface Job {
  status: JobStatus
  owner: number
  cancelled: boolean
  output: Buffer | null
  outputName: string
  done: Promise<JobStatus>
}

/** What an unexpected error says to the supervisor (the details go to the log). */
const INTERNAL = '处理时发生系统内部错误，未能完成'

const messageOf = (e: unknown): { code: string; message: string } =>
  e instanceof DomainError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: INTERNAL }

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export function createJobs(opts: { keep?: number; log?: (e: unknown) => void } = {}) {
  const keep = opts.keep ?? 20
  const log = opts.log ?? console.error
  const jobs = new Map<string, Job>()

  const snapshot = (j: Job): JobStatus => ({ ...j.status, failures: [...j.status.failures] })

  /** Forgets the oldest finished jobs beyond `keep` (running ones are never forgotten). */
  function prune(): void {
    const finished = [...jobs.entries()].filter(([, j]) => j.status.state !== 'running')
    for (const [id] of finished.slice(0, Math.max(0, finished.length - keep))) jobs.delete(id)
  }

  function add(kind: JobStatus['kind'], owner: number, total: number, outputName = ''): Job {
    const job: Job = {
      status: { id: randomUUID(), kind, state: 'running', total, done: 0, failures: [], error: null, hasOutput: false },
      owner,
      cancelled: false,
      output: null,
      outputName,
      done: Promise.resolve(null as unknown as JobStatus)
    }
    jobs.set(job.status.id, job)
    return job
  }

  async function run<I extends JobItem, P>(job: Job, spec: JobSpec<I, P>): Promise<JobStatus> {
    // Items prepared ahead, in order; a failed preparation is kept as its error (never an unhandled rejection).
    const ahead: Promise<{ ok: true; value: P } | { ok: false; error: unknown }>[] = []
    let next = 0
    const prepareAhead = () => {
      const prepare = spec.prepare
      while (prepare && !job.cancelled && next < spec.items.length && ahead.length < Math.max(1, spec.ahead ?? 1)) {
        const item = spec.items[next++]
        ahead.push(
          Promise.resolve()
            .then(() => prepare(item))
            .then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }))
        )
      }
    }
    try {
      for (const item of spec.items) {
        await nextTick()
        if (job.cancelled) break
        try {
          prepareAhead()
          const prepared = spec.prepare ? await ahead.shift()! : { ok: true as const, value: undefined as P }
          if (!prepared.ok) throw prepared.error
          prepareAhead()
          if (job.cancelled) break
          await spec.step(item, prepared.value)
        } catch (e) {
          if (!(e instanceof DomainError)) log(e)
          job.status.failures.push({ id: item.id, number: item.number, message: messageOf(e).message })
        }
        job.status.done++
      }
      await nextTick()
      if (job.cancelled) job.status.state = 'cancelled'
      else {
        job.output = spec.finish ? await spec.finish() : null
        job.status.hasOutput = job.output !== null
        job.status.state = 'done'
      }
    } catch (e) {
      if (!(e instanceof DomainError)) log(e)
      job.status.state = 'failed'
      job.status.error = messageOf(e)
    }
    prune()
    return snapshot(job)
  }

  const find = (id: string, owner: number): Job => {
    const job = jobs.get(id)
    if (!job || job.owner !== owner) throw new DomainError('NOT_FOUND', `找不到该任务（只保留最近 ${keep} 个已结束的任务）`)
    return job
  }

  return {
    /** Starts a job; it runs in the background (`status` polls it). */
    start<I extends JobItem, P = undefined>(spec: JobSpec<I, P>): JobStatus {
      const job = add(spec.kind, spec.owner, spec.items.length, spec.outputName)
      job.done = run(job, spec)
      return snapshot(job)
    },

    /** A job that failed as a whole before it began (e.g. the certificate could not be opened). */
    failed(kind: JobStatus['kind'], owner: number, total: number, error: unknown): JobStatus {
      const job = add(kind, owner, total)
      job.status.state = 'failed'
      job.status.error = messageOf(error)
      if (!(error instanceof DomainError)) log(error)
      job.done = Promise.resolve(snapshot(job))
      prune()
      return snapshot(job)
    },

    status: (id: string, owner: number): JobStatus => snapshot(find(id, owner)),

    /** Stops a running job after the item in progress; a finished job is left as it is. */
    cancel(id: string, owner: number): JobStatus {
      const job = find(id, owner)
      if (job.status.state === 'running') job.cancelled = true
      return snapshot(job)
    },

    output(id: string, owner: number): { fileName: string; data: Buffer } {
      const job = find(id, owner)
      if (job.status.state !== 'done' || !job.output) throw new DomainError('NOT_FOUND', job.status.state === 'running' ? '任务尚未完成，请稍候' : '该任务没有可下载的文件')
      return { fileName: job.outputName || 'output.pdf', data: job.output }
    },

    /** Resolves when the job has ended (tests; the print console polls instead). */
    settled: (id: string): Promise<JobStatus> => jobs.get(id)?.done ?? Promise.reject(new Error(`no job ${id}`))
  }
}

export type Jobs = ReturnType<typeof createJobs>
