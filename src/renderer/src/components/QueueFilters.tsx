import { ReloadOutlined, SearchOutlined } from '@ant-design/icons'
import { Button, Input, type InputRef, Segmented, Select, Tooltip } from 'antd'
import { type Ref, useEffect, useRef, useState } from 'react'
import type { QueueFilters as Filters } from '../hooks/useQueue'
import { defaultStates, stateOptions, typeOptions } from '../lib/labels'

type Option = { value: string; label: string }

interface Props {
  filters: Filters
  total: number | null
  /** More cases match than `total` (the count stops at a cap): shown as "共 1000+ 件". */
  totalCapped?: boolean
  loading: boolean
  update(patch: Partial<Filters>): void
  refresh(): void
  searchRef: Ref<InputRef>
  /** ↓ in the search box moves into the table. */
  onSearchDown(): void
  /** The case types offered (an account limited to some types sees only those); default every type. */
  types?: Option[]
}

const ASSIGNEE = [
  { value: 'mine', label: '我的' },
  { value: 'unassigned', label: '未认领' },
  { value: 'all', label: '全部' }
] as const
const DUE = [
  { value: 'any', label: '全部' },
  { value: 'overdue', label: '已超期' },
  { value: 'today', label: '今日到期' },
  { value: 'within3', label: '3个工作日内' }
] as const

const SEARCH_DEBOUNCE_MS = 300

export default function QueueFilters({ filters, total, totalCapped = false, loading, update, refresh, searchRef, onSearchDown, types = typeOptions }: Props) {
  const [search, setSearch] = useState(filters.search)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  const onSearch = (value: string) => {
    setSearch(value)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      if (value.trim() !== filters.search) update({ search: value.trim() })
    }, SEARCH_DEBOUNCE_MS)
  }
  const searchNow = () => {
    clearTimeout(timer.current)
    if (search.trim() !== filters.search) update({ search: search.trim() })
  }

  return (
    <div className="queue-toolbar">
      <Select
        style={{ width: 140 }}
        popupMatchSelectWidth={false}
        value={filters.types[0] ?? ''}
        options={[{ value: '', label: '全部类型' }, ...types]}
        onChange={(v: string) => {
          const types = v ? [v] : []
          update({ types, states: defaultStates(types) })
        }}
        data-testid="filter-type"
        aria-label="业务类型"
      />
      <Select
        mode="multiple"
        allowClear
        style={{ width: 220 }}
        maxTagCount="responsive"
        placeholder="状态（默认：待办状态）"
        value={filters.states}
        options={stateOptions(filters.types)}
        onChange={(states: string[]) => update({ states })}
        data-testid="filter-state"
        aria-label="状态"
      />
      <Segmented
        value={filters.assignee}
        options={[...ASSIGNEE]}
        onChange={(v) => update({ assignee: v as Filters['assignee'] })}
        data-testid="filter-assignee"
      />
      <Segmented value={filters.due} options={[...DUE]} onChange={(v) => update({ due: v as Filters['due'] })} data-testid="filter-due" />
      <Input
        ref={searchRef}
        allowClear
        style={{ width: 240 }}
        prefix={<SearchOutlined />}
        placeholder="姓名/身份证号/手机号/业务编号"
        title="按 / 或 Ctrl+F 聚焦搜索"
        value={search}
        maxLength={40}
        onChange={(e) => onSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') searchNow()
          else if (e.key === 'ArrowDown') {
            e.preventDefault()
            onSearchDown()
          } else if (e.key === 'Escape') (e.target as HTMLInputElement).blur()
        }}
        data-testid="queue-search"
      />
      <span className="spacer" />
      <span data-testid="queue-total">{total === null ? '' : `共 ${total}${totalCapped ? '+' : ''} 件`}</span>
      <Tooltip title="刷新">
        <Button icon={<ReloadOutlined />} loading={loading} onClick={refresh} data-testid="queue-refresh" />
      </Tooltip>
    </div>
  )
}
