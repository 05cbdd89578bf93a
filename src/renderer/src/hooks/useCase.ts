import { App } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import type { ActResult, CaseDetail } from '../../../shared/api/types'
import type { AppError, Result } from '../../../shared/result'
import { api } from '../api'

export interface CaseState {
  detail: CaseDetail | null
  error: AppError | null
  loading: boolean
  busy: boolean
  reload(): Promise<void>
  claim(): Promise<void>
  release(): Promise<void>
  /** Runs an action; resolves with the result, or null after showing the error (form input stays). */
  act(action: string, input: Record<string, unknown>): Promise<ActResult | null>
}

/** One case on screen (mount one per case id): loads it, claims/releases it, runs actions against its current version. */
export function useCase(id: string, onChanged: (d: CaseDetail) => void): CaseState {
  const { message } = App.useApp()
  const [detail, setDetail] = useState<CaseDetail | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [loading, setLoading] = useState(true)
  const [busy, setBusy] = useState(false)

  const show = useCallback((r: Result<CaseDetail>) => {
    setLoading(false)
    if (r.ok) {
      setDetail(r.value)
      setError(null)
    } else setError(r.error)
  }, [])

  const reload = useCallback(() => api.cases.get({ id }).then(show), [id, show])

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
    setBusy(true)
    const r = await api.cases.claim({ id })
    setBusy(false)
    if (r.ok) {
      apply(r.value)
      void message.success('已认领，可以开始办理')
    } else fail(r.error)
  }, [id, apply, fail, message])

  const release = useCallback(async () => {
    setBusy(true)
    const r = await api.cases.release({ id })
    setBusy(false)
    if (r.ok) {
      apply(r.value)
      void message.success('已释放，此业务回到待认领')
    } else fail(r.error)
  }, [id, apply, fail, message])

  const act = useCallback(
    async (action: string, input: Record<string, unknown>): Promise<ActResult | null> => {
      if (!detail) return null
      setBusy(true)
      const r = await api.cases.act({ id, action, version: detail.version, input })
      setBusy(false)
      if (!r.ok) {
        fail(r.error)
        return null
      }
      apply(r.value.detail)
      return r.value
    },
    [id, detail, apply, fail]
  )

  return { detail, error, loading, busy, reload, claim, release, act }
}
