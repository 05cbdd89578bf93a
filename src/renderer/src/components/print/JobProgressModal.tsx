import { DownloadOutlined } from '@ant-design/icons'
import { Alert, Button, Modal, Progress, Table, Typography } from 'antd'
import type { JobStatus } from '../../../../shared/api/documents'
import type { JobState } from '../../hooks/useJob'
import { JOB_KIND } from './labels'

interface Props {
  state: JobState
  /** The printer the job prints to; empty = the merged PDF is the output (downloaded). */
  printer: string
  /** The merged PDF of a finished merge/print job, downloaded again on demand. */
  onDownload(): void
  downloading: boolean
  onClose(): void
}

function summary(job: JobStatus, printer: string): { type: 'success' | 'warning' | 'error' | 'info'; text: string } {
  const verb = JOB_KIND[job.kind]
  const ok = job.done - job.failures.length
  const failed = job.failures.length ? `，${job.failures.length} 份失败（见下表）` : ''
  switch (job.state) {
    case 'running':
      return { type: 'info', text: `正在${verb}：已处理 ${job.done} / ${job.total} 份` }
    case 'cancelled':
      return { type: 'warning', text: `已取消：${ok} 份已${verb}${failed}，其余 ${job.total - job.done} 份未处理（保持原状态）` }
    case 'failed':
      return { type: 'error', text: `${verb}未完成：${job.error?.message ?? '系统内部错误'}` }
    default: {
      const where = job.kind === 'print' ? (printer ? `，已发送到打印机“${printer}”` : '，合并的 PDF 已开始下载') : job.kind === 'merge' ? '，合并的 PDF 已开始下载' : ''
      return { type: job.failures.length ? 'warning' : 'success', text: `${verb}完成：${ok} 份成功${failed}${where}` }
    }
  }
}

/** A long job's progress (done/total), its cancel button, and at the end what failed and why. */
export default function JobProgressModal({ state, printer, onDownload, downloading, onClose }: Props) {
  const { job, running, cancelling } = state
  if (!job) return null
  const s = summary(job, printer)
  const percent = job.total ? Math.round((job.done / job.total) * 100) : 0
  const canDownload = job.state === 'done' && job.hasOutput && (job.kind === 'merge' || !printer)
  return (
    <Modal
      open
      title={`${JOB_KIND[job.kind]}：${job.total} 份文书`}
      closable={!running}
      mask={{ closable: false }}
      keyboard={!running}
      onCancel={onClose}
      width={620}
      modalRender={(node) => (
        <div data-testid="job-modal" data-state={job.state} data-kind={job.kind}>
          {node}
        </div>
      )}
      footer={
        running
          ? [
              <Button key="cancel" danger loading={cancelling} onClick={() => void state.cancel()} data-testid="job-cancel">
                取消任务
              </Button>
            ]
          : [
              canDownload && (
                <Button key="dl" icon={<DownloadOutlined />} loading={downloading} onClick={onDownload} data-testid="job-download">
                  再次下载
                </Button>
              ),
              <Button key="close" type="primary" onClick={onClose} data-testid="job-close">
                关闭
              </Button>
            ]
      }
    >
      <Progress
        percent={percent}
        status={job.state === 'failed' ? 'exception' : running ? 'active' : job.failures.length || job.state === 'cancelled' ? 'normal' : 'success'}
        format={() => `${job.done} / ${job.total}`}
        data-testid="job-progress"
      />
      <Alert type={s.type} showIcon title={s.text} style={{ marginTop: 12 }} data-testid="job-summary" />
      {running && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {cancelling ? '正在取消，当前这份处理完即停止…' : '可以取消：已处理的文书保持已处理的状态，其余保持原状态。'}
        </Typography.Paragraph>
      )}
      {state.error && <Alert type="warning" showIcon title={`暂时无法获取进度：${state.error}`} style={{ marginTop: 8 }} />}
      {job.failures.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="id"
          data-testid="job-failures"
          dataSource={job.failures}
          pagination={job.failures.length > 8 ? { pageSize: 8, size: 'small' } : false}
          columns={[
            { title: '文号', dataIndex: 'number', key: 'number', width: 240, render: (v: string) => <span className="mono">{v}</span> },
            { title: '失败原因', dataIndex: 'message', key: 'message' }
          ]}
        />
      )}
    </Modal>
  )
}
