import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, DatePicker, Form, Input, InputNumber, Modal, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { type ReactNode, useEffect } from 'react'
import { type FileMaterialsInput, type MaterialItem, materialTotals } from '../../../../shared/domain/case-types/material-filing'

interface Fields {
  materials: Partial<MaterialItem>[]
  receivedOn: Dayjs
  remarks: string
}

interface Props {
  open: boolean
  /** What the applicant declared: the rows start from it. */
  declared: readonly MaterialItem[]
  busy: boolean
  /** Shown above the form (the case changed underneath it); while present the submit is held. */
  notice?: ReactNode
  /** Resolves true when the action went through (the form is then cleared). */
  onSubmit(input: FileMaterialsInput): Promise<boolean>
  onCancel(): void
}

/**
 * 鉴别归档: the materials as received and identified (the applicant's declaration, corrected row by row),
 * the date received and remarks — what the 档案材料签收回执单 prints. Ctrl+Enter submits.
 */
export default function FileMaterialsModal({ open, declared, busy, notice, onSubmit, onCancel }: Props) {
  const [form] = Form.useForm<Fields>()
  const rows = Form.useWatch('materials', form) ?? []
  const t = materialTotals(rows.map((r) => ({ pages: Number(r?.pages) || 0, copies: Number(r?.copies) || 0 })))

  useEffect(() => {
    if (open && !form.isFieldsTouched()) {
      form.setFieldsValue({ materials: declared.length ? declared.map((m) => ({ ...m })) : [{ name: '', pages: 1, copies: 1 }], receivedOn: dayjs(), remarks: '' })
    }
  }, [open, declared, form])

  const submit = async () => {
    const v = notice ? null : await form.validateFields().catch(() => null)
    if (!v) return
    const ok = await onSubmit({
      materials: v.materials.map((m) => ({ name: String(m.name ?? '').trim(), pages: Number(m.pages), copies: Number(m.copies) })),
      receivedOn: v.receivedOn.format('YYYY-MM-DD'),
      remarks: (v.remarks ?? '').trim()
    })
    if (ok) form.resetFields()
  }

  return (
    <Modal
      open={open}
      width={680}
      title="鉴别归档 — 档案材料签收"
      okText="归档并生成回执单"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ loading: busy, disabled: !!notice, 'data-testid': 'file-materials-submit' }}
      modalRender={(node) => <div data-testid="file-materials-modal">{node}</div>}
      mask={{ closable: false }}
      forceRender
    >
      {notice}
      <Form form={form} layout="vertical" data-testid="file-materials-form" onKeyDown={(e) => e.key === 'Enter' && e.ctrlKey && void submit()}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          按申请人报送的材料逐项核对原件，修改名称、页数、份数；不予归档的材料请删除该行（回执单按此打印）。
        </Typography.Paragraph>
        <div className="material-rows">
          <div className="material-row material-head">
            <span>材料名称</span>
            <span>页数</span>
            <span>份数</span>
            <span />
          </div>
          <Form.List name="materials" rules={[{ validator: async (_, v: unknown[]) => (v?.length ? undefined : Promise.reject(new Error('请至少保留一项材料'))) }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => (
                  <div className="material-row" key={f.key} data-testid="material-row">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]}>
                      <Input maxLength={40} placeholder="如：思想汇报" data-testid={`material-name-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'pages']} rules={[{ required: true, message: '请填写页数' }]}>
                      <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} data-testid={`material-pages-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'copies']} rules={[{ required: true, message: '请填写份数' }]}>
                      <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} data-testid={`material-copies-${i}`} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label="删除此行" onClick={() => remove(f.name)} disabled={fields.length === 1} data-testid={`material-remove-${i}`} />
                  </div>
                ))}
                <Form.ErrorList errors={errors} />
                <div className="material-foot">
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', pages: 1, copies: 1 })} disabled={fields.length >= 50} data-testid="material-add">
                    添加材料
                  </Button>
                  <span data-testid="material-totals">
                    合计 {t.items} 项，{t.pages} 页，{t.copies} 份
                  </span>
                </div>
              </>
            )}
          </Form.List>
        </div>
        <div style={{ display: 'flex', gap: 12, marginTop: 12 }}>
          <Form.Item name="receivedOn" label="签收日期" rules={[{ required: true, message: '请选择签收日期' }]} style={{ width: 200 }}>
            <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="material-date" />
          </Form.Item>
          <Form.Item name="remarks" label="备注（打印在回执单上，可不填）" style={{ flex: 1 }}>
            <Input maxLength={200} placeholder="无" data-testid="material-remarks" />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  )
}
