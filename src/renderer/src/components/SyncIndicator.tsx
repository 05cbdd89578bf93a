import { Badge, Tag, Tooltip } from 'antd'
import dayjs from 'dayjs'
import type { SyncStatus } from '../../../shared/api/types'

interface Props {
  status: SyncStatus | null
  onOpen(): void
}

type Look = { label: string; dot: 'success' | 'default' | 'error' | 'processing'; tip: string }

/** What the state means to the clerk: 单机模式 / 在线 / 离线 / 同步出错, with the reason as the tooltip. */
export function syncLook(s: SyncStatus | null): Look {
  if (!s) return { label: '同步状态…', dot: 'processing', tip: '正在读取同步状态' }
  if (s.mode === 'standalone') return { label: '单机模式', dot: 'default', tip: '本机未连接交换服务，业务只保存在本机' }
  if (!s.online) {
    return { label: '离线', dot: 'default', tip: s.lastError ?? '尚未连接交换服务；本机的操作会先保存，联网后自动上传' }
  }
  if (s.lastError || !s.signedIn) return { label: '同步出错', dot: 'error', tip: s.lastError ?? '未登录交换服务，请重新登录后继续同步' }
  return { label: '在线', dot: 'success', tip: '已连接交换服务，本机的操作会自动上传' }
}

/** The top bar's sync state: always visible; a click opens the list of refused operations. */
export default function SyncIndicator({ status, onOpen }: Props) {
  const look = syncLook(status)
  const synced = status?.lastSyncAt ? dayjs(status.lastSyncAt) : null
  return (
    <Tooltip title={look.tip}>
      <Badge count={status?.attention ?? 0} size="small" className="sync-badge" data-testid="sync-attention-badge" offset={[-2, 2]} title={status?.attention ? `${status.attention} 条同步提醒待处理` : undefined}>
        <button type="button" className="sync-indicator" onClick={onOpen} data-testid="sync-indicator" data-state={look.label} data-attention={status?.attention ?? 0}>
          <Badge status={look.dot} />
          <span className="sync-label">{look.label}</span>
          {!!status?.pending && (
            <Tag color="orange" variant="filled" data-testid="sync-pending">
              待上传 {status.pending}
            </Tag>
          )}
          {synced?.isValid() && <span className="sync-time">上次同步 {synced.format('HH:mm:ss')}</span>}
        </button>
      </Badge>
    </Tooltip>
  )
}
