import type { Result } from '../../../../shared/result'
import { useReloadable } from '../../hooks/useReloadable'

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string }

/**
 * What `fetch` answered for `key` (null = nothing to load), as one state. A new key loads again; until its answer
 * arrives the state is `loading`, and a late answer for an older key is dropped (useReloadable).
 */
export function useLoaded<T>(key: string | null, fetch: () => Promise<Result<T>>): Loaded<T> {
  const r = useReloadable(key, fetch)
  if (key === null || r.loading) return { state: 'loading' }
  return r.error !== null ? { state: 'error', message: r.error } : { state: 'ready', value: r.value as T }
}
