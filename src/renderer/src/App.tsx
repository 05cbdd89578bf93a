import { App as AntApp, Spin } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { StaffSession } from '../../shared/api/types'
import { api, onSessionExpired } from './api'
import TopBar from './components/TopBar'
import { useQueue } from './hooks/useQueue'
import { useSyncStatus } from './hooks/useSyncStatus'
import CasePage from './pages/CasePage'
import LoginPage from './pages/LoginPage'
import { CalendarPage } from './pages/CalendarPage'
import QueuePage from './pages/QueuePage'
import PrintConsolePage from './pages/PrintConsolePage'
import SettingsPage from './pages/SettingsPage'
import ArchiveRegisterPage from './pages/ArchiveRegisterPage'
import ProgrammesPage from './pages/ProgrammesPage'

type Route = { page: 'case'; id: string } | { page: 'queue' } | { page: 'register' } | { page: 'print' } | { page: 'calendar' } | { page: 'programmes' } | { page: 'settings' }

/** Signed-in check first; then the desk of the staff member who signed in. */
export default function App() {
  const { message } = AntApp.useApp()
  const [staff, setStaff] = useState<StaffSession | null | undefined>(undefined)

  useEffect(() => {
    void api.auth.current({}).then((r) => setStaff(r.ok ? r.value : null))
    return onSessionExpired(() => {
      setStaff((was) => {
        if (was) void message.warning('登录已失效，请重新登录')
        return null
      })
    })
  }, [message])

  const signOut = useCallback(async () => {
    await api.auth.signOut({})
    setStaff(null)
  }, [])

  if (staff === undefined) {
    return (
      <div className="app-loading">
        <Spin size="large" />
      </div>
    )
  }
  if (staff === null) return <LoginPage onSignedIn={setStaff} />
  // Keyed by staff member: nobody inherits the previous user's filters or open case.
  return <Desk key={staff.id} staff={staff} onSignOut={signOut} />
}

/** The queue or one case; the queue's state lives here so "下一件" can walk it. */
function Desk({ staff, onSignOut }: { staff: StaffSession; onSignOut(): void }) {
  // Administrators keep accounts and settings; they have no work queue.
  const [route, setRoute] = useState<Route>(staff.role === 'admin' ? { page: 'settings' } : { page: 'queue' })
  const queue = useQueue(staff.role)
  const { setSelectedId, refresh } = queue
  const sync = useSyncStatus()

  // The desk's data moved underneath (a sync round brought changes): the queue on screen shows them; the
  // case page follows the same count itself. The first status read only sets the baseline.
  const changes = sync.status?.changes ?? null
  const seenChanges = useRef(changes)
  useEffect(() => {
    if (changes === seenChanges.current) return
    const first = seenChanges.current === null
    seenChanges.current = changes
    if (!first && route.page === 'queue') refresh()
  }, [changes, route.page, refresh])

  const openCase = useCallback(
    (id: string) => {
      setSelectedId(id)
      setRoute({ page: 'case', id })
    },
    [setSelectedId]
  )
  const backToQueue = useCallback(() => setRoute({ page: 'queue' }), [])

  return (
    <div className="app-shell">
      <TopBar staff={staff} page={route.page} onSignOut={onSignOut} onNavigate={(page) => (page === 'queue' ? backToQueue() : setRoute({ page }))} sync={sync} />
      <main className="app-main">
        {route.page === 'calendar' ? (
          <CalendarPage role={staff.role} />
        ) : route.page === 'print' ? (
          <PrintConsolePage staff={staff} onOpenCase={openCase} changes={changes} />
        ) : route.page === 'register' ? (
          <ArchiveRegisterPage staff={staff} onOpenCase={openCase} />
        ) : route.page === 'programmes' ? (
          <ProgrammesPage staff={staff} />
        ) : route.page === 'settings' ? (
          <SettingsPage staff={staff} />
        ) : route.page === 'queue' ? (
          <QueuePage queue={queue} staff={staff} onOpen={openCase} />
        ) : (
          <CasePage key={route.id} id={route.id} staff={staff} queue={queue} changes={changes} onOpen={openCase} onBack={backToQueue} />
        )}
      </main>
    </div>
  )
}
