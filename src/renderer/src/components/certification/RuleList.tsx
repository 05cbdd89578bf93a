import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons'
import type { RuleCheck } from '../../../../shared/domain/certificate-rules'

const OUTCOME = {
  pass: { icon: <CheckCircleFilled style={{ color: '#52c41a' }} />, text: '符合' },
  fail: { icon: <CloseCircleFilled style={{ color: '#ff4d4f' }} />, text: '不符合' },
  na: { icon: <MinusCircleOutlined style={{ color: '#bfbfbf' }} />, text: '不适用' }
} as const

/** The rules a re-review or refund is checked against (certification-rules.ts), each with the data it used. */
export default function RuleList({ checks }: { checks: RuleCheck[] }) {
  return (
    <div className="rule-checks cert-rule-checks" data-testid="rule-checks">
      {checks.map((c) => (
        <div key={c.key} className={`rule-check rule-${c.outcome}`} data-testid="rule-check" data-key={c.key} data-outcome={c.outcome}>
          <span className="rule-icon" aria-label={OUTCOME[c.outcome].text}>
            {OUTCOME[c.outcome].icon}
          </span>
          <span className="rule-label">{c.label}</span>
          <span className="rule-detail">{c.outcome === 'fail' && c.staffMessage ? c.staffMessage : c.detail}</span>
        </div>
      ))}
    </div>
  )
}
