import { Form, Input, Modal } from 'antd'
import { type ReactNode, useEffect } from 'react'
import type { ActionDef, CaseTypeDef } from '../../../shared/domain/case-type'
import { noticeText } from '../../../shared/domain/workflow'
import NoticePreview from './NoticePreview'

interface Props {
  open: boolean
  def: CaseTypeDef
  name: string
  action: ActionDef
  busy: boolean
  /** Shown above the form (the case changed underneath it); while present the submit is held. */
  notice?: ReactNode
  /** A reason to start from (e.g. the failed archive rule's wording); the clerk may edit it. */
  initialReason?: string
  /** Resolves true when the action went through (the form is then cleared). */
  onSubmit(input: { reason: string }): Promise<boolean>
  onCancel(): void
}

/** An action that needs one written reason (e.g. 不予受理). */
export default function ReasonModal({ open, def, name, action, busy, notice, initialReason, onSubmit, onCancel }: Props) {
  const [form] = Form.useForm<{ reason: string }>()
  const reason = (Form.useWatch('reason', form) ?? '').trim()
  // What the applicant is told (the reason as the notice's one item), as the case service will record it.
  const preview = reason ? noticeText(def, name, { reason }, [{ material: 'general', text: reason }]) : null

  useEffect(() => {
    if (open && initialReason) form.setFieldsValue({ reason: initialReason })
  }, [open, initialReason, form])

  const submit = async () => {
    const values = notice ? null : await form.validateFields().catch(() => null)
    if (!values) return
    if (await onSubmit({ reason: values.reason.trim() })) form.resetFields()
  }

  return (
    <Modal
      open={open}
      title={action.label}
      okText={`确认${action.label}`}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ loading: busy, disabled: !!notice, danger: action.danger, 'data-testid': 'reason-submit' }}
      modalRender={(node) => <div data-testid="reason-modal">{node}</div>}
      mask={{ closable: false }}
      forceRender
    >
      {notice}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="原因（将告知申请人）"
          rules={[
            { required: true, whitespace: true, message: '请填写原因' },
            { min: 2, message: '原因至少 2 个字' }
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} showCount data-testid="reason-input" />
        </Form.Item>
      </Form>
      <NoticePreview text={preview} />
    </Modal>
  )
}
