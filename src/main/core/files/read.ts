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

export function readAttachment(store: Store, id: number, me: Access): FileContent {
  const a = store.sqlite
    .prepare('SELECT a.file_name, a.mime, a.sha256, c.type FROM attachments a JOIN cases c ON c.id = a.case_id WHERE a.id = ?')
    .get(id) as { file_name: string; mime: string; sha256: string; type: string } | undefined
  if (!a) throw new DomainError('NOT_FOUND', '找不到该材料')
  requireWorksOn(a.type, me)
  return { fileName: a.file_name, mime: a.mime, base64: readBlob(store, a.sha256).toString('base64') }
}

/** A letter's current PDF: the signed final letter once signed, else the draft. */
export function readDocument(store: Store, id: number, me: Access): FileContent {
  const d = store.sqlite
    .prepare('SELECT d.file_name, coalesce(d.signed_sha256, d.sha256) AS sha256, c.type FROM issued_documents d JOIN cases c ON c.id = d.case_id WHERE d.id = ?')
    .get(id) as { file_name: string; sha256: string; type: string } | undefined
  if (!d) throw new DomainError('NOT_FOUND', '找不到该文书')
  requireWorksOn(d.type, me)
  return { fileName: d.file_name, mime: 'application/pdf', base64: readBlob(store, d.sha256).toString('base64') }
}
