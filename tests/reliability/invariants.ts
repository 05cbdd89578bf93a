// Cross-system invariants of the sync protocol (server/PROTOCOL.md), checked on the server's database and
// every desk's SQLite store. Returns the violations (empty = good), each a sentence saying what is wrong.
import { asc } from 'drizzle-orm'
import { schema, type Db } from '../../server/src/db'
import type { Role } from '../../src/shared/domain/roles'
import { caseTypesOf } from '../../src/shared/domain/staff'
import type { Store } from '../../src/main/core/store'

export interface DeskUnderTest {
  store: Store
  clientId: string
  /** The desk's signed-in username on the exchange service. */
  staff: string
  /** When given, the desk pushes and then pulls before the check ("after a final push+pull"). */
  sync?: { pushOnce(): Promise<{ error?: string }>; pullOnce(): Promise<{ error?: string }> }
}

export interface InvariantInput {
  serverDb: Db
  desks: DeskUnderTest[]
  /** The server clock's now (a lease is live until `leaseExpiresAt`). */
  now: Date
  /** Pending outbox rows are a violation (default true: the final push must settle everything). */
  settled?: boolean
}

/** The decisions that close a review round (at most one per case and round). */
export const FINAL_DECISIONS = new Set(['approve', 'return_for_changes', 'not_accepted'])

interface OutboxRow {
  seq: number
  id: string
  name: string
  case_id: string | null
  status: 'pending' | 'applied' | 'rejected'
  result: string | null
}

const tally = (keys: string[]): Map<string, number> => {
  const m = new Map<string, number>()
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1)
  return m
}

