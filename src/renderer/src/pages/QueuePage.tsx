import { Alert, App, Button, type InputRef, Table } from 'antd'
import type { HTMLAttributes } from 'react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { QueueRow, StaffSession } from '../../../shared/api/types'
import { api } from '../api'
import { guardColumns } from '../components/errors/guard-columns'
import QueueFilters from '../components/QueueFilters'
import { queueColumns } from '../components/queue-columns'
import { useHotkeys } from '../hooks/useHotkeys'
import type { QueueFilters as Filters, QueueState } from '../hooks/useQueue'
import { typeOptionsFor } from '../lib/labels'

/** Table header and pagination bar around the scrolling body. */
const TABLE_CHROME_PX = 40 + 56

interface Props {
  queue: QueueState
  staff: StaffSession
  onOpen(id: string): void
}

/** 工作队列: server-side filtered, sorted and paged; ↑/↓ select, Enter opens, / or Ctrl+F searches. */
export default function QueuePage({ queue, staff, onOpen }: Props) {
  const { message } = App.useApp()
  const { filters, data, loading, error, selectedId, setSelectedId, update, refresh, patchRow } = queue
  const [busyId, setBusyId] = useState<string | null>(null)
  const searchRef = useRef<InputRef>(null)
  const wrapRef = useRef<HTMLDivElement>(null)
  const rows = useMemo(() => data?.rows ?? [], [data])
  const [height, setHeight] = useState(0)

  // The table body scrolls inside the page; header and paging stay in view.
  useEffect(() => {
    const el = wrapRef.current
    if (!el) return
    const ro = new ResizeObserver(() => setHeight(el.clientHeight))
    ro.observe(el)
    return () => ro.disconnect()
  }, [])

  // Coming (back) to the queue shows it as it is now.
  useEffect(() => {
    refresh()
  }, [refresh])

  const select = useCallback(
    (id: string) => {
      setSelectedId(id)
      requestAnimationFrame(() => wrapRef.current?.querySelector(`tr[data-row-key="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' }))
    },
    [setSelectedId]
  )

  const move = (dir: 1 | -1) => {
    if (!rows.length) return
    const idx = rows.findIndex((r) => r.id === selectedId)
    const next = idx === -1 ? (dir === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, idx + dir))
    select(rows[next].id)
  }

  const focusSearch = () => {
    searchRef.current?.focus()
    searchRef.current?.select()
  }

  useHotkeys({
    arrowdown: () => move(1),
    arrowup: () => move(-1),
    enter: () => {
      if (selectedId && rows.some((r) => r.id === selectedId)) onOpen(selectedId)
    },
    '/': focusSearch,
    'ctrl+f': focusSearch,
    pagedown: () => data && (data.totalCapped || data.page * data.pageSize < data.total) && update({ page: filters.page + 1 }),
    pageup: () => filters.page > 1 && update({ page: filters.page - 1 })
  })

  const claimOrRelease = async (row: QueueRow, verb: 'claim' | 'release') => {
    setBusyId(row.id)
    const r = await api.cases[verb]({ id: row.id })
    setBusyId(null)
    if (r.ok) {
      // Not on the page shown: the page was read before the claim (另一筛选 asked for meanwhile) — read it again.
      if (!patchRow(r.value)) refresh()
      void message.success(verb === 'claim' ? `已认领 ${row.caseNumber}` : `已释放 ${row.caseNumber}`)
    } else {
      void message.error(r.error.message)
      refresh()
    }
  }

  // Each cell in an error boundary: a record a cell cannot show is a red 无法显示 there; the queue goes on.
  const columns = guardColumns(
    queueColumns({
      staff,
      filters,
      busyId,
      onClaim: (r) => void claimOrRelease(r, 'claim'),
      onRelease: (r) => void claimOrRelease(r, 'release'),
      onOpen: (r) => onOpen(r.id)
    }),
    (r) => r.caseNumber
  )

  return (
    <div className="queue-page">
      <QueueFilters
        filters={filters}
        total={data?.total ?? null}
        totalCapped={data?.totalCapped ?? false}
        loading={loading}
        update={update}
        refresh={refresh}
        searchRef={searchRef}
        types={typeOptionsFor(staff)}
        onSearchDown={() => {
          searchRef.current?.blur()
          move(1)
        }}
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          action={
            <Button size="small" onClick={refresh}>
              重试
            </Button>
          }
        />
      )}
      <div className="queue-table-wrap" ref={wrapRef}>
        <Table<QueueRow>
          data-testid="queue-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={loading}
          scroll={{ x: 1240, y: Math.max(200, height - TABLE_CHROME_PX) }}
          locale={{ emptyText: loading ? '正在加载…' : '没有符合条件的业务' }}
          rowClassName={(r) => (r.id === selectedId ? 'queue-row queue-row-selected' : 'queue-row')}
          onRow={(r) =>
            ({
              'data-testid': 'queue-row',
              'data-case-number': r.caseNumber,
              'aria-selected': r.id === selectedId,
              onClick: () => {
                setSelectedId(r.id)
                onOpen(r.id)
              }
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            // A capped total (1000+) offers one page beyond what is counted; the next page's answer counts further.
            total: data ? Math.max(data.total, data.totalCapped ? data.page * data.pageSize + 1 : 0) : 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showQuickJumper: true,
            position: ['bottomRight']
          }}
          onChange={(p, _f, sorter, extra) => {
            if (extra.action === 'sort' && !Array.isArray(sorter)) {
              const sort = sorter.columnKey as Filters['sort']
              update({ sort, order: sorter.order === 'descend' ? 'desc' : 'asc' })
            } else if (extra.action === 'paginate') {
              const pageSize = p.pageSize ?? filters.pageSize
              update({ page: pageSize !== filters.pageSize ? 1 : (p.current ?? 1), pageSize })
            }
          }}
        />
      </div>
    </div>
  )
}
