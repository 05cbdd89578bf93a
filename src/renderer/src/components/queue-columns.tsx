import { Button, Space, Typography } from 'antd'
import type { MouseEvent } from 'react'
import type { ColumnsType } from 'antd/es/table'
import type { QueueRow, StaffSession } from '../../../shared/api/types'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { canClaim } from '../../../shared/domain/workflow'
import type { QueueFilters } from '../hooks/useQueue'
import { formatDateTime } from '../lib/format'
import { subtypeLabel } from '../lib/labels'
import DeadlineTag from './DeadlineTag'
import StateTag from './StateTag'

export interface RowHandlers {
  staff: StaffSession
  filters: QueueFilters
  busyId: string | null
  onClaim(row: QueueRow): void
  onRelease(row: QueueRow): void
  onOpen(row: QueueRow): void
}

const ALWAYS_SORTED = ['ascend', 'descend', 'ascend'] as const

/** The same rule the main process applies (shared/domain/workflow.ts). */
export const canClaimRow = (row: QueueRow, staff: StaffSession): boolean => {
  const def = caseTypeDef(row.type)
  return !!def && canClaim(def, { type: row.type, state: row.state, assigneeId: row.assignee?.id ?? null }, { id: staff.id, role: staff.role, name: staff.displayName })
}
export const canRelease = (row: QueueRow, staff: StaffSession): boolean =>
  !!row.assignee && (row.assignee.id === staff.id || staff.role === 'supervisor')

/** The work queue's columns (PII arrives masked from the server). */
export function queueColumns(h: RowHandlers): ColumnsType<QueueRow> {
  const sortOrder = (key: QueueFilters['sort']) =>
    h.filters.sort === key ? (h.filters.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null
  const stop = (e: MouseEvent) => e.stopPropagation()
  return [
    {
      title: '业务编号',
      dataIndex: 'caseNumber',
      key: 'caseNumber',
      width: 150,
      render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span>
    },
    {
      title: '类型',
      key: 'type',
      width: 156,
      // Long subtypes (国(境)外学历学位认证) are cut with an ellipsis, the whole in the tooltip.
      ellipsis: { showTitle: false },
      render: (_: unknown, r) => (
        <span title={[caseTypeDef(r.type)?.label ?? r.type, subtypeLabel(r.type, r.subtype)].filter(Boolean).join(' · ')}>
          {caseTypeDef(r.type)?.label ?? r.type}
          {subtypeLabel(r.type, r.subtype) && <Typography.Text type="secondary"> · {subtypeLabel(r.type, r.subtype)}</Typography.Text>}
        </span>
      )
    },
    { title: '申请人', dataIndex: 'applicantName', key: 'applicantName', width: 76 },
    { title: '身份证号', dataIndex: 'idNumber', key: 'idNumber', width: 150, render: (v: string) => <span className="mono">{v}</span> },
    { title: '手机号', dataIndex: 'mobile', key: 'mobile', width: 110 },
    { title: '状态', key: 'state', width: 96, render: (_: unknown, r) => <StateTag type={r.type} state={r.state} /> },
    {
      title: '承办人',
      key: 'assignee',
      width: 84,
      render: (_: unknown, r) => (r.assignee ? r.assignee.name : <Typography.Text type="secondary">未认领</Typography.Text>)
    },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      width: 130,
      sorter: true,
      sortDirections: [...ALWAYS_SORTED],
      sortOrder: sortOrder('submittedAt'),
      render: (v: string) => formatDateTime(v)
    },
    {
      title: '截止日期',
      key: 'deadline',
      width: 180,
      sorter: true,
      sortDirections: [...ALWAYS_SORTED],
      sortOrder: sortOrder('deadline'),
      render: (_: unknown, r) => <DeadlineTag deadline={r.deadline} />
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={4} onClick={stop}>
          {canClaimRow(r, h.staff) && (
            <Button size="small" type="link" loading={h.busyId === r.id} onClick={() => h.onClaim(r)} data-testid={`row-claim-${r.caseNumber}`}>
              认领
            </Button>
          )}
          {canRelease(r, h.staff) && (
            <Button size="small" type="link" loading={h.busyId === r.id} onClick={() => h.onRelease(r)} data-testid={`row-release-${r.caseNumber}`}>
              释放
            </Button>
          )}
          <Button size="small" type="link" onClick={() => h.onOpen(r)} data-testid={`row-open-${r.caseNumber}`}>
            {r.assignee?.id === h.staff.id ? '办理' : '查看'}
          </Button>
        </Space>
      )
    }
  ]
}
