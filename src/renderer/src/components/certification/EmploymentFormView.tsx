import { Card, Descriptions, Tag, Typography } from 'antd'
import type { CaseDetail } from '../../../../shared/api/types'
import { daysAbroad } from '../../../../shared/domain/certification-rules'
import { DEGREE_LEVELS, EMPLOYMENT_KINDS, type EmploymentForm, type EmploymentKind } from '../../../../shared/domain/certification-forms'
import { MIN_DAYS_ABROAD } from '../../../../shared/domain/employment-rules'
import { dash } from '../forms/common'
import { NARROW_LABEL } from './labels'
import StaysTable, { type Stay } from './StaysTable'

const PRIOR = { none: '出国前未就业', ended: '已解除劳动关系', ongoing: '劳动关系未解除' } as const
const HUKOU_KIND = { family: '家庭户', collective: '集体户' } as const

/** The stays up to the first return (the eligibility rule's count), or the trips as given when they do not add up. */
function stays(f: Partial<EmploymentForm>): { days: number | null; list: Stay[] } {
  const trips = f.trips ?? []
  if (!f.firstReturnOn) return { days: null, list: trips.map((t) => ({ ...t, days: null })) }
  try {
    const r = daysAbroad(trips, f.firstReturnOn)
    return { days: r.days, list: r.trips }
  } catch {
    return { days: null, list: trips.map((t) => ({ ...t, days: null })) }
  }
}

const yesNo = (v: boolean | null | undefined, yes: string, no: string, unknown = '未核对') =>
  v === true ? <Tag color="green">{yes}</Tag> : v === false ? <Tag>{no}</Tag> : <Typography.Text type="secondary">{unknown}</Typography.Text>

/** 就业报到/落户: the kind, the degree and its certification, time abroad, employment, hukou. */
export default function EmploymentFormView({ detail }: { detail: CaseDetail }) {
  const f = detail.form as Partial<EmploymentForm>
  const s = stays(f)
  return (
    <>
      <Card size="small" title="就业报到申请" data-testid="employment-form">
        <Descriptions
          size="small"
          column={2}
          bordered
          styles={NARROW_LABEL}
          items={[
            { key: 'kind', label: '申请类别', span: 2, children: <strong>{EMPLOYMENT_KINDS[detail.subtype as EmploymentKind] ?? detail.subtype}</strong> },
            { key: 'level', label: '学历层次', children: f.degreeLevel ? (DEGREE_LEVELS[f.degreeLevel] ?? f.degreeLevel) : dash(null) },
            {
              key: 'cert',
              label: '认证书编号',
              children: f.domesticDoctorPostdoc ? <Tag color="purple">国内博士 + 境外博士后</Tag> : <span className="mono">{dash(f.certificationNumber)}</span>
            },
            { key: 'inst', label: '毕业院校', children: dash(f.institution) },
            { key: 'country', label: '国家或地区', children: dash(f.country) },
            { key: 'return', label: '首次回国', children: <span className="mono">{dash(f.firstReturnOn)}</span> },
            {
              key: 'days',
              label: '在外天数',
              children:
                s.days === null ? (
                  dash(null)
                ) : (
                  <Typography.Text strong type={s.days < MIN_DAYS_ABROAD ? 'danger' : undefined} className="mono" data-testid="employment-days-abroad">
                    {s.days} 天{s.days < MIN_DAYS_ABROAD ? `（不足 ${MIN_DAYS_ABROAD} 天）` : ''}
                  </Typography.Text>
                )
            },
            {
              key: 'prior',
              label: '出国前就业',
              span: 2,
              children: f.preDepartureEmployment ? (
                <Typography.Text type={f.preDepartureEmployment === 'ongoing' ? 'danger' : undefined}>{PRIOR[f.preDepartureEmployment]}</Typography.Text>
              ) : (
                dash(null)
              )
            },
            {
              key: 'employer',
              label: '用人单位',
              span: 2,
              children: f.employer ? (
                <span>
                  <strong>{f.employer.name}</strong>
                  <Typography.Text type="secondary">
                    {' '}
                    · {f.employer.city}
                    {f.employer.creditCode ? ` · 统一社会信用代码 ${f.employer.creditCode}` : ''}
                  </Typography.Text>
                </span>
              ) : (
                dash(null)
              )
            },
            { key: 'insurance', label: '社保缴费', children: `${f.socialInsuranceMonths ?? 0} 个月` },
            { key: 'letter', label: '事业编制函', children: yesNo(f.publicInstitutionLetter, '有', '无', '无') },
            { key: 'identity', label: '身份一致', children: yesNo(f.identityConsistent, '一致', '不一致') },
            {
              key: 'hukou',
              label: '户籍',
              children: f.hukou ? `${f.hukou.region}（${HUKOU_KIND[f.hukou.kind] ?? f.hukou.kind}）` : dash(null)
            },
            { key: 'settle', label: '落户地', children: dash(f.settleTo) },
            { key: 'working', label: '户籍地工作', children: yesNo(f.workingAtHukouPlace, '在户籍所在地工作', '否', '否') }
          ]}
        />
      </Card>
      <Card size="small" title="出入境记录（截至首次回国）" data-testid="employment-trips">
        <StaysTable stays={s.list} daysTitle="计入天数" />
      </Card>
    </>
  )
}
