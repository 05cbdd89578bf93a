import { createHash } from 'node:crypto'
import { DomainError } from '../../../shared/result'
import type { Store } from '../store'
import type { Http } from './http'
import { blobsOf, readPending } from './outbox'

/**
 * File bodies by SHA-256. A pulled attachment or letter first arrives as a stub row (zero-length
 * `data`: the foreign keys of `attachments`/`issued_documents` need the row) and its body is fetched
 * lazily, verified against the hash, when someone opens it or claims its case.
 */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

/** The body is here (a stub or no row at all is not). */
export function hasBody(store: Store, sha256: string): boolean {
  const row = store.sqlite.prepare('SELECT length(data) AS n FROM blobs WHERE sha256 = ?').get(sha256) as { n: number } | undefined
  return !!row && (row.n > 0 || sha256 === EMPTY_SHA256)
}

/** Uploads one local body (idempotent on the server); a stub has nothing to upload and is skipped. */
export async function uploadBlob(http: Http, store: Store, sha256: string): Promise<void> {
  const row = store.sqlite.prepare('SELECT data FROM blobs WHERE sha256 = ?').get(sha256) as { data: Buffer } | undefined
  if (!row || !hasBody(store, sha256)) return
  await http.putBytes(`/blobs/${sha256}`, row.data)
}

/** Downloads a body, checks it against its hash and stores it (replacing a stub). */
export async function fetchBlob(http: Http, store: Store, sha256: string): Promise<Buffer> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new DomainError('VALIDATION', '文件摘要格式不正确')
  const data = await http.getBytes(`/blobs/${sha256}`)
  if (sha256Hex(data) !== sha256) throw new DomainError('CORRUPT_FILE', '下载的文件已损坏（校验值不符），请稍后重试')
  store.sqlite
    .prepare('INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT(sha256) DO UPDATE SET size = excluded.size, data = excluded.data')
    .run(sha256, data.length, data)
  return data
}

/** Bodies still missing for the attachments and letters of the cases a staff member holds. */
export function missingForAssignee(store: Store, staffId: number, limit = 50): string[] {
  return (
    store.sqlite
      .prepare(
        `SELECT DISTINCT b.sha256 FROM blobs b
         JOIN (SELECT a.sha256 FROM attachments a JOIN cases c ON c.id = a.case_id WHERE c.assignee_id = @staffId
               UNION SELECT d.sha256 FROM issued_documents d JOIN cases c ON c.id = d.case_id WHERE c.assignee_id = @staffId) w ON w.sha256 = b.sha256
         WHERE length(b.data) = 0 AND b.sha256 <> @empty LIMIT @limit`
      )
      .all({ staffId, empty: EMPTY_SHA256, limit }) as { sha256: string }[]
  ).map((r) => r.sha256)
}

export const attachmentSha = (store: Store, id: number): string | null =>
  (store.sqlite.prepare('SELECT sha256 FROM attachments WHERE id = ?').get(id) as { sha256: string } | undefined)?.sha256 ?? null

/** A letter's current file: the signed final letter once signed, else the draft. */
export const documentSha = (store: Store, id: number): string | null =>
  (store.sqlite.prepare('SELECT coalesce(signed_sha256, sha256) AS sha256 FROM issued_documents WHERE id = ?').get(id) as { sha256: string } | undefined)?.sha256 ?? null

/** Uploads the files of the letters pending mutations carry (drafted or signed); returns how many. */
export async function uploadPendingLetters(http: Http, store: Store): Promise<number> {
  let n = 0
  for (const row of readPending(store, 10_000)) {
    for (const sha of blobsOf(store, row).filter((s) => hasBody(store, s))) {
      await uploadBlob(http, store, sha)
      n++
    }
  }
  return n
}

/** Fetches the missing files of the cases `localStaffId` holds, so they can be reviewed offline (best effort). */
export async function prefetchClaimed(http: Http, store: Store, localStaffId: number | null): Promise<void> {
  if (localStaffId === null) return
  try {
    for (const sha of missingForAssignee(store, localStaffId)) await fetchBlob(http, store, sha)
  } catch {
    // best effort: opening the file fetches it again
  }
}
