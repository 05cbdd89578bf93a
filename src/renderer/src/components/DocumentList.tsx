import { DownloadOutlined, FileImageOutlined, FilePdfOutlined, FileProtectOutlined, HistoryOutlined, PrinterOutlined } from '@ant-design/icons'
import { App, Button, Space, Tag, Tooltip } from 'antd'
import { useState } from 'react'
import type { CaseDetail, FileContent, IssuedDocumentView } from '../../../shared/api/types'
import type { Result } from '../../../shared/result'
import { type DocRef, sameDoc } from '../hooks/useFiles'
import { downloadFile, printFile } from '../lib/files'
import { formatDateTime, formatSize } from '../lib/format'
import HistoryDrawer from './print/HistoryDrawer'
import { DOCUMENT_STATUS } from './print/labels'

interface Props {
  detail: CaseDetail
  current: DocRef | null
  onSelect(ref: DocRef): void
  load(ref: DocRef): Promise<Result<FileContent>>
}

/** The case's attachments and issued documents; a click shows one in the viewer (J/K step through). */
export default function DocumentList({ detail, current, onSelect, load }: Props) {
  const { message } = App.useApp()
  const [history, setHistory] = useState<IssuedDocumentView | null>(null)

  const withFile = async (doc: IssuedDocumentView, handle: (f: FileContent) => void) => {
    const r = await load({ kind: 'document', id: doc.id })
    if (r.ok) handle(r.value)
    else void message.error(r.error.message)
  }

  return (
    <div className="doc-list" data-testid="document-list">
      <div className="doc-group-title">申请材料（{detail.attachments.length}）</div>
      {detail.attachments.map((a) => {
        const ref: DocRef = { kind: 'attachment', id: a.id }
        return (
          <div
            key={a.id}
            className={sameDoc(ref, current) ? 'doc-item active' : 'doc-item'}
            onClick={() => onSelect(ref)}
            data-testid="attachment-item"
            data-material={a.materialCode}
            data-active={sameDoc(ref, current)}
            role="button"
          >
            {a.mime === 'application/pdf' ? <FilePdfOutlined style={{ color: '#cf1322' }} /> : <FileImageOutlined style={{ color: '#1677ff' }} />}
            <span className="doc-material">{a.materialLabel}</span>
            <span className="doc-file" title={a.fileName}>
              {a.fileName}
            </span>
            <span className="muted">{formatSize(a.size)}</span>
          </div>
        )
      })}
      {detail.documents.length > 0 && <div className="doc-group-title">出具文书（{detail.documents.length}）</div>}
      {detail.documents.map((d) => {
        const ref: DocRef = { kind: 'document', id: d.id }
        const status = d.status ? DOCUMENT_STATUS[d.status] : null
        const gone = d.status === 'void' || d.status === 'revoked'
        return (
          <div
            key={d.id}
            className={[sameDoc(ref, current) ? 'doc-item active' : 'doc-item', gone ? 'doc-item-void' : ''].join(' ')}
            data-testid="issued-document"
            data-doc-type={d.docType}
            data-status={d.status ?? ''}
            onClick={() => onSelect(ref)}
          >
            <FileProtectOutlined style={{ color: gone ? '#bfbfbf' : d.status === 'draft' ? '#d46b08' : '#389e0d' }} />
            <span className="doc-material">{d.docLabel}</span>
            {status && (
              <Tooltip title={gone ? `作废原因：${d.voidReason ?? '—'}` : d.status === 'draft' ? '草稿带“草稿”水印，待主管在“签章打印”中签章后生效' : '已加盖电子印章并数字签名'}>
                <Tag color={status.color} style={{ marginInlineEnd: 0 }} data-testid="document-status">
                  {status.label}
                </Tag>
              </Tooltip>
            )}
            <Tag style={{ marginInlineEnd: 0, textDecoration: gone ? 'line-through' : undefined }}>{d.number}</Tag>
            <span className="doc-file">{gone && d.voidReason ? `作废：${d.voidReason}` : formatDateTime(d.issuedAt)}</span>
            <Space size={0} onClick={(e) => e.stopPropagation()}>
              <Button size="small" type="link" onClick={() => onSelect(ref)} data-testid={`document-open-${d.docType}`}>
                打开
              </Button>
              <Tooltip title="保存到本机">
                <Button
                  size="small"
                  type="link"
                  icon={<DownloadOutlined />}
                  onClick={() => void withFile(d, downloadFile)}
                  data-testid={`document-download-${d.docType}`}
                >
                  下载
                </Button>
              </Tooltip>
              {!gone && (
                <Tooltip title={d.status === 'draft' ? '打印草稿（带水印，仅供核对）' : undefined}>
                  <Button
                    size="small"
                    type="link"
                    icon={<PrinterOutlined />}
                    onClick={() => void withFile(d, (f) => printFile(f, () => void message.error('无法调用打印，请下载后打印')))}
                    data-testid={`document-print-${d.docType}`}
                  >
                    打印
                  </Button>
                </Tooltip>
              )}
              <Tooltip title="签章、打印、作废记录">
                <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setHistory(d)} data-testid="document-history" aria-label="文书历史" />
              </Tooltip>
            </Space>
          </div>
        )
      })}
      <HistoryDrawer doc={history} onClose={() => setHistory(null)} />
    </div>
  )
}
