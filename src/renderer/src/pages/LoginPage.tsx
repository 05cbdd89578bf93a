import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import type { SetupStatus } from '../../../shared/api/staff'
import type { StaffSession } from '../../../shared/api/types'
import { api } from '../api'
import { modeText } from '../components/setup/labels'
import '../components/setup/setup.css'

interface Props {
  onSignedIn(staff: StaffSession): void
  /** How the desk is set up (its mode shows in small print); null when unknown. */
  setup: SetupStatus | null
  /** Why the previous session ended (e.g. 您的账号已被停用 / 长时间未操作，已自动退出). */
  notice?: string | null
}

interface Fields {
  username: string
  password: string
}

export default function LoginPage({ onSignedIn, setup, notice }: Props) {
  const [form] = Form.useForm<Fields>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [noticeShown, setNoticeShown] = useState(true)

  const submit = async (values: Fields) => {
    setBusy(true)
    setError(null)
    setNoticeShown(false)
    const r = await api.auth.signIn(values)
    setBusy(false)
    if (r.ok) onSignedIn(r.value)
    else {
      setError(r.error.message)
      form.setFieldValue('password', '')
    }
  }

  return (
    <div className="login-page">
      <Card className="login-card" variant="borderless">
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          CaseDesk 业务办理台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          人事档案业务后台 · 工作人员登录
        </Typography.Paragraph>
        {notice && noticeShown && !error && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="off">
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoFocus data-testid="login-username" maxLength={64} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} data-testid="login-password" maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            登录
          </Button>
        </Form>
        {setup && setup.mode !== 'unset' && (
          <Typography.Paragraph type="secondary" className="login-mode" data-testid="login-mode">
            {modeText(setup)}
            {setup.demo && ' · 演示数据'}
          </Typography.Paragraph>
        )}
      </Card>
    </div>
  )
}
