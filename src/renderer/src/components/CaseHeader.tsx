import { ArrowLeftOutlined, LeftOutlined, LockOutlined, RightOutlined, UnlockOutlined } from '@ant-design/icons'
import { Button, Divider, Space, Tooltip, Typography } from 'antd'
import type { ReactNode } from 'react'
import type { CaseDetail, StaffSession } from '../../../shared/api/types'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { formatDateTime } from '../lib/format'
import { typeLabel } from '../lib/labels'
import DeadlineTag from './DeadlineTag'
import StateTag from './StateTag'

interface Props {
  detail: CaseDetail
  staff: StaffSession
  busy: boolean
  stepping: boolean
  onBack(): void
  onStep(dir: 1 | -1): void
  onClaim(): void
  onRelease(): void
  actions: ReactNode
}

/** Case number, type, state, holder and deadline; claim/release, the actions, and walking the queue. */
export default function CaseHeader({ detail, staff, busy, stepping, onBack, onStep, onClaim, onRelease, actions }: Props) {
  const open = !!caseTypeDef(detail.type)?.states[detail.state]?.open
  const mine = detail.assignee?.id === staff.id
  const canRelease = !!detail.assignee && (mine || staff.role === 'supervisor')
  return (
    <div className="case-header" data-testid="case-header" data-case-number={detail.caseNumber} data-version={detail.version}>
      <div className="case-header-row">
        <Tooltip title="返回工作队列（Esc）">
          <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="back-to-queue">
            工作队列
          </Button>
        </Tooltip>
        <span className="case-number" data-testid="case-number">
          {detail.caseNumber}
        </span>
        <span>{typeLabel(detail.type, detail.subtype)}</span>
        <StateTag type={detail.type} state={detail.state} testId="case-state" />
        {(detail.deadline.date || detail.deadline.error || detail.deadline.paused) && (
          <span data-testid="case-deadline">
            {!detail.deadline.paused && <Typography.Text type="secondary">{detail.deadline.label ?? '办理'}时限 </Typography.Text>}
            <DeadlineTag deadline={detail.deadline} />
          </span>
        )}
        <span className="spacer" />
        <Space.Compact>
          <Tooltip title="上一件">
            <Button icon={<LeftOutlined />} loading={stepping} onClick={() => onStep(-1)} data-testid="prev-case" />
          </Tooltip>
          <Tooltip title="下一件（N）">
            <Button loading={stepping} onClick={() => onStep(1)} data-testid="next-case">
              下一件 <RightOutlined />
            </Button>
          </Tooltip>
        </Space.Compact>
      </div>
      <div className="case-header-row">
        <span data-testid="case-assignee">
          承办人：{detail.assignee ? <strong>{detail.assignee.name}</strong> : <Typography.Text type="secondary">未认领</Typography.Text>}
        </span>
        {!detail.assignee && open && (
          <Button size="small" icon={<LockOutlined />} loading={busy} onClick={onClaim} data-testid="claim-button">
            认领
          </Button>
        )}
        {canRelease && (
          <Button size="small" icon={<UnlockOutlined />} loading={busy} onClick={onRelease} data-testid="release-button">
            释放
          </Button>
        )}
        {detail.assignee && !mine && open && <Typography.Text type="warning">已由他人认领，您只能查看</Typography.Text>}
        {!detail.assignee && open && <Typography.Text type="secondary">认领后即可办理</Typography.Text>}
        <Divider orientation="vertical" />
        <Typography.Text type="secondary">提交于 {formatDateTime(detail.submittedAt)}</Typography.Text>
        <span className="spacer" />
        {actions}
      </div>
    </div>
  )
}