export async function checkInvariants(input: InvariantInput): Promise<string[]> {
  const { serverDb: db, desks, now } = input
  const v: string[] = []

  for (const d of desks) {
    if (!d.sync) continue
    const r = await d.sync.pushOnce()
    if (r.error) v.push(`${d.staff}: final push failed: ${r.error}`)
  }
  for (const d of desks) {
    if (!d.sync) continue
    const r = await d.sync.pullOnce()
    if (r.error) v.push(`${d.staff}: final pull failed: ${r.error}`)
  }

  const [mutations, events, cases, staff, documents] = await Promise.all([
    db.select().from(schema.mutations),
    db.select().from(schema.caseEvents).orderBy(asc(schema.caseEvents.id)),
    db.select().from(schema.cases),
    db.select().from(schema.staff),
    db.select().from(schema.issuedDocuments)
  ])
  const staffById = new Map(staff.map((s) => [s.id, s]))
  const mutationById = new Map(mutations.map((m) => [m.id, m]))

  // 1. Outbox ↔ mutation record: pending, or recorded exactly once with the same status.
  for (const d of desks) {
    const sql = d.store.sqlite
    const rows = sql.prepare('SELECT seq, id, name, case_id, status, result FROM outbox ORDER BY seq').all() as OutboxRow[]
    const items = sql.prepare('SELECT mutation_id AS id, case_id AS caseId FROM attention').all() as { id: string; caseId: string | null }[]
    const attention = new Set(items.map((r) => r.id))
    // A refused claim and the decision queued behind it share one item (the case's).
    const attentionCases = new Set(items.map((r) => r.caseId))
    const ids = new Set(rows.map((r) => r.id))
    for (const row of rows) {
      const where = `${d.staff} outbox #${row.seq} ${row.name}`
      const rec = mutationById.get(row.id)
      const local = row.result !== null && (JSON.parse(row.result) as { local?: boolean }).local === true
      if (row.status === 'pending') {
        if (input.settled !== false) v.push(`${where} is still pending after the final push`)
        continue
      }
      if (row.status === 'rejected' && !attention.has(row.id) && !attentionCases.has(row.case_id)) v.push(`${where} was rejected but has no attention item`)
      if (local) {
        // Settled on the desk without an answer (its letter number was taken): the server must not have applied it.
        if (rec?.status === 'applied') v.push(`${where} was settled locally as rejected, but the server applied it`)
        continue
      }
      if (!rec) {
        v.push(`${where} is ${row.status} on the desk but not recorded on the server`)
        continue
      }
      if (rec.clientId !== d.clientId || rec.seq !== row.seq) v.push(`${where} is recorded as client ${rec.clientId} seq ${rec.seq}`)
      if (rec.status !== row.status) v.push(`${where} is ${row.status} on the desk but ${rec.status} on the server`)
      if (rec.status === 'rejected') {
        const code = (rec.result as { code?: unknown }).code
        const deskCode = row.result ? (JSON.parse(row.result) as { code?: unknown }).code : undefined
        if (typeof code !== 'string' || !code) v.push(`${where} was rejected on the server without a code`)
        else if (deskCode !== code) v.push(`${where} was rejected ${code} on the server but ${String(deskCode)} on the desk`)
      }
    }
    const seqs = mutations.filter((m) => m.clientId === d.clientId)
    for (const m of seqs) if (!ids.has(m.id)) v.push(`server records ${d.staff} seq ${m.seq} (${m.name}) that is not in the desk's outbox`)
  }

  // 2. Staff events ↔ applied mutations: one event per applied claim / release / act, none for a rejection.
  const actionOf = (m: (typeof mutations)[number]): string =>
    m.name === 'case.claim' ? 'claim' : m.name === 'case.release' ? 'release' : String((m.args as { action?: unknown }).action)
  // (A letter's own mutations — signing, voiding, prints, void numbers — are not case decisions.)
  const expected = tally(mutations.filter((m) => m.status === 'applied' && m.name.startsWith('case.')).map((m) => `${m.caseId}|${m.staffId}|${actionOf(m)}`))
  const actual = tally(events.filter((e) => e.actorId !== null && !e.action.startsWith('document_')).map((e) => `${e.caseId}|${e.actorId}|${e.action}`))
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const [caseId, staffId, action] = key.split('|')
    const want = expected.get(key) ?? 0
    const got = actual.get(key) ?? 0
    if (want !== got) v.push(`case ${caseId}: ${got} "${action}" events by staff ${staffId}, but ${want} applied mutations`)
  }

  // 3. At most one final decision per case and review round; 4. one letter per decision that issued one.
  const byCase = new Map<string, typeof events>()
  for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e])
  for (const [caseId, evs] of byCase) {
    let round = 1
    const decisions = new Map<number, string[]>()
    for (const e of evs) {
      if (e.action === 'resubmit') round++
      if (FINAL_DECISIONS.has(e.action)) decisions.set(round, [...(decisions.get(round) ?? []), e.action])
    }
    for (const [r, list] of decisions) if (list.length > 1) v.push(`case ${caseId} round ${r}: ${list.length} final decisions (${list.join(', ')})`)
    const issuing = evs.filter((e) => typeof (e.data as { documentId?: unknown }).documentId === 'number')
    const docs = documents.filter((d) => d.caseId === caseId)
    if (issuing.length !== docs.length) v.push(`case ${caseId}: ${docs.length} issued letters for ${issuing.length} decisions that issued one`)
    const approvals = evs.filter((e) => e.action === 'approve').length
    if (approvals !== issuing.filter((e) => e.action === 'approve').length) v.push(`case ${caseId}: an approval without its letter`)
    const docIds = new Set(docs.map((d) => d.id))
    for (const e of issuing) if (!docIds.has((e.data as { documentId: number }).documentId)) v.push(`case ${caseId}: event ${e.id} names a letter of another case`)
  }

  // 5. Each desk's mirror equals the server for its scopes (state, version, live assignee, event count).
  for (const d of desks) {
    const account = staff.find((s) => s.username === d.staff)
    const role = account?.role as Role | undefined
    if (!account || !role) {
      v.push(`unknown staff ${d.staff}`)
      continue
    }
    const scopes = new Set(caseTypesOf({ role, scopes: account.scopes ?? null }))
    const sql = d.store.sqlite
    const mirrored = new Set((sql.prepare('SELECT id FROM cases').all() as { id: string }[]).map((r) => r.id))
    for (const c of cases) {
      if (!scopes.has(c.type)) continue
      mirrored.delete(c.id)
      const m = sql
        .prepare(
          `SELECT c.state, c.version, s.display_name AS assignee, (SELECT count(*) FROM case_events e WHERE e.case_id = c.id) AS events
           FROM cases c LEFT JOIN staff s ON s.id = c.assignee_id WHERE c.id = ?`
        )
        .get(c.id) as { state: string; version: number; assignee: string | null; events: number } | undefined
      if (!m) {
        v.push(`${d.staff}: case ${c.caseNumber} missing from the mirror`)
        continue
      }
      const live = c.leaseHolderId !== null && c.leaseExpiresAt !== null && c.leaseExpiresAt > now
      const server = {
        state: c.state,
        version: c.version,
        assignee: live ? (staffById.get(c.leaseHolderId!)?.displayName ?? null) : null,
        events: byCase.get(c.id)?.length ?? 0
      }
      for (const k of ['state', 'version', 'assignee', 'events'] as const) {
        if (m[k] !== server[k]) v.push(`${d.staff}: case ${c.caseNumber} ${k} is ${String(m[k])} on the desk, ${String(server[k])} on the server`)
      }
    }
    for (const id of mirrored) v.push(`${d.staff}: mirror holds case ${id} the server does not show this role`)
  }
  return v
}
