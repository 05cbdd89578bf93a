import { Typography } from 'antd'
import { useState } from 'react'
import type { SetupStatus } from '../../../shared/api/staff'
import type { StaffSession } from '../../../shared/api/types'
import { api } from '../api'
import { useLoaded } from '../components/print/useLoaded'
import OfficeForm from '../components/settings/OfficeForm'
import SecurityCard from '../components/settings/SecurityCard'
import ServerCard from '../components/settings/ServerCard'
import SigningCard from '../components/settings/SigningCard'
import TimeLimitsCard from '../components/settings/TimeLimitsCard'
import QuarantineCard from '../components/sync/QuarantineCard'
import { TIME_LIMIT_KEEPERS } from '../../../shared/domain/time-limits-input'

/**
 * 系统设置: the office's letter details, its signing certificate, the time-limit table and account security
 * (the admin edits, supervisors read), and — for the admin — this desk's exchange service.
 */
export default function SettingsPage({ staff }: { staff: StaffSession }) {
  const canEdit = staff.role === 'admin'
  const loaded = useLoaded('setup', () => api.setup.status({}))
  const [changed, setChanged] = useState<SetupStatus | null>(null)
  const setup = changed ?? (loaded.state === 'ready' ? loaded.value : null)
  return (
    <div className="settings-page" data-testid="settings-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        系统设置
      </Typography.Title>
      <div className="settings-grid">
        <OfficeForm canEdit={canEdit} />
        <SigningCard canEdit={canEdit} />
        <SecurityCard canEdit={canEdit} setup={setup} />
        {canEdit && <ServerCard loaded={changed ? { state: 'ready', value: changed } : loaded} onChanged={setChanged} />}
        {canEdit && setup?.mode === 'server' && <QuarantineCard />}
        <TimeLimitsCard canEdit={TIME_LIMIT_KEEPERS.includes(staff.role)} />
      </div>
    </div>
  )
}
