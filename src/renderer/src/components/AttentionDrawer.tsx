import { App, Button, Drawer, Empty, Space, Typography } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import type { AttentionItem } from '../../../shared/api/types'
import { api } from '../api'

interface Props {
  open: boolean
  /** Open items as the last status read counted them, and the desk's change count: the list reloads when either moves. */
  count: number
  changes: number
  onClose(): void
  /** After an item was resolved (the indicator asks for the new status). */
  onResolved(): void
}

type Resolution = 'discard' | 'reclaim'

const CONFIRM: Record<Resolution, { title: string; content: string; ok: string }> = {
  discard: {
    title: '放弃我的操作',
    content: '以交换服务上的状态为准，您在本机的这次操作将不再生效。确定放弃吗？',
    ok: '确定放弃'
  },
  reclaim: {
    title: '重新认领',
    content: '将以交换服务上的最新状态重新认领此业务，认领成功后请核对再办理。确定重新认领吗？',
    ok: '确定认领'
  }
}

/** 同步提醒: the operations the exchange service refused, explained, each to discard or to claim again. */
export default function AttentionDrawer({ open, count, changes, onClose, onResolved }: Props) {
  const { modal, message } = App.useApp()
  const [items, setItems] = useState<AttentionItem[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  // Reloaded on opening, and while open whenever the main process reports a change (an item refused or resolved elsewhere).
  useEffect(() => {
    if (!open) return
    let alive = true
    void api.sync.attention({}).then((r) => {
      if (!alive) return
      setItems(r.ok ? r.value : null)
      setError(r.ok ? null : r.error.message)
    })
    return () => {
      alive = false
    }
  }, [open, count, changes])

  const resolve = (item: AttentionItem, resolution: Resolution) => {
    const c = CONFIRM[resolution]
    modal.confirm({
      title: c.title,
      content: c.content,
      okText: c.ok,
      cancelText: '取消',
      okButtonProps: { danger: resolution === 'discard', 'data-testid': 'attention-confirm-ok' },
      onOk: async () => {
        const r = await api.sync.resolve({ id: item.id, resolution })
        if (!r.ok) {
          void message.error(r.error.message)
          return
        }
        setItems(r.value)
        void message.success(resolution === 'discard' ? '已放弃该操作' : '已重新认领，将随下次同步上传')
        onResolved()
      }
    })
  }

  return (
    <Drawer title="同步提醒" open={open} onClose={onClose} size={480}>
      <div data-testid="attention-drawer">
        <Typography.Paragraph type="secondary">以下操作未被交换服务接受，本机已显示交换服务上的最新状态。请逐条处理。</Typography.Paragraph>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        {items && !items.length && <Empty description="没有需要处理的同步提醒" />}
        {items?.map((item) => (
          <div key={item.id} className="attention-item" data-testid="attention-item" data-case-number={item.caseNumber ?? ''}>
            <Space size={8}>
              <Typography.Text strong>{item.caseNumber ?? '（未关联业务）'}</Typography.Text>
              <Typography.Text type="secondary">{dayjs(item.createdAt).format('MM-DD HH:mm')}</Typography.Text>
            </Space>
            <div className="attention-message" data-testid="attention-message">
              {item.message}
            </div>
            {item.code === 'QUARANTINED' ? (
              <Typography.Text type="secondary" data-testid="attention-quarantined">
                已暂存，等待系统管理员在“系统设置 → 暂存的同步操作”中处理
              </Typography.Text>
            ) : (
            <Space size={8}>
              <Button size="small" danger onClick={() => resolve(item, 'discard')} data-testid="attention-discard">
                放弃我的操作
              </Button>
              {item.caseId && (
                <Button size="small" onClick={() => resolve(item, 'reclaim')} data-testid="attention-reclaim">
                  重新认领
                </Button>
              )}
            </Space>
            )}
          </div>
        ))}
      </div>
    </Drawer>
  )
}
