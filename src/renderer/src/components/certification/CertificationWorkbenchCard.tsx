import { ClockCircleOutlined, PauseCircleOutlined, WarningFilled } from '@ant-design/icons'
import { Alert, Card, Descriptions, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { CaseDetail, CertificationWorkbench, RelatedCaseView } from '../../../../shared/api/types'
import StateTag from '../StateTag'
import { DUPLICATE_KIND, verificationOutcomeLabel, verificationReasonLabel } from './labels'
import { CaseLink } from './open-case'

/** Shown at first; the rest behind 展开. */
const FIRST_DUPLICATES = 3

function Duplicates({ list }: { list: CertificationWorkbench['duplicates'] }) {
  const [all, setAll] = useState(false)
  if (!list.length) return null
  const shown = all ? list : list.slice(0, FIRST_DUPLICATES)
  return (
    <Alert
      type="error"
      showIcon
      icon={<WarningFilled />}
      data-testid="cert-duplicates"
      title={`发现 ${list.length} 件疑似重复申请：材料文件或证书编号与其他申请人相同，请核实后再作结论`}
      description={
        <ul className="cert-dup-list">
          {shown.map((d) => (
            <li key={`${d.kind}-${d.caseId}-${d.detail}`} data-testid="cert-duplicate">
              <Tag color="red">{DUPLICATE_KIND[d.kind] ?? d.kind}</Tag>
              <CaseLink id={d.caseId} testId="cert-duplicate-link">
                {d.caseNumber}
              </CaseLink>{' '}
              <strong>{d.applicantName}</strong> <Typography.Text type="secondary">{d.detail}</Typography.Text>
            </li>
          ))}
          {list.length > shown.length && (
            <li>
              <Typography.Link onClick={() => setAll(true)} data-testid="cert-duplicates-more">
                还有 {list.length - shown.length} 件，展开
              </Typography.Link>
            </li>
          )}
        </ul>
      }
    />
  )
}

function Verification({ v }: { v: NonNullable<CertificationWorkbench['verification']> }) {
  const answered = v.answeredOn !== null
  return (
    <Descriptions
      size="small"
      column={2}
      bordered
      styles={{ label: { width: 84, whiteSpace: 'nowrap' } }}
      data-testid="cert-verification"
      items={[
        { key: 'to', label: '核查对象', span: 2, children: `${v.recipient}（${verificationReasonLabel(v.reasonCode)}）` },
        { key: 'sent', label: '发出日期', children: v.sentOn },
        {
          key: 'due',
          label: '反馈期限',
          children: (
            <span>
              {v.replyDueOn}{' '}
              {v.overdue && !answered && (
                <Tag color="red" data-testid="verification-overdue">
                  核查逾期
                </Tag>
              )}
            </span>
          )
        },
        {
          key: 'reply',
          label: '核查反馈',
          span: 2,
          children: answered ? (
            <span data-testid="verification-outcome">
              {v.answeredOn} 反馈：<strong>{v.outcome ? verificationOutcomeLabel(v.outcome) : '—'}</strong>
            </span>
          ) : (
            <Typography.Text type="warning" data-testid="verification-waiting">
              等待反馈
            </Typography.Text>
          )
        }
      ]}
    />
  )
}

export function RelatedCases({ list }: { list: RelatedCaseView[] }) {
  if (!list.length) return null
  return (
    <div className="cert-related" data-testid="cert-related">
      {list.map((r) => (
        <div key={r.id} className="cert-related-row">
          <Typography.Text type="secondary">{r.typeLabel}</Typography.Text>
          <CaseLink id={r.id} testId="related-case-link">
            {r.caseNumber}
          </CaseLink>
          <StateTag type={r.type} state={r.state} />
        </div>
      ))}
    </div>
  )
}

/**
 * 认证工作台: the clock's length and its basis, duplicates (a warning nobody can miss), the foreign verification
 * and the related cases — beside the form, above it.
 */
export default function CertificationWorkbenchCard({ detail, wb }: { detail: CaseDetail; wb: CertificationWorkbench }) {
  const paused = detail.deadline.paused
  return (
    <Card size="small" title="认证工作台" data-testid="cert-workbench" className="cert-workbench">
      <Duplicates list={wb.duplicates} />
      {(wb.timeLimit || paused) && (
        <div className="cert-facts">
          {wb.timeLimit && (
            <span data-testid="cert-time-limit">
              <ClockCircleOutlined /> {detail.type === 'certification_rereview' ? '复核时限' : '认证时限'}：<strong>{wb.timeLimit.workingDays} 个工作日</strong>
              <Typography.Text type="secondary">（{wb.timeLimit.basis}）</Typography.Text>
            </span>
          )}
          {paused && (
            <span data-testid="cert-paused">
              <PauseCircleOutlined style={{ color: '#d48806' }} /> 自 {paused.since} 起{paused.label}，剩 {paused.daysLeft ?? '—'} 个工作日
            </span>
          )}
        </div>
      )}
      {wb.verification ? (
        <div className="cert-section">
          <div className="cert-section-title">境外核查</div>
          <Verification v={wb.verification} />
        </div>
      ) : null}
      {wb.related.length > 0 && (
        <div className="cert-section">
          <div className="cert-section-title">关联申请</div>
          <RelatedCases list={wb.related} />
        </div>
      )}
    </Card>
  )
}
