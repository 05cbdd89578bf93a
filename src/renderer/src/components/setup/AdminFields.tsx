import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { Col, Form, Input, Row } from 'antd'
import { confirmRules, displayNameRules, newPasswordRules, PASSWORD_HINT, usernameRules } from '../staff/passwordRules'

/** The first administrator's fields as a form holds them. */
export interface AdminValues {
  username: string
  displayName: string
  password: string
  password2: string
}

/** 用户名, 姓名, 密码, 确认密码 of the first administrator (inside the caller's Form); the policy shows as typed. */
export default function AdminFields({ autoFocus = false }: { autoFocus?: boolean }) {
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="username" label="用户名" rules={usernameRules}>
            <Input
              prefix={<UserOutlined />}
              placeholder="字母、数字或 . _ -"
              autoFocus={autoFocus}
              maxLength={32}
              autoComplete="off"
              spellCheck={false}
              data-testid="setup-username"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="displayName" label="姓名" rules={displayNameRules}>
            <Input maxLength={40} autoComplete="off" data-testid="setup-name" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="password"
        label="密码"
        dependencies={['username']}
        rules={newPasswordRules((get) => String(get('username') ?? ''), { empty: '请设置密码' })}
        extra={PASSWORD_HINT}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={200} data-testid="setup-password" />
      </Form.Item>
      <Form.Item name="password2" label="确认密码" dependencies={['password']} rules={confirmRules('password', '请再次输入密码')}>
        <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={200} data-testid="setup-password2" />
      </Form.Item>
    </>
  )
}

/** What `setup.standalone` / `setup.firstAdmin` take from the fields. */
export const adminInput = (v: AdminValues) => ({ username: v.username.trim(), displayName: v.displayName.trim(), password: v.password })
