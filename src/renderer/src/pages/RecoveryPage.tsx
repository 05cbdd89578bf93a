import { ExportOutlined, HistoryOutlined, WarningFilled } from '@ant-design/icons'
import { Alert, App as AntApp, Button, Card, Collapse, Empty, Radio, Result, Space, Typography } from 'antd'
import { useState } from 'react'
import type { OutboxExportSummary, RecoveryStatus, RestoreOutcome } from '../../../shared/api/recovery-channels'
import { api } from '../api'
import '../components/recovery/recovery.css'

/**
 * 恢复页面: the desk's store is damaged. Says so, exports the unsent outbox (first: the clerks' work that has not
 * reached the exchange service), offers the local backups, and restores the chosen one after a confirmation.
 */
interface Props {
  status: RecoveryStatus
  onRestored(): void
}

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`)
const timeText = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false })

export default function RecoveryPage({ status, onRestored }: Props) {
  const { modal } = AntApp.useApp()
  const [exported, setExported] = useState<OutboxExportSummary | null>(status.lastExport)
  const [chosen, setChosen] = useState<string | null>(status.backups[0]?.name ?? null)
  const [busy, setBusy] = useState<'export' | 'restore' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<RestoreOutcome | null>(null)

  const doExport = async () => {
    setBusy('export')
    setError(null)
    const r = await api.recovery.exportOutbox({})
    setBusy(null)
    if (r.ok) setExported(r.value)
    else setError(r.error.message)
  }

  const restore = () => {
    const backup = status.backups.find((b) => b.name === chosen)
    if (!backup) return
    modal.confirm({
      title: `确定从 ${backup.date} 的备份恢复吗？`,
      width: 520,
      content: (
        <div data-testid="recovery-confirm-text">
          <p>当前已损坏的案件库会改名保留在原文件夹中，不会删除。</p>
          <p>恢复前会再次导出未发送的操作；恢复后，备份中没有的未发送操作会重新放回发件箱，等待同步到交换服务。</p>
          <p>备份之后已同步到交换服务的业务，会在下次同步时取回；单机使用时，备份之后的办理记录无法恢复。</p>
        </div>
      ),
      okText: '确定恢复',
      okButtonProps: { danger: true, 'data-testid': 'recovery-confirm-ok' } as never,
      cancelText: '取消',
      onOk: async () => {
        setBusy('restore')
        setError(null)
        const r = await api.recovery.restore({ backup: backup.name, confirm: true })
        setBusy(null)
        if (r.ok) setDone(r.value)
        else setError(r.error.message)
      }
    })
  }

  if (done) {
    return (
      <div className="recovery-page">
        <Card className="recovery-card" data-testid="recovery-done">
          <Result
            status="success"
            title={`已从 ${done.restoredFrom} 恢复本机案件库`}
            subTitle={`${done.requeued + done.alreadyThere} 条未发送的操作在发件箱中等待同步${
              done.requeued > 0 ? `，其中 ${done.requeued} 条是从损坏的案件库中找回、重新放回的` : '（备份中都已有）'
            }。损坏的案件库已改名保留。`}
            extra={
              <Button type="primary" size="large" onClick={onRestored} data-testid="recovery-continue">
                进入系统
              </Button>
            }
          />
          <Typography.Paragraph type="secondary" className="recovery-paths">
            损坏的案件库：{done.damagedKeptAs[0] ?? '—'}
            <br />
            导出文件：{done.exportFile}
          </Typography.Paragraph>
        </Card>
      </div>
    )
  }

  return (
    <div className="recovery-page">
      <Card className="recovery-card" data-testid="recovery-page">
        <Space align="start" size="middle" className="recovery-head">
          <WarningFilled className="recovery-icon" />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              本机案件库已损坏
            </Typography.Title>
            <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="recovery-message">
              {status.message}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              为防止在损坏的数据上继续办理，业务功能已暂停。请先导出未发送的操作，再从最近的完好备份恢复。
            </Typography.Paragraph>
          </div>
        </Space>
        {error && <Alert type="error" showIcon title={error} className="recovery-block" data-testid="recovery-error" />}

        <section className="recovery-block">
          <Typography.Title level={5}>第一步：导出未发送的操作</Typography.Title>
          <Typography.Paragraph type="secondary">
            尚未同步到交换服务的办理操作（及其文书）会逐条读出，保存为本机文件；恢复时会自动再导出一次并放回发件箱。
          </Typography.Paragraph>
          <Button icon={<ExportOutlined />} onClick={() => void doExport()} loading={busy === 'export'} disabled={busy !== null} data-testid="recovery-export">
            导出未发送的操作
          </Button>
          {exported && (
            <Alert
              className="recovery-result"
              type={exported.unreadable.length ? 'warning' : 'success'}
              showIcon
              data-testid="recovery-export-result"
              title={`已导出 ${exported.rows} 条未发送的操作、${exported.letters} 份文书、${exported.files} 个文件`}
              description={
                <>
                  <div className="recovery-path">保存位置：{exported.file}</div>
                  {exported.unreadable.length > 0 && <div>有部分内容无法读取：{exported.unreadable.slice(0, 3).join('；')}</div>}
                </>
              }
            />
          )}
        </section>

        <section className="recovery-block">
          <Typography.Title level={5}>第二步：从本机备份恢复</Typography.Title>
          {status.backups.length === 0 ? (
            <Empty description="没有可用的本机备份。请先导出未发送的操作，并联系系统管理员。" data-testid="recovery-no-backups" />
          ) : (
            <>
              <Radio.Group value={chosen} onChange={(e) => setChosen(e.target.value as string)} className="recovery-backups" data-testid="recovery-backups">
                {status.backups.map((b, i) => (
                  <Radio key={b.name} value={b.name} data-testid={`recovery-backup-${b.date}`}>
                    <span className="recovery-backup-date">{b.date}</span>
                    <span className="recovery-backup-meta">
                      {timeText(b.at)} 备份 · {sizeText(b.size)}
                      {i === 0 ? ' · 最近的完好备份' : ''}
                    </span>
                  </Radio>
                ))}
              </Radio.Group>
              <div>
                <Button type="primary" danger icon={<HistoryOutlined />} onClick={restore} loading={busy === 'restore'} disabled={!chosen || busy !== null} data-testid="recovery-restore">
                  从所选备份恢复
                </Button>
              </div>
            </>
          )}
        </section>

        <Collapse
          ghost
          size="small"
          items={[
            {
              key: 'detail',
              label: '技术细节（供系统管理员）',
              children: (
                <div className="recovery-detail" data-testid="recovery-detail">
                  <div>案件库文件：{status.storeFile}</div>
                  {status.lastIntegrityCheck && (
                    <div>
                      上次完整性检查：{timeText(status.lastIntegrityCheck.at)}（{status.lastIntegrityCheck.ok ? '通过' : '未通过'}）
                    </div>
                  )}
                  <div>SQLite 检查结果：</div>
                  <pre>{status.problems.join('\n') || '—'}</pre>
                </div>
              )
            }
          ]}
        />
      </Card>
    </div>
  )
}
