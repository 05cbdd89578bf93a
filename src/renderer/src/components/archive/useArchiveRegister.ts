import { useCallback, useEffect, useRef, useState } from 'react'
import type { Input } from '../../../../shared/api/contract'
import type { ArchiveDetail, ArchivePage } from '../../../../shared/api/archives'
import type { AppError } from '../../../../shared/result'
import { api, events } from '../../api'

export type RegisterFilters = Required<Input<'archives.search'>>

export const DEFAULT_FILTERS: RegisterFilters = { query: '', status: 'all', category: 'all', shelf: '', page: 1, pageSize: 50 }

/**
 * 档案查询's state: the filters, the page of results, the selected archive's detail. A newer search wins
 * over an older one still on the way; a sync round that changed the desk's data refetches what is shown.
 */
export function useArchiveRegister() {
  const [filters, setFilters] = useState<RegisterFilters>(DEFAULT_FILTERS)
  const [data, setData] = useState<ArchivePage | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [detail, setDetail] = useState<ArchiveDetail | null>(null)
  const [detailError, setDetailError] = useState<AppError | null>(null)
  const searchSeq = useRef(0)
  const detailSeq = useRef(0)

  const runSearch = useCallback(async (f: RegisterFilters): Promise<ArchivePage | null> => {
    const seq = ++searchSeq.current
    setLoading(true)
    const r = await api.archives.search(f)
    if (seq !== searchSeq.current) return null
    setLoading(false)
    if (!r.ok) {
      setError(r.error)
      return null
    }
    setError(null)
    setData(r.value)
    return r.value
  }, [])

  const loadDetail = useCallback(async (id: number | null) => {
    const seq = ++detailSeq.current
    if (id === null) return setDetail(null)
    const r = await api.archives.get({ id })
    if (seq !== detailSeq.current) return
    if (r.ok) {
      setDetail(r.value)
      setDetailError(null)
    } else setDetailError(r.error)
  }, [])

  /** New filters (page back to 1 unless given); resolves with the page once it is shown. */
  const update = useCallback(
    (patch: Partial<RegisterFilters>) => {
      const next = { ...filters, page: 1, ...patch }
      setFilters(next)
      return runSearch(next)
    },
    [filters, runSearch]
  )

  const select = useCallback(
    (id: number | null) => {
      setSelectedId(id)
      void loadDetail(id)
    },
    [loadDetail]
  )

  const refresh = useCallback(() => {
    void runSearch(filters)
    void loadDetail(selectedId)
  }, [filters, selectedId, runSearch, loadDetail])

  // A sync round that changed the desk's data shows the new state (the page asks for the first page itself).
  const refreshRef = useRef(refresh)
  useEffect(() => {
    refreshRef.current = refresh
  })
  useEffect(() => {
    let seen: number | null = null
    return events['sync.changed'](({ changes }) => {
      if (seen !== null && changes !== seen) refreshRef.current()
      seen = changes
    })
  }, [])

  return { filters, data, loading, error, selectedId, detail, detailError, update, select, refresh, setDetail }
}

export type ArchiveRegister = ReturnType<typeof useArchiveRegister>
