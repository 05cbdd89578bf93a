import { Button, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd'
import type { HTMLAttributes } from 'react'
import type { StaffRecord } from '../../../../shared/api/staff'
import { ROLE_LABEL, ROLES, type Role } from '../../../../shared/domain/roles'
import { formatDateTime } from '../../lib/format'
import { isLocked, scopeText, StatusTags } from './labels'

export type RowAction = 'edit' | 'disable' | 'enable' | 'reset' | 'unlock' | 'sessions' | 'events'

interface Props {
  rows: StaffRecord[]
  loading: boolean
  meId: number
  /** The row whose action is under way (its buttons show it). */
  busy: { id: number; action: RowAction } | null
  onAction(staff: StaffRecord, action: RowAction): void
}

/** The row's actions: 编辑, 停用/启用 and 重置密码 (each confirmed first), 解除锁定 (when locked), 会话, 记录. */
function Actions({ r, me, busy, onAction }: { r: StaffRecord; me: boolean; busy: Props['busy']; onAction: Props['onAction'] }) {
  const doing = (a: RowAction) => busy?.id === r.id && busy.action === a
  const link = { type: 'link' as const, size: 'small' as const }
  return (
    <span className="staff-actions">
      <Button {...link} onClick={() => onAction(r, 'edit')} data-testid="staff-edit">
        编辑
      </Button>
      {r.active ? (
        <Popconfirm
          title={`停用 ${r.displayName} 的账号？`}
          description={<div className="staff-confirm-text">停用后无法登录，其正在使用的登录（各桌面和窗口）立即结束。可随时重新启用。</div>}
          okText="停用"
          cancelText="取消"
          okButtonProps={{ danger: true, 'data-testid': 'staff-confirm-ok' }}
          onConfirm={() => onAction(r, 'disable')}
          disabled={me}
        >
          <Tooltip title={me ? '不能停用自己的账号' : undefined}>
            <Button {...link} danger disabled={me} loading={doing('disable')} data-testid="staff-disable">
              停用
            </Button>
          </Tooltip>
        </Popconfirm>
      ) : (
        <Popconfirm
          title={`重新启用 ${r.displayName} 的账号？`}
          okText="启用"
          cancelText="取消"
          okButtonProps={{ 'data-testid': 'staff-confirm-ok' }}
          onConfirm={() => onAction(r, 'enable')}
        >
          <Button {...link} loading={doing('enable')} data-testid="staff-enable">
            启用
          </Button>
        </Popconfirm>
      )}
      <Popconfirm
        title={`重置 ${r.displayName} 的密码？`}
        description={<div className="staff-confirm-text">将生成一个临时密码（只显示一次），原密码立即失效，其正在使用的登录立即结束；本人下次登录时须修改密码。</div>}
        okText="重置密码"
        cancelText="取消"
        okButtonProps={{ danger: true, 'data-testid': 'staff-confirm-ok' }}
        onConfirm={() => onAction(r, 'reset')}
      >
        <Button {...link} loading={doing('reset')} data-testid="staff-reset">
          重置密码
        </Button>
      </Popconfirm>
      {isLocked(r) && (
        <Button {...link} loading={doing('unlock')} onClick={() => onAction(r, 'unlock')} data-testid="staff-unlock">
          解除锁定
        </Button>
      )}
      <Button {...link} onClick={() => onAction(r, 'sessions')} data-testid="staff-sessions">
        会话
      </Button>
      <Button {...link} onClick={() => onAction(r, 'events')} data-testid="staff-events">
        记录
      </Button>
    </span>
  )
}

/** 人员 list: 姓名, 用户名, 角色, 业务范围, 状态, 最近登录 and the row's actions. */
export default function StaffTable({ rows, loading, meId, busy, onAction }: Props) {
  return (
    <Table<StaffRecord>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      data-testid="staff-table"
      className="staff-table"
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => `共 ${n} 人` }}
      locale={{ emptyText: '暂无人员' }}
      onRow={(r) => ({ 'data-testid': `staff-row-${r.username}` }) as HTMLAttributes<HTMLElement>}
      rowClassName={(r) => (r.active ? '' : 'staff-row-disabled')}
      columns={[
        {
          title: '姓名',
          dataIndex: 'displayName',
          width: 130,
          ellipsis: true,
          render: (name: string, r) => (
            <span>
              {name}
              {r.id === meId && (
                <Tag color="blue" variant="filled" style={{ marginInlineStart: 6 }}>
                  我
                </Tag>
              )}
            </span>
          )
        },
        { title: '用户名', dataIndex: 'username', width: 120, ellipsis: true, render: (u: string) => <span className="mono">{u}</span> },
        {
          title: '角色',
          dataIndex: 'role',
          width: 110,
          filters: ROLES.map((r) => ({ text: ROLE_LABEL[r], value: r })),
          onFilter: (value, r) => r.role === value,
          render: (role: Role) => ROLE_LABEL[role]
        },
        {
          title: '业务范围',
          key: 'scopes',
          ellipsis: { showTitle: false },
          render: (_v, r) => {
            const text = scopeText(r)
            return (
              <Tooltip title={text.length > 12 ? text : undefined} placement="topLeft">
                <Typography.Text type={r.scopes === null ? 'secondary' : undefined} data-testid="staff-scope">
                  {text}
                </Typography.Text>
              </Tooltip>
            )
          }
        },
        {
          title: '状态',
          key: 'status',
          width: 170,
          filters: [
            { text: '启用', value: 'active' },
            { text: '停用', value: 'disabled' },
            { text: '已锁定', value: 'locked' }
          ],
          onFilter: (value, r) => (value === 'locked' ? isLocked(r) : value === 'active' ? r.active : !r.active),
          render: (_v, r) => <StatusTags staff={r} />
        },
        {
          title: '最近登录',
          dataIndex: 'lastSignInAt',
          width: 140,
          render: (at: string | null) => (at ? formatDateTime(at) : <Typography.Text type="secondary">从未登录</Typography.Text>)
        },
        {
          title: '操作',
          key: 'actions',
          width: 330,
          render: (_v, r) => <Actions r={r} me={r.id === meId} busy={busy} onAction={onAction} />
        }
      ]}
    />
  )
}
