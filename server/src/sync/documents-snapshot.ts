import { inArray } from 'drizzle-orm'
import { schema, type Db } from '../db'

/** A letter as a pulled snapshot carries it (PROTOCOL.md, Pull): its file, data, lifecycle and prints. */
export interface SnapshotDocument {
  id: number
  docType: string
  number: string
  verificationCode: string
  sha256: string
  fileName: string
  issuedById: number | null
  issuedAt: string
  status: 'draft' | 'issued' | 'void' | 'revoked'
  statusReason: string | null
  statusAt: string | null
  /** Who voided or revoked it (from the case's event). */
  statusBy: { id: number; name: string } | null
  data: unknown
  signedSha256: string | null
  signedAt: string | null
  signedBy: { id: number; name: string } | null
  prints: { kind: 'print' | 'reprint' | 'save'; reason: string; printer: string | null; at: string; actorId: number | null; actor: string }[]
}

type DocumentRow = typeof schema.issuedDocuments.$inferSelect
type EventRow = Pick<typeof schema.caseEvents.$inferSelect, 'action' | 'actorId' | 'actorName' | 'data'>

/** The snapshot form of some cases' letters (two queries: their signers and their prints), by document id. */
export async function snapshotDocuments(db: Db, documents: DocumentRow[], events: EventRow[]): Promise<Map<number, SnapshotDocument>> {
  const out = new Map<number, SnapshotDocument>()
  if (!documents.length) return out
  const signerIds = [...new Set(documents.flatMap((d) => (d.signedById === null ? [] : [d.signedById])))]
  const p = schema.documentPrints
  const [signers, prints] = await Promise.all([
    signerIds.length ? db.select({ id: schema.staff.id, name: schema.staff.displayName }).from(schema.staff).where(inArray(schema.staff.id, signerIds)) : [],
    db.select().from(p).where(inArray(p.number, documents.map((d) => d.number))).orderBy(p.id)
  ])
  const signerById = new Map(signers.map((s) => [s.id, s]))
  // The last void or revocation event of each letter names who ended it.
  const endedBy = new Map<number, { id: number; name: string }>()
  for (const e of events) {
    const documentId = (e.data as { documentId?: unknown } | null)?.documentId
    if ((e.action === 'document_voided' || e.action === 'document_revoked') && typeof documentId === 'number' && e.actorId !== null) {
      endedBy.set(documentId, { id: e.actorId, name: e.actorName })
    }
  }
  for (const d of documents) {
    out.set(d.id, {
      id: d.id,
      docType: d.docType,
      number: d.number,
      verificationCode: d.verificationCode,
      sha256: d.sha256,
      fileName: d.fileName,
      issuedById: d.issuedById,
      issuedAt: d.issuedAt.toISOString(),
      status: d.status,
      statusReason: d.statusReason,
      statusAt: d.statusAt?.toISOString() ?? null,
      statusBy: d.status === 'void' || d.status === 'revoked' ? (endedBy.get(d.id) ?? null) : null,
      data: d.data ?? null,
      signedSha256: d.signedSha256,
      signedAt: d.signedAt?.toISOString() ?? null,
      signedBy: d.signedById === null ? null : (signerById.get(d.signedById) ?? null),
      prints: prints
        .filter((r) => r.number === d.number)
        .map((r) => ({ kind: r.kind, reason: r.reason, printer: r.printer, at: r.at.toISOString(), actorId: r.actorId, actor: r.actorName }))
    })
  }
  return out
}
