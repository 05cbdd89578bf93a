import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Table, Tag } from 'antd'
import { STAFF_EVENT_LABEL, type StaffEvent, type StaffEventKind } from '../../../../shared/api/staff'
import { api } from '../../api'
import { useReloadable } from '../../hooks/useReloadable'
import { formatDateTime } from '../../lib/format'

const KIND_COLOR: Partial<Record<StaffEventKind, string>> = {
  created: 'green',
  first_admin: 'green',
  disabled: 'red',
  enabled: 'cyan',
  password_reset: 'orange',
  unlocked: 'gold',
  session_ended: 'purple'
}

interface Props {
  /** One account's changes; absent = the office's whole log. */
  staffId?: number
  /** Asks again when this changes (e.g. after an administrator's change on the same page). */
  reload?: number
}

/** 操作记录: who changed which account, when and what (newest first; the last 200). */
export default function EventsTable({ staffId, reload = 0 }: Props) {
  const events = useReloadable(`events:${staffId ?? 'all'}:${reload}`, () =>
    api.staff.events(staffId === undefined ? { limit: 200 } : { staffId, limit: 200 })
  )
  const rows = events.value
  const loading = events.loading
  const error = events.error

  return (
    <div className="staff-events" data-testid={staffId === undefined ? 'staff-events-all' : 'staff-events-list'}>
      <div className="staff-events-bar">
        <Button icon={<ReloadOutlined />} size="small" onClick={events.reload} loading={loading}>
          刷新
        </Button>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<StaffEvent>
        rowKey="id"
        size="small"
        loading={loading && !rows}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '暂无操作记录' }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 140, render: formatDateTime },
          { title: '操作人', dataIndex: 'actorName', width: 110, ellipsis: true },
          ...(staffId === undefined ? [{ title: '人员', dataIndex: 'staffName', width: 110, ellipsis: true }] : []),
          {
            title: '操作',
            dataIndex: 'kind',
            width: 120,
            render: (k: StaffEventKind) => <Tag color={KIND_COLOR[k] ?? 'blue'}>{STAFF_EVENT_LABEL[k] ?? k}</Tag>
          },
          { title: '说明', dataIndex: 'detail' }
        ]}
      />
    </div>
  )
}
