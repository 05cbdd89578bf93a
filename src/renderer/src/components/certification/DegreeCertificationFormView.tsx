import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons'
import { Alert, Card, Descriptions, Table, Tag, Tooltip, Typography } from 'antd'
import type { HTMLAttributes } from 'react'
import type { CaseDetail } from '../../../../shared/api/types'
import { DEGREE_LEVELS, type DegreeCertificationForm, GREEN_CHANNEL_CONDITIONS, STUDY_STAGES } from '../../../../shared/domain/certification-forms'
import { PROGRAMME_STATUS_LABEL, type ProgrammeStatus } from '../../../../shared/domain/joint-programmes'
import { formatDateTime } from '../../lib/format'
import StaysTable, { type Stay } from './StaysTable'
import { dash } from '../forms/common'
import { NARROW_LABEL, REFUND_STATUS, yuan } from './labels'
import { type StudyRow, studyRows } from './study-rows'

function Programme({ detail, code }: { detail: CaseDetail; code: string | null | undefined }) {
  const p = detail.certification?.programme
  if (p === 'missing') {
    return (
      <span data-testid="programme-missing">
        {code} <Tag color="red">未在项目名单中</Tag>
      </span>
    )
  }
  if (p) {
    return (
      <span data-testid="programme">
        <strong>{p.name}</strong>（{p.code}）<br />
        <Typography.Text type="secondary">
          {p.chineseInstitution} × {p.foreignInstitution} · {PROGRAMME_STATUS_LABEL[p.status as ProgrammeStatus] ?? p.status}
        </Typography.Text>
      </span>
    )
  }
  return <>{dash(code)}</>
}

const SEVERITY_ICON = {
  error: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  warning: <ExclamationCircleFilled style={{ color: '#fa8c16' }} />
}

