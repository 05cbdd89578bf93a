import { Card, Table, Typography } from 'antd'
import type { CaseDetail } from '../../../../shared/api/types'
import { type MaterialFilingForm, type MaterialItem, materialTotals } from '../../../../shared/domain/case-types/material-filing'
import ArchiveRulesCard from './ArchiveRulesCard'

/** 档案材料归档: what the applicant declares (names, pages, copies) beside the archive record. */
export default function MaterialFilingFormView({ detail }: { detail: CaseDetail }) {
  const f = detail.form as Partial<MaterialFilingForm>
  const list = f.materials ?? []
  const t = materialTotals(list)
  return (
    <>
      <Card size="small" title="报送的档案材料">
        <Table<MaterialItem>
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={list}
          locale={{ emptyText: '未填写' }}
          data-testid="declared-materials"
          columns={[
            { title: '序号', key: 'n', width: 56, render: (_: unknown, _r, i) => i + 1 },
            { title: '材料名称', dataIndex: 'name', key: 'name' },
            { title: '页数', dataIndex: 'pages', key: 'pages', width: 70, align: 'right' },
            { title: '份数', dataIndex: 'copies', key: 'copies', width: 70, align: 'right' }
          ]}
          summary={() =>
            list.length > 0 && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  合计 {t.items} 项
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {t.pages}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {t.copies}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
        {f.remarks && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>申请人备注：{f.remarks}</Typography.Paragraph>}
      </Card>
      <ArchiveRulesCard detail={detail} />
    </>
  )
}
