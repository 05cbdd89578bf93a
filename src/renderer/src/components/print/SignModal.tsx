import { SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Descriptions, Form, Input, Modal, Spin, Typography } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import type { SigningCertificate } from '../../../../shared/api/documents'
import { api } from '../../api'
import { formatDateTime } from '../../lib/format'
import { useLoaded } from './useLoaded'

interface Props {
  open: boolean
  /** The letters to sign. */
  ids: number[]
  /** Starts the job; resolves to an error message to show under the passphrase, or null once started. */
  onSign(passphrase: string): Promise<string | null>
  onCancel(): void
}


/** Whether the certificate is usable today, in Chinese (null = fine). */
export function validityProblem(cert: SigningCertificate, now = dayjs()): { type: 'error' | 'warning'; text: string } | null {
  // The main process refuses an expired certificate; one not yet valid by this computer's clock is only flagged.
  if (now.isBefore(dayjs(cert.validFrom))) return { type: 'warning', text: `按本机时间证书尚未生效（${formatDateTime(cert.validFrom)} 起有效），请核对系统时间` }
  if (now.isAfter(dayjs(cert.validTo))) return { type: 'error', text: `证书已于 ${formatDateTime(cert.validTo)} 过期，请联系系统管理员更换` }
  if (dayjs(cert.validTo).diff(now, 'day') < 30) return { type: 'warning', text: `证书将于 ${formatDateTime(cert.validTo)} 到期，请及时联系系统管理员更换` }
  return null
}

/**
 * 签章: the office certificate the admin configured, and its passphrase for this batch only (the field is
 * emptied whenever the dialog closes; nothing keeps it).
 */
export default function SignModal({ open, ids, onSign, onCancel }: Props) {
  const [form] = Form.useForm<{ passphrase: string }>()
  const loaded = useLoaded(open ? 'open' : null, () => api.settings.signing({}))
  // While the passphrase is typed, the threads that render and sign get ready with the first letter (nothing to show if they cannot).
  const first = ids[0]
  useEffect(() => {
    if (open && first) void api.documents.prepareSigning({ ids: [first] })
  }, [open, first])
  const [busy, setBusy] = useState(false)

  const cert = loaded.state === 'ready' ? loaded.value : null
  const problem = cert ? validityProblem(cert) : null
  const usable = !!cert && problem?.type !== 'error'

  const close = () => {
    form.resetFields()
    onCancel()
  }
  const submit = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values || !usable) return
    setBusy(true)
    const error = await onSign(values.passphrase)
    setBusy(false)
    if (error) form.setFields([{ name: 'passphrase', errors: [error] }])
    else form.resetFields()
  }

  return (
    <Modal
      open={open}
      title={
        <span>
          <SafetyCertificateOutlined /> 签章：{ids.length} 份文书
        </span>
      }
      okText="开始签章"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={close}
      okButtonProps={{ loading: busy, disabled: !usable, 'data-testid': 'sign-submit' }}
      modalRender={(node) => <div data-testid="sign-modal">{node}</div>}
      mask={{ closable: false }}
      destroyOnHidden
      width={560}
    >
      {loaded.state === 'loading' && <Spin />}
      {loaded.state === 'error' && <Alert type="error" showIcon title={loaded.message} />}
      {loaded.state === 'ready' && !cert && (
        <Alert
          type="warning"
          showIcon
          data-testid="sign-no-certificate"
          title="尚未配置签章证书"
          description="签章需要本单位的电子签章证书（P12/PFX）。请联系系统管理员在“系统设置”中上传证书后再签章。"
        />
      )}
      {cert && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }} data-testid="sign-certificate">
            <Descriptions.Item label="证书主体">{cert.subject}</Descriptions.Item>
            <Descriptions.Item label="有效期">
              {formatDateTime(cert.validFrom)} 至 {formatDateTime(cert.validTo)}
            </Descriptions.Item>
          </Descriptions>
          {problem && <Alert type={problem.type} showIcon title={problem.text} style={{ marginBottom: 12 }} />}
          <Typography.Paragraph type="secondary">
            签章后文书加盖电子印章并附数字签名，成为正式文书，可以打印；草稿水印去除。证书口令仅用于本次签章，不会被保存。
          </Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={() => void submit()}>
            <Form.Item name="passphrase" label="证书口令" rules={[{ required: true, message: '请输入证书口令' }]}>
              <Input.Password autoFocus autoComplete="off" placeholder="输入后按 Enter 开始签章" data-testid="sign-passphrase" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  )
}
