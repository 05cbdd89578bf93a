import { CalendarOutlined, LogoutOutlined, UnorderedListOutlined, UserOutlined } from '@ant-design/icons'
import { Button, Tag } from 'antd'
import type { StaffSession } from '../../../shared/api/types'
import { ROLE_LABEL } from '../../../shared/domain/roles'

interface Props {
  staff: StaffSession
  page: string
  onSignOut(): void
  onHome(): void
  onCalendar(): void
}

export default function TopBar({ staff, page, onSignOut, onHome, onCalendar }: Props) {
  const canWork = staff.role !== 'admin'
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
