import { Table, Tag } from 'antd'
import type { ReactNode } from 'react'

export interface Stay {
  exitOn: string
  entryOn: string | null
  days: number | null
}

/** The stays abroad from the entry/exit records: exit, entry (or still abroad), the days that count; an optional total row. */
export default function StaysTable({ stays, daysTitle, summary }: { stays: Stay[]; daysTitle: string; summary?: ReactNode }) {
  return (
    <Table<Stay>
      size="small"
      pagination={false}
      rowKey={(_, i) => String(i)}
      dataSource={stays}
      locale={{ emptyText: '未填写出入境记录' }}
      columns={[
        { title: '出境日期', dataIndex: 'exitOn', key: 'exit', render: (v: string) => <span className="mono">{v}</span> },
        { title: '入境日期', dataIndex: 'entryOn', key: 'entry', render: (v: string | null) => (v ? <span className="mono">{v}</span> : <Tag>尚未入境</Tag>) },
        { title: daysTitle, dataIndex: 'days', key: 'days', width: 100, align: 'right', render: (v: number | null) => <span className="mono">{v ?? '—'}</span> }
      ]}
      summary={summary ? () => summary : undefined}
    />
  )
}
