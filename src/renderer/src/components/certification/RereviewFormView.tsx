import { Card, Descriptions, Typography } from 'antd'
import type { CaseDetail } from '../../../../shared/api/types'
import { REREVIEW_REASONS, type RereviewForm } from '../../../../shared/domain/certification-forms'
import { formatDateTime } from '../../lib/format'
import { dash } from '../forms/common'
import { NARROW_LABEL } from './labels'
import { CaseLink } from './open-case'
import RuleList from './RuleList'

const MAX_SUPPLEMENTS = 50

/** The certification a re-review or refund is about, as a link when the desk knows it. */
export function CertificationLink({ detail, number }: { detail: CaseDetail; number: string | undefined }) {
  if (!number) return <>{dash(null)}</>
  const related = detail.certification?.related.find((r) => r.caseNumber === number)
  return (
    <span>
      <CaseLink id={related?.id ?? null} testId="certification-link">
        <strong className="mono">{number}</strong>
      </CaseLink>
      {related && <Typography.Text type="secondary">（{related.stateLabel}）</Typography.Text>}
    </span>
  )
}

/** 复核: the certification it is about, the reason and its text, the supplements (≤ 50 JPG), and the rules. */
export default function RereviewFormView({ detail }: { detail: CaseDetail }) {
  const f = detail.form as Partial<RereviewForm>
  const supplements = detail.attachments.filter((a) => a.materialCode === 'supplement').length
  return (
    <Card size="small" title="复核申请" data-testid="rereview-form">
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={NARROW_LABEL}
        items={[
          { key: 'cert', label: '原认证申请', children: <CertificationLink detail={detail} number={f.certificationCaseNumber} /> },
          { key: 'reason', label: '复核原因', children: f.reason ? <strong>{REREVIEW_REASONS[f.reason] ?? f.reason}</strong> : dash(null) },
          { key: 'text', label: '原因说明', children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(f.reasonText)}</span> },
          {
            key: 'supplements',
            label: '补充材料',
            children: (
              <span data-testid="rereview-supplements">
                {supplements} / {MAX_SUPPLEMENTS} 张
                {supplements > MAX_SUPPLEMENTS && <Typography.Text type="danger">（超过 {MAX_SUPPLEMENTS} 张上限）</Typography.Text>}
              </span>
            )
          },
          { key: 'submitted', label: '提交时间', children: formatDateTime(detail.submittedAt) }
        ]}
      />
      {detail.ruleChecks && <RuleList checks={detail.ruleChecks} />}
    </Card>
  )
}
