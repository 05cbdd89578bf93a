import { Card, Descriptions } from 'antd'
import type { ApplicantView } from '../../../../shared/api/types'
import { dash } from './common'

const SEX: Record<string, string> = { male: '男', female: '女' }

/** 申请人信息, with full (unmasked) values for the clerk handling the case. */
export default function ApplicantCard({ a }: { a: ApplicantView }) {
  return (
    <Card size="small" title="申请人信息" data-testid="application-form">
      <Descriptions
        size="small"
        column={2}
        bordered
        styles={{ label: { width: 118, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'name', label: '姓名', children: <strong data-testid="applicant-name">{a.name}</strong> },
          { key: 'sex', label: '性别', children: SEX[a.sex] ?? a.sex },
          { key: 'idType', label: '证件类型', children: dash(a.idType) },
          { key: 'idNumber', label: '证件号码', children: <span data-testid="applicant-id-number">{a.idNumber}</span> },
          { key: 'birth', label: '出生日期', children: dash(a.birthDate) },
          { key: 'nationality', label: '国籍', children: dash(a.nationality) },
          { key: 'ethnicity', label: '民族', children: dash(a.ethnicity) },
          { key: 'political', label: '政治面貌', children: dash(a.politicalStatus) },
          { key: 'marital', label: '婚姻状况', children: dash(a.maritalStatus) },
          { key: 'fertility', label: '生育状况', children: dash(a.fertilityStatus) },
          { key: 'household', label: '户籍所在地', children: dash(a.householdRegion), span: 2 },
          { key: 'mobile', label: '手机号码', children: dash(a.mobile) },
          { key: 'email', label: '电子邮箱', children: dash(a.email) },
          { key: 'contact', label: '国内联系人', children: a.contactName ? `${a.contactName}  ${a.contactMobile}` : dash('') },
          { key: 'passport', label: '护照号码', children: dash(a.passportNumber) }
        ]}
      />
    </Card>
  )
}
