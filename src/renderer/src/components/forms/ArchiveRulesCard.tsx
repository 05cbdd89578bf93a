import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons'
import { Alert, Card, Descriptions, Tag } from 'antd'
import type { CaseDetail } from '../../../../shared/api/types'
import { caseTypeDef } from '../../../../shared/domain/case-types'
import { ARCHIVE_STATUS_LABEL, CATEGORY_LABEL, firstFailure, type RuleCheck } from '../../../../shared/domain/certificate-rules'
import { dash } from './common'

const STATUS_COLOR = { not_in: 'default', in_storage: 'green', transferred_out: 'orange' } as const

const OUTCOME = {
  pass: { icon: <CheckCircleFilled style={{ color: '#52c41a' }} />, text: '符合' },
  fail: { icon: <CloseCircleFilled style={{ color: '#ff4d4f' }} />, text: '不符合' },
  na: { icon: <MinusCircleOutlined style={{ color: '#bfbfbf' }} />, text: '不适用' }
} as const

/** One rule with its outcome and the data it used (when failed, optionally what the clerk is told instead). */
export function CheckRow({ c, staffWording = false }: { c: RuleCheck; staffWording?: boolean }) {
  const o = OUTCOME[c.outcome]
  return (
    <div className={`rule-check rule-${c.outcome}`} data-testid="rule-check" data-key={c.key} data-outcome={c.outcome}>
      <span className="rule-icon" aria-label={o.text}>
        {o.icon}
      </span>
      <span className="rule-label">{c.label}</span>
      <span className="rule-detail">{staffWording && c.outcome === 'fail' && c.staffMessage ? c.staffMessage : c.detail}</span>
    </div>
  )
}

/**
 * 档案记载与核验: the applicant's archive as the register has it, and the case type's archive rules as they
 * stand now, each passed or failed with the data it used (the desk and the exchange service check the same
 * again before the decision).
 */
export default function ArchiveRulesCard({ detail }: { detail: CaseDetail }) {
  const a = detail.archiveRecord
  const checks = detail.ruleChecks
  const failed = checks ? firstFailure(checks) : undefined
  // The verdict matters while a decision is pending; a finished case shows the checklist as it stands now only.
  const pending = !!caseTypeDef(detail.type)?.states[detail.state]?.open
  return (
    <Card size="small" title="档案记载与核验" data-testid="archive-rules">
      <Descriptions
        size="small"
        column={2}
        bordered
        styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
        items={
          a
            ? [
                { key: 'number', label: '档案编号', children: <span data-testid="archive-record-number">{dash(a.archiveNumber)}</span> },
                { key: 'status', label: '档案状态', children: <Tag color={STATUS_COLOR[a.status]}>{ARCHIVE_STATUS_LABEL[a.status]}</Tag> },
                { key: 'category', label: '存档类别', children: CATEGORY_LABEL[a.category] },
                { key: 'employer', label: '存档单位', children: dash(a.employer) },
                { key: 'fees', label: '缴费截止', children: dash(a.feesPaidUntil) },
                { key: 'dismissal', label: '解聘时间', children: dash(a.dismissalDate) },
                { key: 'shelf', label: '架位', children: <span data-testid="archive-record-shelf">{dash(a.shelfLocation)}</span>, span: 2 }
              ]
            : [{ key: 'none', label: '档案', children: '档案登记中没有此申请人的档案' }]
        }
      />
      {checks && (
        <div className="rule-checks" data-testid="rule-checks">
          {checks.map((c) => (
            <CheckRow key={c.key} c={c} />
          ))}
        </div>
      )}
      {pending && failed && <Alert type="error" showIcon style={{ marginTop: 8 }} data-testid="rule-failure" title={`不符合办理条件：${failed.staffMessage ?? failed.label}`} />}
      {pending && checks && !failed && <Alert type="success" showIcon style={{ marginTop: 8 }} title="各项核验均符合" data-testid="rule-ok" />}
    </Card>
  )
}
