import { ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useCallback, useMemo, useRef, useState } from 'react'
import type { LedgerRow } from '../../../../shared/api/documents'
import { api } from '../../api'
import { formatDateTime } from '../../lib/format'
import { docTypeOptions, LEDGER_STATUS } from './labels'
import { useElementHeight } from './useElementHeight'
import { useLoaded } from './useLoaded'
import { guardColumns } from '../errors/guard-columns'

/** Numbers that no valid letter carries (each must be explained by its reason). */
const EXCEPTIONS: LedgerRow['status'][] = ['void', 'revoked', 'gap', 'number_void']
const STATUS_ORDER = Object.keys(LEDGER_STATUS) as LedgerRow['status'][]

/** 文号台账: every number of one type and year, with its letter's status, and each gap or void with its reason. */
export default function LedgerView() {
  const wrapRef = useRef<HTMLDivElement>(null)
  const height = useElementHeight(wrapRef) - 40 - 56
  const [docType, setDocType] = useState(docTypeOptions[0].value)
  const [year, setYear] = useState(() => dayjs().year())
  const [onlyExceptions, setOnlyExceptions] = useState(false)
  const [version, setVersion] = useState(0)
  const reload = useCallback(() => setVersion((v) => v + 1), [])
  const loaded = useLoaded(`${docType}:${year}:${version}`, () => api.documents.ledger({ docType, year }))
  const loading = loaded.state === 'loading'
  const error = loaded.state === 'error' ? loaded.message : null
  const ledger = loaded.state === 'ready' ? loaded.value : null

  const rows = useMemo(() => (ledger?.rows ?? []).filter((r) => !onlyExceptions || EXCEPTIONS.includes(r.status)), [ledger, onlyExceptions])
  const counts = useMemo(() => {
    const c = new Map<LedgerRow['status'], number>()
    for (const r of ledger?.rows ?? []) c.set(r.status, (c.get(r.status) ?? 0) + 1)
    return c
  }, [ledger])

  return (
    <div className="print-ledger" data-testid="ledger">
      <div className="queue-toolbar">
        <Select style={{ width: 180 }} value={docType} options={docTypeOptions} onChange={setDocType} aria-label="文书类型" data-testid="ledger-type" />
        <InputNumber
          style={{ width: 110 }}
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
          suffix="年"
          aria-label="年度"
          data-testid="ledger-year"
        />
        <Space size={4}>
          <Switch size="small" checked={onlyExceptions} onChange={setOnlyExceptions} data-testid="ledger-exceptions" />
          <span>只看作废与空号</span>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
          刷新
        </Button>
        <span className="spacer" />
        <Space size={4} wrap data-testid="ledger-counts">
          <Typography.Text type="secondary">共 {ledger?.rows.length ?? 0} 个文号：</Typography.Text>
          {STATUS_ORDER.filter((k) => counts.has(k)).map((status) => (
            <Tag key={status} color={LEDGER_STATUS[status].color}>
              {LEDGER_STATUS[status].label} {counts.get(status)}
            </Tag>
          ))}
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      <div className="queue-table-wrap" ref={wrapRef}>
        <Table<LedgerRow>
          rowKey="serial"
          size="small"
          data-testid="ledger-table"
          dataSource={rows}
          loading={loading}
          scroll={{ y: Math.max(200, height) }}
          locale={{ emptyText: onlyExceptions ? '没有作废或空号' : `${year} 年尚未出具此类文书` }}
          onRow={(r) => ({ 'data-testid': 'ledger-row', 'data-number': r.number, 'data-status': r.status }) as object}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [50, 100, 200], showTotal: (t) => `共 ${t} 条` }}
          columns={guardColumns<LedgerRow>([
            { title: '序号', dataIndex: 'serial', key: 'serial', width: 80 },
            { title: '文号', dataIndex: 'number', key: 'number', width: 240, render: (v: string) => <span className="mono">{v}</span> },
            {
              title: '状态',
              dataIndex: 'status',
              key: 'status',
              width: 100,
              render: (s: LedgerRow['status']) => <Tag color={LEDGER_STATUS[s].color}>{LEDGER_STATUS[s].label}</Tag>
            },
            { title: '业务编号', dataIndex: 'caseNumber', key: 'caseNumber', width: 150, render: (v: string | null) => v ?? '—' },
            { title: '申请人', dataIndex: 'applicantName', key: 'applicantName', width: 100, render: (v: string | null) => v ?? '—' },
            { title: '时间', dataIndex: 'at', key: 'at', width: 150, render: (v: string | null) => formatDateTime(v) },
            { title: '原因 / 说明', dataIndex: 'reason', key: 'reason', render: (v: string | null) => v || '—' }
          ], (r) => r.caseNumber)}
        />
      </div>
    </div>
  )
}
