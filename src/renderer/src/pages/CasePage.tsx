import { App, Button, Result, Spin } from 'antd'
import { type ReactNode, useState } from 'react'
import type { CaseDetail, StaffSession } from '../../../shared/api/types'
import ActionPanel from '../components/ActionPanel'
import ApplicationForm from '../components/ApplicationForm'
import CaseHeader from '../components/CaseHeader'
import CaseWorkbench from '../components/certification/CaseWorkbench'
import { OpenCaseContext } from '../components/certification/open-case'
import CaseHistory from '../components/CaseHistory'
import DocumentList from '../components/DocumentList'
import DocumentViewer from '../components/DocumentViewer'
import ErrorBoundary from '../components/errors/ErrorBoundary'
import { useCase } from '../hooks/useCase'
import { type DocRef, sameDoc, useFiles } from '../hooks/useFiles'
import { useHotkeys } from '../hooks/useHotkeys'
import type { QueueState } from '../hooks/useQueue'

interface Props {
  id: string
  staff: StaffSession
  queue: QueueState
  /** The desk's change count (`useSyncStatus`): the case is fetched again when it moves. */
  changes: number | null
  onOpen(id: string): void
  onBack(): void
}

/** Everything viewable in the case, in the order J/K walk through it. */
function docsOf(d: CaseDetail): DocRef[] {
  return [...d.attachments.map((a) => ({ kind: 'attachment' as const, id: a.id })), ...d.documents.map((x) => ({ kind: 'document' as const, id: x.id }))]
}

function titleOf(d: CaseDetail, ref: DocRef | null): string {
  if (!ref) return ''
  if (ref.kind === 'attachment') {
    const a = d.attachments.find((x) => x.id === ref.id)
    return a ? `${a.materialLabel} · ${a.fileName}` : ''
  }
  const doc = d.documents.find((x) => x.id === ref.id)
  return doc ? `${doc.docLabel} ${doc.number}` : ''
}

/**
 * 业务详情: the form on the left, the documents on the right, the actions on top. One mount per case;
 * it follows changes other desks make (an open action form keeps its input and holds its submit).
 */
export default function CasePage({ id, staff, queue, changes, onOpen, onBack }: Props) {
  const { message } = App.useApp()
  const [formOpen, setFormOpen] = useState(false)
  const c = useCase(id, queue.patchRow, { changes, holding: formOpen })
  const load = useFiles()
  const [chosen, setChosen] = useState<DocRef | null>(null)
  const [stepping, setStepping] = useState(false)
  const detail = c.detail
  const docs = detail ? docsOf(detail) : []
  const current = chosen && docs.some((d) => sameDoc(d, chosen)) ? chosen : (docs[0] ?? null)

  const stepDoc = (dir: 1 | -1) => {
    if (!docs.length) return
    const idx = docs.findIndex((d) => sameDoc(d, current))
    setChosen(docs[(idx + dir + docs.length) % docs.length])
  }

  const stepCase = async (dir: 1 | -1) => {
    if (stepping) return
    setStepping(true)
    const next = await queue.neighbour(id, dir)
    setStepping(false)
    if (next && next !== id) onOpen(next)
    else void message.info(dir === 1 ? '已是当前队列的最后一件' : '已是当前队列的第一件')
  }

  useHotkeys({
    j: () => stepDoc(1),
    k: () => stepDoc(-1),
    'alt+arrowright': () => stepDoc(1),
    'alt+arrowleft': () => stepDoc(-1),
    // Leaving the case would throw away a half-filled action form.
    n: () => !formOpen && void stepCase(1),
    escape: () => !formOpen && onBack()
  })

  if (c.loading && !detail) {
    return (
      <div className="app-loading">
        <Spin size="large" />
      </div>
    )
  }
  if (!detail) {
    return (
      <Result
        status="warning"
        title="无法打开此业务"
        subTitle={c.error?.message}
        extra={[
          <Button key="back" onClick={onBack} data-testid="back-to-queue">
            返回工作队列
          </Button>,
          <Button key="retry" type="primary" onClick={() => void c.reload()}>
            重试
          </Button>
        ]}
      />
    )
  }

  // Each panel has its own error boundary: a record one panel cannot show becomes an error card there, and
  // the header, the actions, the documents and the history go on. New data (a reload, a sync) resets them.
  const guard = (what: string, node: ReactNode, back?: () => void) => (
    <ErrorBoundary level="panel" what={what} caseNumber={detail.caseNumber} resetKey={detail} onBack={back}>
      {node}
    </ErrorBoundary>
  )
  const actions = guard(
    '办理操作',
    <ActionPanel
      detail={detail}
      staff={staff}
      busy={c.busy}
      act={c.act}
      onDocument={(docId) => setChosen({ kind: 'document', id: docId })}
      onFormOpen={setFormOpen}
      stale={c.stale}
      onReload={() => void c.reload()}
    />
  )

  return (
    <div className="case-page" data-testid="case-page" data-case-number={detail.caseNumber}>
      {guard(
        '业务信息',
        <CaseHeader
          detail={detail}
          staff={staff}
          busy={c.busy}
          stepping={stepping}
          onBack={onBack}
          onStep={(d) => void stepCase(d)}
          onClaim={() => void c.claim()}
          onRelease={() => void c.release()}
          actions={actions}
        />,
        onBack
      )}
      <div className="case-body">
        <div className="case-left">
          <OpenCaseContext.Provider value={onOpen}>
            {guard('审核工作台', <CaseWorkbench detail={detail} />)}
            {guard('申请材料', <ApplicationForm detail={detail} />)}
          </OpenCaseContext.Provider>
          {guard('办理记录', <CaseHistory detail={detail} />)}
        </div>
        <div className="case-right">
          {guard('材料与文书列表', <DocumentList detail={detail} current={current} onSelect={setChosen} load={load} />)}
          {guard('材料预览', <DocumentViewer current={current} title={titleOf(detail, current)} load={load} />)}
          <div className="viewer-hint muted">
            <kbd>J</kbd>/<kbd>K</kbd> 切换材料 · <kbd>←</kbd>/<kbd>→</kbd> 翻页 · <kbd>+</kbd>/<kbd>-</kbd> 缩放 · <kbd>R</kbd> 旋转 · <kbd>N</kbd> 下一件 ·{' '}
            <kbd>Esc</kbd> 返回队列
          </div>
        </div>
      </div>
    </div>
  )
}
