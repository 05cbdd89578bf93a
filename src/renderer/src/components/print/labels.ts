import type { DocumentHistoryEntry, DocumentStatus, JobStatus, LedgerRow } from '../../../../shared/api/documents'
import { DOCUMENT_LABEL } from '../../../../shared/domain/numbers'

/** 草稿 orange, 已签章 green, 已作废 grey: the same everywhere a letter's status shows. */
export const DOCUMENT_STATUS: Record<DocumentStatus, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'orange' },
  issued: { label: '已签章', color: 'green' },
  void: { label: '已作废', color: 'default' },
  revoked: { label: '已撤销', color: 'red' }
}

/** A number in the ledger: a letter's status, or why no valid letter carries it. */
export const LEDGER_STATUS: Record<LedgerRow['status'], { label: string; color: string }> = {
  ...DOCUMENT_STATUS,
  unused: { label: '未使用', color: 'blue' },
  gap: { label: '空号', color: 'volcano' },
  number_void: { label: '号码作废', color: 'default' }
}

export const HISTORY_KIND: Record<DocumentHistoryEntry['kind'], { label: string; color: string }> = {
  issued: { label: '出具（草稿）', color: 'blue' },
  signed: { label: '签章', color: 'green' },
  print: { label: '打印', color: 'cyan' },
  reprint: { label: '重新打印', color: 'orange' },
  save: { label: '合并保存', color: 'geekblue' },
  void: { label: '作废', color: 'gray' },
  revoked: { label: '撤销', color: 'red' }
}

export const JOB_KIND: Record<JobStatus['kind'], string> = { sign: '签章', print: '打印', merge: '合并保存', programmes_import: '导入合作办学项目' }

export const docTypeOptions = Object.entries(DOCUMENT_LABEL).map(([value, label]) => ({ value, label }))

/** `打印-20261123-12份.pdf`: what a merged output is saved as. */
export function outputFileName(kind: JobStatus['kind'], count: number, now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  const day = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}`
  return `${kind === 'print' ? '打印' : '合并'}-${day}-${count}份.pdf`
}
