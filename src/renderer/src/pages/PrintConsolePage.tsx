import { Empty } from 'antd'
import type { StaffSession } from '../../../shared/api/types'

/** 签章打印 (being built). */
export default function PrintConsolePage(_props: { staff: StaffSession; onOpenCase(id: string): void }) {
  return <Empty description="签章打印：建设中" />
}
