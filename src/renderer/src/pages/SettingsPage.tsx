import { Typography } from 'antd'
import type { StaffSession } from '../../../shared/api/types'
import OfficeForm from '../components/settings/OfficeForm'
import SigningCard from '../components/settings/SigningCard'
import TimeLimitsCard from '../components/settings/TimeLimitsCard'
import { TIME_LIMIT_KEEPERS } from '../../../shared/domain/time-limits-input'

/** 系统设置: the office's letter details and its signing certificate (the admin edits, supervisors read). */
export default function SettingsPage({ staff }: { staff: StaffSession }) {
  const canEdit = staff.role === 'admin'
  return (
    <div className="settings-page" data-testid="settings-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        系统设置
      </Typography.Title>
      <div className="settings-grid">
        <OfficeForm canEdit={canEdit} />
        <SigningCard canEdit={canEdit} />
        <TimeLimitsCard canEdit={TIME_LIMIT_KEEPERS.includes(staff.role)} />
      </div>
    </div>
  )
}
