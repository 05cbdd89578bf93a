import { ImportOutlined, SearchOutlined } from '@ant-design/icons'
import { Alert, Button, Descriptions, Empty, Input, type InputRef, Select, Space, Table, Tag, Typography } from 'antd'
import { type HTMLAttributes, useEffect, useRef, useState } from 'react'
import { PROGRAMME_KEEPERS } from '../../../shared/api/programmes'
import type { StaffSession } from '../../../shared/api/types'
import {
  type JointProgramme,
  PROGRAMME_LEVEL_LABEL,
  PROGRAMME_LEVELS,
  PROGRAMME_STATUS_LABEL,
  PROGRAMME_STATUSES,
  type ProgrammeLevel,
  type ProgrammePage,
  type ProgrammeStatus
} from '../../../shared/domain/joint-programmes'
import { api } from '../api'
import ImportProgrammesModal from '../components/programmes/ImportProgrammesModal'
import { useHotkeys } from '../hooks/useHotkeys'
import { formatDateTime } from '../lib/format'

const TYPING_DELAY_MS = 250
const PAGE_SIZE = 12

interface Filters {
  query: string
  level: 'all' | ProgrammeLevel
  status: 'all' | ProgrammeStatus
  page: number
}

const levelOptions = [{ value: 'all', label: '全部层次' }, ...PROGRAMME_LEVELS.map((l) => ({ value: l, label: PROGRAMME_LEVEL_LABEL[l] }))]
const statusOptions = [{ value: 'all', label: '全部状态' }, ...PROGRAMME_STATUSES.map((s) => ({ value: s, label: PROGRAMME_STATUS_LABEL[s] }))]

const enrolment = (p: JointProgramme) => (p.enrolmentFrom || p.enrolmentTo ? `${p.enrolmentFrom ?? '—'} 至 ${p.enrolmentTo ?? '今'}` : '—')

function ProgrammeDetail({ p }: { p: JointProgramme }) {
  return (
    <Descriptions size="small" column={2} bordered data-testid="programme-detail" styles={{ label: { width: 110 } }}>
      <Descriptions.Item label="项目编号">
        <Typography.Text className="mono" copyable>
          {p.code}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="状态">
        <Tag color={p.status === 'active' ? 'green' : 'default'}>{PROGRAMME_STATUS_LABEL[p.status]}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label="项目名称" span={2}>
        {p.name}
      </Descriptions.Item>
      <Descriptions.Item label="中方院校">{p.chineseInstitution}</Descriptions.Item>
      <Descriptions.Item label="外方院校">{p.foreignInstitution}</Descriptions.Item>
      <Descriptions.Item label="国家/地区">{p.country}</Descriptions.Item>
      <Descriptions.Item label="层次">{PROGRAMME_LEVEL_LABEL[p.level]}</Descriptions.Item>
      <Descriptions.Item label="批准有效期至">{p.approvedUntil || '—'}</Descriptions.Item>
      <Descriptions.Item label="招生年份">{enrolment(p)}</Descriptions.Item>
    </Descriptions>
  )
}

/**
 * 合作办学项目: the joint-programme register on this desk (works offline): one search box (code, name,
 * Chinese or foreign institution, partial), level and status filters, ↑/↓ to move, details below; a
 * supervisor imports a new register from a CSV file.
 */
