import { App as AntApp, Spin } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { SetupStatus } from '../../shared/api/staff'
import type { StaffSession } from '../../shared/api/types'
import { api, onPasswordChangeRequired, onSessionExpired } from './api'
import ErrorBoundary from './components/errors/ErrorBoundary'
import ChangePasswordModal from './components/staff/ChangePasswordModal'
import ClockSkewBanner from './components/ClockSkewBanner'
import TopBar, { homeOf, type Page } from './components/TopBar'
import { useIdleTouch } from './hooks/useIdleTouch'
import { useQueue } from './hooks/useQueue'
import { useSyncStatus } from './hooks/useSyncStatus'
import CasePage from './pages/CasePage'
import FirstAdminPage from './pages/FirstAdminPage'
import FirstStartPage from './pages/FirstStartPage'
import LoginPage from './pages/LoginPage'
import { CalendarPage } from './pages/CalendarPage'
import QueuePage from './pages/QueuePage'
import PrintConsolePage from './pages/PrintConsolePage'
import SettingsPage from './pages/SettingsPage'
import StaffPage from './pages/StaffPage'
import ArchiveRegisterPage from './pages/ArchiveRegisterPage'
import ProgrammesPage from './pages/ProgrammesPage'

/** One case, or one of the desk's pages (one member per page, so the page names narrow it). */
type Route = { page: 'case'; id: string } | { [P in Page]: { page: P } }[Page]

/** What a page-level error card says could not be shown. */
const PAGE_LABEL: Record<Route['page'], string> = {
  case: '业务详情',
  queue: '工作队列',
  calendar: '工作日历',
  print: '文书打印',
  register: '档案登记',
  programmes: '合作办学项目',
  settings: '设置',
  staff: '人员管理'
}

/**
 * How the desk is set up first (`setup.status`: the first start's choice, or the first administrator still to
 * create), then who is signed in; then the desk of the staff member who signed in — after a temporary password
 * was changed.
 */
export default function App() {
  const [setup, setSetup] = useState<SetupStatus | null | undefined>(undefined)
  const [staff, setStaff] = useState<StaffSession | null | undefined>(undefined)
  /** Why the last session ended, for the sign-in page. */
  const [notice, setNotice] = useState<string | null>(null)
  /** 已有管理员账号，去登录: the first-admin page is skipped for this run. */
  const [skipFirstAdmin, setSkipFirstAdmin] = useState(false)
  const signedIn = useRef(false)
  useEffect(() => {
    signedIn.current = !!staff
  })

  useEffect(() => {
    let live = true
    void Promise.all([api.setup.status({}), api.auth.current({})]).then(([s, c]) => {
      if (!live) return
      // A main process that cannot tell its setup (an older core) is taken as set up: sign-in as before.
      setSetup(s.ok ? s.value : null)
      setStaff(c.ok ? c.value : null)
    })
    const offExpired = onSessionExpired((message) => {
      if (!signedIn.current) return
      signedIn.current = false
      setNotice(message)
      setStaff(null)
    })
    const offPassword = onPasswordChangeRequired(() => setStaff((was) => (was && !was.mustChangePassword ? { ...was, mustChangePassword: true } : was)))
    return () => {
      live = false
      offExpired()
      offPassword()
    }
  }, [])
  useIdleTouch(!!staff)

  const signedInNow = useCallback((s: StaffSession) => {
    setNotice(null)
    setStaff(s)
  }, [])
  /** The first administrator was created (and signed in): the desk is set up now. */
  const firstAdminIn = useCallback(
    (s: StaffSession) => {
      signedInNow(s)
      void api.setup.status({}).then((r) => r.ok && setSetup(r.value))
    },
    [signedInNow]
  )
  const signOut = useCallback(async () => {
    signedIn.current = false
    setNotice(null)
    await api.auth.signOut({})
    setStaff(null)
  }, [])

  if (staff === undefined || setup === undefined) {
    return (
      <div className="app-loading">
        <Spin size="large" />
      </div>
    )
  }
  if (staff?.mustChangePassword) {
    // Nothing else until the temporary password is changed (every other call would answer PASSWORD_CHANGE_REQUIRED).
    return (
      <div className="login-page" data-testid="must-change-password">
        <ChangePasswordModal open forced staff={staff} onChanged={signedInNow} onSignOut={() => void signOut()} />
      </div>
    )
  }
  if (staff) {
    // Keyed by staff member: nobody inherits the previous user's filters or open case.
    return <Desk key={staff.id} staff={staff} onSignOut={signOut} onStaffChanged={setStaff} />
  }
  if (setup?.mode === 'unset') return <FirstStartPage onConnected={setSetup} onSignedIn={firstAdminIn} />
  if (setup?.needsFirstAdmin && !skipFirstAdmin) {
    return <FirstAdminPage setup={setup} onSignedIn={firstAdminIn} onConnected={setSetup} onSkip={() => setSkipFirstAdmin(true)} />
  }
  return <LoginPage onSignedIn={signedInNow} setup={setup} notice={notice} />
}

/** The queue or one case; the queue's state lives here so "下一件" can walk it. */
function Desk({ staff, onSignOut, onStaffChanged }: { staff: StaffSession; onSignOut(): void; onStaffChanged(s: StaffSession): void }) {
  const [route, setRoute] = useState<Route>({ page: homeOf(staff) })
  const [changingPassword, setChangingPassword] = useState(false)
  const queue = useQueue(staff)
  const { setSelectedId, refresh } = queue
  const sync = useSyncStatus()
  const { message } = AntApp.useApp()

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
      <ErrorBoundary level="panel" what="顶栏">
        <TopBar
          staff={staff}
          page={route.page}
          onSignOut={onSignOut}
          onChangePassword={() => setChangingPassword(true)}
          onNavigate={(page) => (page === 'queue' ? backToQueue() : setRoute({ page }))}
          sync={sync}
        />
      </ErrorBoundary>
      <ClockSkewBanner clock={sync.status?.clock} />
      <ChangePasswordModal
        open={changingPassword}
        forced={false}
        staff={staff}
        onCancel={() => setChangingPassword(false)}
        onChanged={(s) => {
          setChangingPassword(false)
          void message.success('密码已修改；您在其他窗口或电脑上的登录已结束')
          onStaffChanged(s)
        }}
      />
      <main className="app-main">
        {/* A page that cannot render becomes an error card; the top bar stays, and navigating resets it. */}
        <ErrorBoundary
          level="page"
          what={PAGE_LABEL[route.page] ?? '页面'}
          caseNumber={route.page === 'case' ? queue.data?.rows.find((r) => r.id === route.id)?.caseNumber : null}
          resetKey={route.page === 'case' ? `case:${route.id}` : route.page}
          onBack={backToQueue}
        >
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
          ) : route.page === 'staff' ? (
            <StaffPage staff={staff} />
          ) : route.page === 'queue' ? (
            <QueuePage queue={queue} staff={staff} onOpen={openCase} />
          ) : (
            <CasePage key={route.id} id={route.id} staff={staff} queue={queue} changes={changes} onOpen={openCase} onBack={backToQueue} />
          )}
        </ErrorBoundary>
      </main>
    </div>
  )
}
