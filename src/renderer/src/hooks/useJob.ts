import { useCallback, useEffect, useRef, useState } from 'react'
import type { JobStatus } from '../../../shared/api/documents'
import type { Result } from '../../../shared/result'
import { api } from '../api'

/** How often a running job is asked for its progress. */
export const JOB_POLL_MS = 300

export interface JobState {
  /** The job as last reported (null before one started or after `reset`). */
  job: JobStatus | null
  /** Polling failed (the desk's service went away): the message; the job may still be running. */
  error: string | null
  running: boolean
  cancelling: boolean
  /** Starts following a job (the answer of `documents.sign` / `print` / `merge`); its error is returned. */
  start(started: Promise<Result<JobStatus>>): Promise<string | null>
  cancel(): Promise<void>
  reset(): void
}

/**
 * A long job of the print console: started by the caller, then `jobs.status` every 300 ms until it is no
 * longer running; `cancel` asks the main process to stop it (what was done stays done). `onEnd` is called
 * once when the job stops running (done, cancelled or failed).
 */
export function useJob(onEnd?: (job: JobStatus) => void): JobState {
  const [job, setJob] = useState<JobStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  /** Bumped on every start/reset/unmount: a late answer for an older job is dropped. */
  const generation = useRef(0)
  const onEndRef = useRef(onEnd)
  useEffect(() => {
    onEndRef.current = onEnd
  })
  const ended = useCallback((j: JobStatus) => {
    setCancelling(false)
    onEndRef.current?.(j)
  }, [])

  useEffect(
    () => () => {
      generation.current++
      clearTimeout(timer.current)
    },
    []
  )

  const follow = useCallback((id: string, gen: number) => {
    const step = () => {
      timer.current = setTimeout(() => {
        void api.jobs.status({ id }).then((r) => {
          if (gen !== generation.current) return
          if (!r.ok) {
            setError(r.error.message)
            step() // keep asking: the job goes on in the main process
            return
          }
          setError(null)
          setJob(r.value)
          if (r.value.state === 'running') step()
          else ended(r.value)
        })
      }, JOB_POLL_MS)
    }
    step()
  }, [ended])

  const start = useCallback(
    async (started: Promise<Result<JobStatus>>) => {
      const gen = ++generation.current
      clearTimeout(timer.current)
      setError(null)
      setCancelling(false)
      const r = await started
      if (gen !== generation.current) return null
      if (!r.ok) return r.error.message
      setJob(r.value)
      if (r.value.state === 'running') follow(r.value.id, gen)
      else ended(r.value)
      return null
    },
    [follow, ended]
  )

  const cancel = useCallback(async () => {
    if (!job || job.state !== 'running') return
    setCancelling(true)
    const r = await api.jobs.cancel({ id: job.id })
    if (!r.ok) {
      setCancelling(false)
      setError(r.error.message)
    } else if (r.value.state !== 'running') {
      generation.current++ // the poll in flight would report the same end again
      clearTimeout(timer.current)
      setJob(r.value)
      ended(r.value)
    }
  }, [job, ended])

  const reset = useCallback(() => {
    generation.current++
    clearTimeout(timer.current)
    setJob(null)
    setError(null)
    setCancelling(false)
  }, [])

  return { job, error, running: job?.state === 'running', cancelling, start, cancel, reset }
}
