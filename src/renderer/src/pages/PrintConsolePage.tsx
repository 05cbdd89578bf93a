import { Alert, App, Badge, Button, Tabs } from 'antd'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { DocumentPage, DocumentRow } from '../../../shared/api/documents'
import type { StaffSession } from '../../../shared/api/types'
import { api } from '../api'
import DocumentTable, { type ListTab } from '../components/print/DocumentTable'
import HistoryDrawer from '../components/print/HistoryDrawer'
import JobProgressModal from '../components/print/JobProgressModal'
import LedgerView from '../components/print/LedgerView'
import PrintModal from '../components/print/PrintModal'
import PrintToolbar, { type ListFilters } from '../components/print/PrintToolbar'
import SignModal from '../components/print/SignModal'
import { usePrintConsoleKeys } from '../components/print/usePrintConsoleKeys'
import VoidModal from '../components/print/VoidModal'
import { useHotkeys } from '../hooks/useHotkeys'
import { useJob } from '../hooks/useJob'
import { useElementHeight } from '../components/print/useElementHeight'
import { useJobOutput } from '../components/print/useJobOutput'

type Tab = ListTab | 'ledger'
type Dialog = { kind: 'sign' | 'print' } | { kind: 'void' | 'history'; row: DocumentRow } | null

/** Table header and pagination bar around the scrolling body. */
const TABLE_CHROME_PX = 40 + 56
const FIRST_PAGE: ListFilters = { docType: '', search: '', page: 1, pageSize: 50 }

interface Props {
  staff: StaffSession
  onOpenCase(id: string): void
  /** The desk's change count (a sync round brought letters or changed them): the lists follow it. */
  changes?: number | null
}

