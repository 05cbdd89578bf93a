import { Alert, Form, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import type { ArchiveDetail } from '../../../../shared/api/archives'
import { parseShelf, shelfError } from '../../../../shared/domain/archive'
import { api } from '../../api'

interface Props {
  archive: ArchiveDetail
  open: boolean
  onDone(detail: ArchiveDetail): void
  onCancel(): void
}

/** 移架: the new shelf (区-架-层, checked as typed with the register's own rule), and why. Mounted fresh for each move. */
export default function MoveShelfModal({ archive, open, onDone, onCancel }: Props) {
  const [form] = Form.useForm<{ toShelf: string; note: string }>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const typed = Form.useWatch('toShelf', form) ?? ''
  const canonical = typed && !shelfError(typed) ? parseShelf(typed) : null

  const submit = async () => {
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setBusy(true)
    const r = await api.archives.move({ id: archive.id, toShelf: v.toShelf, note: v.note ?? '' })
    setBusy(false)
    if (r.ok) onDone(r.value)
    else setError(r.error.message)
  }

  return (
    <Modal
      open={open}
      title={archive.shelfLocation ? '移架' : '上架'}
      okText="确认移架"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ loading: busy, 'data-testid': 'move-submit' }}
      modalRender={(node) => <div data-testid="move-modal">{node}</div>}
      destroyOnHidden
    >
      <p>
        档案 {archive.archiveNumber ?? '（未编号）'} {archive.applicant.name}，当前架位：
        <Typography.Text strong>{archive.shelfLocation ?? '未上架'}</Typography.Text>
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="move-error" />}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          name="toShelf"
          label="新架位（区-架-层）"
          extra={canonical ? `将登记为 ${canonical}` : '如 A-03-12：A 区 03 架 12 层'}
          rules={[
            { required: true, whitespace: true, message: '请填写新架位' },
            { validator: (_, v: string) => (!v || !shelfError(v) ? Promise.resolve() : Promise.reject(new Error(shelfError(v)!))) }
          ]}
        >
          <Input maxLength={20} autoFocus placeholder="A-03-12" data-testid="move-shelf" onPressEnter={() => void submit()} />
        </Form.Item>
        <Form.Item name="note" label="备注（原因）">
          <Input maxLength={200} placeholder="如：库房整理" data-testid="move-note" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
