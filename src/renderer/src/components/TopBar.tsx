import { CalendarOutlined, LogoutOutlined, UnorderedListOutlined, UserOutlined } from '@ant-design/icons'
import { Button, Tag } from 'antd'
import { useState } from 'react'
import type { StaffSession } from '../../../shared/api/types'
import type { SyncState } from '../hooks/useSyncStatus'
import { ROLE_LABEL } from '../../../shared/domain/roles'
import AttentionDrawer from './AttentionDrawer'
import SyncIndicator from './SyncIndicator'

interface Props {
  staff: StaffSession
  page: string
  onSignOut(): void
  onHome(): void
  onCalendar(): void
  /** The sync state (`useSyncStatus`: pushed and polled) and a way to ask again now. */
  sync: SyncState
}

export default function TopBar({ staff, page, onSignOut, onHome, onCalendar, sync }: Props) {
  const canWork = staff.role !== 'admin'
  const [drawer, setDrawer] = useState(false)
  // Attention items belong to case workers and only exist on a desk that syncs.
  const canResolve = canWork && sync.status?.mode === 'sync'
  return (
    <header className="top-bar" data-testid="top-bar">
      <span className="brand" onClick={onHome} title="回到工作队列">
        CaseDesk 业务办理台
      </span>
      {canWork && (
        <Button type={page === 'calendar' ? 'text' : 'primary'} size="small" icon={<UnorderedListOutlined />} onClick={onHome} data-testid="nav-queue">
          工作队列
        </Button>
      )}
      <Button type={page === 'calendar' ? 'primary' : 'text'} size="small" icon={<CalendarOutlined />} onClick={onCalendar} data-testid="nav-calendar">
        节假日设置
      </Button>
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
