import { Spin } from 'antd'
import { type ReactNode, useEffect, useState } from 'react'
import type { RecoveryStatus } from '../../../../shared/api/recovery-channels'
import { api, onStoreDamaged } from '../../api'
import RecoveryPage from '../../pages/RecoveryPage'
import UpgradingPage from './UpgradingPage'

/** How often the upgrading page asks whether the store's upgrade is done. */
const UPGRADE_POLL_MS = 1000

/**
 * Before the desk: is its store sound? In recovery mode (the store failed its check, core/store/runtime.ts) only the
 * recovery page is shown; after a restore the desk comes up (the main side serves it without a restart). The check
 * runs in the background after the start: a call answering STORE_DAMAGED later asks again, and the recovery page
 * replaces the desk. A main side that cannot answer (an older core) is taken as sound. While the store is upgraded
 * after an update (mode `upgrading`) the upgrading page is shown and the status asked again every second.
 */
export default function RecoveryGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<RecoveryStatus | null | undefined>(undefined)
  const upgrading = status?.mode === 'upgrading'
  useEffect(() => {
    if (!upgrading) return
    let live = true
    const timer = setInterval(() => void api.recovery.status({}).then((r) => live && setStatus(r.ok ? r.value : null)), UPGRADE_POLL_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [upgrading])
  useEffect(() => {
    let live = true
    const ask = () => void api.recovery.status({}).then((r) => live && setStatus(r.ok ? r.value : null))
    ask()
    const stop = onStoreDamaged(ask)
    return () => {
      live = false
      stop()
    }
  }, [])
  if (status === undefined) {
    return (
      <div className="app-loading">
        <Spin size="large" />
      </div>
    )
  }
  if (status?.mode === 'upgrading') return <UpgradingPage status={status} />
  if (status?.mode === 'recovery') return <RecoveryPage status={status} onRestored={() => setStatus(null)} />
  return <>{children}</>
}
