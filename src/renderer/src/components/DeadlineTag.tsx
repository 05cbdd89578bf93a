import { PauseCircleOutlined, WarningOutlined } from '@ant-design/icons'
import { Space, Tag, Tooltip } from 'antd'
import type { Deadline } from '../../../shared/api/types'

/** Remaining working days as a tag: overdue red, due today / tomorrow orange, otherwise plain. */
export function remainingText(remaining: number): { text: string; color?: string } {
  if (remaining < 0) return { text: `超期${-remaining}天`, color: 'red' }
  if (remaining === 0) return { text: '今日到期', color: 'orange' }
  if (remaining === 1) return { text: '剩1个工作日', color: 'orange' }
  return { text: `剩${remaining}个工作日` }
}

interface Props {
  deadline: Deadline
  /** Show the date before the tag. */
  showDate?: boolean
}

export default function DeadlineTag({ deadline, showDate = true }: Props) {
  if (deadline.paused) {
    const p = deadline.paused
    const tip = (
      <div data-testid="deadline-paused-tip">
        <div>{p.label}（自 {p.since} 起暂停）</div>
        <div>剩余 {p.daysLeft ?? '—'} 个工作日</div>
        <div>如今日恢复，预计 {p.expectedOn ?? '—'} 到期</div>
      </div>
    )
    return (
      <Tooltip title={tip}>
        <Tag color="gold" icon={<PauseCircleOutlined />} data-testid="deadline-paused">
          时限暂停{p.daysLeft !== null ? ` · 剩${p.daysLeft}个工作日` : ''}
        </Tag>
      </Tooltip>
    )
  }
  if (deadline.error) {
    return (
      <Space size={4}>
        {showDate && deadline.date && <span>{deadline.date}</span>}
        <Tooltip title={deadline.error}>
          <Tag color="red" icon={<WarningOutlined />} data-testid="deadline-error">
            时限无法计算
          </Tag>
        </Tooltip>
      </Space>
    )
  }
  if (!deadline.date || deadline.remaining === null) return <span className="muted">—</span>
  const { text, color } = remainingText(deadline.remaining)
  return (
    <Space size={4}>
      {showDate && <span style={{ fontVariantNumeric: 'tabular-nums' }}>{deadline.date}</span>}
      <Tooltip title={deadline.label ? `${deadline.label}时限：${deadline.date}` : undefined}>
        <Tag color={color} data-testid="deadline-tag">
          {text}
        </Tag>
      </Tooltip>
    </Space>
  )
}
