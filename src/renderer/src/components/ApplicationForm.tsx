import { Card, Descriptions, Table, Typography } from 'antd'
import type { CaseDetail, CvEntry, OverseasStudy } from '../../../shared/api/types'

const SEX: Record<string, string> = { male: '男', female: '女' }
const dash = (v: string | null | undefined) => (v ? v : <Typography.Text type="secondary">—</Typography.Text>)
const period = (from: string, to: string) => `${from || '?'} 至 ${to || '至今'}`

/** The applicant's form, read-only, with full (unmasked) values for the clerk handling it. */
export default function ApplicationForm({ detail }: { detail: CaseDetail }) {
  const a = detail.applicant
  const f = detail.form
  return (
    <>
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

      <Card size="small" title="国内个人履历（自高中起）">
        <Table<CvEntry>
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={f.cv}
          locale={{ emptyText: '未填写' }}
          columns={[
            { title: '起止时间', key: 'period', width: 170, render: (_: unknown, r) => period(r.from, r.to) },
            { title: '学校或单位', dataIndex: 'organisation', key: 'organisation' },
            { title: '学历或职务', dataIndex: 'role', key: 'role', width: 110 }
          ]}
        />
      </Card>

      <Card size="small" title="国外留学经历">
        <Table<OverseasStudy>
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={f.overseas}
          locale={{ emptyText: '未填写' }}
          columns={[
            { title: '起止时间', key: 'period', width: 170, render: (_: unknown, r) => period(r.from, r.to) },
            { title: '院校名称', dataIndex: 'institution', key: 'institution' },
            { title: '学位', dataIndex: 'degree', key: 'degree', width: 70 },
            { title: '认证书编号', dataIndex: 'certificationNumber', key: 'cert', width: 120 }
          ]}
        />
      </Card>

      <Card size="small" title="档案信息">
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'custodian', label: '现档案保管机构全称', children: <span data-testid="form-custodian">{dash(f.custodian)}</span> },
            ...(f.custodianAddress ? [{ key: 'address', label: '保管机构地址', children: f.custodianAddress }] : []),
            ...(detail.archiveNumber
              ? [{ key: 'archiveNumber', label: '档案编号', children: <strong data-testid="archive-number">{detail.archiveNumber}</strong> }]
              : []),
            { key: 'agreement', label: '人事档案调转协议', children: f.agreementAccepted ? '已同意' : <Typography.Text type="danger">未同意</Typography.Text> }
          ]}
        />
      </Card>
    </>
  )
}