/** 签章打印 (supervisors): drafts to sign, signed letters to print or save, voided ones, and the number ledger. */
export default function PrintConsolePage({ onOpenCase, changes = null }: Props) {
  const { message } = App.useApp()
  const [tab, setTab] = useState<Tab>('draft')
  const [filters, setFilters] = useState<ListFilters>(FIRST_PAGE)
  const [version, setVersion] = useState(0)
  const [list, setList] = useState<{ key: string; tab: Tab; data: DocumentPage | null; error: string | null } | null>(null)
  const [counts, setCounts] = useState<{ draft?: number; issued?: number }>({})
  const [selected, setSelected] = useState<number[]>([])
  const [cursor, setCursor] = useState<number | null>(null)
  const [dialog, setDialog] = useState<Dialog>(null)
  const [printer, setPrinter] = useState('')
  const refresh = useCallback(() => setVersion((v) => v + 1), [])
  // A job that ended moved letters between the tabs.
  const job = useJob(refresh)
  const output = useJobOutput(job.job, printer)
  const wrapRef = useRef<HTMLDivElement>(null)
  const height = useElementHeight(wrapRef, [tab]) - TABLE_CHROME_PX

  // The table takes the keys (not the nav button that led here): Space/Enter toggle rows, not that button.
  useEffect(() => {
    if (tab !== 'ledger') wrapRef.current?.focus({ preventScroll: true })
  }, [tab])

  const key = tab === 'ledger' ? null : JSON.stringify([tab, filters, version, changes])
  useEffect(() => {
    if (key === null || tab === 'ledger') return
    let live = true
    void api.documents.list({ status: tab, ...filters }).then((r) => {
      if (!live) return
      setList((was) => ({ key, tab, data: r.ok ? r.value : was?.tab === tab ? was.data : null, error: r.ok ? null : r.error.message }))
      if (!r.ok) return
      setSelected((s) => s.filter((id) => r.value.rows.some((row) => row.id === id)))
      setCursor((c) => (c !== null && r.value.rows.some((row) => row.id === c) ? c : (r.value.rows[0]?.id ?? null)))
    })
    return () => {
      live = false
    }
  }, [key, tab, filters])
  const loading = key !== null && list?.key !== key
  const data = list?.tab === tab ? list.data : null
  const error = list?.key === key ? list.error : null

  // The tabs show how many letters wait to be signed and printed.
  useEffect(() => {
    void Promise.all([api.documents.list({ status: 'draft', pageSize: 1 }), api.documents.list({ status: 'issued', pageSize: 1 })]).then(([d, i]) =>
      setCounts({ draft: d.ok ? d.value.total : undefined, issued: i.ok ? i.value.total : undefined })
    )
  }, [version, changes])

  const rows = useMemo(() => data?.rows ?? [], [data])
  const chosen = rows.filter((r) => selected.includes(r.id))
  const switchTab = (t: Tab) => {
    setTab(t)
    setFilters((f) => ({ ...f, page: 1 }))
    setSelected([])
  }
  const update = (patch: Partial<ListFilters>) => {
    setFilters((f) => ({ ...f, page: 1, ...patch }))
    setSelected([])
  }

  const canSign = tab === 'draft' && chosen.length > 0
  const canPrint = tab === 'issued' && chosen.length > 0
  const cursorRow = rows.find((r) => r.id === cursor) ?? null
  const busy = dialog !== null || job.job !== null

  const moveCursor = (dir: 1 | -1) => {
    if (!rows.length) return
    const i = rows.findIndex((r) => r.id === cursor)
    const next = rows[i === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, i + dir))]
    setCursor(next.id)
    requestAnimationFrame(() => wrapRef.current?.querySelector(`tr[data-row-key="${next.id}"]`)?.scrollIntoView({ block: 'nearest' }))
  }
  usePrintConsoleKeys(
    {
      selectAll: () => setSelected((s) => (rows.length && rows.every((r) => s.includes(r.id)) ? [] : rows.map((r) => r.id))),
      toggleCursor: () => cursor !== null && setSelected((s) => (s.includes(cursor) ? s.filter((id) => id !== cursor) : [...s, cursor]))
    },
    tab !== 'ledger' && tab !== 'void' && !busy
  )
  useHotkeys(
    {
      arrowdown: () => moveCursor(1),
      arrowup: () => moveCursor(-1),
      escape: () => setSelected([]),
      s: () => canSign && setDialog({ kind: 'sign' }),
      p: () => canPrint && setDialog({ kind: 'print' }),
      h: () => cursorRow && setDialog({ kind: 'history', row: cursorRow })
    },
    tab !== 'ledger' && !busy
  )

  const sign = async (passphrase: string) => {
    const r = await api.documents.sign({ ids: chosen.map((r) => r.id), passphrase })
    // Refused before the first letter (a wrong passphrase, an expired certificate): said in the dialog.
    if (r.ok && r.value.state === 'failed' && r.value.done === 0) return r.value.error?.message ?? '签章未能开始'
    const err = await job.start(Promise.resolve(r))
    if (!err) setDialog(null)
    return err
  }
  const print = async (input: { printer: string; reason: string }) => {
    setPrinter(input.printer)
    const err = await job.start(api.documents.print({ ids: chosen.map((r) => r.id), ...input }))
    if (!err) setDialog(null)
    return err
  }
  const merge = async () => {
    setPrinter('')
    const err = await job.start(api.documents.merge({ ids: chosen.map((r) => r.id) }))
    if (err) void message.error(err)
  }
  const voidDoc = async (row: DocumentRow, reason: string) => {
    const r = await api.documents.void({ id: row.id, reason })
    if (!r.ok) return r.error.message
    setDialog(null)
    void message.success(`已作废 ${row.number}`)
    refresh()
    return null
  }

  return (
    <div className="queue-page print-console" data-testid="print-console">
      <Tabs
        className="print-tabs"
        activeKey={tab}
        onChange={(k) => switchTab(k as Tab)}
        items={[
          { key: 'draft', label: <Badge count={counts.draft} offset={[12, -2]} size="small" color="orange">待签章</Badge> },
          { key: 'issued', label: <Badge count={counts.issued} offset={[12, -2]} size="small" color="green">已签章</Badge> },
          { key: 'void', label: '已作废' },
          { key: 'ledger', label: '文号台账' }
        ].map((t) => ({ ...t, label: <span data-testid={`tab-${t.key}`}>{t.label}</span> }))}
      />
      {tab === 'ledger' ? (
        <LedgerView />
      ) : (
        <>
          <PrintToolbar
            tab={tab}
            filters={filters}
            update={update}
            refresh={refresh}
            loading={loading}
            selectedCount={chosen.length}
            onSign={() => setDialog({ kind: 'sign' })}
            onPrint={() => setDialog({ kind: 'print' })}
            onMerge={() => void merge()}
            onClear={() => setSelected([])}
          />
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              action={
                <Button size="small" onClick={refresh}>
                  重试
                </Button>
              }
            />
          )}
          <div className="queue-table-wrap print-table-wrap" ref={wrapRef} tabIndex={-1}>
            <DocumentTable
              tab={tab}
              data={data}
              loading={loading}
              selected={selected}
              onSelected={setSelected}
              cursor={cursor}
              onCursor={setCursor}
              onPage={(page, pageSize) => update({ page, pageSize })}
              onOpenCase={(r) => onOpenCase(r.caseId)}
              onHistory={(r) => setDialog({ kind: 'history', row: r })}
              onVoid={(r) => setDialog({ kind: 'void', row: r })}
              height={height}
            />
          </div>
        </>
      )}
      <SignModal open={dialog?.kind === 'sign'} ids={chosen.map((r) => r.id)} onSign={sign} onCancel={() => setDialog(null)} />
      <PrintModal open={dialog?.kind === 'print'} rows={chosen} onPrint={print} onCancel={() => setDialog(null)} />
      <VoidModal row={dialog?.kind === 'void' ? dialog.row : null} onVoid={voidDoc} onCancel={() => setDialog(null)} />
      <HistoryDrawer doc={dialog?.kind === 'history' ? dialog.row : null} onClose={() => setDialog(null)} />
      <JobProgressModal state={job} printer={printer} onDownload={() => void output.download()} downloading={output.busy} onClose={job.reset} />
    </div>
  )
}
