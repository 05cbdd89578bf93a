import type { RuleCheck } from '../../../../shared/domain/certificate-rules'
import { CheckRow } from '../forms/ArchiveRulesCard'

/** The rules a re-review or refund is checked against (certification-requests.ts), each with the data it used. */
export default function RuleList({ checks }: { checks: RuleCheck[] }) {
  return (
    <div className="rule-checks cert-rule-checks" data-testid="rule-checks">
      {checks.map((c) => (
        <CheckRow key={c.key} c={c} staffWording />
      ))}
    </div>
  )
}
