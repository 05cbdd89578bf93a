import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons'
import { Alert, Card, Tag, Typography } from 'antd'
import type { EmploymentWorkbench } from '../../../../shared/api/types'

const STATUS = {
  passed: { icon: <CheckCircleFilled style={{ color: '#52c41a' }} />, text: '通过', color: 'success' },
  failed: { icon: <CloseCircleFilled style={{ color: '#ff4d4f' }} />, text: '不符合', color: 'error' },
  needs_evidence: { icon: <QuestionCircleFilled style={{ color: '#faad14' }} />, text: '需核实材料', color: 'warning' }
} as const

/**
 * 落户条件核验: each condition passed / failed / to be checked in the materials, with the data it used; the
 * review's working days and the letters approval will issue.
 */
export default function EligibilityCard({ wb }: { wb: EmploymentWorkbench }) {
  const failed = wb.eligibility.filter((r) => r.status === 'failed')
  const unsure = wb.eligibility.filter((r) => r.status === 'needs_evidence')
  return (
    <Card
      size="small"
      title="落户条件核验"
      data-testid="eligibility-card"
      extra={
        <Typography.Text type="secondary" data-testid="eligibility-days">
          审核时限 {wb.workingDays} 个工作日
        </Typography.Text>
      }
    >
      {wb.eligibility.length > 0 && (
        <div className="eligibility-rows">
          {wb.eligibility.map((r) => {
            const s = STATUS[r.status]
            return (
              <div key={r.key} className={`eligibility-row eligibility-${r.status}`} data-testid="eligibility-row" data-key={r.key} data-status={r.status}>
                <span className="eligibility-label">{r.label}</span>
                <Tag color={s.color} icon={s.icon} className="eligibility-status">
                  {s.text}
                </Tag>
                <span className="eligibility-data">{r.data}</span>
              </div>
            )
          })}
        </div>
      )}
      {wb.eligibilityNote && <Alert type="info" showIcon title={wb.eligibilityNote} style={{ marginTop: 8 }} data-testid="eligibility-note" />}
      {failed.length > 0 && (
        <Alert type="error" showIcon style={{ marginTop: 8 }} data-testid="eligibility-failed" title={`不符合落户条件：${failed.map((r) => r.label).join('、')}`} />
      )}
      {failed.length === 0 && unsure.length > 0 && (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title={`请对照材料核实：${unsure.map((r) => r.label).join('、')}`} />
      )}
      {wb.eligibility.length > 0 && failed.length === 0 && unsure.length === 0 && <Alert type="success" showIcon style={{ marginTop: 8 }} title="各项条件均符合" />}
      <div className="eligibility-outputs" data-testid="eligibility-outputs">
        <Typography.Text type="secondary">审核通过将出具：</Typography.Text>
        {wb.outputs.length ? wb.outputs.map((o) => <Tag key={o.docType}>{o.label}</Tag>) : <Typography.Text type="secondary">—</Typography.Text>}
      </div>
    </Card>
  )
}
