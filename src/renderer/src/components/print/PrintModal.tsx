import { PrinterOutlined } from '@ant-design/icons'
import { Alert, Form, Input, Modal, Select, Spin, Typography } from 'antd'
import { useState } from 'react'
import type { DocumentRow } from '../../../../shared/api/documents'
import { api } from '../../api'
import { useLoaded } from './useLoaded'

interface Props {
  open: boolean
  rows: DocumentRow[]
  /** Starts the job; an error message to show, or null once started. */
  onPrint(input: { printer: string; reason: string }): Promise<string | null>
  onCancel(): void
}

/**
 * 打印: the printer (or, with none — the browser harness — the merged PDF is saved instead), and for letters
 * printed before, the reason for the reprint (recorded in each letter's history).
 */
export default function PrintModal({ open, rows, onPrint, onCancel }: Props) {
  const [form] = Form.useForm<{ printer?: string; reason?: string }>()
  const printers = useLoaded(open ? 'open' : null, () => api.documents.printers({}))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const reprints = rows.filter((r) => r.prints > 0)
  const list = printers.state === 'ready' ? printers.value : []
  const defaultPrinter = (list.find((p) => p.isDefault) ?? list[0])?.name
  const submit = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values || printers.state === 'loading') return
    setBusy(true)
    setError(null)
    setError(await onPrint({ printer: values.printer ?? '', reason: values.reason?.trim() ?? '' }))
    setBusy(false)
  }

  return (
    <Modal
      open={open}
      title={
        <span>
          <PrinterOutlined /> 打印：{rows.length} 份文书
        </span>
      }
      okText={list.length ? '开始打印' : '生成并保存 PDF'}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={() => {
        setError(null)
        onCancel()
      }}
      okButtonProps={{ loading: busy, disabled: printers.state === 'loading', 'data-testid': 'print-submit' }}
      modalRender={(node) => <div data-testid="print-modal">{node}</div>}
      mask={{ closable: false }}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" preserve={false}>
        {printers.state === 'loading' && <Spin />}
        {printers.state === 'error' && <Alert type="error" showIcon title={printers.message} style={{ marginBottom: 12 }} />}
        {printers.state === 'ready' && list.length > 0 && (
          <Form.Item name="printer" label="打印机" initialValue={defaultPrinter} rules={[{ required: true, message: '请选择打印机' }]}>
            <Select
              options={list.map((p) => ({ value: p.name, label: p.isDefault ? `${p.name}（默认）` : p.name }))}
              data-testid="print-printer"
              aria-label="打印机"
            />
          </Form.Item>
        )}
        {printers.state === 'ready' && !list.length && (
          <Alert
            type="info"
            showIcon
            data-testid="print-no-printer"
            title="未检测到打印机"
            description="当前环境无法直接打印（例如在浏览器中使用）。所选文书将合并为一个 PDF 文件下载保存，可用其他程序打印；本次仍记为打印。"
            style={{ marginBottom: 12 }}
          />
        )}
        {reprints.length > 0 && (
          <>
            <Alert
              type="warning"
              showIcon
              data-testid="print-reprint-notice"
              title={`其中 ${reprints.length} 份此前已打印过，本次为重新打印`}
              description={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {reprints
                    .slice(0, 5)
                    .map((r) => `${r.number}（已打印 ${r.prints} 次）`)
                    .join('、')}
                  {reprints.length > 5 ? ` 等 ${reprints.length} 份` : ''}
                </Typography.Text>
              }
              style={{ marginBottom: 12 }}
            />
            <Form.Item
              name="reason"
              label="重新打印原因（记入文书历史）"
              rules={[
                { required: true, whitespace: true, message: '请填写重新打印的原因' },
                { min: 2, message: '原因至少 2 个字' }
              ]}
            >
              <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 5 }} maxLength={200} showCount data-testid="print-reason" />
            </Form.Item>
          </>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="print-error" />}
    </Modal>
  )
}
