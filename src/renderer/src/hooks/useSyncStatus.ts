import { useCallback, useEffect, useRef, useState } from 'react'
import type { SyncStatus } from '../../../shared/api/types'
import { api } from '../api'

/** How often the top bar asks the main process for the sync state (a cheap local read). */
export const SYNC_POLL_MS = 3_000

/**
 * The desk's sync state, polled every 3 s in the background (one call at a time, never blocking the
 * page). `refresh()` asks again now, e.g. after an attention item was resolved. `null` until the first answer.
 */
export function useSyncStatus(): { status: SyncStatus | null; refresh(): void } {
  const [status, setStatus] = useState<SyncStatus | null>(null)
  const kick = useRef<() => void>(() => undefined)

  useEffect(() => {
    let alive = true
    let busy = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = () => {
      if (busy || !alive) return
      busy = true
      clearTimeout(timer)
      void api.sync.status({}).then((r) => {
        busy = false
        if (!alive) return
        // A failed read (the desk's own service hiccuped) keeps showing the last known state.
        if (r.ok) setStatus(r.value)
        timer = setTimeout(poll, SYNC_POLL_MS)
      })
    }
    kick.current = poll
    poll()
    return () => {
      alive = false
      clearTimeout(timer)
      kick.current = () => undefined
    }
  }, [])

  const refresh = useCallback(() => kick.current(), [])
  return { status, refresh }
}
