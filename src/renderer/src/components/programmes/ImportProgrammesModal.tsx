import { InboxOutlined } from '@ant-design/icons'
import { Alert, Button, Modal, Progress, Radio, Space, Table, Typography, Upload } from 'antd'
import { useState } from 'react'
import type { JobStatus } from '../../../../shared/api/documents'
import { MAX_IMPORT_BYTES } from '../../../../shared/api/programmes'
import { type ImportMode, PROGRAMME_COLUMNS } from '../../../../shared/domain/joint-programmes'
import { api } from '../../api'
import { useJob } from '../../hooks/useJob'
import { readBase64 } from '../../lib/files'

const HEADER = Object.values(PROGRAMME_COLUMNS).join(',')

/** Splits `层次：“研究生”应为…；项目编号：不能为空` into the columns it names. */
const fieldsOf = (message: string): string => [...new Set(message.split('；').map((p) => p.split('：')[0]))].join('、')

/**
 * 导入合作办学项目名单: a CSV file (UTF-8), add/update by code or replace the whole register; a job with
 * progress; every wrong line listed (line, column, problem) and nothing imported until all are right.
 */
export default function ImportProgrammesModal({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(job: JobStatus): void }) {
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [mode, setMode] = useState<ImportMode>('upsert')
  const [startError, setStartError] = useState<string | null>(null)
  const job = useJob((j) => j.state === 'done' && onImported(j))
  const state = job.job?.state

  const start = async () => {
    if (!file) return
    setStartError(await job.start(api.programmes.import({ fileName: file.name, base64: file.base64, mode })))
  }
  const close = () => {
    if (job.running) return
    job.reset()
    setFile(null)
    setStartError(null)
    onClose()
  }
  const failures = job.job?.failures ?? []

  return (
    <Modal
      open={open}
      title="导入中外合作办学项目名单"
      width={760}
      onCancel={close}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Space>
          {job.running && (
            <Button onClick={() => void job.cancel()} loading={job.cancelling} data-testid="programme-import-cancel">
              取消导入
            </Button>
          )}
          <Button onClick={close} disabled={job.running} data-testid="programme-import-close">
            {state === 'done' ? '完成' : '关闭'}
          </Button>
          {state !== 'done' && (
            <Button type="primary" disabled={!file || job.running} loading={job.running} onClick={() => void start()} data-testid="programme-import-start">
              开始导入
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        CSV 文件（UTF-8 编码，可带 BOM；Excel 中“另存为 → CSV UTF-8（逗号分隔）”），第一行为表头：
        <Typography.Text code copyable style={{ fontSize: 12 }}>
          {HEADER}
        </Typography.Text>
        层次填 专科/本科/硕士/博士；状态填 正常招生/停止招生（空为正常招生）；日期为 YYYY-MM-DD。任何一行有误时不导入任何项目。
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,text/csv"
        maxCount={1}
        showUploadList={false}
        disabled={job.running}
        beforeUpload={(f) => {
          setFileError(null)
          job.reset()
          if (f.size > MAX_IMPORT_BYTES) {
            setFile(null)
            setFileError('文件过大（上限 2 MB）')
            return Upload.LIST_IGNORE
          }
          void readBase64(f).then(
            (base64) => setFile({ name: f.name, base64 }),
            () => setFileError('无法读取该文件')
          )
          return false
        }}
        data-testid="programme-import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{file ? <span data-testid="programme-import-file-name">{file.name}</span> : '点击选择或拖入 CSV 文件'}</p>
      </Upload.Dragger>
      {fileError && <Alert type="error" showIcon title={fileError} style={{ marginTop: 8 }} />}
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} disabled={job.running} style={{ marginTop: 12 }} data-testid="programme-import-mode">
        <Radio value="upsert">按项目编号新增或更新（保留文件中没有的项目）</Radio>
        <Radio value="replace" data-testid="programme-import-replace">
          以文件替换整个名单（文件中没有的项目将被删除）
        </Radio>
      </Radio.Group>
      {job.job && (
        <div style={{ marginTop: 16 }} data-testid="programme-import-progress">
          <Progress
            percent={job.job.total ? Math.round((job.job.done / job.job.total) * 100) : state === 'failed' ? 100 : 0}
            status={state === 'failed' ? 'exception' : state === 'done' ? 'success' : 'active'}
            format={() => `${job.job!.done} / ${job.job!.total} 行`}
          />
        </div>
      )}
      {startError && <Alert type="error" showIcon title={startError} style={{ marginTop: 12 }} data-testid="programme-import-error" />}
      {job.error && <Alert type="warning" showIcon title={job.error} style={{ marginTop: 12 }} />}
      {state === 'done' && <Alert type="success" showIcon title={`导入完成：${job.job!.total} 个项目已写入名单`} style={{ marginTop: 12 }} data-testid="programme-import-done" />}
      {state === 'cancelled' && <Alert type="info" showIcon title="已取消，名单未作任何修改" style={{ marginTop: 12 }} />}
      {state === 'failed' && job.job?.error && <Alert type="error" showIcon title={job.job.error.message} style={{ marginTop: 12 }} data-testid="programme-import-error" />}
      {failures.length > 0 && (
        <Table
          size="small"
          style={{ marginTop: 8 }}
          rowKey="id"
          dataSource={failures}
          pagination={failures.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
          data-testid="programme-import-failures"
          columns={[
            { title: '行号', dataIndex: 'number', width: 90 },
            { title: '字段', key: 'field', width: 140, render: (_v, f) => fieldsOf(f.message) },
            { title: '问题', dataIndex: 'message' }
          ]}
        />
      )}
    </Modal>
  )
}
