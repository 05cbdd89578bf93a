import { KeyOutlined, SafetyOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import type { SetupStatus } from '../../../shared/api/staff'
import type { StaffSession } from '../../../shared/api/types'
import { api } from '../api'
import AdminFields, { adminInput, type AdminValues } from '../components/setup/AdminFields'
import { connectTo } from '../components/setup/connect'
import ServerAddressForm from '../components/setup/ServerAddressForm'
import '../components/setup/setup.css'

type Values = AdminValues & { code: string }

interface Props {
  setup: SetupStatus
  onSignedIn(staff: StaffSession): void
  /** Connected to another address instead. */
  onConnected(status: SetupStatus): void
  /** Someone already created an administrator (e.g. with the service's command line): go to sign-in. */
  onSkip(): void
}

const CODE = /^[0-9A-Z]{12}$/
const normalCode = (s: string) => s.toUpperCase().replace(/[\s-]/g, '')

/**
 * Nobody can sign in yet. At a fresh exchange service: its one-time 初始化码 (printed at the service's start)
 * and the first administrator's fields (`setup.firstAdmin`); on a standalone desk: the fields alone.
 */
export default function FirstAdminPage({ setup, onSignedIn, onConnected, onSkip }: Props) {
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [changing, setChanging] = useState(false)
  const atService = setup.mode === 'server'

  const submit = async (v: Values) => {
    setBusy(true)
    setError(null)
    const r = atService ? await api.setup.firstAdmin({ ...adminInput(v), code: v.code }) : await api.setup.standalone(adminInput(v))
    setBusy(false)
    if (r.ok) onSignedIn(r.value)
    else setError(r.error.message)
  }

  return (
    <div className="setup-page" data-testid="first-admin">
      <Card
        className="setup-card setup-card-single"
        title={
          <span>
            <SafetyOutlined /> 创建首个系统管理员
          </span>
        }
      >
        {atService ? (
          <Typography.Paragraph type="secondary">
            本机已连接交换服务 <Typography.Text code data-testid="first-admin-url">{setup.serverUrl}</Typography.Text>
            ，该服务还没有任何账号。请输入交换服务启动时显示的<Typography.Text strong>初始化码</Typography.Text>
            ，创建首个系统管理员（初始化码只能使用一次）。
          </Typography.Paragraph>
        ) : (
          <Typography.Paragraph type="secondary">本机为单机使用，还没有任何账号。请创建首个系统管理员。</Typography.Paragraph>
        )}
        <Form<Values> form={form} layout="vertical" requiredMark={false} autoComplete="off" onFinish={(v) => void submit(v)} className="setup-form">
          {atService && (
            <Form.Item
              name="code"
              label="初始化码"
              extra="见交换服务启动时的输出（日志），形如 XXXX-XXXX-XXXX"
              rules={[
                { required: true, whitespace: true, message: '请输入初始化码' },
                {
                  validator: (_rule, v: unknown) =>
                    !v || CODE.test(normalCode(String(v))) ? Promise.resolve() : Promise.reject(new Error('初始化码为 12 位字母和数字（可含空格或连字符）'))
                }
              ]}
            >
              <Input prefix={<KeyOutlined />} autoFocus maxLength={40} spellCheck={false} className="mono" data-testid="setup-code" />
            </Form.Item>
          )}
          <AdminFields autoFocus={!atService} />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="setup-error" />}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
            创建管理员并登录
          </Button>
        </Form>
        <div className="setup-links">
          {atService && !setup.fromCommandLine && (
            <Button type="link" size="small" onClick={() => setChanging(true)} data-testid="first-admin-change-url">
              更换交换服务地址
            </Button>
          )}
          <Button
            type="link"
            size="small"
            onClick={onSkip}
            title="管理员也可由信息技术人员在服务器上运行 npm run server -- admin create <用户名> 创建"
            data-testid="first-admin-skip"
          >
            已有管理员账号，去登录
          </Button>
        </div>
      </Card>
      <Modal open={changing} title="更换交换服务地址" footer={null} onCancel={() => setChanging(false)} destroyOnHidden width={520}>
        <ServerAddressForm
          initialUrl={setup.serverUrl ?? ''}
          submitLabel="连接"
          onSubmit={(url) =>
            connectTo(url, (s) => {
              setChanging(false)
              onConnected(s)
            })
          }
        />
      </Modal>
    </div>
  )
}
