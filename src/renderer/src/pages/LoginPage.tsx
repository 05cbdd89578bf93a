import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import type { StaffSession } from '../../../shared/api/types'
import { api } from '../api'

interface Props {
  onSignedIn(staff: StaffSession): void
}

interface Fields {
  username: string
  password: string
}

export default function LoginPage({ onSignedIn }: Props) {
  const [form] = Form.useForm<Fields>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (values: Fields) => {
    setBusy(true)
    setError(null)
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
      </Card>
    </div>
  )
}
