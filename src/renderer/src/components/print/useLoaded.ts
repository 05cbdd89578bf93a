import { useEffect, useRef, useState } from 'react'
import type { Result } from '../../../../shared/result'

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string }

/**
 * What `fetch` answered for `key` (null = nothing to load). A new key loads again; until its answer arrives
 * the state is `loading`, and a late answer for an older key is dropped.
 */
export function useLoaded<T>(key: string | null, fetch: () => Promise<Result<T>>): Loaded<T> {
  const [got, setGot] = useState<{ key: string; loaded: Loaded<T> } | null>(null)
  const fetchRef = useRef(fetch)
  useEffect(() => {
    fetchRef.current = fetch
  })
  useEffect(() => {
    if (key === null) return
    let live = true
    void fetchRef.current().then((r) => {
      if (live) setGot({ key, loaded: r.ok ? { state: 'ready', value: r.value } : { state: 'error', message: r.error.message } })
    })
    return () => {
      live = false
    }
  }, [key])
  return key !== null && got?.key === key ? got.loaded : { state: 'loading' }
}
