import { CloudServerOutlined, DesktopOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Typography } from 'antd'
import { useState } from 'react'
import type { SetupStatus } from '../../../shared/api/staff'
import type { StaffSession } from '../../../shared/api/types'
import { api } from '../api'
import AdminFields, { adminInput, type AdminValues } from '../components/setup/AdminFields'
import { connectTo } from '../components/setup/connect'
import ServerAddressForm from '../components/setup/ServerAddressForm'
import '../components/setup/setup.css'

interface Props {
  /** The desk is now a desk of that service (its status: the first admin may still be to create there). */
  onConnected(status: SetupStatus): void
  /** 单机使用: the first administrator was created here and is signed in. */
  onSignedIn(staff: StaffSession): void
}

/** 单机使用: this desk alone, its first administrator created here (and signed in). */
function StandaloneForm({ onSignedIn }: Pick<Props, 'onSignedIn'>) {
  const [form] = Form.useForm<AdminValues>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (v: AdminValues) => {
    setBusy(true)
    setError(null)
    const r = await api.setup.standalone(adminInput(v))
    setBusy(false)
    if (r.ok) onSignedIn(r.value)
    else setError(r.error.message)
  }
  return (
    <Form<AdminValues> form={form} layout="vertical" requiredMark={false} autoComplete="off" onFinish={(v) => void submit(v)} className="setup-form">
      <AdminFields />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="setup-error" />}
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
        创建管理员并开始使用
      </Button>
    </Form>
  )
}

/**
 * The desk's first start (no mode chosen yet): 连接交换服务 — an office with several desks shares one service —
 * or 单机使用 — this computer alone, its first administrator created here.
 */
export default function FirstStartPage({ onConnected, onSignedIn }: Props) {
  return (
    <div className="setup-page" data-testid="first-start">
      <div className="setup-head">
        <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
          CaseDesk 业务办理台 · 首次启动
        </Typography.Title>
        <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.75)', margin: '6px 0 0' }}>
          请选择本机的使用方式。选择保存在本机；之后系统管理员可在“系统设置”中查看和更换交换服务地址。
        </Typography.Paragraph>
      </div>
      <div className="setup-choices">
        <Card
          className="setup-card"
          data-testid="first-start-server"
          title={
            <span>
              <CloudServerOutlined /> 连接交换服务
            </span>
          }
        >
          <Typography.Paragraph type="secondary">
            单位有多台电脑共同办理业务时选用：各台电脑连接同一个交换服务，账号和业务数据由交换服务统一保存。地址由本单位信息技术人员提供。
          </Typography.Paragraph>
          <ServerAddressForm submitLabel="连接" onSubmit={(url) => connectTo(url, onConnected)} />
        </Card>
        <Card
          className="setup-card"
          data-testid="first-start-standalone"
          title={
            <span>
              <DesktopOutlined /> 单机使用
            </span>
          }
        >
          <Typography.Paragraph type="secondary">
            只在这一台电脑上办理业务，数据保存在本机。请创建本机的首个系统管理员，再由其为其他工作人员创建账号。
          </Typography.Paragraph>
          <StandaloneForm onSignedIn={onSignedIn} />
        </Card>
      </div>
    </div>
  )
}
