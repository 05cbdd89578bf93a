import { App } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { JobStatus } from '../../../../shared/api/documents'
import { api } from '../../api'
import { downloadFile } from '../../lib/files'
import { outputFileName } from './labels'

/** Whether a finished job's output is a file for the supervisor to keep (merge; print with no printer). */
export const savesOutput = (job: JobStatus, printer: string): boolean =>
  job.state === 'done' && job.hasOutput && (job.kind === 'merge' || (job.kind === 'print' && !printer))

/**
 * The merged PDF of a merge job, or of a print job with no printer (the browser harness): downloaded once
 * when the job finishes (named by the main process, e.g. `打印-20261123-12份.pdf`), and again on demand.
 */
export function useJobOutput(job: JobStatus | null, printer: string): { download(): Promise<void>; busy: boolean } {
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const fetched = useRef<string | null>(null)

  const download = useCallback(async () => {
    if (!job || !savesOutput(job, printer)) return
    setBusy(true)
    const r = await api.jobs.output({ id: job.id })
    setBusy(false)
    if (!r.ok) {
      void message.error(`无法取得合并的 PDF：${r.error.message}`)
      return
    }
    downloadFile({ ...r.value, fileName: r.value.fileName || outputFileName(job.kind, job.done - job.failures.length) })
  }, [job, printer, message])

  useEffect(() => {
    if (!job || !savesOutput(job, printer) || fetched.current === job.id) return
    fetched.current = job.id
    void download()
  }, [job, printer, download])

  return { download, busy }
}
