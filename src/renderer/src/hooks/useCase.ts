import { App } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActResult, CaseDetail } from '../../../shared/api/types'
import type { AppError, Result } from '../../../shared/result'
import { api } from '../api'

export interface CaseState {
  detail: CaseDetail | null
  error: AppError | null
  loading: boolean
  busy: boolean
  /**
   * The case as it is now when it changed underneath an open action form (another desk decided it): the
   * page keeps showing what the form was filled against, says so, and holds the submit until `reload()`.
   */
  stale: CaseDetail | null
  /** Fetches the case and shows it (also ends `stale`). */
  reload(): Promise<void>
  claim(): Promise<void>
  release(): Promise<void>
  /** Runs an action; resolves with the result, or null after showing the error (form input stays). */
  act(action: string, input: Record<string, unknown>): Promise<ActResult | null>
}

export interface Follow {
  /** The desk's change count (`DeskSyncStatus.changes`): the case is fetched again whenever it moves. */
  changes: number | null
  /** An action form is open: a new version of the case waits in `stale` instead of replacing it. */
  holding: boolean
}

/**
 * One case on screen (mount one per case id): loads it, follows changes the main process reports,
 * claims/releases it, runs actions against its current version.
 */
export function useCase(id: string, onChanged: (d: CaseDetail) => void, follow: Follow): CaseState {
  const { message } = App.useApp()
  const [detail, setDetail] = useState<CaseDetail | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [loading, setLoading] = useState(true)
  const [busy, setBusy] = useState(false)
  const [stale, setStale] = useState<CaseDetail | null>(null)

  const show = useCallback((r: Result<CaseDetail>) => {
    setLoading(false)
    if (r.ok) {
      setDetail(r.value)
      setStale(null)
      setError(null)
    } else setError(r.error)
  }, [])

  const reload = useCallback(
    () =>
      api.cases.get({ id }).then((r) => {
        show(r)
        if (r.ok) onChanged(r.value)
      }),
    [id, show, onChanged]
  )

  // What the follow-up fetch compares against, without re-running it on every render.
  const shown = useRef({ detail, holding: follow.holding, stale })
  useEffect(() => {
    shown.current = { detail, holding: follow.holding, stale }
  })
  /** The clerk's own claim/release/action in flight, and how many have finished: a fetch that overlapped one is dropped. */
  const own = useRef({ inFlight: 0, done: 0 })
  const mutate = useCallback(async <T>(call: () => Promise<Result<T>>): Promise<Result<T>> => {
    own.current.inFlight++
    setBusy(true)
    try {
      return await call()
    } finally {
      own.current.inFlight--
      own.current.done++
      setBusy(false)
    }
  }, [])

  // The main process reported a change: fetch the case; a new version replaces the one on screen, or waits
  // in `stale` while a form is open (the clerk's typing stays, the submit is held).
  const seen = useRef(follow.changes)
  const latestFetch = useRef(0)
  useEffect(() => {
    if (follow.changes === seen.current) return
    seen.current = follow.changes
    const mine = ++latestFetch.current
    const before = own.current.done
    void api.cases.get({ id }).then((r) => {
      const now = shown.current
      // A newer fetch answers instead; the clerk's own step shows its own result (and is reported again after).
      if (mine !== latestFetch.current || own.current.inFlight || own.current.done !== before) return
      if (!r.ok || !now.detail || r.value.version === now.detail.version) return
      if (now.holding) return setStale(r.value)
      setDetail(r.value)
      setStale(null)
      onChanged(r.value)
      void message.info({ content: '此业务已有新的变化，已显示最新状态', key: `case-updated-${id}` })
    })
  }, [follow.changes, id, onChanged, message])

  // The form closed (cancelled) while a newer version waited: show it now.
  useEffect(() => {
    if (!follow.holding && shown.current.stale) void reload()
  }, [follow.holding, reload])

  // The page is keyed by case id, so this runs once per case.
  useEffect(() => {
    let live = true
    void api.cases.get({ id }).then((r) => live && show(r))
    return () => {
      live = false
    }
  }, [id, show])

  const apply = useCallback(
    (d: CaseDetail) => {
      setDetail(d)
      setStale(null)
      onChanged(d)
    },
    [onChanged]
  )

  const fail = useCallback(
    (e: AppError) => {
      void message.error(e.message)
      // Someone else changed the case: show its current state; the open form keeps what was typed.
      if (e.code === 'VERSION_CONFLICT' || e.code === 'CLAIMED_BY_OTHER' || e.code === 'ILLEGAL_TRANSITION') {
        void reload().then(() => message.info('已载入此业务的最新状态，请核对后再办理'))
      }
    },
    [message, reload]
  )

  const claim = useCallback(async () => {
    const r = await mutate(() => api.cases.claim({ id }))
    if (r.ok) {
      apply(r.value)
      void message.success('已认领，可以开始办理')
    } else fail(r.error)
  }, [id, mutate, apply, fail, message])

  const release = useCallback(async () => {
    const r = await mutate(() => api.cases.release({ id }))
    if (r.ok) {
      apply(r.value)
      void message.success('已释放，此业务回到待认领')
    } else fail(r.error)
  }, [id, mutate, apply, fail, message])

  const act = useCallback(
    async (action: string, input: Record<string, unknown>): Promise<ActResult | null> => {
      if (!detail) return null
      const r = await mutate(() => api.cases.act({ id, action, version: detail.version, input }))
      if (!r.ok) {
        fail(r.error)
        return null
      }
      apply(r.value.detail)
      return r.value
    },
    [id, detail, mutate, apply, fail]
  )

  return { detail, error, loading, busy, stale, reload, claim, release, act }
}
