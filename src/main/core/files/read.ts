import { createHash } from 'node:crypto'
import type { FileContent } from '../../../shared/api/types'
import { DomainError } from '../../../shared/result'
import type { Access } from '../../../shared/domain/staff'
import { requireWorksOn } from '../cases/detail'
import type { Store } from '../store'

/** A stored file body, verified against its SHA-256 before use. */
export function readBlob(store: Store, sha256: string): Buffer {
  const row = store.sqlite.prepare('SELECT data FROM blobs WHERE sha256 = ?').get(sha256) as { data: Buffer } | undefined
  if (!row) throw new DomainError('NOT_FOUND', '文件内容不存在，请重新同步')
  if (createHash('sha256').update(row.data).digest('hex') !== sha256) {
    throw new DomainError('CORRUPT_FILE', '文件已损坏（校验值不符），请重新同步后再查看')
  }
  return row.data
}

/**
 * An attachment's or a letter's (its current PDF: the signed final letter once signed, else the draft) record,
 * once the account may open it — checked before its body is downloaded or read.
 */
export function fileRecord(store: Store, kind: 'attachment' | 'document', id: number, me: Access): { fileName: string; mime: string; sha256: string } {
  const f = store.sqlite
    .prepare(
      kind === 'attachment'
        ? 'SELECT a.file_name, a.mime, a.sha256, c.type FROM attachments a JOIN cases c ON c.id = a.case_id WHERE a.id = ?'
        : "SELECT d.file_name, 'application/pdf' AS mime, coalesce(d.signed_sha256, d.sha256) AS sha256, c.type FROM issued_documents d JOIN cases c ON c.id = d.case_id WHERE d.id = ?"
    )
    .get(id) as { file_name: string; mime: string; sha256: string; type: string } | undefined
  if (!f) throw new DomainError('NOT_FOUND', kind === 'attachment' ? '找不到该材料' : '找不到该文书')
  requireWorksOn(f.type, me)
  return { fileName: f.file_name, mime: f.mime, sha256: f.sha256 }
}

export function readFile(store: Store, kind: 'attachment' | 'document', id: number, me: Access): FileContent {
  const f = fileRecord(store, kind, id, me)
  return { fileName: f.fileName, mime: f.mime, base64: readBlob(store, f.sha256).toString('base64') }
}

export const readAttachment = (store: Store, id: number, me: Access): FileContent => readFile(store, 'attachment', id, me)
export const readDocument = (store: Store, id: number, me: Access): FileContent => readFile(store, 'document', id, me)
