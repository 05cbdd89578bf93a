import { Alert, DatePicker, Form, Input, Modal, Radio, Select, Switch, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { type KeyboardEvent, type ReactNode, useEffect } from 'react'
import type { CaseDetail } from '../../../../shared/api/types'
import type { ActionDef, CaseTypeDef } from '../../../../shared/domain/case-type'
import { VERIFICATION_OUTCOMES, VERIFICATION_REASONS } from '../../../../shared/domain/case-types/degree-certification'
import { type DegreeCertificationForm, GREEN_CHANNEL_CONDITIONS } from '../../../../shared/domain/certification-forms'
import { noticeText } from '../../../../shared/domain/workflow'
import { type CertificationFormKind, type Fields, greenChannelOffered, initialFields, toInput } from './action-forms'
import { VERIFICATION_CHANNELS, verificationReasonLabel } from './labels'
import NoticePreview from '../NoticePreview'

interface Props {
  open: boolean
  kind: CertificationFormKind
  def: CaseTypeDef
  name: string
  action: ActionDef
  detail: CaseDetail
  busy: boolean
  /** Shown above the form (the case changed underneath it); while present the submit is held. */
  notice?: ReactNode
  /** Resolves true when the action went through (the form is then reset). */
  onSubmit(input: Record<string, unknown>): Promise<boolean>
  onCancel(): void
}

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }))
const NOTE = (
  <Form.Item name="note" label="备注（仅记入办理记录，可不填）">
    <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} data-testid="cert-note" />
  </Form.Item>
)

/** Enter submits from a plain input; in a text area, a date picker or a dropdown it does what it does there (Ctrl+Enter submits anywhere). */
function submitsOnEnter(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing) return false
  if (e.ctrlKey || e.metaKey) return true
  const t = e.target as HTMLElement
  return t.tagName === 'INPUT' && !t.closest('.ant-select, .ant-picker')
}

function AcceptFields({ detail }: { detail: CaseDetail }) {
  const f = detail.form as Partial<DegreeCertificationForm>
  const wb = detail.certification
  const condition = f.greenChannel ? (GREEN_CHANNEL_CONDITIONS[f.greenChannel] ?? f.greenChannel) : null
  const greenOn = Form.useWatch('greenChannel') as boolean | undefined
  return (
    <>
      <Typography.Paragraph>
        受理后出具<strong>收讫证明</strong>，认证时限开始计算
        {greenOn ? (
          <>
            ：按<strong>绿色通道</strong>时限
          </>
        ) : wb?.timeLimit ? (
          <>
            ：<strong>{wb.timeLimit.workingDays} 个工作日</strong>（{wb.timeLimit.basis}）
          </>
        ) : (
          ''
        )}
        。
      </Typography.Paragraph>
      {wb && wb.duplicates.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`本申请有 ${wb.duplicates.length} 件疑似重复，请先核实`} />}
      {greenChannelOffered(detail) ? (
        <Form.Item name="greenChannel" label="绿色通道" valuePropName="checked" extra={<span data-testid="green-channel-condition">申请人所述条件：{condition}</span>}>
          <Switch checkedChildren="开通" unCheckedChildren="不开通" data-testid="green-channel-switch" />
        </Form.Item>
      ) : condition ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`申请人申请了绿色通道（${condition}），但绿色通道仅适用于博士学位获得者，按普通时限受理`} />
      ) : (
        <Typography.Paragraph type="secondary">申请人未申请绿色通道。</Typography.Paragraph>
      )}
    </>
  )
}

function SendVerificationFields() {
  return (
    <>
      <Form.Item name="reasonCode" label="核查对象类别" rules={[{ required: true, message: '请选择核查对象类别' }]}>
        <Radio.Group options={options(VERIFICATION_REASONS)} data-testid="verification-reason" />
      </Form.Item>
      <Form.Item
        name="recipient"
        label="核查对象（院校或机构名称）"
        rules={[
          { required: true, whitespace: true, message: '请填写核查对象（院校或机构名称）' },
          { min: 2, message: '请填写核查对象（院校或机构名称）' }
        ]}
      >
        <Input maxLength={120} autoFocus data-testid="verification-recipient" />
      </Form.Item>
      <div className="cert-form-row">
        <Form.Item name="channel" label="发送方式" rules={[{ required: true, message: '请选择发送方式' }]}>
          <Select options={options(VERIFICATION_CHANNELS)} data-testid="verification-channel" />
        </Form.Item>
        <Form.Item name="replyDueOn" label="反馈期限" rules={[{ required: true, message: '请选择反馈期限' }]} extra="默认 30 天（约 20 个工作日）">
          <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="verification-due" />
        </Form.Item>
      </div>
      {NOTE}
    </>
  )
}

