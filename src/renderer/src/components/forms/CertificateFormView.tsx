import { Card, Descriptions } from 'antd'
import type { CaseDetail } from '../../../../shared/api/types'
import type { CertificateRequestForm } from '../../../../shared/domain/case-types/certificate-request'
import { subtypeLabel } from '../../lib/labels'
import { formatDateTime } from '../../lib/format'
import ArchiveRulesCard from './ArchiveRulesCard'
import { dash, LABEL_STYLE } from './common'

/** 开具证明: the certificate asked for, then seed 003's checklist (存档类别, 缴费截止, 解聘时间, 介绍信, 同类待审核). */
export default function CertificateFormView({ detail }: { detail: CaseDetail }) {
  const f = detail.form as Partial<CertificateRequestForm>
  const resubmitted = detail.events.filter((e) => e.action === 'resubmit').length
  return (
    <>
      <Card size="small" title="证明信申请">
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={LABEL_STYLE}
          items={[
            { key: 'type', label: '证明信类型', children: <strong data-testid="certificate-type">{subtypeLabel(detail.type, detail.subtype)}</strong> },
            { key: 'purpose', label: '用途', children: dash(f.purpose) },
            {
              key: 'submitted',
              label: '提交时间',
              children: `${formatDateTime(detail.submittedAt)}${resubmitted ? `（第 ${resubmitted + 1} 次提交）` : ''}`
            }
          ]}
        />
      </Card>
      <ArchiveRulesCard detail={detail} />
    </>
  )
}
