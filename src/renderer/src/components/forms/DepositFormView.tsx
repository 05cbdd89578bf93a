import { Card, Descriptions, Table, Typography } from 'antd'
import type { ArchiveDepositForm, CaseDetail, CvEntry, OverseasStudy } from '../../../../shared/api/types'
import { BadField, dash, LABEL_STYLE, listOf, period } from './common'

/** 存档申请: the CV, the study abroad, the custodian and the agreement. */
export default function DepositFormView({ detail }: { detail: CaseDetail }) {
  // A form that is not an object (stored before the service checked forms) is read as an empty one.
  const f = (detail.form && typeof detail.form === 'object' ? detail.form : {}) as Partial<ArchiveDepositForm>
  const cv = listOf<CvEntry>(f.cv)
  const overseas = listOf<OverseasStudy>(f.overseas)
  return (
    <>
      <Card size="small" title="国内个人履历（自高中起）">
        {cv === null ? (
          <BadField caseNumber={detail.caseNumber} what="国内个人履历" field="cv" value={f.cv} />
        ) : (
          <Table<CvEntry>
            size="small"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={cv}
            locale={{ emptyText: '未填写' }}
            columns={[
              { title: '起止时间', key: 'period', width: 170, render: (_: unknown, r) => period(r.from, r.to) },
              { title: '学校或单位', dataIndex: 'organisation', key: 'organisation' },
              { title: '学历或职务', dataIndex: 'role', key: 'role', width: 110 }
            ]}
          />
        )}
      </Card>

      <Card size="small" title="国外留学经历">
        {overseas === null ? (
          <BadField caseNumber={detail.caseNumber} what="国外留学经历" field="overseas" value={f.overseas} />
        ) : (
          <Table<OverseasStudy>
            size="small"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={overseas}
            locale={{ emptyText: '未填写' }}
            columns={[
              { title: '起止时间', key: 'period', width: 170, render: (_: unknown, r) => period(r.from, r.to) },
              { title: '院校名称', dataIndex: 'institution', key: 'institution' },
              { title: '学位', dataIndex: 'degree', key: 'degree', width: 70 },
              { title: '认证书编号', dataIndex: 'certificationNumber', key: 'cert', width: 120 }
            ]}
          />
        )}
      </Card>

      <Card size="small" title="档案信息">
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={LABEL_STYLE}
          items={[
            { key: 'custodian', label: '现档案保管机构全称', children: <span data-testid="form-custodian">{dash(f.custodian)}</span> },
            ...(f.custodianAddress ? [{ key: 'address', label: '保管机构地址', children: dash(f.custodianAddress) }] : []),
            ...(detail.archiveNumber
              ? [{ key: 'archiveNumber', label: '档案编号', children: <strong data-testid="archive-number">{detail.archiveNumber}</strong> }]
              : []),
            { key: 'agreement', label: '人事档案调转协议', children: f.agreementAccepted === true ? '已同意' : <Typography.Text type="danger">未同意</Typography.Text> }
          ]}
        />
      </Card>
    </>
  )
}
