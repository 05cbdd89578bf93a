import { Alert, Drawer, Empty, Spin, Tag, Timeline, Typography } from 'antd'
import type { DocumentHistoryEntry } from '../../../../shared/api/documents'
import { api } from '../../api'
import { formatDateTime } from '../../lib/format'
import { HISTORY_KIND } from './labels'
import { useLoaded } from './useLoaded'

interface Props {
  /** The letter whose history is shown; null = closed. */
  doc: { id: number; number: string; docLabel: string } | null
  onClose(): void
}

/** 文书历史: issued, signed, printed, reprinted (why), saved, voided (why) — who and when. */
export default function HistoryDrawer({ doc, onClose }: Props) {
  const id = doc?.id ?? 0
  const loaded = useLoaded<DocumentHistoryEntry[]>(id ? String(id) : null, () => api.documents.history({ id }))

  return (
    <Drawer title={doc ? `文书历史：${doc.docLabel}` : '文书历史'} open={!!doc} onClose={onClose} size={460} destroyOnHidden>
      <div data-testid="history-drawer">
        {doc && (
          <Typography.Paragraph>
            文号 <span className="mono">{doc.number}</span>
          </Typography.Paragraph>
        )}
        {loaded.state === 'loading' && <Spin />}
        {loaded.state === 'error' && <Alert type="error" showIcon title={loaded.message} />}
        {loaded.state === 'ready' && !loaded.value.length && <Empty description="暂无记录" />}
        {loaded.state === 'ready' && loaded.value.length > 0 && (
          <Timeline
            items={loaded.value.map((e, i) => {
              const k = HISTORY_KIND[e.kind]
              return {
                key: i,
                color: k.color,
                content: (
                  <div data-testid="history-entry" data-kind={e.kind}>
                    <Tag color={k.color}>{k.label}</Tag>
                    <Typography.Text type="secondary">
                      {formatDateTime(e.at)} · {e.actor}
                    </Typography.Text>
                    {e.printer && <div className="muted">打印机：{e.printer}</div>}
                    {e.reason && <div>原因：{e.reason}</div>}
                  </div>
                )
              }
            })}
          />
        )}
      </div>
    </Drawer>
  )
}
