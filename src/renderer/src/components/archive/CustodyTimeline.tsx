import { Empty, Timeline, Typography } from 'antd'
import type { CustodyEntryView } from '../../../../shared/api/archives'
import type { CustodyKind } from '../../../../shared/domain/archive'
import { formatDateTime } from '../../lib/format'
import { placeLabel } from './labels'

const COLOR: Record<CustodyKind, string> = {
  received: 'blue',
  returned_to_sender: 'red',
  deposited: 'green',
  shelved: 'green',
  moved: 'cyan',
  materials_filed: 'purple',
  transferred_out: 'orange',
  updated: 'gray'
}

/** From → to, when the entry names a movement (a sign-in, a shelf, a transfer). */
function route(e: CustodyEntryView): string | null {
  if (e.kind === 'updated' || e.kind === 'deposited') return null
  if (e.kind === 'materials_filed') return e.toPlace ? `归入 ${e.toPlace} 架位的档案` : null
  return `${placeLabel(e.fromPlace)} → ${placeLabel(e.toPlace)}`
}

/** 保管记录: the archive's chain of custody, oldest first — who, when, from/to, tracking number. */
export default function CustodyTimeline({ entries, onOpenCase }: { entries: CustodyEntryView[]; onOpenCase(id: string): void }) {
  if (!entries.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无保管记录" />
  return (
    <div data-testid="custody-timeline">
      <Timeline
        titleSpan="128px"
        items={entries.map((e) => ({
          key: e.id,
          color: COLOR[e.kind] ?? 'gray',
          title: <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(e.at)}</span>,
          content: (
            <div data-testid="custody-entry" data-kind={e.kind}>
              <div>
                <strong>{e.kindLabel}</strong>
                <Typography.Text type="secondary"> · {e.actor}</Typography.Text>
              </div>
              {route(e) && <div>{route(e)}</div>}
              {e.trackingNumber && <div>机要/EMS 单号：{e.trackingNumber}</div>}
              {e.note && <div className="muted">{e.note}</div>}
              {e.caseId && e.caseNumber && (
                <Typography.Link onClick={() => onOpenCase(e.caseId!)} data-testid="custody-case">
                  业务 {e.caseNumber}
                </Typography.Link>
              )}
            </div>
          )
        }))}
      />
    </div>
  )
}
