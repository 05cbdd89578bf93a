import { ReloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Drawer, Popconfirm, Table, Tag, Typography } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import type { SessionRecord, StaffRecord } from '../../../../shared/api/staff'
import { api } from '../../api'
import { useReloadable } from '../../hooks/useReloadable'
import { formatDateTime } from '../../lib/format'

interface Props {
  /** The account whose sessions are shown; null = closed. */
  staff: StaffRecord | null
  onClose(): void
}

/** 会话: where an account is signed in (desk or window, IP, since, last use); an administrator may end one. */
export default function SessionsDrawer({ staff, onClose }: Props) {
  const { message } = App.useApp()
  const [ending, setEnding] = useState<string | null>(null)
  const id = staff?.id ?? null
  const sessions = useReloadable(id === null ? null : `sessions:${id}`, () => api.staff.sessions({ id: id ?? 0 }))
  const { value: rows, error, loading } = sessions

  const end = async (session: SessionRecord) => {
    if (!staff) return
    setEnding(session.id)
    const r = await api.staff.endSession({ id: staff.id, sessionId: session.id })
    setEnding(null)
    if (!r.ok) return void message.error(r.error.message)
    sessions.update(() => r.value)
    void message.success(`已结束 ${session.deskName} 的会话，该处需重新登录`)
  }

  return (
    <Drawer
      open={!!staff}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={staff ? `会话：${staff.displayName}（${staff.username}）` : '会话'}
      extra={
        <Button icon={<ReloadOutlined />} size="small" onClick={sessions.reload} loading={loading && id !== null}>
          刷新
        </Button>
      }
    >
      <div data-testid="staff-sessions-drawer">
        <Typography.Paragraph type="secondary">正在登录的桌面和窗口。结束会话后，该处下一次操作时将回到登录页。</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<SessionRecord>
          rowKey="id"
          size="small"
          loading={loading && !rows}
          dataSource={rows ?? []}
          pagination={false}
          locale={{ emptyText: '没有正在进行的会话' }}
          onRow={(r) => ({ 'data-testid': `session-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: '桌面/窗口',
              dataIndex: 'deskName',
              render: (name: string, r) => (
                <span>
                  {name}
                  {r.current && (
                    <Tag color="blue" style={{ marginInlineStart: 6 }}>
                      当前
                    </Tag>
                  )}
                </span>
              )
            },
            { title: 'IP', dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? '—' },
            { title: '登录时间', dataIndex: 'startedAt', width: 140, render: formatDateTime },
            { title: '最近活动', dataIndex: 'lastSeenAt', width: 140, render: formatDateTime },
            {
              title: '操作',
              key: 'end',
              width: 72,
              render: (_v, r) => (
                <Popconfirm
                  title="结束此会话？"
                  description={r.current ? '这是您当前的窗口，结束后需重新登录。' : '该处下一次操作时将回到登录页。'}
                  okText="结束"
                  cancelText="取消"
                  okButtonProps={{ danger: true, 'data-testid': 'session-end-ok' }}
                  onConfirm={() => end(r)}
                >
                  <Button type="link" size="small" danger loading={ending === r.id} data-testid="session-end">
                    结束
                  </Button>
                </Popconfirm>
              )
            }
          ]}
        />
      </div>
    </Drawer>
  )
}
