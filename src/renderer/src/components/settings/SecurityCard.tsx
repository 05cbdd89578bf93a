import { LockOutlined, SaveOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Skeleton } from 'antd'
import { useState } from 'react'
import type { SetupStatus } from '../../../../shared/api/staff'
import { OFFLINE_DAYS_RANGE, type SecuritySettings, SESSION_IDLE_RANGE } from '../../../../shared/domain/staff'
import { api } from '../../api'
import { useLoaded } from '../print/useLoaded'

const offlineText = (days: number) => (days === 0 ? '不允许离线登录' : `${days} 天`)

/**
 * 账号安全: after how many idle minutes a window signs out, and for how many days a synced desk that cannot
 * reach its exchange service still lets staff sign in offline. The administrator edits; others read.
 */
export default function SecurityCard({ canEdit, setup }: { canEdit: boolean; setup: SetupStatus | null }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<SecuritySettings>()
  const loaded = useLoaded('security', () => api.settings.security({}))
  const [saved, setSaved] = useState<SecuritySettings | null>(null)
  const [dirty, setDirty] = useState(false)
  const [busy, setBusy] = useState(false)
  const current = saved ?? (loaded.state === 'ready' ? loaded.value : null)
  const standalone = setup?.mode === 'standalone'

  const save = async (v: SecuritySettings) => {
    setBusy(true)
    const r = await api.settings.setSecurity(v)
    setBusy(false)
    if (!r.ok) return void message.error(r.error.message)
    setSaved(r.value)
    setDirty(false)
    form.setFieldsValue(r.value)
    void message.success('账号安全设置已保存')
  }

  return (
    <Card
      size="small"
      data-testid="security-card"
      title={
        <span>
          <LockOutlined /> 账号安全
        </span>
      }
      extra={
        canEdit &&
        current && (
          <Button type="primary" icon={<SaveOutlined />} loading={busy} disabled={!dirty} onClick={() => form.submit()} data-testid="security-save">
            保存
          </Button>
        )
      }
    >
      {loaded.state === 'loading' && !saved && <Skeleton active paragraph={{ rows: 2 }} />}
      {loaded.state === 'error' && !saved && <Alert type="error" showIcon title={loaded.message} />}
      {current && !canEdit && (
        <>
          <Alert type="info" showIcon title="仅系统管理员可以修改账号安全设置" style={{ marginBottom: 12 }} />
          <Descriptions size="small" column={1} bordered data-testid="security-view" styles={{ label: { width: 190 } }}>
            <Descriptions.Item label="空闲自动退出">{current.sessionIdleMinutes} 分钟</Descriptions.Item>
            <Descriptions.Item label="离线登录有效期">{offlineText(current.offlineSignInDays)}</Descriptions.Item>
          </Descriptions>
        </>
      )}
      {current && canEdit && (
        <Form<SecuritySettings>
          form={form}
          layout="horizontal"
          labelCol={{ flex: '170px' }}
          initialValues={current}
          onValuesChange={() => setDirty(true)}
          onFinish={(v) => void save(v)}
          data-testid="security-form"
        >
          <Form.Item
            name="sessionIdleMinutes"
            label="空闲自动退出（分钟）"
            rules={[{ required: true, message: '请填写分钟数' }]}
            extra={`窗口超过此时长无键盘或鼠标操作，自动退出登录（${SESSION_IDLE_RANGE.min}–${SESSION_IDLE_RANGE.max} 分钟）`}
          >
            <InputNumber min={SESSION_IDLE_RANGE.min} max={SESSION_IDLE_RANGE.max} precision={0} style={{ width: 120 }} data-testid="security-idle" />
          </Form.Item>
          <Form.Item
            name="offlineSignInDays"
            label="离线登录有效期（天）"
            rules={[{ required: true, message: '请填写天数' }]}
            extra={
              standalone
                ? '单机使用时不适用；连接交换服务的桌面，连续这么多天未连上服务后不再允许离线登录（0 表示不允许离线登录）'
                : `本机连续这么多天未连上交换服务后，不再允许离线登录；0 表示不允许离线登录（${OFFLINE_DAYS_RANGE.min}–${OFFLINE_DAYS_RANGE.max} 天）`
            }
          >
            <InputNumber min={OFFLINE_DAYS_RANGE.min} max={OFFLINE_DAYS_RANGE.max} precision={0} style={{ width: 120 }} data-testid="security-offline-days" />
          </Form.Item>
          <button type="submit" hidden />
        </Form>
      )}
    </Card>
  )
}
