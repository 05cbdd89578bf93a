import { FilePdfOutlined, PrinterOutlined, ReloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons'
import { Button, Input, Select, Tooltip, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import type { ListTab } from './DocumentTable'
import { docTypeOptions } from './labels'

export interface ListFilters {
  docType: string
  search: string
  page: number
  pageSize: number
}

interface Props {
  tab: ListTab
  filters: ListFilters
  update(patch: Partial<ListFilters>): void
  refresh(): void
  loading: boolean
  selectedCount: number
  onSign(): void
  onPrint(): void
  onMerge(): void
  onClear(): void
}

const SEARCH_DEBOUNCE_MS = 300

/** Filters (type, search), the selection and the actions of the tab, with their keys as hints. */
export default function PrintToolbar({ tab, filters, update, refresh, loading, selectedCount, onSign, onPrint, onMerge, onClear }: Props) {
  const [search, setSearch] = useState(filters.search)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  const onSearch = (value: string) => {
    setSearch(value)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => value.trim() !== filters.search && update({ search: value.trim() }), SEARCH_DEBOUNCE_MS)
  }
  const none = selectedCount === 0

  return (
    <div className="queue-toolbar print-toolbar">
      <Select
        style={{ width: 170 }}
        value={filters.docType}
        options={[{ value: '', label: '全部文书类型' }, ...docTypeOptions]}
        onChange={(v: string) => update({ docType: v })}
        aria-label="文书类型"
        data-testid="doc-filter-type"
      />
      <Input
        style={{ width: 260 }}
        allowClear
        prefix={<SearchOutlined />}
        placeholder="文号 / 申请人 / 业务编号"
        value={search}
        onChange={(e) => onSearch(e.target.value)}
        onPressEnter={() => {
          clearTimeout(timer.current)
          update({ search: search.trim() })
        }}
        aria-label="搜索"
        data-testid="doc-search"
      />
      <Tooltip title="刷新">
        <Button icon={<ReloadOutlined />} onClick={refresh} loading={loading} aria-label="刷新" />
      </Tooltip>
      <span className="spacer" />
      {tab !== 'void' && (
        <Typography.Text data-testid="doc-selected-count" type={none ? 'secondary' : undefined}>
          已选 {selectedCount} 份
          {!none && (
            <Button type="link" size="small" onClick={onClear}>
              清除
            </Button>
          )}
        </Typography.Text>
      )}
      {tab !== 'void' && (
        <Tooltip title={tab === 'draft' ? '合并为一个 PDF 保存，供校对（草稿带水印，不作正式文书）' : '合并为一个 PDF 文件保存'}>
          <Button icon={<FilePdfOutlined />} disabled={none} onClick={onMerge} data-testid="action-merge">
            合并保存
          </Button>
        </Tooltip>
      )}
      {tab === 'draft' && (
        <Tooltip title="快捷键 S">
          <Button type="primary" icon={<SafetyCertificateOutlined />} disabled={none} onClick={onSign} data-testid="action-sign">
            签章{none ? '' : `（${selectedCount}）`}
          </Button>
        </Tooltip>
      )}
      {tab === 'issued' && (
        <Tooltip title="快捷键 P">
          <Button type="primary" icon={<PrinterOutlined />} disabled={none} onClick={onPrint} data-testid="action-print">
            打印{none ? '' : `（${selectedCount}）`}
          </Button>
        </Tooltip>
      )}
      <div className="print-hints muted" data-testid="print-hints">
        {tab === 'void'
          ? '↑/↓ 移动 · H 历史'
          : `↑/↓ 移动 · 空格/Enter 勾选 · Ctrl+A 全选本页 · Esc 取消选择 · H 历史 · ${tab === 'draft' ? 'S 签章' : 'P 打印'}`}
      </div>
    </div>
  )
}
