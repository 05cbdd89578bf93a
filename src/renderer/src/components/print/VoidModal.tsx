import { ExclamationCircleFilled } from '@ant-design/icons'
import { Alert, Descriptions, Form, Input, Modal } from 'antd'
import { useState } from 'react'
import type { DocumentRow } from '../../../../shared/api/documents'
import { DOCUMENT_STATUS } from './labels'

interface Props {
  row: DocumentRow | null
  /** Voids the letter; an error message to show, or null when done. */
  onVoid(row: DocumentRow, reason: string): Promise<string | null>
  onCancel(): void
}

/** 作废 one letter: what it means (the number stays used; the verification page says 作废), a reason, a confirmation. */
export default function VoidModal({ row, onVoid, onCancel }: Props) {
  const [form] = Form.useForm<{ reason: string }>()
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values || !row) return
    setBusy(true)
    const error = await onVoid(row, values.reason.trim())
    setBusy(false)
    if (error) form.setFields([{ name: 'reason', errors: [error] }])
  }

  return (
    <Modal
      open={!!row}
      title={
        <span>
          <ExclamationCircleFilled style={{ color: '#faad14' }} /> 作废文书
        </span>
      }
      okText="确认作废"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'void-submit' }}
      modalRender={(node) => <div data-testid="void-modal">{node}</div>}
      mask={{ closable: false }}
      destroyOnHidden
      width={560}
    >
      {row && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label="文书">
              {row.docLabel}（{DOCUMENT_STATUS[row.status].label}）
            </Descriptions.Item>
            <Descriptions.Item label="文号">
              <span className="mono">{row.number}</span>
            </Descriptions.Item>
            <Descriptions.Item label="申请人 / 业务">
              {row.applicantName} / {row.caseNumber}
            </Descriptions.Item>
          </Descriptions>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="作废后不可恢复"
            description="该文号不会再次使用，文号台账中记为已作废并附原因；持有人在公众核验页面查询时将显示“已作废”。如需重新出具，请在业务中重新办理。"
          />
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item
              name="reason"
              label="作废原因（记入台账，核验页面可见）"
              rules={[
                { required: true, whitespace: true, message: '请填写作废原因' },
                { min: 2, message: '原因至少 2 个字' }
              ]}
            >
              <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 5 }} maxLength={200} showCount data-testid="void-reason" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  )
}
