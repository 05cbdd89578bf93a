import { Card, Descriptions } from 'antd'
import type { CaseDetail } from '../../../../shared/api/types'
import type { ArchiveIntakeForm } from '../../../../shared/domain/case-types/archive-intake'
import { dash, LABEL_STYLE } from './common'

/** 档案接收: the condition it is applied under (household registration or employer location) and the units. */
export default function IntakeFormView({ detail }: { detail: CaseDetail }) {
  const f = detail.form as Partial<ArchiveIntakeForm>
  const byEmployer = detail.subtype === 'employer'
  return (
    <Card size="small" title="档案接收申请">
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={LABEL_STYLE}
        data-testid="intake-form"
        items={[
          { key: 'condition', label: '办理条件', children: byEmployer ? '按现工作单位所在地' : '按户籍地' },
          ...(byEmployer
            ? [
                { key: 'employer', label: '现工作单位', children: dash(f.employerName) },
                { key: 'location', label: '单位所在地', children: dash(f.employerLocation) }
              ]
            : [{ key: 'household', label: '户籍所在市、区', children: f.city || f.district ? `${f.city ?? ''}${f.district ?? ''}` : dash('') }]),
          { key: 'custodianUnit', label: '申请档案保管单位', children: dash(f.custodianUnit) },
          { key: 'holder', label: '现档案所在单位', children: <strong data-testid="form-current-holder">{dash(f.currentHolder)}</strong> },
          { key: 'holderAddress', label: '现档案所在单位地址', children: dash(f.currentHolderAddress) },
          ...(detail.archiveNumber
            ? [{ key: 'archiveNumber', label: '档案编号', children: <strong data-testid="archive-number">{detail.archiveNumber}</strong> }]
            : [])
        ]}
      />
    </Card>
  )
}
