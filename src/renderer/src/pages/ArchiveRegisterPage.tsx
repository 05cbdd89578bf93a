import { SearchOutlined } from '@ant-design/icons'
import { Alert, App, Button, Empty, Input, type InputRef, Select } from 'antd'
import { useEffect, useRef, useState } from 'react'
import type { StaffSession } from '../../../shared/api/types'
import { ARCHIVE_CATEGORY_LABEL, ARCHIVE_STATUS_LABEL } from '../../../shared/domain/archive'
import ArchiveDetailPanel from '../components/archive/ArchiveDetailPanel'
import ArchiveResults from '../components/archive/ArchiveResults'
import { useArchiveRegister } from '../components/archive/useArchiveRegister'
import '../components/archive/archive.css'
import { useHotkeys } from '../hooks/useHotkeys'

/** Table header and pagination bar around the scrolling body. */
const TABLE_CHROME_PX = 40 + 56
const TYPING_DELAY_MS = 300

const statusOptions = [{ value: 'all', label: '全部状态' }, ...Object.entries(ARCHIVE_STATUS_LABEL).map(([value, label]) => ({ value, label }))]
const categoryOptions = [{ value: 'all', label: '全部类别' }, ...Object.entries(ARCHIVE_CATEGORY_LABEL).map(([value, label]) => ({ value, label }))]

/**
 * 档案查询 / 档案存储地查询: one search box (archive number, name or ID number; Enter on an exact number opens
 * the archive), filters, the results, and the selected archive's location, record, custody chain and cases.
 */
export default function ArchiveRegisterPage({ onOpenCase }: { staff: StaffSession; onOpenCase(id: string): void }) {
  const { message } = App.useApp()
  const reg = useArchiveRegister()
  const { filters, data, update, select, selectedId } = reg
  const [query, setQuery] = useState('')
  const [shelf, setShelf] = useState('')
  const searchRef = useRef<InputRef>(null)
  const wrapRef = useRef<HTMLDivElement>(null)
  const [height, setHeight] = useState(0)

  // The first page, with the search box focused, on open.
  const { refresh } = reg
  useEffect(() => {
    refresh()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on open
  }, [])
  useEffect(() => {
    searchRef.current?.focus()
    const el = wrapRef.current
    if (!el) return
    const ro = new ResizeObserver(() => setHeight(el.clientHeight))
    ro.observe(el)
    return () => ro.disconnect()
  }, [])

  // Typing searches after a pause; Enter searches at once and opens an exact match.
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined)
  const onType = (patch: { query?: string; shelf?: string }) => {
    clearTimeout(typing.current)
    typing.current = setTimeout(() => void update(patch), TYPING_DELAY_MS)
  }
  const searchNow = async () => {
    clearTimeout(typing.current)
    const page = await update({ query: query.trim(), shelf: shelf.trim() })
    if (page?.exactId != null) select(page.exactId)
    else if (page?.rows.length === 1) select(page.rows[0].id)
  }

  const rows = data?.rows ?? []
  const move = (dir: 1 | -1) => {
    if (!rows.length) return
    const idx = rows.findIndex((r) => r.id === selectedId)
    const next = idx === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, idx + dir))
    select(rows[next].id)
  }
  const focusSearch = () => {
    searchRef.current?.focus()
    searchRef.current?.select()
  }
  useHotkeys({ '/': focusSearch, 'ctrl+f': focusSearch, arrowdown: () => move(1), arrowup: () => move(-1) })

  return (
    <div className="archive-page" data-testid="archive-register">
      <div className="archive-main">
        <div className="archive-toolbar">
          <Input
            ref={searchRef}
            allowClear
            prefix={<SearchOutlined />}
            placeholder="档案编号 / 姓名 / 证件号码，回车打开"
            style={{ width: 320 }}
            value={query}
            maxLength={40}
            onChange={(e) => {
              setQuery(e.target.value)
              onType({ query: e.target.value.trim() })
            }}
            onPressEnter={() => void searchNow()}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault()
                searchRef.current?.blur()
                move(1)
              }
            }}
            data-testid="archive-search"
          />
          <Select value={filters.status} options={statusOptions} style={{ width: 110 }} onChange={(status) => void update({ status })} data-testid="archive-filter-status" />
          <Select value={filters.category} options={categoryOptions} style={{ width: 110 }} onChange={(category) => void update({ category })} data-testid="archive-filter-category" />
          <Input
            allowClear
            placeholder="架位，如 A-03"
            style={{ width: 130 }}
            value={shelf}
            maxLength={20}
            onChange={(e) => {
              setShelf(e.target.value)
              onType({ shelf: e.target.value.trim() })
            }}
            onPressEnter={() => void searchNow()}
            data-testid="archive-filter-shelf"
          />
          <Button type="primary" onClick={() => void searchNow()} data-testid="archive-search-go">
            查询
          </Button>
        </div>
        {reg.error && (
          <Alert type="error" showIcon title={reg.error.message} action={<Button size="small" onClick={reg.refresh}>重试</Button>} />
        )}
        <div className="archive-table-wrap" ref={wrapRef}>
          <ArchiveResults
            data={data}
            loading={reg.loading}
            selectedId={selectedId}
            height={height - TABLE_CHROME_PX}
            onSelect={select}
            onPage={(page, pageSize) => void update({ page, pageSize })}
          />
        </div>
      </div>
      <aside className="archive-side">
        {reg.detailError && <Alert type="error" showIcon title={reg.detailError.message} />}
        {reg.detail && reg.detail.id === selectedId ? (
          <ArchiveDetailPanel
            detail={reg.detail}
            onOpenCase={onOpenCase}
            onChanged={(next, text) => {
              reg.setDetail(next)
              void message.success(text)
              reg.refresh()
            }}
          />
        ) : (
          <div className="archive-side-empty">
            <Empty description="输入档案编号、姓名或证件号码查询，选择一份档案查看存放位置与保管记录" />
          </div>
        )}
      </aside>
    </div>
  )
}
