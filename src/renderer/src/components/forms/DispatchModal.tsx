import { DatePicker, Form, Input, Modal, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { type ReactNode, useEffect } from 'react'
import { DISPATCH_CHANNELS, type DispatchInput } from '../../../../shared/domain/case-types/archive-transfer-out'

interface Fields {
  sentOn: Dayjs
  channel: DispatchInput['channel']
  trackingNumber: string
  receivingAgency: string
}

interface Props {
  open: boolean
  /** 接收单位 from the applicant's form (and its 调档函): the default addressee. */
  receivingAgency: string
  busy: boolean
  /** Shown above the form (the case changed underneath it); while present the submit is held. */
  notice?: ReactNode
  /** Resolves true when the action went through (the form is then cleared). */
  onSubmit(input: DispatchInput): Promise<boolean>
  onCancel(): void
}

const CHANNELS = Object.entries(DISPATCH_CHANNELS).map(([value, label]) => ({ value, label }))

/** 档案转递: the archive leaves by 机要 or EMS — date (today by default), channel, tracking number, addressee. */
export default function DispatchModal({ open, receivingAgency, busy, notice, onSubmit, onCancel }: Props) {
  const [form] = Form.useForm<Fields>()

  useEffect(() => {
    if (open && !form.isFieldsTouched()) form.setFieldsValue({ sentOn: dayjs(), channel: 'confidential', receivingAgency })
  }, [open, receivingAgency, form])

  const submit = async () => {
    const v = notice ? null : await form.validateFields().catch(() => null)
    if (!v) return
    const ok = await onSubmit({
      sentOn: v.sentOn.format('YYYY-MM-DD'),
      channel: v.channel,
      trackingNumber: v.trackingNumber.trim(),
      receivingAgency: v.receivingAgency.trim()
    })
    if (ok) form.resetFields()
  }

  return (
    <Modal
      open={open}
      title="档案转递（寄出）"
      okText="登记寄出"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ loading: busy, disabled: !!notice, 'data-testid': 'dispatch-submit' }}
      modalRender={(node) => <div data-testid="dispatch-modal">{node}</div>}
      mask={{ closable: false }}
      forceRender
    >
      {notice}
      <Form form={form} layout="vertical" data-testid="dispatch-form" onKeyDown={(e) => e.key === 'Enter' && e.ctrlKey && void submit()}>
        <Form.Item name="sentOn" label="寄出日期" rules={[{ required: true, message: '请选择寄出日期' }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="dispatch-date" />
        </Form.Item>
        <Form.Item name="channel" label="寄送方式" rules={[{ required: true, message: '请选择寄送方式' }]}>
          <Select options={CHANNELS} data-testid="dispatch-channel" />
        </Form.Item>
        <Form.Item
          name="trackingNumber"
          label="机要/EMS 单号"
          rules={[
            { required: true, whitespace: true, message: '请填写机要/EMS 单号' },
            { min: 4, message: '请填写机要/EMS 单号' }
          ]}
        >
          <Input maxLength={40} autoFocus data-testid="dispatch-tracking" />
        </Form.Item>
        <Form.Item
          name="receivingAgency"
          label="接收单位"
          extra="默认为申请表所填接收单位，请与调档函核对"
          rules={[
            { required: true, whitespace: true, message: '请填写接收单位' },
            { min: 2, message: '请填写接收单位' }
          ]}
        >
          <Input maxLength={100} data-testid="dispatch-agency" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
