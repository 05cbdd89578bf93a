import { CloudServerOutlined, EditOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Skeleton, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { SetupStatus } from '../../../../shared/api/staff'
import type { Loaded } from '../print/useLoaded'
import { api } from '../../api'
import ServerAddressForm from '../setup/ServerAddressForm'

const pendingText = (n: number) =>
  `本机还有 ${n} 项操作尚未发送到交换服务。更换地址后，这些操作会保留，并发送到新地址的交换服务；请确认新地址与原来是同一个交换服务（例如服务器迁移或改用新域名）。`

/**
 * 交换服务: how this desk is set up (单机使用, or the exchange service's address). The administrator may change
 * the address after a successful 测试连接; unsent work queued on the desk is named and confirmed first (it is
 * sent to the new address). An address IT set at start (--server / CASEDESK_SERVER) is read-only here.
 */
export default function ServerCard({ loaded, onChanged }: { loaded: Loaded<SetupStatus>; onChanged(s: SetupStatus): void }) {
  const { message, modal } = App.useApp()
  const [changing, setChanging] = useState(false)
  const [pending, setPending] = useState(0)
  const setup = loaded.state === 'ready' ? loaded.value : null

  useEffect(() => {
    if (!changing) return
    void api.sync.status({}).then((r) => r.ok && setPending(r.value.pending))
  }, [changing])

  const confirmPending = (n: number, text?: string) =>
    modal.confirm({
      title: n > 0 ? `本机有 ${n} 项操作尚未发送` : '本机有操作尚未发送',
      content: text ?? pendingText(n),
      okText: '确认更换地址',
      cancelText: '取消',
      width: 480,
      okButtonProps: { 'data-testid': 'server-pending-ok' }
    })

  const change = async (url: string): Promise<string | null> => {
    const st = await api.sync.status({})
    const queued = st.ok ? st.value.pending : 0
    if (queued > 0 && !(await confirmPending(queued))) return null
    let r = await api.setup.connect({ url, acknowledgePending: queued > 0 })
    if (!r.ok && r.error.code === 'PENDING_WORK') {
      // Work was queued meanwhile: say so, and go on only when confirmed.
      if (!(await confirmPending(0, r.error.message))) return null
      r = await api.setup.connect({ url, acknowledgePending: true })
    }
    if (!r.ok) return r.error.message
    setChanging(false)
    onChanged(r.value)
    void message.success(`已改为连接 ${r.value.serverUrl ?? url}`)
    return null
  }

  return (
    <Card
      size="small"
      data-testid="server-card"
      title={
        <span>
          <CloudServerOutlined /> 交换服务
        </span>
      }
      extra={
        setup?.mode === 'server' &&
        !setup.fromCommandLine &&
        !changing && (
          <Button icon={<EditOutlined />} onClick={() => setChanging(true)} data-testid="server-change">
            更换地址
          </Button>
        )
      }
    >
      {loaded.state === 'loading' && <Skeleton active paragraph={{ rows: 2 }} />}
      {loaded.state === 'error' && <Alert type="error" showIcon title={loaded.message} />}
      {setup && (
        <Descriptions size="small" column={1} bordered data-testid="server-view" styles={{ label: { width: 150 } }}>
          <Descriptions.Item label="使用方式">
            {setup.mode === 'server' ? '连接交换服务' : setup.mode === 'standalone' ? '单机使用（不连接交换服务）' : '尚未设置'}
            {setup.demo && (
              <Tag color="purple" style={{ marginInlineStart: 8 }}>
                演示数据
              </Tag>
            )}
          </Descriptions.Item>
          {setup.mode === 'server' && (
            <Descriptions.Item label="交换服务地址">
              <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="server-url">
                {setup.serverUrl}
              </Typography.Text>
              {setup.fromCommandLine && <Tag style={{ marginInlineStart: 8 }}>启动参数指定</Tag>}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {setup?.fromCommandLine && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="server-from-command-line"
          title="此地址由信息技术人员在启动本程序时指定（--server 参数或 CASEDESK_SERVER 环境变量），不能在此修改。"
        />
      )}
      {changing && setup && (
        <div className="server-change" data-testid="server-change-form">
          <Typography.Title level={5}>更换交换服务地址</Typography.Title>
          {pending > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={pendingText(pending)} data-testid="server-pending" />}
          <ServerAddressForm initialUrl={setup.serverUrl ?? ''} submitLabel="使用新地址" requireTest onSubmit={change} />
          <Button type="link" onClick={() => setChanging(false)} style={{ paddingInline: 0, marginTop: 8 }}>
            取消更换
          </Button>
        </div>
      )}
    </Card>
  )
}
