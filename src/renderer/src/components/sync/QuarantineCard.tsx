import { ReloadOutlined, WarningOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Space, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import type { QuarantinedItem } from '../../../../shared/api/quarantine-channels'
import { api } from '../../api'
import { useReloadable } from '../../hooks/useReloadable'
import './quarantine.css'

type Decision = 'retry' | 'discard'

const DECISION: Record<Decision, { title: string; ok: string; done: string; text: (i: QuarantinedItem) => string }> = {
  retry: {
    title: '重新发送暂存的操作',
    ok: '确认重新发送',
    done: '已放回发送队列，将随下次同步发送',
    text: (i) =>
      `“${i.label}”将重新排入发送队列${i.held ? `，其后等待的 ${i.held} 项操作随后发送` : ''}。若交换服务仍无法接受，它会再次暂存。`
  },
  discard: {
    title: '放弃暂存的操作',
    ok: '确认放弃',
    done: '已放弃该操作，经办人会收到提醒',
    text: (i) =>
      `“${i.label}”将不再发送，记录保留；它出具的文书将作废、所用编号登记为作废，经办人${i.actorName ? ` ${i.actorName} ` : ''}会收到提醒${i.held ? `；其后等待的 ${i.held} 项操作将照常发送，由交换服务判定` : ''}。`
  }
}

const answerText = (a: QuarantinedItem['answer']) => (a.status === 'rejected' ? `交换服务拒绝：${a.code}` : `HTTP ${a.status} ${a.code}`)

/**
 * 暂存的同步操作 (administrators, desks of an exchange service): the outbox mutations the service could not take,
 * set aside so the rest of the queue moved on (core/sync/quarantine.ts) — each to send again or to give up, with
 * a reason (confirmed, audited).
 */
export default function QuarantineCard() {
  const { message } = App.useApp()
  const list = useReloadable('quarantine', () => api.sync.quarantined({}))
  const [deciding, setDeciding] = useState<{ item: QuarantinedItem; decision: Decision } | null>(null)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm<{ reason: string }>()
  const items = list.value ?? []

  const submit = async () => {
    if (!deciding) return
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    setBusy(true)
    const input = { id: deciding.item.id, reason: values.reason.trim() }
    const r = deciding.decision === 'retry' ? await api.sync.retryQuarantined(input) : await api.sync.discardQuarantined(input)
    setBusy(false)
    if (!r.ok) return void message.error(r.error.message)
    list.update(() => r.value)
    void message.success(DECISION[deciding.decision].done)
    setDeciding(null)
    form.resetFields()
  }

  const c = deciding && DECISION[deciding.decision]
  return (
    <Card
      size="small"
      data-testid="quarantine-card"
      title={
        <Space size={8}>
          <WarningOutlined />
          <span>暂存的同步操作</span>
          {items.length > 0 && <Tag color="orange">{items.length} 项</Tag>}
        </Space>
      }
      extra={<Button size="small" icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading} data-testid="quarantine-reload" aria-label="刷新" />}
    >
      <Typography.Paragraph type="secondary" className="quarantine-intro">
        交换服务无法接受的操作（数据有误，或处理时反复出错）会暂存在这里，其他操作照常发送；同一业务之后的操作随它等待。请核实后重新发送或放弃，并填写原因。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      {list.value && !items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有暂存的操作" />}
      {items.map((item) => (
        <div key={item.id} className="quarantine-item" data-testid="quarantine-item" data-case-number={item.caseNumber ?? ''}>
          <div className="quarantine-head">
            <Space size={8} wrap>
              <Typography.Text strong>{item.caseNumber ?? '（未关联业务）'}</Typography.Text>
              <Tag>{item.label}</Tag>
              <Typography.Text type="secondary">
                {item.actorName ?? '经办人未记录'} · 办理于 {dayjs(item.createdAt).format('MM-DD HH:mm')} · 暂存于 {dayjs(item.quarantinedAt).format('MM-DD HH:mm')}
              </Typography.Text>
            </Space>
          </div>
          <div className="quarantine-reason" data-testid="quarantine-reason">
            {item.reason}
          </div>
          <Space size={8} className="quarantine-foot" wrap>
            <Typography.Text type="secondary" className="quarantine-answer">
              {answerText(item.answer)}
            </Typography.Text>
            {item.held > 0 && <Tag color="gold">其后 {item.held} 项操作等待中</Tag>}
            <Button size="small" type="primary" onClick={() => setDeciding({ item, decision: 'retry' })} data-testid="quarantine-retry">
              重新发送
            </Button>
            <Button size="small" danger onClick={() => setDeciding({ item, decision: 'discard' })} data-testid="quarantine-discard">
              放弃
            </Button>
          </Space>
        </div>
      ))}
      <Modal
        open={!!deciding}
        title={c?.title}
        okText={c?.ok}
        cancelText="取消"
        onOk={() => void submit()}
        onCancel={() => (setDeciding(null), form.resetFields())}
        okButtonProps={{ loading: busy, danger: deciding?.decision === 'discard', 'data-testid': 'quarantine-confirm-ok' }}
        modalRender={(node) => <div data-testid="quarantine-modal">{node}</div>}
        mask={{ closable: false }}
        forceRender
      >
        {deciding && (
          <Typography.Paragraph>
            <Typography.Text strong>{deciding.item.caseNumber ?? '（未关联业务）'}</Typography.Text> {c?.text(deciding.item)}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label="原因（记入管理日志）"
            rules={[
              { required: true, whitespace: true, message: '请填写原因' },
              { min: 2, message: '原因至少 2 个字' },
              { max: 200, message: '原因最多 200 个字' }
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount placeholder="例如：交换服务已修复，重新发送" data-testid="quarantine-reason-input" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
