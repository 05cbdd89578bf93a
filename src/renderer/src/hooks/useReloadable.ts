import { useCallback, useEffect, useRef, useState } from 'react'
import type { Result } from '../../../shared/result'

export interface Reloadable<T> {
  /** The last answer for this key (kept while it is asked again); null until the first. */
  value: T | null
  /** What the last ask answered instead (Chinese), or null. */
  error: string | null
  loading: boolean
  /** Asks again. */
  reload(): void
  /** Changes the value held (e.g. one row after an action answered it), until the next answer. */
  update(change: (was: T | null) => T | null): void
}

/**
 * What `fetch` answers for `key` (null = nothing to load), asked again on `reload()`, with the value kept on
 * screen meanwhile; a late answer for an older key or round is dropped.
 */
export function useReloadable<T>(key: string | null, fetch: () => Promise<Result<T>>): Reloadable<T> {
  const [round, setRound] = useState(0)
  const [got, setGot] = useState<{ key: string; round: number; value: T | null; error: string | null } | null>(null)
  const fetchRef = useRef(fetch)
  useEffect(() => {
    fetchRef.current = fetch
  })
  useEffect(() => {
    if (key === null) return
    let live = true
    void fetchRef.current().then((r) => {
      if (!live) return
      setGot((was) => {
        const kept = was?.key === key ? was.value : null
        return r.ok ? { key, round, value: r.value, error: null } : { key, round, value: kept, error: r.error.message }
      })
    })
    return () => {
      live = false
    }
  }, [key, round])
  const reload = useCallback(() => setRound((n) => n + 1), [])
  const update = useCallback(
    (change: (was: T | null) => T | null) => setGot((was) => (was && was.key === key ? { ...was, value: change(was.value) } : was)),
    [key]
  )
  const mine = key !== null && got?.key === key ? got : null
  return { value: mine?.value ?? null, error: mine?.error ?? null, loading: key !== null && mine?.round !== round, reload, update }
}
