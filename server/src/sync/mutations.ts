import { and, desc, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { type CaseTypeDef, type DocumentType, inputKeptInEvent, issuedDocTypes } from '../../../src/shared/domain/case-type'
import { caseTypeDef } from '../../../src/shared/domain/case-types'
import { clockAfter, clockKeptOrStopped, clockMoves } from '../../../src/shared/domain/case-clock'
import { loadTimeLimits } from '../time-limits'
import { DOCUMENT_LABEL } from '../../../src/shared/domain/numbers'
import { ROLE_LABEL } from '../../../src/shared/domain/roles'
import { inScope, outOfScopeMessage } from '../../../src/shared/domain/staff'
import { canClaim, noticeText, planAction, type Reason } from '../../../src/shared/domain/workflow'
import type { Staff } from '../auth/sessions'
import { type Clock, officeToday } from '../clock'
import { schema, type Db } from '../db'
import { checkInput } from '../errors'
import { appendChange, appendEvent, type CaseRow, formObject, getCase, leaseHolder, loadCalendar } from '../cases/repo'
import { applyArchiveEffect } from '../archives/effects'
import { applyArchiveMutation, ARCHIVE_MUTATIONS, isArchiveMutation } from '../archives/mutations'
import { checkAtAction } from '../portal/checks'
import { rulesOf } from '../portal/certification-facts'
import { flushEvents } from '../cases/deferred'
import { Rejection } from './rejection'
import { applyDocumentMutation, documentArgs, DOCUMENT_MUTATIONS, isDocumentMutation, recordDocument } from './documents'

export const LEASE_MS = 8 * 3600_000

export interface Mutation {
  seq: number
  id: string
  name: string
  args: Record<string, unknown>
  baseVersion?: number | null
  leaseToken?: number | null
  /** The id of an earlier `case.claim` of the same case whose granted lease this mutation presents (lease-chain.ts). */
  leaseFrom?: string | null
}

export interface Applied {
  caseId: string
  version: number
  /** The lease token the desk holds after the mutation (claim, or an action that keeps the claim). */
  leaseToken?: number
  changeSeq: number
}

const caseArgs = z.object({ caseId: z.string().min(1).max(64) })
/** A claim names the state and review round the clerk saw (desks before this leave them out: not checked). */
const claimArgs = caseArgs.extend({ state: z.string().min(1).max(40).optional(), round: z.number().int().positive().optional() })
const actArgs = caseArgs.extend({
  action: z.string().min(1).max(60),
  input: z.unknown().optional(),
  /** The letters the action issued, in the order the definition lists them. */
  documents: z.array(documentArgs).max(20).optional(),
  /** A desk before several letters per action sends its one letter here. */
  document: documentArgs.optional(),
  /** The archive number the desk drew from its block (desks since number blocks; older ones leave it to the server). */
  archiveNumber: z.string().max(20).optional()
})

function parseArgs<S extends z.ZodType>(s: S, args: unknown): z.infer<S> {
  const r = checkInput(s, args)
  if (!r.ok) throw new Rejection('MALFORMED', r.message)
  return r.value
}

/** The case id a mutation is about (for the record and the `current` summary), if its args name one. */
export const mutationCaseId = (m: Mutation): string | undefined => (typeof m.args.caseId === 'string' ? m.args.caseId : undefined)

/** Every mutation kind `POST /sync/push` applies (the access matrix has a row for each). */
export const MUTATION_NAMES: readonly string[] = ['case.claim', 'case.release', 'case.act', ...ARCHIVE_MUTATIONS, ...DOCUMENT_MUTATIONS]

/** Applies one mutation inside the caller's transaction; throws a Rejection (or DomainError) for a business refusal. */
export async function applyMutation(tx: Db, clock: Clock, staff: Staff, clientId: string, m: Mutation): Promise<Applied> {
  switch (m.name) {
    case 'case.claim':
      return claim(tx, clock, staff, parseArgs(claimArgs, m.args))
    case 'case.release':
      return release(tx, clock, staff, parseArgs(caseArgs, m.args).caseId, await presentedToken(tx, clientId, m))
    case 'case.act':
      return act(tx, clock, staff, clientId, parseArgs(actArgs, m.args), m.baseVersion ?? null, await presentedToken(tx, clientId, m))
    default:
      if (isArchiveMutation(m.name)) return applyArchiveMutation(tx, clock, staff, m.name, m.args)
      if (isDocumentMutation(m.name)) return applyDocumentMutation(tx, clock, staff, clientId, m.name, m.args)
      throw new Rejection('MALFORMED', `未知的变更类型：${m.name}`)
  }
}

/**
 * The fencing token a decision presents: the mutation's `leaseToken`, or — when the desk queued the
 * decision offline behind its own claim and could not know the token yet (null) — the token this
 * client's latest applied `case.claim` of the case was granted.
 */
async function presentedToken(tx: Db, clientId: string, m: Mutation): Promise<number | null> {
  if (m.leaseToken !== undefined && m.leaseToken !== null) return m.leaseToken
  const caseId = mutationCaseId(m)
  if (!caseId) return null
  const t = schema.mutations
  const [row] = await tx
    .select({ result: t.result })
    .from(t)
    .where(and(eq(t.clientId, clientId), eq(t.caseId, caseId), eq(t.name, 'case.claim'), eq(t.status, 'applied')))
    .orderBy(desc(t.seq))
    .limit(1)
  const token = (row?.result as { leaseToken?: unknown } | undefined)?.leaseToken
  return typeof token === 'number' ? token : null
}

async function staffName(tx: Db, id: number): Promise<string> {
  const [row] = await tx.select({ name: schema.staff.displayName }).from(schema.staff).where(eq(schema.staff.id, id))
  return row?.name ?? '其他人'
}

/** A decision must come from the holder of a valid lease and carry its current token. */
async function checkLease(tx: Db, c: CaseRow, staff: Staff, token: number | null, now: Date): Promise<void> {
  const holder = leaseHolder(c, now)
  if (holder !== null && holder !== staff.id && (token === null || token === c.leaseToken)) {
    throw new Rejection('CLAIMED_BY_OTHER', `此业务已由 ${await staffName(tx, holder)} 认领，您不能办理`)
  }
  if (token === null && holder === null) throw new Rejection('NOT_CLAIMED', '请先认领此业务，再办理')
  if (token === null || token !== c.leaseToken || holder !== staff.id) {
    throw new Rejection('LEASE_LOST', '您对此业务的认领已失效（已过期或已由他人重新认领），此操作未生效')
  }
}

/**
 * The case's definition, once the case is known to be of a type the staff member works on (role and scopes):
 * otherwise `FORBIDDEN`, before anything about the case (holder, state) can show in the answer.
 */
function requireDef(c: CaseRow, staff: Staff): CaseTypeDef {
  const def = caseTypeDef(c.type)
  if (!inScope(staff, c.type)) throw new Rejection('FORBIDDEN', outOfScopeMessage(staff, def?.label ?? c.type))
  if (!def) throw new Rejection('NOT_FOUND', `未知的业务类型：${c.type}`)
  return def
}

async function claim(tx: Db, clock: Clock, staff: Staff, args: z.infer<typeof claimArgs>): Promise<Applied> {
  const now = clock.now()
  const { caseId } = args
  const c = await getCase(tx, caseId, true)
  const def = requireDef(c, staff)
  const holder = leaseHolder(c, now)
  if (holder !== null && holder !== staff.id) throw new Rejection('CLAIMED_BY_OTHER', `此业务已由 ${await staffName(tx, holder)} 认领`)
  // A claim queued while the case moved on (decided, or resubmitted for a new round) is not what the clerk meant.
  if ((args.state !== undefined && args.state !== c.state) || (args.round !== undefined && args.round !== c.round)) {
    throw new Rejection('VERSION_CONFLICT', `此业务在您认领前已有变化（现为“${def.states[c.state]?.label ?? c.state}”），认领未生效，请查看最新状态`)
  }
  if (!def.states[c.state]?.open) throw new Rejection('ILLEGAL_TRANSITION', '该业务当前无需办理，不能认领')
  if (!canClaim(def, { type: c.type, state: c.state, assigneeId: null }, { id: staff.id, role: staff.role, name: staff.displayName })) {
    throw new Rejection('FORBIDDEN', `${ROLE_LABEL[staff.role]}不能办理${def.label}，不能认领`)
  }
  // The holder claiming again renews the lease under the same token; any other grant is a new token.
  const leaseToken = holder === staff.id ? c.leaseToken : c.leaseToken + 1
  const leaseExpiresAt = new Date(now.getTime() + LEASE_MS)
  const previous = c.leaseHolderId !== null && c.leaseHolderId !== staff.id ? c.leaseHolderId : null
  await tx
    .update(schema.cases)
    .set({ leaseHolderId: staff.id, leaseToken, leaseExpiresAt, version: sql`${schema.cases.version} + 1`, updatedAt: now })
    .where(eq(schema.cases.id, caseId))
  await appendEvent(tx, {
    caseId,
    at: now,
    actorId: staff.id,
    actorName: staff.displayName,
    action: 'claim',
    data: { leaseToken, leaseExpiresAt: leaseExpiresAt.toISOString(), ...(previous === null ? {} : { expiredLeaseOf: await staffName(tx, previous) }) }
  })
  return { caseId, version: c.version + 1, leaseToken, changeSeq: await appendChange(tx, caseId, c.type) }
}

async function release(tx: Db, clock: Clock, staff: Staff, caseId: string, token: number | null): Promise<Applied> {
  const now = clock.now()
  const c = await getCase(tx, caseId, true)
  requireDef(c, staff)
  const holder = leaseHolder(c, now)
  // A supervisor may release anyone's claim (as on the desk); everyone else only their own, with its token.
  if (!(staff.role === 'supervisor' && holder !== null && holder !== staff.id)) await checkLease(tx, c, staff, token, now)
  await tx
    .update(schema.cases)
    .set({ leaseHolderId: null, leaseExpiresAt: null, version: sql`${schema.cases.version} + 1`, updatedAt: now })
    .where(eq(schema.cases.id, caseId))
  await appendEvent(tx, { caseId, at: now, actorId: staff.id, actorName: staff.displayName, action: 'release' })
  return { caseId, version: c.version + 1, changeSeq: await appendChange(tx, caseId, c.type) }
}

type ActArgs = z.infer<typeof actArgs>

/** The letters a `case.act` carries: `documents`, or an older desk's single `document`. */
function documentsOf(args: ActArgs): z.infer<typeof documentArgs>[] {
  if (args.documents && args.document) throw new Rejection('VALIDATION', '文书信息只能放在 documents 中，不能同时随附 document')
  return args.documents ?? (args.document ? [args.document] : [])
}

const labels = (types: readonly string[]): string => types.map((t) => (DOCUMENT_LABEL as Record<string, string>)[t] ?? t).join('、')

/**
 * Records the letters an action issued: exactly those its definition lists for the case, in order (each
 * numbered from the desk's block, its file uploaded); returns what the event keeps of them.
 */
async function recordDocuments(
  tx: Db,
  c: CaseRow,
  actionLabel: string,
  expected: DocumentType[],
  documents: z.infer<typeof documentArgs>[],
  staff: Staff,
  clientId: string,
  now: Date
): Promise<Record<string, unknown>> {
  if (expected.length === 0) {
    if (documents.length > 0) throw new Rejection('VALIDATION', `“${actionLabel}”不出具文书`)
    return {}
  }
  if (documents.length === 0) throw new Rejection('VALIDATION', `“${actionLabel}”须随附所出具文书的信息（文书文件先上传）`)
  if (documents.length !== expected.length || documents.some((d, i) => d.docType !== expected[i])) {
    throw new Rejection(
      'VALIDATION',
      `“${actionLabel}”应依次出具${expected.length}份文书（${labels(expected)}），收到${documents.length}份（${labels(documents.map((d) => d.docType))}）`
    )
  }
  const recorded = []
  for (const [i, doc] of documents.entries()) recorded.push(await recordDocument(tx, c, expected[i], doc, staff, clientId, now))
  // `documentId` / `document`: the first letter, for readers from before several letters per action.
  return {
    documentId: recorded[0].documentId,
    document: recorded[0].document,
    documentIds: recorded.map((r) => r.documentId),
    documents: recorded.map((r) => r.document)
  }
}

/** `case.act`: the same rules as the desk's case service, from the same shared definition. */
async function act(tx: Db, clock: Clock, staff: Staff, clientId: string, args: ActArgs, baseVersion: number | null, token: number | null): Promise<Applied> {
  const now = clock.now()
  const today = officeToday(clock)
  const c = await getCase(tx, args.caseId, true)
  const def = requireDef(c, staff)
  if (Object.hasOwn(def.actions, args.action) && def.actions[args.action].requiresClaim) await checkLease(tx, c, staff, token, now)
  if (baseVersion === null) throw new Rejection('VALIDATION', '缺少 baseVersion（办理时看到的业务版本）')
  if (c.version !== baseVersion) throw new Rejection('VERSION_CONFLICT', '此业务已被他人更新，您的操作未生效，请查看最新状态后再办理')
  const form = formObject(c.form)
  const plan = planAction(def, { type: c.type, state: c.state, assigneeId: leaseHolder(c, now), subtype: c.subtype, form }, args.action, args.input, {
    id: staff.id,
    role: staff.role,
    name: staff.displayName
  })
  // The rules may read events (a certification's result): those a push chunk deferred are written first (cases/deferred.ts).
  if (rulesOf(def)?.at.includes(args.action)) await flushEvents(tx)
  await checkAtAction(tx, def, c, args.action, today) // the archive rules, as they stand now (portal/checks.ts)
  const input = plan.input
  const clockStart = plan.action.clockStartField ? String(input[plan.action.clockStartField]) : today
  if (clockStart > today) throw new Rejection('VALIDATION', '日期不能晚于今天')
  // The clock starts, pauses, resumes or stops with the move (shared/domain/case-clock.ts; the desk does the same).
  const from = { state: c.state, clockStartedOn: c.clockStartedOn, clockDays: c.clockDays, deadlineOn: c.deadlineOn }
  // The calendar and the time-limit table are read only when a clock starts, pauses or resumes.
  const next = clockMoves(def, c.state, plan.to)
    ? clockAfter(await loadCalendar(tx), def, from, plan.to, clockStart, { subtype: c.subtype, form, input, timeLimits: (await loadTimeLimits(tx)).limits })
    : clockKeptOrStopped(from, plan.to)
  const keep = !!plan.action.keepsClaim && !!def.states[plan.to]?.open
  const data: Record<string, unknown> = {}
  Object.assign(data, inputKeptInEvent(plan.action, input))
  Object.assign(data, await recordDocuments(tx, c, plan.action.label, issuedDocTypes(plan.action, c.subtype, form), documentsOf(args), staff, clientId, now))
  // The archive register: status, number, custody entry (archives/effects.ts; the desk does the same).
  Object.assign(data, await applyArchiveEffect(tx, { action: plan.action, input, caseId: c.id, applicantId: c.applicantId, staff, now, today, clientId, archiveNumber: args.archiveNumber }))
  const reasons = (Array.isArray(input.reasons) ? input.reasons : typeof input.reason === 'string' ? [{ material: 'general', text: input.reason }] : []) as Reason[]
  const notice = noticeText(def, args.action, input, reasons, String(data.archiveNumber ?? ''))
  if (notice) data.notice = notice
  await tx
    .update(schema.cases)
    .set({
      state: plan.to,
      version: sql`${schema.cases.version} + 1`,
      updatedAt: now,
      ...next,
      ...(keep ? {} : { leaseHolderId: null, leaseExpiresAt: null })
    })
    .where(eq(schema.cases.id, c.id))
  await appendEvent(tx, {
    caseId: c.id,
    at: now,
    actorId: staff.id,
    actorName: staff.displayName,
    action: args.action,
    fromState: plan.from,
    toState: plan.to,
    reasons,
    note: typeof input.note === 'string' ? input.note : '',
    data
  })
  return { caseId: c.id, version: c.version + 1, ...(keep ? { leaseToken: c.leaseToken } : {}), changeSeq: await appendChange(tx, c.id, c.type) }
}
