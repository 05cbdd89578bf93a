import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { type ReactNode, useEffect } from 'react'

export interface SignInInput {
  receivedOn: string
  sender: string
  trackingNumber: string
  stubPresent: boolean
}

interface Fields {
  receivedOn: Dayjs
  sender: string
  trackingNumber: string
  stubPresent: boolean
}

interface Props {
  open: boolean
  /** 现档案保管机构 from the form: the expected sender. */
  custodian: string
  /** What the envelope must carry (default 调档通知单下联; an archive intake: 调档函回执联). */
  stubName?: string
  busy: boolean
  /** Shown above the form (the case changed underneath it); while present the submit is held. */
  notice?: ReactNode
  /** Resolves true when the action went through (the form is then cleared). */
  onSubmit(input: SignInInput): Promise<boolean>
  onCancel(): void
}

/** 档案签收: the envelope arrived; record date, sender, tracking number and whether the stub is on it. */
export default function SignInModal({ open, custodian, stubName = '调档通知单下联', busy, notice, onSubmit, onCancel }: Props) {
  const [form] = Form.useForm<Fields>()
  const stub = Form.useWatch('stubPresent', form)

  useEffect(() => {
    if (open && !form.isFieldsTouched()) form.setFieldsValue({ receivedOn: dayjs(), sender: custodian, stubPresent: true })
  }, [open, custodian, form])

  const submit = async () => {
    const v = notice ? null : await form.validateFields().catch(() => null)
    if (!v) return
    const ok = await onSubmit({
      receivedOn: v.receivedOn.format('YYYY-MM-DD'),
      sender: v.sender.trim(),
      trackingNumber: v.trackingNumber.trim(),
      stubPresent: v.stubPresent
    })
    if (ok) form.resetFields()
  }

  return (
    <Modal
      open={open}
      title="档案签收"
      okText={stub === false ? '登记并退回' : '确认签收'}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ loading: busy, disabled: !!notice, danger: stub === false, 'data-testid': 'signin-submit' }}
      modalRender={(node) => <div data-testid="signin-modal">{node}</div>}
      mask={{ closable: false }}
      forceRender
    >
      {notice}
      <Form form={form} layout="vertical" data-testid="signin-form" initialValues={{ stubPresent: true }}>
        <Form.Item name="receivedOn" label="签收日期" rules={[{ required: true, message: '请选择签收日期' }]}>
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            data-testid="signin-date"
          />
        </Form.Item>
        <Form.Item
          name="sender"
          label="寄件单位"
          rules={[
            { required: true, whitespace: true, message: '请填写寄件单位' },
            { min: 2, message: '请填写寄件单位' }
          ]}
        >
          <Input maxLength={100} data-testid="signin-sender" />
        </Form.Item>
        <Form.Item
          name="trackingNumber"
          label="机要/EMS 单号"
          rules={[
            { required: true, whitespace: true, message: '请填写机要/EMS 单号' },
            { min: 4, message: '请填写机要/EMS 单号' }
          ]}
        >
          <Input maxLength={40} autoFocus data-testid="signin-tracking" />
        </Form.Item>
        <Form.Item name="stubPresent" label={`是否附${stubName}`} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value={true} data-testid="signin-stub-yes">
              是
            </Radio>
            <Radio value={false} data-testid="signin-stub-no">
              否
            </Radio>
          </Radio.Group>
        </Form.Item>
        {stub === false && (
          <Alert
            type="warning"
            showIcon
            data-testid="signin-stub-warning"
            title={`未附${stubName}：档案袋将退回寄件单位`}
            description="登记后档案不予签收、退回原寄件单位，业务仍为“待档案寄达”，请通知申请人联系原保管机构按要求重新寄送。"
          />
        )}
      </Form>
    </Modal>
  )
}