function VerificationReplyFields({ detail }: { detail: CaseDetail }) {
  const v = detail.certification?.verification
  return (
    <>
      {v && (
        <Typography.Paragraph type="secondary">
          {v.sentOn} 发往 {v.recipient}（{verificationReasonLabel(v.reasonCode)}），反馈期限 {v.replyDueOn}
          {v.overdue && (
            <Tag color="red" style={{ marginLeft: 6 }}>
              核查逾期
            </Tag>
          )}
        </Typography.Paragraph>
      )}
      <Form.Item name="outcome" label="核查结果" rules={[{ required: true, message: '请选择核查结果' }]}>
        <Radio.Group options={options(VERIFICATION_OUTCOMES)} data-testid="verification-outcome-input" />
      </Form.Item>
      {NOTE}
    </>
  )
}

function CertifyFields() {
  return (
    <>
      <Form.Item
        name="equivalence"
        label="对应我国学历学位"
        rules={[
          { required: true, whitespace: true, message: '请填写对应的我国学历学位' },
          { min: 2, message: '请填写对应的我国学历学位' }
        ]}
      >
        <Input maxLength={40} autoFocus data-testid="certify-equivalence" />
      </Form.Item>
      <Form.Item name="opinion" label="认证意见（可不填）" extra="留空则使用认证书标准表述">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={600} showCount placeholder="留空：标准认证意见" data-testid="certify-opinion" />
      </Form.Item>
      {NOTE}
    </>
  )
}

function CodedReasonFields({ codes }: { codes: Record<string, string> }) {
  return (
    <>
      <Form.Item name="reasonCode" label="原因类别" rules={[{ required: true, message: '请选择原因类别' }]}>
        <Select options={options(codes)} placeholder="请选择" data-testid="coded-reason-code" />
      </Form.Item>
      <Form.Item
        name="reason"
        label="具体原因（将告知申请人）"
        rules={[
          { required: true, whitespace: true, message: '请填写具体原因' },
          { min: 2, message: '请填写具体原因' }
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={500} showCount data-testid="coded-reason-text" />
      </Form.Item>
      {NOTE}
    </>
  )
}

function ReportToFields({ detail }: { detail: CaseDetail }) {
  const outputs = detail.employment?.outputs ?? []
  const failed = detail.employment?.eligibility.filter((r) => r.status === 'failed') ?? []
  return (
    <>
      {failed.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-to-ineligible"
          title={`落户条件核验不符合：${failed.map((r) => r.label).join('、')}。请确认已核实材料后再审核通过。`}
        />
      )}
      <Form.Item
        name="reportTo"
        label="报到（接收）单位"
        rules={[
          { required: true, whitespace: true, message: '请填写报到（接收）单位' },
          { min: 2, message: '请填写报到（接收）单位' }
        ]}
      >
        <Input maxLength={100} autoFocus data-testid="report-to" />
      </Form.Item>
      {NOTE}
      {outputs.length > 0 && (
        <Typography.Paragraph type="secondary">
          将出具：
          {outputs.map((o) => (
            <Tag key={o.docType}>{o.label}</Tag>
          ))}
        </Typography.Paragraph>
      )}
    </>
  )
}

/**
 * The certification desk's action forms (受理、发起境外核查、登记核查反馈、出具认证书、暂不认证/不予认证、审核通过):
 * Chinese validation, Enter submits (Ctrl+Enter from a text area), Esc cancels, the applicant's notice previewed.
 * The action's `confirm` is asked by the caller after the form validates.
 */
export default function CertificationActionModal({ open, kind, def, name, action, detail, busy, notice, onSubmit, onCancel }: Props) {
  const [form] = Form.useForm<Fields>()
  const values = Form.useWatch([], form) as Fields | undefined

  useEffect(() => {
    if (open && !form.isFieldsTouched()) form.setFieldsValue(initialFields(kind, detail))
    // Only when it opens: the values typed survive a refresh of the case underneath.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, kind, form])

  const submit = async () => {
    const v = notice ? null : await form.validateFields().catch(() => null)
    if (!v) return
    if (await onSubmit(toInput(kind, v))) form.resetFields()
  }

  const input = values ? toInput(kind, values) : {}
  const reasons = kind === 'coded_reason' && typeof input.reason === 'string' && input.reason ? [{ material: 'general', text: input.reason }] : []
  const preview = noticeText(def, name, input, reasons)

  return (
    <Modal
      open={open}
      title={action.label}
      width={560}
      okText={`确认${action.label}`}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ loading: busy, disabled: !!notice, danger: action.danger, 'data-testid': 'cert-action-submit' }}
      modalRender={(node) => (
        <div data-testid="cert-action-modal" data-kind={kind} data-action={name}>
          {node}
        </div>
      )}
      mask={{ closable: false }}
      forceRender
    >
      {notice}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onKeyDown={(e) => {
          if (submitsOnEnter(e)) {
            e.preventDefault()
            void submit()
          }
        }}
      >
        {kind === 'accept_certification' && <AcceptFields detail={detail} />}
        {kind === 'send_verification' && <SendVerificationFields />}
        {kind === 'verification_reply' && <VerificationReplyFields detail={detail} />}
        {kind === 'certify' && <CertifyFields />}
        {kind === 'coded_reason' && <CodedReasonFields codes={action.reasonCodes ?? {}} />}
        {kind === 'report_to' && <ReportToFields detail={detail} />}
      </Form>
      <NoticePreview text={preview} />
    </Modal>
  )
}
