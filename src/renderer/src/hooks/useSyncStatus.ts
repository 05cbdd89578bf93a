import { useCallback, useEffect, useRef, useState } from 'react'
import type { DeskSyncStatus } from '../../../shared/api/types'
import { api, events } from '../api'

/** How often the top bar asks the main process for the sync state (a cheap local read), besides the pushes. */
export const SYNC_POLL_MS = 3_000

export interface SyncState {
  /** `null` until the first answer. */
  status: DeskSyncStatus | null
  /** Ask again now, e.g. after an attention item was resolved. */
  refresh(): void
}

/**
 * The desk's sync state: read again whenever the main process says it changed (`sync.changed`: Electron
 * IPC or the bridge's event stream), and every 3 s in the background in case a notice was missed. One
 * read at a time; a notice during a read asks once more after it, so the last change is never lost.
 * `status.changes` moving is the cue for what is on screen (queue, case, attention list) to refetch.
 */
export function useSyncStatus(): SyncState {
  const [status, setStatus] = useState<DeskSyncStatus | null>(null)
  const kick = useRef<() => void>(() => undefined)

  useEffect(() => {
    let alive = true
    let busy = false
    let again = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = () => {
      if (!alive) return
      if (busy) return void (again = true)
      busy = true
      again = false
      clearTimeout(timer)
      void api.sync.status({}).then((r) => {
        busy = false
        if (!alive) return
        // A failed read (the desk's own service hiccuped) keeps showing the last known state.
        if (r.ok) setStatus(r.value)
        if (again) poll()
        else timer = setTimeout(poll, SYNC_POLL_MS)
      })
    }
    kick.current = poll
    poll()
    const unsubscribe = events['sync.changed'](() => poll())
    return () => {
      alive = false
      clearTimeout(timer)
      unsubscribe()
      kick.current = () => undefined
    }
  }, [])

  const refresh = useCallback(() => kick.current(), [])
  return { status, refresh }
}
