import { Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { HTMLAttributes } from 'react'
import type { ArchivePage, ArchiveRow } from '../../../../shared/api/archives'
import { guardColumns } from '../errors/guard-columns'
import { ArchiveStatusTag, categoryLabel, holderLabel } from './labels'

interface Props {
  data: ArchivePage | null
  loading: boolean
  selectedId: number | null
  height: number
  onSelect(id: number): void
  onPage(page: number, pageSize: number): void
}

/** Each cell in an error boundary (a record a cell cannot show is a red 无法显示 there, the list goes on). */
const columns: ColumnsType<ArchiveRow> = guardColumns<ArchiveRow>([
  { title: '档案编号', dataIndex: 'archiveNumber', width: 120, render: (v: string | null) => v ?? <Typography.Text type="secondary">未编号</Typography.Text> },
  { title: '姓名', dataIndex: 'name', width: 72 },
  { title: '证件号码', dataIndex: 'idNumber', width: 176, render: (v: string, r) => <span title={r.idType}>{v}</span> },
  { title: '状态', dataIndex: 'status', width: 72, render: (v: ArchiveRow['status']) => <ArchiveStatusTag status={v} /> },
  { title: '存档类别', dataIndex: 'category', width: 84, render: categoryLabel },
  { title: '架位', dataIndex: 'shelfLocation', width: 80, render: (v: string | null) => v ?? '—' },
  { title: '缴费截止', dataIndex: 'feesPaidUntil', width: 80, render: (v: string | null) => v ?? '—' },
  { title: '保管处', key: 'where', ellipsis: { showTitle: true }, render: (_: unknown, r) => holderLabel(r) }
], (r) => r.archiveNumber)

/** 档案查询's results: where each archive is at a glance; a click shows its detail. */
export default function ArchiveResults({ data, loading, selectedId, height, onSelect, onPage }: Props) {
  return (
    <Table<ArchiveRow>
      data-testid="archive-results"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={data?.rows ?? []}
      loading={loading}
      scroll={{ x: 860, y: Math.max(160, height) }}
      locale={{ emptyText: loading ? '正在查询…' : '没有符合条件的档案' }}
      rowClassName={(r) => (r.id === selectedId ? 'archive-row archive-row-selected' : 'archive-row')}
      onRow={(r) =>
        ({
          'data-testid': 'archive-row',
          'data-archive-number': r.archiveNumber ?? '',
          'aria-selected': r.id === selectedId,
          onClick: () => onSelect(r.id)
        }) as HTMLAttributes<HTMLElement>
      }
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 50,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (t) => `共 ${t} 份档案`,
        onChange: onPage,
        size: 'small'
      }}
    />
  )
}
