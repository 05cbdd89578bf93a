import { ApiOutlined, LinkOutlined } from '@ant-design/icons'
import { Alert, Button, Form, Input, Space } from 'antd'
import { useState } from 'react'
import type { ConnectionTest } from '../../../../shared/api/staff'
import { api } from '../../api'
import { ADDRESS_HINT, addressProblem, STAGE_LABEL } from './labels'

type Tested = { url: string; test: ConnectionTest } | { url: string; error: string }

interface Props {
  initialUrl?: string
  submitLabel: string
  /** The address must have passed 测试连接 before it can be used (changing a working desk's address). */
  requireTest?: boolean
  /** Uses the address; resolves to what went wrong (shown under the field) or null. */
  onSubmit(url: string): Promise<string | null>
}

/** The result of 测试连接: the service's version, or the stage that failed and why (Chinese). */
export function TestResult({ tested }: { tested: Tested }) {
  if ('error' in tested) return <Alert type="error" showIcon title={tested.error} data-testid="setup-test-result" />
  const t = tested.test
  if (!t.ok) {
    return <Alert type="error" showIcon title={`连接失败：${STAGE_LABEL[t.stage]}`} description={t.message} data-testid="setup-test-result" />
  }
  return (
    <Alert
      type="success"
      showIcon
      title="连接成功"
      description={t.message}
      data-testid="setup-test-result"
    />
  )
}

/** An exchange service's address: checked as typed (https unless loopback), 测试连接, then used. */
export default function ServerAddressForm({ initialUrl = '', submitLabel, requireTest = false, onSubmit }: Props) {
  const [form] = Form.useForm<{ url: string }>()
  const url = (Form.useWatch('url', form) ?? initialUrl).trim()
  const [tested, setTested] = useState<Tested | null>(null)
  const [testing, setTesting] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const passed = tested !== null && tested.url === url && 'test' in tested && tested.test.ok

  const test = async () => {
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    const target = v.url.trim()
    setTesting(true)
    setError(null)
    const r = await api.setup.testConnection({ url: target })
    setTesting(false)
    setTested(r.ok ? { url: target, test: r.value } : { url: target, error: r.error.message })
  }
  const submit = async () => {
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    setError(null)
    const problem = await onSubmit(v.url.trim())
    setBusy(false)
    setError(problem)
  }

  return (
    <Form form={form} layout="vertical" initialValues={{ url: initialUrl }} onFinish={() => void test()} requiredMark={false}>
      <Form.Item
        name="url"
        label="交换服务地址"
        extra={ADDRESS_HINT}
        rules={[
          {
            validator(_rule, value: unknown) {
              const problem = addressProblem(String(value ?? ''))
              return problem ? Promise.reject(new Error(problem)) : Promise.resolve()
            }
          }
        ]}
      >
        <Input prefix={<LinkOutlined />} placeholder="https://casedesk.example.cn" maxLength={300} autoComplete="off" spellCheck={false} data-testid="setup-url" />
      </Form.Item>
      {tested && tested.url === url && (
        <div style={{ marginBottom: 16 }}>
          <TestResult tested={tested} />
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="setup-connect-error" />}
      <Space wrap>
        <Button icon={<ApiOutlined />} htmlType="submit" loading={testing} data-testid="setup-test">
          测试连接
        </Button>
        <Button
          type="primary"
          loading={busy}
          disabled={requireTest && !passed}
          title={requireTest && !passed ? '请先测试连接成功' : undefined}
          onClick={() => void submit()}
          data-testid="setup-connect"
        >
          {submitLabel}
        </Button>
      </Space>
    </Form>
  )
}