export default function ProgrammesPage({ staff }: { staff: StaffSession }) {
  const [filters, setFilters] = useState<Filters>({ query: '', level: 'all', status: 'all', page: 1 })
  const [query, setQuery] = useState('')
  const [data, setData] = useState<ProgrammePage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const [importing, setImporting] = useState(false)
  const searchRef = useRef<InputRef>(null)
  const canImport = PROGRAMME_KEEPERS.includes(staff.role)

  /** Bumped after an import: the same filters are asked again. */
  const [reload, setReload] = useState(0)
  useEffect(() => {
    let live = true
    void api.programmes.search({ ...filters, pageSize: PAGE_SIZE }).then((r) => {
      if (!live) return
      if (!r.ok) {
        setError(r.error.message)
        return
      }
      setError(null)
      setData(r.value)
      setSelected((s) => (r.value.rows.some((p) => p.code === s) ? s : (r.value.rows[0]?.code ?? null)))
    })
    return () => {
      live = false
    }
  }, [filters, reload])
  useEffect(() => searchRef.current?.focus(), [])

  const typing = useRef<ReturnType<typeof setTimeout>>(undefined)
  const onType = (q: string) => {
    setQuery(q)
    clearTimeout(typing.current)
    typing.current = setTimeout(() => setFilters((f) => ({ ...f, query: q.trim(), page: 1 })), TYPING_DELAY_MS)
  }
  const searchNow = () => {
    clearTimeout(typing.current)
    setFilters((f) => ({ ...f, query: query.trim(), page: 1 }))
  }

  const rows = data?.rows ?? []
  const move = (dir: 1 | -1) => {
    if (!rows.length) return
    const idx = rows.findIndex((r) => r.code === selected)
    setSelected(rows[idx === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, idx + dir))].code)
  }
  const focusSearch = () => {
    searchRef.current?.focus()
    searchRef.current?.select()
  }
  useHotkeys({ '/': focusSearch, 'ctrl+f': focusSearch, arrowdown: () => move(1), arrowup: () => move(-1), ...(canImport ? { 'ctrl+i': () => setImporting(true) } : {}) })
  const current = rows.find((r) => r.code === selected) ?? null

  return (
    <div className="programmes-page" data-testid="programmes-page" style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: 16, height: '100%', overflow: 'auto' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            中外合作办学项目
          </Typography.Title>
          <Input
            ref={searchRef}
            allowClear
            prefix={<SearchOutlined />}
            placeholder="项目编号、项目名称或院校（按 / 聚焦）"
            style={{ width: 360 }}
            value={query}
            onChange={(e) => onType(e.target.value)}
            onPressEnter={searchNow}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault()
                move(e.key === 'ArrowDown' ? 1 : -1)
              }
            }}
            data-testid="programme-search"
          />
          <Select value={filters.level} options={levelOptions} style={{ width: 120 }} onChange={(level) => setFilters((f) => ({ ...f, level, page: 1 }))} data-testid="programme-level" />
          <Select value={filters.status} options={statusOptions} style={{ width: 120 }} onChange={(status) => setFilters((f) => ({ ...f, status, page: 1 }))} data-testid="programme-status" />
        </Space>
        <Space>
          <Typography.Text type="secondary" data-testid="programme-register-size">
            名单共 {data?.registerSize ?? 0} 个项目{data?.updatedAt ? `，更新于 ${formatDateTime(data.updatedAt)}` : ''}
          </Typography.Text>
          {canImport && (
            <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="programme-import">
              导入名单（Ctrl+I）
            </Button>
          )}
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<JointProgramme>
        size="small"
        rowKey="code"
        dataSource={rows}
        data-testid="programme-table"
        locale={{ emptyText: <Empty description={data?.registerSize === 0 ? '本机还没有合作办学项目名单' : '没有符合条件的项目'} /> }}
        onRow={(r) => ({
          onClick: () => setSelected(r.code),
          style: { cursor: 'pointer', background: r.code === selected ? 'var(--ant-color-primary-bg, #e6f4ff)' : undefined },
          'data-testid': `programme-row-${r.code}`
        }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: filters.page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 个`,
          onChange: (page) => setFilters((f) => ({ ...f, page }))
        }}
        columns={[
          { title: '项目编号', dataIndex: 'code', width: 190, render: (v: string) => <span className="mono">{v}</span> },
          { title: '项目名称', dataIndex: 'name', ellipsis: true },
          { title: '中方院校', dataIndex: 'chineseInstitution', width: 170 },
          { title: '外方院校', dataIndex: 'foreignInstitution', width: 200, ellipsis: true },
          { title: '国家/地区', dataIndex: 'country', width: 90 },
          { title: '层次', dataIndex: 'level', width: 64, render: (l: ProgrammeLevel) => PROGRAMME_LEVEL_LABEL[l] },
          { title: '批准有效期至', dataIndex: 'approvedUntil', width: 116, render: (v: string) => v || '—' },
          {
            title: '状态',
            dataIndex: 'status',
            width: 96,
            render: (s: ProgrammeStatus) => <Tag color={s === 'active' ? 'green' : 'default'}>{PROGRAMME_STATUS_LABEL[s]}</Tag>
          }
        ]}
      />
      {current && <ProgrammeDetail p={current} />}
      {canImport && (
        <ImportProgrammesModal
          open={importing}
          onClose={() => setImporting(false)}
          onImported={() => setReload((n) => n + 1)}
        />
      )}
    </div>
  )
}
