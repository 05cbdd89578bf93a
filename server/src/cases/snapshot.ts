import { asc } from 'drizzle-orm'
import { anyOf } from '../any-of'
import { schema, type Db } from '../db'
import { type SnapshotDocument, snapshotDocuments } from '../sync/documents-snapshot'
import { loadArchives, type SnapshotArchive } from '../archives/snapshot'

/** The full case as the desk mirrors it (PROTOCOL.md, Pull). Instants are ISO strings, dates `YYYY-MM-DD`. */
export interface CaseSnapshot {
  case: {
    id: string
    caseNumber: string
    type: string
    subtype: string
    state: string
    version: number
    round: number
    submittedAt: string
    clockStartedOn: string | null
    /** Working days of the running clock, or those left while it is paused (shared/domain/case-clock.ts). */
    clockDays: number | null
    deadlineOn: string | null
    /** The lease holder (the desk shows it as the assignee; compare `leaseExpiresAt` with now for an expired claim). */
    assignee: { id: number; name: string } | null
    leaseToken: number
    leaseExpiresAt: string | null
    form: unknown
  }
  applicant: Omit<typeof schema.applicants.$inferSelect, 'createdAt'>
  archive: SnapshotArchive | null
  events: {
    id: number
    at: string
    actorId: number | null
    actor: string
    action: string
    fromState: string | null
    toState: string | null
    reasons: unknown
    note: string
    data: unknown
  }[]
  attachments: { id: number; materialCode: string; fileName: string; mime: string; size: number; sha256: string }[]
  documents: SnapshotDocument[]
}

const groupBy = <T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> => {
  const m = new Map<K, T[]>()
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r])
  return m
}

/** Snapshots of many cases in a fixed number of queries (one per table). */
export async function loadSnapshots(db: Db, ids: string[]): Promise<Map<string, CaseSnapshot>> {
  const out = new Map<string, CaseSnapshot>()
  if (!ids.length) return out
  const cases = await db.select().from(schema.cases).where(anyOf(schema.cases.id, 'text', ids))
  const applicantIds = [...new Set(cases.map((c) => c.applicantId))]
  const staffIds = [...new Set(cases.flatMap((c) => (c.leaseHolderId === null ? [] : [c.leaseHolderId])))]
  const [applicants, archives, staff, events, attachments, documents] = await Promise.all([
    db.select().from(schema.applicants).where(anyOf(schema.applicants.id, 'int4', applicantIds)),
    loadArchives(db, applicantIds),
    staffIds.length ? db.select({ id: schema.staff.id, name: schema.staff.displayName }).from(schema.staff).where(anyOf(schema.staff.id, 'int4', staffIds)) : [],
    db.select().from(schema.caseEvents).where(anyOf(schema.caseEvents.caseId, 'text', ids)).orderBy(asc(schema.caseEvents.id)),
    db.select().from(schema.attachments).where(anyOf(schema.attachments.caseId, 'text', ids)).orderBy(asc(schema.attachments.id)),
    db.select().from(schema.issuedDocuments).where(anyOf(schema.issuedDocuments.caseId, 'text', ids)).orderBy(asc(schema.issuedDocuments.id))
  ])
  const applicantById = new Map(applicants.map((a) => [a.id, a]))
  const staffById = new Map(staff.map((s) => [s.id, s]))
  const eventsByCase = groupBy(events, (e) => e.caseId)
  const attachmentsByCase = groupBy(attachments, (a) => a.caseId)
  const documentsByCase = groupBy(documents, (d) => d.caseId)
  const letters = await snapshotDocuments(db, documents, events)
  for (const c of cases) {
    const { createdAt: _createdAt, ...applicant } = applicantById.get(c.applicantId)!
    out.set(c.id, {
      case: {
        id: c.id,
        caseNumber: c.caseNumber,
        type: c.type,
        subtype: c.subtype,
        state: c.state,
        version: c.version,
        round: c.round,
        submittedAt: c.submittedAt.toISOString(),
        clockStartedOn: c.clockStartedOn,
        clockDays: c.clockDays,
        deadlineOn: c.deadlineOn,
        assignee: c.leaseHolderId === null ? null : (staffById.get(c.leaseHolderId) ?? null),
        leaseToken: c.leaseToken,
        leaseExpiresAt: c.leaseExpiresAt?.toISOString() ?? null,
        form: c.form
      },
      applicant,
      archive: archives.get(c.applicantId) ?? null,
      events: (eventsByCase.get(c.id) ?? []).map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorId: e.actorId,
        actor: e.actorName,
        action: e.action,
        fromState: e.fromState,
        toState: e.toState,
        reasons: e.reasons,
        note: e.note,
        data: e.data
      })),
      attachments: (attachmentsByCase.get(c.id) ?? []).map((a) => ({
        id: a.id,
        materialCode: a.materialCode,
        fileName: a.fileName,
        mime: a.mime,
        size: a.size,
        sha256: a.sha256
      })),
      documents: (documentsByCase.get(c.id) ?? []).map((d) => letters.get(d.id)!)
    })
  }
  return out
}

export async function loadSnapshot(db: Db, id: string): Promise<CaseSnapshot | undefined> {
  return (await loadSnapshots(db, [id])).get(id)
}

