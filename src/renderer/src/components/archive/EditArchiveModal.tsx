import { Alert, App, DatePicker, Form, Input, Modal, Radio } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import type { ArchiveDetail } from '../../../../shared/api/archives'
import type { ArchiveCategory } from '../../../../shared/domain/archive'
import { checkArchiveUpdate, describeChanges } from '../../../../shared/domain/archive'
import { api } from '../../api'

interface Fields {
  category: ArchiveCategory
  employer: string
  feesPaidUntil: Dayjs | null
  dismissalDate: Dayjs | null
  note: string
}

interface Props {
  archive: ArchiveDetail
  open: boolean
  onDone(detail: ArchiveDetail): void
  onCancel(): void
}

/** 修改存档信息: category, employer, fees paid up to, dismissal date — the changes are shown for confirmation first. Mounted fresh for each edit. */
export default function EditArchiveModal({ archive, open, onDone, onCancel }: Props) {
  const { modal } = App.useApp()
  const [form] = Form.useForm<Fields>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const category = Form.useWatch('category', form)

  const submit = async () => {
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    const next = {
      category: v.category,
      employer: v.employer?.trim() || null,
      feesPaidUntil: v.feesPaidUntil ? v.feesPaidUntil.format('YYYY-MM') : null,
      dismissalDate: v.dismissalDate ? v.dismissalDate.format('YYYY-MM-DD') : null
    }
    let changes
    try {
      changes = checkArchiveUpdate(archive, next, dayjs().format('YYYY-MM-DD'))
    } catch (e) {
      return setError((e as Error).message)
    }
    if (!changes.length) return setError('存档信息没有变化，无需保存')
    setError(null)
    modal.confirm({
      title: '确认修改存档信息？',
      content: (
        <div data-testid="edit-confirm">
          {describeChanges(changes)
            .split('；')
            .map((line) => (
              <div key={line}>{line}</div>
            ))}
          <div className="muted" style={{ marginTop: 8 }}>
            修改将记入保管记录（修改人、时间）；缴费截止时间和解聘时间用于开具证明的审核。
          </div>
        </div>
      ),
      okText: '确认修改',
      cancelText: '返回',
      okButtonProps: { 'data-testid': 'edit-confirm-ok' },
      onOk: async () => {
        setBusy(true)
        const r = await api.archives.update({ id: archive.id, ...next, note: v.note?.trim() ?? '' })
        setBusy(false)
        if (r.ok) onDone(r.value)
        else setError(r.error.message)
      }
    })
  }

  return (
    <Modal
      open={open}
      title="修改存档信息"
      okText="保存"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ loading: busy, 'data-testid': 'edit-submit' }}
      modalRender={(node) => <div data-testid="edit-modal">{node}</div>}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="edit-error" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          category: archive.category,
          employer: archive.employer ?? '',
          feesPaidUntil: archive.feesPaidUntil ? dayjs(`${archive.feesPaidUntil}-01`) : null,
          dismissalDate: archive.dismissalDate ? dayjs(archive.dismissalDate) : null,
          note: ''
        }}
      >
        <Form.Item name="category" label="存档类别" rules={[{ required: true, message: '请选择存档类别' }]}>
          <Radio.Group data-testid="edit-category">
            <Radio value="individual">个人存档</Radio>
            <Radio value="unit">单位存档</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="employer"
          label="存档单位"
          rules={category === 'unit' ? [{ required: true, whitespace: true, min: 2, message: '单位存档须填写存档单位全称' }] : []}
        >
          <Input maxLength={100} placeholder={category === 'unit' ? '单位全称' : '个人存档可不填'} data-testid="edit-employer" />
        </Form.Item>
        <Form.Item name="feesPaidUntil" label="缴费截止时间">
          <DatePicker picker="month" style={{ width: '100%' }} placeholder="选择月份" data-testid="edit-fees" />
        </Form.Item>
        <Form.Item name="dismissalDate" label="解聘时间">
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} placeholder="未解聘则不填" data-testid="edit-dismissal" />
        </Form.Item>
        <Form.Item name="note" label="修改原因">
          <Input maxLength={200} placeholder="如：单位来函、缴费凭证" data-testid="edit-note" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
