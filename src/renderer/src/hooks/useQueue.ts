import { useCallback, useRef, useState } from 'react'
import type { QueueQuery } from '../../../shared/api/contract'
import type { CaseDetail, QueuePage } from '../../../shared/api/types'
import type { AppError } from '../../../shared/result'
import { api } from '../api'
import { CASE_TYPES } from '../../../shared/domain/case-types'
import type { Role } from '../../../shared/domain/roles'
import type { Access } from '../../../shared/domain/staff'
import { defaultStates, typeOptions, typeOptionsFor } from '../lib/labels'

export type QueueFilters = Required<Omit<QueueQuery, 'page' | 'pageSize'>> & { page: number; pageSize: number }

const firstType = typeOptions[0]?.value
export const DEFAULT_FILTERS: QueueFilters = {
  types: firstType ? [firstType] : [],
  states: defaultStates(firstType ? [firstType] : []),
  assignee: 'all',
  due: 'any',
  search: '',
  page: 1,
  pageSize: 50,
  sort: 'deadline',
  order: 'asc'
}

/**
 * The queue a staff member starts on: the first type their role works on (a reviewer: 学历学位认证) within the
 * account's case-type scopes, else the first type.
 */
export function defaultFilters(who?: Role | Access): QueueFilters {
  const access = typeof who === 'string' ? { role: who, scopes: null } : who
  const offered = access ? typeOptionsFor(access).map((o) => o.value) : []
  const own =
    access &&
    Object.values(CASE_TYPES).find((d) => offered.includes(d.type) && Object.values(d.actions).some((a) => a.roles.includes(access.role)))
  if (!own || own.type === firstType) return DEFAULT_FILTERS
  return { ...DEFAULT_FILTERS, types: [own.type], states: defaultStates([own.type]) }
}

export interface QueueState {
  filters: QueueFilters
  data: QueuePage | null
  loading: boolean
  error: AppError | null
  /** The row highlighted in the table (kept when going to a case and back). */
  selectedId: string | null
  setSelectedId(id: string | null): void
  /** Changes filters; anything but paging goes back to page 1. */
  update(patch: Partial<QueueFilters>): void
  refresh(): void
  /** Puts a claimed/released/changed case into the current page without reloading; false when its row is not on the page shown (it may belong there now). */
  patchRow(detail: CaseDetail): boolean
  /** The case after (`1`) or before (`-1`) `id` in the queue's order, loading the next page when needed. */
  neighbour(id: string, dir: 1 | -1): Promise<string | null>
}

type QueueRow = QueuePage['rows'][number]
const patched = (r: QueueRow, d: CaseDetail): QueueRow => ({ ...r, state: d.state, assignee: d.assignee, version: d.version, deadline: d.deadline })

/** The work queue's filters and current page, held above the pages so "下一件" can walk it. */
export function useQueue(who?: Role | Access): QueueState {
  const [initial] = useState(() => defaultFilters(who))
  const [filters, setFilters] = useState<QueueFilters>(initial)
  const [data, setData] = useState<QueuePage | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const seq = useRef(0)
  /**
   * Rows changed here (a claim, a release) while a page was being loaded, with the load they happened during:
   * that load's answer may have been read before the change, so the change is laid over it (never the other way
   * round — a clerk's claim must not flip back to 未认领 when a search typed just before answers late).
   */
  const patches = useRef(new Map<string, { detail: CaseDetail; during: number }>())
  /** The latest filters and page, for callbacks that must not go stale. */
  const current = useRef<{ filters: QueueFilters; data: QueuePage | null }>({ filters: initial, data: null })

  const load = useCallback(async (f: QueueFilters): Promise<QueuePage | null> => {
    current.current.filters = f
    setFilters(f)
    setLoading(true)
    for (;;) {
      const mine = ++seq.current
      const r = await api.queue.list(f)
      if (mine !== seq.current) return null
      if (!r.ok) {
        setLoading(false)
        setError(r.error)
        return null
      }
      for (const [id, p] of patches.current) if (p.during < mine) patches.current.delete(id) // this answer was read after it
      // A row changed while this page was on its way and missing from it: the page may have been read before the
      // change (a claim, then 我的 at once) — ask once more; that answer is read after it.
      if ([...patches.current.values()].some((p) => !r.value.rows.some((row) => row.id === p.detail.id))) continue
      setLoading(false)
      setError(null)
      const page = { ...r.value, rows: r.value.rows.map((row) => { const p = patches.current.get(row.id); return p && p.detail.version >= row.version ? patched(row, p.detail) : row }) }
      current.current.data = page
      setData(page)
      return page
    }
  }, [])

  const update = useCallback(
    (patch: Partial<QueueFilters>) => {
      const keepsPage = Object.keys(patch).every((k) => k === 'page' || k === 'pageSize')
      void load({ ...current.current.filters, ...(keepsPage ? {} : { page: 1 }), ...patch })
    },
    [load]
  )

  const refresh = useCallback(() => void load(current.current.filters), [load])

  const patchRow = useCallback((d: CaseDetail): boolean => {
    patches.current.set(d.id, { detail: d, during: seq.current })
    setData((page) => page && { ...page, rows: page.rows.map((r) => (r.id === d.id ? patched(r, d) : r)) })
    return !!current.current.data?.rows.some((r) => r.id === d.id)
  }, [])

  const neighbour = useCallback(
    async (id: string, dir: 1 | -1): Promise<string | null> => {
      const { filters: f, data: page } = current.current
      if (!page) return null
      const idx = page.rows.findIndex((r) => r.id === id)
      const target = idx === -1 ? (dir === 1 ? 0 : page.rows.length - 1) : idx + dir
      if (target >= 0 && target < page.rows.length) return page.rows[target].id
      const nextPage = f.page + dir
      if (nextPage < 1 || (nextPage - 1) * f.pageSize >= page.total) return null
      const loaded = await load({ ...f, page: nextPage })
      if (!loaded?.rows.length) return null
      return (dir === 1 ? loaded.rows[0] : loaded.rows[loaded.rows.length - 1]).id
    },
    [load]
  )

  return { filters, data, loading, error, selectedId, setSelectedId, update, refresh, patchRow, neighbour }
}
