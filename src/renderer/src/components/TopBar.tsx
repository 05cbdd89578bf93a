import {
  BankOutlined,
  CalendarOutlined,
  DatabaseOutlined,
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  PrinterOutlined,
  SettingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined
} from '@ant-design/icons'
import { Button, Dropdown, Tag } from 'antd'
import { useState, type ReactNode } from 'react'
import type { StaffSession } from '../../../shared/api/types'
import type { SyncState } from '../hooks/useSyncStatus'
import { ROLE_LABEL, type Role } from '../../../shared/domain/roles'
import AttentionDrawer from './AttentionDrawer'
import SyncIndicator from './SyncIndicator'

/** The desk's pages besides an open case. */
export type Page = 'queue' | 'register' | 'print' | 'calendar' | 'programmes' | 'staff' | 'settings'

/** Where a signed-in member starts: administrators keep accounts and settings (no work queue); the others their queue. */
export const homeOf = (staff: { role: Role }): Page => (staff.role === 'admin' ? 'staff' : 'queue')

const NAV: { page: Page; label: string; icon: ReactNode; roles: readonly Role[] }[] = [
  { page: 'queue', label: '工作队列', icon: <UnorderedListOutlined />, roles: ['clerk', 'reviewer', 'supervisor'] },
  { page: 'register', label: '档案查询', icon: <DatabaseOutlined />, roles: ['clerk', 'supervisor'] },
  { page: 'print', label: '签章打印', icon: <PrinterOutlined />, roles: ['supervisor'] },
  { page: 'calendar', label: '节假日设置', icon: <CalendarOutlined />, roles: ['clerk', 'reviewer', 'supervisor', 'admin'] },
  { page: 'programmes', label: '合作办学项目', icon: <BankOutlined />, roles: ['reviewer', 'supervisor', 'admin'] },
  { page: 'staff', label: '人员管理', icon: <TeamOutlined />, roles: ['admin'] },
  { page: 'settings', label: '系统设置', icon: <SettingOutlined />, roles: ['admin', 'supervisor'] }
]

interface Props {
  staff: StaffSession
  /** The page shown (`case` counts as the queue's). */
  page: string
  onSignOut(): void
  /** 修改密码 (the user-name menu). */
  onChangePassword(): void
  onNavigate(page: Page): void
  /** The sync state (`useSyncStatus`: pushed and polled) and a way to ask again now. */
  sync: SyncState
}

export default function TopBar({ staff, page, onSignOut, onChangePassword, onNavigate, sync }: Props) {
  const canWork = staff.role !== 'admin'
  const [drawer, setDrawer] = useState(false)
  // Attention items belong to case workers and only exist on a desk that syncs.
  const canResolve = canWork && sync.status?.mode === 'sync'
  const current = page === 'case' ? 'queue' : page
  return (
    <header className="top-bar" data-testid="top-bar">
      <span className="brand" onClick={() => onNavigate(homeOf(staff))} title="回到首页">
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
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'who', label: `${staff.displayName}（${staff.username}）`, disabled: true },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">修改密码</span>, onClick: onChangePassword }
          ]
        }}
      >
        <Button type="text" size="small" className="who" data-testid="current-staff" title="账号菜单：修改密码">
          <UserOutlined /> {staff.displayName} <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      <Tag color="blue" variant="filled" data-testid="current-role">
        {ROLE_LABEL[staff.role]}
      </Tag>
      <Button size="small" icon={<LogoutOutlined />} onClick={onSignOut} data-testid="logout">
        退出登录
      </Button>
    </header>
  )
}
