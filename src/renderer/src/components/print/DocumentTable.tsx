import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { guardColumns } from '../errors/guard-columns'
import type { HTMLAttributes, Key, MouseEvent } from 'react'
import type { DocumentPage, DocumentRow } from '../../../../shared/api/documents'
import { formatDateTime } from '../../lib/format'

export type ListTab = 'draft' | 'issued' | 'void'

interface Props {
  tab: ListTab
  data: DocumentPage | null
  loading: boolean
  selected: number[]
  onSelected(ids: number[]): void
  /** The keyboard cursor (↑/↓; Space/Enter toggle it). */
  cursor: number | null
  onCursor(id: number): void
  onPage(page: number, pageSize: number): void
  onOpenCase(row: DocumentRow): void
  onHistory(row: DocumentRow): void
  onVoid(row: DocumentRow): void
  height: number
}

const stop = (e: MouseEvent) => e.stopPropagation()

const when = (at: string | null, by: string | null) =>
  at ? (
    <span>
      {formatDateTime(at)}
      <br />
      <Typography.Text type="secondary">{by ?? '—'}</Typography.Text>
    </span>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  )

function columns(p: Props): ColumnsType<DocumentRow> {
  const cols: ColumnsType<DocumentRow> = [
    { title: '文书类型', dataIndex: 'docLabel', key: 'docLabel', width: 150 },
    {
      title: '文号',
      dataIndex: 'number',
      key: 'number',
      width: 230,
      render: (v: string, r) => (
        <span className="mono" style={r.status === 'void' ? { textDecoration: 'line-through' } : undefined}>
          {v}
        </span>
      )
    },
    { title: '申请人', dataIndex: 'applicantName', key: 'applicantName', width: 90 },
    {
      title: '业务编号',
      dataIndex: 'caseNumber',
      key: 'caseNumber',
      width: 150,
      render: (v: string, r) => (
        <Tooltip title="打开该业务">
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={(e) => {
              stop(e)
              p.onOpenCase(r)
            }}
            data-testid="doc-open-case"
          >
            {v}
          </Button>
        </Tooltip>
      )
    },
    { title: '出具', key: 'issued', width: 140, render: (_: unknown, r) => when(r.issuedAt, r.issuedBy) }
  ]
  if (p.tab !== 'draft') cols.push({ title: '签章', key: 'signed', width: 140, render: (_: unknown, r) => when(r.signedAt, r.signedBy) })
  if (p.tab === 'issued')
    cols.push({
      title: '打印',
      dataIndex: 'prints',
      key: 'prints',
      width: 80,
      align: 'center',
      render: (n: number) => (n ? <Tag color="cyan">{n} 次</Tag> : <Typography.Text type="secondary">未打印</Typography.Text>)
    })
  if (p.tab === 'void')
    cols.push(
      { title: '作废', dataIndex: 'voidedAt', key: 'voided', width: 140, render: (v: string | null) => formatDateTime(v) },
      { title: '作废原因', dataIndex: 'voidReason', key: 'voidReason', ellipsis: { showTitle: true } }
    )
  cols.push({
    title: '操作',
    key: 'actions',
    width: 130,
    fixed: 'right',
    render: (_: unknown, r) => (
      <Space size={0} onClick={stop}>
        <Button type="link" size="small" onClick={() => p.onHistory(r)} data-testid="doc-history">
          历史
        </Button>
        {r.status !== 'void' && r.status !== 'revoked' && (
          <Button type="link" size="small" danger onClick={() => p.onVoid(r)} data-testid="doc-void">
            作废
          </Button>
        )}
      </Space>
    )
  })
  return cols
}

/** The print console's letters: one page, checkboxes (the header box selects the page), a keyboard cursor. */
export default function DocumentTable(p: Props) {
  const { data, selected, onSelected, cursor, tab } = p
  const selectable = tab !== 'void'
  const toggle = (id: number) => onSelected(selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id])
  return (
    <Table<DocumentRow>
      data-testid="doc-table"
      rowKey="id"
      size="small"
      columns={guardColumns(columns(p), (r) => r.caseNumber)}
      dataSource={data?.rows ?? []}
      loading={p.loading}
      scroll={{ x: 1100, y: Math.max(200, p.height) }}
      locale={{ emptyText: p.loading ? '正在加载…' : tab === 'draft' ? '没有待签章的文书' : tab === 'issued' ? '没有已签章的文书' : '没有已作废的文书' }}
      rowSelection={
        selectable
          ? {
              selectedRowKeys: selected,
              onChange: (keys: Key[]) => onSelected(keys.map(Number)),
              columnWidth: 44,
              getCheckboxProps: (r) => ({ 'aria-label': `选择 ${r.number}`, 'data-testid': 'doc-check' }) as object
            }
          : undefined
      }
      rowClassName={(r) => (r.id === cursor ? 'print-row print-row-cursor' : 'print-row')}
      onRow={(r) =>
        ({
          'data-testid': 'doc-row',
          'data-number': r.number,
          'data-doc-type': r.docType,
          'data-status': r.status,
          'aria-selected': selected.includes(r.id),
          onClick: (e: MouseEvent<HTMLElement>) => {
            p.onCursor(r.id)
            // The checkbox cell toggles itself (antd's onChange).
            if (selectable && !(e.target as HTMLElement).closest('.ant-table-selection-column')) toggle(r.id)
          }
        }) as HTMLAttributes<HTMLElement>
      }
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 50,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (t) => <span data-testid="doc-total">共 {t} 份</span>,
        position: ['bottomRight']
      }}
      onChange={(pg, _f, _s, extra) => {
        if (extra.action === 'paginate') {
          const size = pg.pageSize ?? 50
          p.onPage(size !== (data?.pageSize ?? 50) ? 1 : (pg.current ?? 1), size)
        }
      }}
    />
  )
}
