import { LockOutlined, LogoutOutlined } from '@ant-design/icons'
import { Alert, Button, Form, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import type { StaffSession } from '../../../../shared/api/types'
import { api } from '../../api'
import { confirmRules, newPasswordRules, PASSWORD_HINT } from './passwordRules'
import './staff.css'

interface Fields {
  oldPassword: string
  newPassword: string
  newPassword2: string
}

interface Props {
  open: boolean
  staff: StaffSession
  /**
   * Signed in with a temporary password: the dialog cannot be closed (no ×, no Esc, no mask) — the new
   * password first, or sign out.
   */
  forced: boolean
  onChanged(session: StaffSession): void
  onCancel?(): void
  onSignOut?(): void
}

/** 修改密码: the old (or temporary) password, the new one twice; the policy is checked as it is typed. */
export default function ChangePasswordModal({ open, staff, forced, onChanged, onCancel, onSignOut }: Props) {
  const [form] = Form.useForm<Fields>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (v: Fields) => {
    setBusy(true)
    setError(null)
    const r = await api.auth.changePassword({ oldPassword: v.oldPassword, newPassword: v.newPassword })
    setBusy(false)
    if (!r.ok) {
      setError(r.error.message)
      return
    }
    form.resetFields()
    onChanged(r.value)
  }
  const close = () => {
    if (forced) return
    form.resetFields()
    setError(null)
    onCancel?.()
  }

  return (
    <Modal
      open={open}
      title={
        <span>
          <LockOutlined /> 修改密码
        </span>
      }
      closable={!forced}
      keyboard={!forced}
      mask={{ closable: false }}
      onCancel={close}
      destroyOnHidden
      width={520}
      modalRender={(node) => <div data-testid="change-password-modal">{node}</div>}
      footer={[
        forced ? (
          <Button key="out" icon={<LogoutOutlined />} onClick={onSignOut} data-testid="change-password-signout">
            退出登录
          </Button>
        ) : (
          <Button key="cancel" onClick={close}>
            取消
          </Button>
        ),
        <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid="change-password-submit">
          确认修改
        </Button>
      ]}
    >
      {forced && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="您正在使用系统管理员设置的临时密码"
          description="请先设置新密码，设置后才能继续使用。"
          data-testid="change-password-forced"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="change-password-error" />}
      <Form<Fields> form={form} layout="vertical" className="password-form" requiredMark={false} autoComplete="off" onFinish={(v) => void submit(v)}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          账号：{staff.displayName}（{staff.username}）
        </Typography.Paragraph>
        <Form.Item name="oldPassword" label={forced ? '临时密码' : '旧密码'} rules={[{ required: true, message: forced ? '请输入临时密码' : '请输入旧密码' }]}>
          <Input.Password autoFocus autoComplete="current-password" maxLength={200} data-testid="change-password-old" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          dependencies={['oldPassword']}
          rules={newPasswordRules(() => staff.username, { otherThan: 'oldPassword' })}
          extra={PASSWORD_HINT}
        >
          <Input.Password autoComplete="new-password" maxLength={200} data-testid="change-password-new" />
        </Form.Item>
        <Form.Item name="newPassword2" label="确认新密码" dependencies={['newPassword']} rules={confirmRules('newPassword')}>
          <Input.Password autoComplete="new-password" maxLength={200} data-testid="change-password-new2" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  )
}