/** 国(境)外学历学位认证: degree, study history with its findings, entry/exit stays, payment, green channel. */
export default function DegreeCertificationFormView({ detail }: { detail: CaseDetail }) {
  const f = detail.form as Partial<DegreeCertificationForm>
  const d = f.degree
  const { rows, findings: local } = studyRows(f.studyHistory ?? [])
  const findings = detail.certification?.studyFindings ?? local
  // Counted on the desk up to the award (certification-workbench.ts).
  const abroad: { days: number | null; stays: Stay[]; error?: string } = detail.certification?.abroad ?? { days: null, stays: [] }
  const pay = detail.certification?.payment ?? (f.payment ? { ...f.payment, refund: 'none' as const } : null)
  const joint = detail.subtype === 'joint_programme'
  return (
    <>
      <Card size="small" title="学位信息" data-testid="degree-info">
        <Descriptions
          size="small"
          column={2}
          bordered
          styles={NARROW_LABEL}
          items={[
            {
              key: 'inst',
              label: '颁证院校',
              span: 2,
              children: (
                <span data-testid="degree-institution">
                  <strong>{dash(d?.institution)}</strong>
                  {d?.institutionEn ? <Typography.Text type="secondary"> / {d.institutionEn}</Typography.Text> : null}
                </span>
              )
            },
            { key: 'country', label: '国家或地区', children: dash(d?.country) },
            { key: 'level', label: '学位层次', children: d ? <Tag color={d.level === 'doctor' ? 'purple' : 'blue'}>{DEGREE_LEVELS[d.level] ?? d.level}</Tag> : dash(null) },
            { key: 'name', label: '学位名称', children: dash(d?.degreeName) },
            { key: 'major', label: '专业', children: dash(d?.major) },
            { key: 'period', label: '学习起止', children: d ? `${d.startOn} 至 ${d.endOn}` : dash(null) },
            { key: 'awarded', label: '授予日期', children: dash(d?.awardedOn) },
            { key: 'diploma', label: '证书编号', span: 2, children: <span className="mono">{dash(d?.diplomaNumber)}</span> },
            ...(joint ? [{ key: 'programme', label: '合作办学项目', span: 2, children: <Programme detail={detail} code={f.programmeCode} /> }] : []),
            {
              key: 'green',
              label: '绿色通道',
              span: 2,
              children: f.greenChannel ? (
                <span data-testid="green-channel-request">
                  <Tag color="green">申请绿色通道</Tag>
                  {GREEN_CHANNEL_CONDITIONS[f.greenChannel] ?? f.greenChannel}
                </span>
              ) : (
                <Typography.Text type="secondary">未申请</Typography.Text>
              )
            }
          ]}
        />
      </Card>

      <Card size="small" title="学习经历（自高中起）" data-testid="study-history">
        <Table<StudyRow>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          locale={{ emptyText: '未填写' }}
          rowClassName={(r) => (r.severity ? `study-row-${r.severity}` : '')}
          onRow={(r) => ({ 'data-testid': 'study-row', 'data-severity': r.severity ?? 'ok' }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: '起止年月',
              key: 'period',
              width: 172,
              render: (_: unknown, r) => (
                <span className="mono" style={{ whiteSpace: 'nowrap' }}>
                  {r.severity && (
                    <Tooltip title={r.notes.join('；')}>
                      <span style={{ marginRight: 4 }}>{SEVERITY_ICON[r.severity]}</span>
                    </Tooltip>
                  )}
                  {r.from} 至 {r.to}
                </span>
              )
            },
            { title: '学校或单位', dataIndex: 'institution', key: 'institution' },
            { title: '国家', dataIndex: 'country', key: 'country', width: 64 },
            { title: '阶段', key: 'stage', width: 96, render: (_: unknown, r) => STUDY_STAGES[r.stage] ?? r.stage },
            { title: '学位', dataIndex: 'degree', key: 'degree', width: 64, render: (v: string) => dash(v) }
          ]}
        />
        {findings.length > 0 ? (
          <div className="study-findings" data-testid="study-findings">
            {findings.map((x, i) => (
              <div key={i} className={`study-finding study-finding-${x.severity}`} data-testid="study-finding" data-kind={x.kind}>
                {SEVERITY_ICON[x.severity]} {x.text}
              </div>
            ))}
          </div>
        ) : (
          rows.length > 0 && (
            <div className="study-findings muted">
              <span>
                <CheckCircleFilled style={{ color: '#52c41a' }} /> 学习经历连续，无空档或重叠
              </span>
            </div>
          )
        )}
      </Card>

      <Card size="small" title="出入境记录" data-testid="trips">
        <StaysTable
          stays={abroad.stays}
          daysTitle="在外天数"
          summary={
            abroad.days !== null && abroad.stays.length > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <strong>在外合计</strong>
                  <Typography.Text type="secondary">（出境当日计入、入境当日不计，截至学位授予日或今日）</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <strong className="mono" data-testid="days-abroad">
                    {abroad.days} 天
                  </strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
        {abroad.error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={`出入境记录有误：${abroad.error}`} data-testid="trips-error" />}
      </Card>

      <Card size="small" title="缴费信息" data-testid="payment">
        <Descriptions
          size="small"
          column={2}
          bordered
          styles={NARROW_LABEL}
          items={
            pay
              ? [
                  { key: 'amount', label: '认证费', children: <strong>{yuan(pay.amount)}</strong> },
                  { key: 'at', label: '支付时间', children: formatDateTime(pay.paidAt) },
                  { key: 'tx', label: '支付流水号', children: <span className="mono">{pay.transactionId}</span> },
                  { key: 'card', label: '银行卡尾号', children: <span className="mono">{pay.cardTail}</span> },
                  {
                    key: 'refund',
                    label: '退费',
                    span: 2,
                    children: <Tag color={REFUND_STATUS[pay.refund]?.color}>{REFUND_STATUS[pay.refund]?.text ?? pay.refund}</Tag>
                  }
                ]
              : [{ key: 'none', label: '认证费', children: '未查到缴费记录' }]
          }
        />
      </Card>
    </>
  )
}
