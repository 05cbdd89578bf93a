import { Empty } from 'antd'
import type { StaffSession } from '../../../shared/api/types'

/** 档案查询 (being built). */
export default function ArchiveRegisterPage(_props: { staff: StaffSession; onOpenCase(id: string): void }) {
  return <Empty description="档案查询：建设中" />
}
