import { Empty } from 'antd'
import type { StaffSession } from '../../../shared/api/types'

/** 系统设置 (being built). */
export default function SettingsPage(_props: { staff: StaffSession }) {
  return <Empty description="系统设置：建设中" />
}
