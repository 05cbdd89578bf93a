import { Card, Descriptions, Tag, Typography } from 'antd'
import type { CaseDetail } from '../../../../shared/api/types'
import type { RefundForm } from '../../../../shared/domain/certification-forms'
import { formatDateTime } from '../../lib/format'
import { dash } from '../forms/common'
import { NARROW_LABEL, yuan } from './labels'
import { CertificationLink } from './RereviewFormView'
import RuleList from './RuleList'

/** 退费: the certification, the reason, where the money goes (bank details or the paying card), and the rules. */
export default function RefundFormView({ detail }: { detail: CaseDetail }) {
  const f = detail.form as Partial<RefundForm>
  const route = detail.ruleChecks?.find((c) => c.key === 'refund_route')
  const pay = detail.certification?.payment
  return (
    <Card size="small" title="退费申请" data-testid="refund-form">
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={NARROW_LABEL}
        items={[
          { key: 'cert', label: '原认证申请', children: <CertificationLink detail={detail} number={f.certificationCaseNumber} /> },
          { key: 'reason', label: '退费原因', children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(f.reason)}</span> },
          ...(pay
            ? [
                {
                  key: 'paid',
                  label: '原缴费',
                  children: (
                    <span>
                      {yuan(pay.amount)}，{formatDateTime(pay.paidAt)}，卡尾号 <span className="mono">{pay.cardTail}</span>
                    </span>
                  )
                }
              ]
            : []),
          {
            key: 'bank',
            label: '退款账户',
            children: f.bank ? (
              <span data-testid="refund-bank">
                {f.bank.accountName} · {f.bank.bankName} · <span className="mono">{f.bank.accountNumber}</span>
              </span>
            ) : (
              <Tag data-testid="refund-bank">退回原支付卡</Tag>
            )
          },
          {
            key: 'route',
            label: '退款方式',
            children: route ? (
              <Typography.Text type={route.outcome === 'fail' ? 'danger' : undefined} data-testid="refund-route">
                {route.detail}
              </Typography.Text>
            ) : (
              dash(null)
            )
          },
          { key: 'submitted', label: '提交时间', children: formatDateTime(detail.submittedAt) }
        ]}
      />
      {detail.ruleChecks && <RuleList checks={detail.ruleChecks.filter((c) => c.key !== 'refund_route')} />}
    </Card>
  )
}
