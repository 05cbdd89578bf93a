import { CopyOutlined, KeyOutlined } from '@ant-design/icons'
import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd'
import type { StaffWithPassword } from '../../../../shared/api/staff'

interface Props {
  /** The account created or reset, with its temporary password; null = closed. */
  shown: (StaffWithPassword & { reason: 'created' | 'reset' }) | null
  onClose(): void
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

/**
 * The temporary password, shown this once (it is stored only as a hash): copy it or write it down and hand it
 * over; it must be changed at the next sign-in.
 */
export default function TempPasswordModal({ shown, onClose }: Props) {
  const { message } = App.useApp()
  return (
    <Modal
      open={!!shown}
      title={
        <span>
          <KeyOutlined /> {shown?.reason === 'reset' ? '密码已重置' : '账号已创建'}
        </span>
      }
      onCancel={onClose}
      mask={{ closable: false }}
      width={520}
      destroyOnHidden
      modalRender={(node) => <div data-testid="temp-password-modal">{node}</div>}
      footer={
        <Button type="primary" onClick={onClose} data-testid="temp-password-close">
          我已记下，关闭
        </Button>
      }
    >
      {shown && (
        <>
          <Descriptions size="small" column={1} bordered styles={{ label: { width: 110 } }}>
            <Descriptions.Item label="姓名">{shown.staff.displayName}</Descriptions.Item>
            <Descriptions.Item label="用户名">
              <Typography.Text code>{shown.staff.username}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="临时密码">
              <span className="temp-password">
                <Typography.Text className="mono temp-password-text" data-testid="temp-password">
                  {shown.temporaryPassword}
                </Typography.Text>
                <Button
                  size="small"
                  icon={<CopyOutlined />}
                  onClick={() =>
                    void copy(shown.temporaryPassword).then((ok) => (ok ? message.success('临时密码已复制') : message.error('无法复制，请手动抄写')))
                  }
                  data-testid="temp-password-copy"
                >
                  复制
                </Button>
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            title="临时密码只显示这一次"
            description="关闭后无法再次查看（系统只保存其校验值）。请当面或通过安全方式交给本人；本人下次登录时必须先修改密码。"
          />
        </>
      )}
    </Modal>
  )
}
