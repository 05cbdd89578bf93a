import { Card, Tag, Timeline, Typography } from 'antd'
import type { CaseDetail, CaseEventView } from '../../../shared/api/types'
import { materialsSummary } from '../../../shared/domain/archive-effects'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { DISPATCH_CHANNELS } from '../../../shared/domain/case-types/archive-transfer-out'
import { formatDateTime } from '../lib/format'
import { reasonGroupLabel, stateOf } from '../lib/labels'

/** Labels of the data an event may carry (sign-in details, issued letter, archive number, notice). */
const DATA_LABEL: Record<string, string> = {
  receivedOn: '签收日期',
  sender: '寄件单位',
  trackingNumber: '机要/EMS 单号',
  stubPresent: '附调档通知单下联',
  sentOn: '寄出日期',
  channel: '寄送方式',
  receivingAgency: '接收单位',
  materials: '归档材料',
  remarks: '回执单备注',
  archiveNumber: '档案编号',
  notice: '告知申请人'
}

function dataValue(key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (key === 'channel') return (DISPATCH_CHANNELS as Record<string, string>)[String(value)] ?? String(value)
  if (key === 'materials') return materialsSummary({ materials: value })
  return String(value)
}

function colorOf(e: CaseEventView, type: string): string {
  if (e.data.envelopeReturned) return 'red'
  if (caseTypeDef(type)?.actions[e.action]?.danger) return 'red'
  if (e.action === 'claim' || e.action === 'release') return 'gray'
  return 'blue'
}

function EventBody({ e, type }: { e: CaseEventView; type: string }) {
  const def = caseTypeDef(type)
  const from = e.fromState ? stateOf(type, e.fromState) : null
  const to = e.toState ? stateOf(type, e.toState) : null
  const data = Object.entries(e.data).filter(([k, v]) => Object.hasOwn(DATA_LABEL, k) && v !== '')
  return (
    <div data-testid="history-event" data-action={e.action}>
      <div>
        <strong>{e.actionLabel}</strong>
        <Typography.Text type="secondary"> · {e.actor}</Typography.Text>
        {from && to && from.label !== to.label && (
          <span style={{ marginLeft: 8 }}>
            <Tag color={from.color}>{from.label}</Tag>→ <Tag color={to.color}>{to.label}</Tag>
          </span>
        )}
        {from && to && from.label === to.label && e.data.envelopeReturned === true && (
          <Tag color="red" style={{ marginLeft: 8 }}>
            未附下联，档案袋退回
          </Tag>
        )}
      </div>
      {e.reasons.length > 0 && (
        <ol className="history-reasons">
          {e.reasons.map((r, i) => (
            <li key={i}>
              {r.material !== 'general' && <Typography.Text type="secondary">{reasonGroupLabel(def, r.material)}：</Typography.Text>}
              {r.text}
            </li>
          ))}
        </ol>
      )}
      {e.note && <div>备注：{e.note}</div>}
      {data.map(([k, v]) => (
        <div key={k} className={k === 'notice' ? 'muted' : undefined}>
          {DATA_LABEL[k]}：{dataValue(k, v)}
        </div>
      ))}
    </div>
  )
}

/** 办理记录: every event of the case, oldest first. */
export default function CaseHistory({ detail }: { detail: CaseDetail }) {
  return (
    <Card size="small" title={`办理记录（${detail.events.length}）`}>
      <div data-testid="history-timeline">
        <Timeline
          titleSpan="132px"
          items={detail.events.map((e) => ({
            key: e.id,
            color: colorOf(e, detail.type),
            title: <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(e.at)}</span>,
            content: <EventBody e={e} type={detail.type} />
          }))}
        />
      </div>
    </Card>
  )
}
