import { BankOutlined, CalendarOutlined, DatabaseOutlined, LogoutOutlined, PrinterOutlined, SettingOutlined, UnorderedListOutlined, UserOutlined } from '@ant-design/icons'
import { Button, Tag } from 'antd'
import { useState, type ReactNode } from 'react'
import type { StaffSession } from '../../../shared/api/types'
import type { SyncState } from '../hooks/useSyncStatus'
import { ROLE_LABEL, type Role } from '../../../shared/domain/roles'
import AttentionDrawer from './AttentionDrawer'
import SyncIndicator from './SyncIndicator'

/** The desk's pages besides an open case. */
export type Page = 'queue' | 'register' | 'print' | 'calendar' | 'programmes' | 'settings'

const NAV: { page: Page; label: string; icon: ReactNode; roles: readonly Role[] }[] = [
  { page: 'queue', label: '工作队列', icon: <UnorderedListOutlined />, roles: ['clerk', 'reviewer', 'supervisor'] },
  { page: 'register', label: '档案查询', icon: <DatabaseOutlined />, roles: ['clerk', 'supervisor'] },
  { page: 'print', label: '签章打印', icon: <PrinterOutlined />, roles: ['supervisor'] },
  { page: 'calendar', label: '节假日设置', icon: <CalendarOutlined />, roles: ['clerk', 'reviewer', 'supervisor', 'admin'] },
  { page: 'programmes', label: '合作办学项目', icon: <BankOutlined />, roles: ['reviewer', 'supervisor', 'admin'] },
  { page: 'settings', label: '系统设置', icon: <SettingOutlined />, roles: ['admin', 'supervisor'] }
]

interface Props {
  staff: StaffSession
  /** The page shown (`case` counts as the queue's). */
  page: string
  onSignOut(): void
  onNavigate(page: Page): void
  /** The sync state (`useSyncStatus`: pushed and polled) and a way to ask again now. */
  sync: SyncState
}

export default function TopBar({ staff, page, onSignOut, onNavigate, sync }: Props) {
  const canWork = staff.role !== 'admin'
  const [drawer, setDrawer] = useState(false)
  // Attention items belong to case workers and only exist on a desk that syncs.
  const canResolve = canWork && sync.status?.mode === 'sync'
  const current = page === 'case' ? 'queue' : page
  return (
    <header className="top-bar" data-testid="top-bar">
      <span className="brand" onClick={() => onNavigate(canWork ? 'queue' : 'settings')} title="回到首页">
        CaseDesk 业务办理台
      </span>
      {NAV.filter((n) => n.roles.includes(staff.role)).map((n) => (
        <Button
          key={n.page}
          type={current === n.page ? 'primary' : 'text'}
          size="small"
          icon={n.icon}
          onClick={() => onNavigate(n.page)}
          data-testid={`nav-${n.page}`}
        >
          {n.label}
        </Button>
      ))}
      <span className="spacer" />
      <SyncIndicator status={sync.status} onOpen={() => canResolve && setDrawer(true)} />
      {canResolve && <AttentionDrawer open={drawer} count={sync.status?.attention ?? 0} changes={sync.status?.changes ?? 0} onClose={() => setDrawer(false)} onResolved={sync.refresh} />}
      <span className="who" data-testid="current-staff">
        <UserOutlined /> {staff.displayName}
      </span>
      <Tag color="blue" variant="filled" data-testid="current-role">
        {ROLE_LABEL[staff.role]}
      </Tag>
      <Button size="small" icon={<LogoutOutlined />} onClick={onSignOut} data-testid="logout">
        退出登录
      </Button>
    </header>
  )
}
