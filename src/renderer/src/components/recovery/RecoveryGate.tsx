import { Spin } from 'antd'
import { type ReactNode, useEffect, useState } from 'react'
import type { RecoveryStatus } from '../../../../shared/api/recovery-channels'
import { api } from '../../api'
import RecoveryPage from '../../pages/RecoveryPage'

/**
 * Before the desk: is its store sound? In recovery mode (the store failed its check at start, core/store/runtime.ts)
 * only the recovery page is shown; after a restore the desk comes up (the main side serves it without a restart).
 * A main side that cannot answer (an older core) is taken as sound.
 */
export default function RecoveryGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<RecoveryStatus | null | undefined>(undefined)
  useEffect(() => {
    let live = true
    void api.recovery.status({}).then((r) => live && setStatus(r.ok ? r.value : null))
    return () => {
      live = false
    }
  }, [])
  if (status === undefined) {
    return (
      <div className="app-loading">
        <Spin size="large" />
      </div>
    )
  }
  if (status?.mode === 'recovery') return <RecoveryPage status={status} onRestored={() => setStatus(null)} />
  return <>{children}</>
}
