import { SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Descriptions, Form, Input, Skeleton, Tag, Typography, Upload } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import type { SigningCertificate } from '../../../../shared/api/documents'
import { api } from '../../api'
import { readBase64 } from '../../lib/files'
import { formatDateTime } from '../../lib/format'
import { validityProblem } from '../print/SignModal'
import { useLoaded } from '../print/useLoaded'

/** The contract takes at most 2,000,000 base64 characters: about 1.4 MB of P12. */
const MAX_P12_BYTES = 1_400_000

function CertificateView({ cert }: { cert: SigningCertificate }) {
  const problem = validityProblem(cert, dayjs())
  return (
    <>
      <Descriptions size="small" column={1} bordered data-testid="signing-certificate" styles={{ label: { width: 150 } }}>
        <Descriptions.Item label="证书主体">{cert.subject}</Descriptions.Item>
        <Descriptions.Item label="颁发者">{cert.issuer}</Descriptions.Item>
        <Descriptions.Item label="序列号">
          <span className="mono">{cert.serialNumber}</span>
        </Descriptions.Item>
        <Descriptions.Item label="有效期">
          {formatDateTime(cert.validFrom)} 至 {formatDateTime(cert.validTo)}{' '}
          <Tag color={problem?.type === 'error' ? 'red' : problem ? 'orange' : 'green'} style={{ marginInlineStart: 8 }}>
            {problem?.type === 'error' ? '已过期' : problem ? '请注意' : '有效'}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="SHA-256 指纹">
          <Typography.Text className="mono" style={{ wordBreak: 'break-all', fontSize: 12 }} copyable>
            {cert.fingerprint}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="配置">
          {cert.configuredBy}，{formatDateTime(cert.configuredAt)}
        </Descriptions.Item>
      </Descriptions>
      {problem && <Alert type={problem.type} showIcon title={problem.text} style={{ marginTop: 12 }} />}
    </>
  )
}

/** 签章证书: the office's P12 as configured; the admin uploads a new one with its passphrase (never stored). */
export default function SigningCard({ canEdit }: { canEdit: boolean }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ passphrase: string }>()
  const loaded = useLoaded('signing', () => api.settings.signing({}))
  const [saved, setSaved] = useState<SigningCertificate | null>(null)
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const cert = saved ?? (loaded.state === 'ready' ? loaded.value : null)

  const pick = async (f: File) => {
    setFileError(null)
    if (!/\.(p12|pfx)$/i.test(f.name)) return setFileError('请选择 .p12 或 .pfx 格式的证书文件')
    if (f.size > MAX_P12_BYTES) return setFileError('证书文件过大（最大约 1.4 MB）')
    setFile({ name: f.name, base64: await readBase64(f) })
  }

  const submit = async () => {
    if (!file) return setFileError('请先选择证书文件')
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    const r = await api.settings.setSigning({ p12Base64: file.base64, passphrase: v.passphrase })
    setBusy(false)
    if (!r.ok) {
      form.setFields([{ name: 'passphrase', errors: [r.error.message] }])
      return
    }
    setSaved(r.value)
    setFile(null)
    form.resetFields()
    void message.success('签章证书已更新，此后的签章使用新证书')
  }

  return (
    <Card
      title={
        <span>
          <SafetyCertificateOutlined /> 电子签章证书
        </span>
      }
      size="small"
      data-testid="signing-card"
    >
      {loaded.state === 'loading' && !saved && <Skeleton active />}
      {loaded.state === 'error' && !saved && <Alert type="error" showIcon title={loaded.message} />}
      {loaded.state !== 'loading' && !cert && loaded.state !== 'error' && (
        <Alert type="warning" showIcon data-testid="signing-none" title="尚未配置签章证书" description="配置前，主管无法签章，文书只能以草稿出具。" />
      )}
      {cert && <CertificateView cert={cert} />}
      {canEdit && (
        <div className="signing-upload" data-testid="signing-upload">
          <Typography.Title level={5}>{cert ? '更换证书' : '上传证书'}</Typography.Title>
          <Typography.Paragraph type="secondary">
            上传本单位的 P12/PFX 证书文件并输入其口令。口令仅用于打开和核对证书，<Typography.Text strong>系统不保存口令</Typography.Text>；主管每次签章时输入。已签章的文书不受更换影响。
          </Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={() => void submit()} style={{ maxWidth: 460 }}>
            <Form.Item label="证书文件" required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
              <Upload
                accept=".p12,.pfx"
                maxCount={1}
                showUploadList={false}
                beforeUpload={(f) => {
                  void pick(f)
                  return Upload.LIST_IGNORE
                }}
              >
                <Button icon={<UploadOutlined />} data-testid="signing-file">
                  选择证书文件（.p12 / .pfx）
                </Button>
              </Upload>
              {file && (
                <Tag color="blue" style={{ marginInlineStart: 8 }} data-testid="signing-file-name">
                  {file.name}
                </Tag>
              )}
            </Form.Item>
            <Form.Item name="passphrase" label="证书口令" rules={[{ required: true, message: '请输入证书口令' }]}>
              <Input.Password autoComplete="off" data-testid="signing-passphrase" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="signing-submit">
              核对并保存证书
            </Button>
          </Form>
        </div>
      )}
    </Card>
  )
}
