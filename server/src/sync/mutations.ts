import { and, desc, eq, or, sql } from 'drizzle-orm'
import { z } from 'zod'
import type { CaseTypeDef } from '../../../src/shared/domain/case-type'
import { caseTypeDef } from '../../../src/shared/domain/case-types'
import { storedDeadline } from '../../../src/shared/domain/deadline'
import { ARCHIVE_NUMBER, counterKey, formatArchiveNumber, parseArchiveNumber, parseDocumentNumber } from '../../../src/shared/domain/numbers'
import { ROLE_LABEL } from '../../../src/shared/domain/roles'
import { canClaim, noticeText, planAction, type Reason } from '../../../src/shared/domain/workflow'
import type { Staff } from '../auth/sessions'
import { type Clock, officeToday } from '../clock'
import { schema, type Db } from '../db'
import { checkInput } from '../errors'
import { appendChange, appendEvent, type CaseRow, getCase, leaseHolder, loadCalendar, nextCounter } from '../cases/repo'
import { Rejection } from './rejection'
import { requireReserved } from './numbers'

export const LEASE_MS = 8 * 3600_000

export interface Mutation {
  seq: number
  id: string
  name: string
  args: Record<string, unknown>
  baseVersion?: number | null
  leaseToken?: number | null
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
const documentArgs = z.object({
  docType: z.string().min(1).max(40),
  number: z.string().min(1).max(60),
  verificationCode: z.string().min(4).max(64),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 应为 64 位小写十六进制'),
  fileName: z.string().min(1).max(200),
  issuedAt: z.iso.datetime({ offset: true })
})
const actArgs = caseArgs.extend({
  action: z.string().min(1).max(60),
  input: z.unknown().optional(),
  document: documentArgs.optional(),
  /** The archive number the desk drew from its block (desks since number blocks; older ones leave it to the server). */
  archiveNumber: z.string().max(20).optional()
})

function parseArgs<S extends z.ZodType>(s: S, args: unknown): z.infer<S> {
  const r = checkInput(s, args)
  if (!r.ok) throw new Rejection('VALIDATION', r.message)
  return r.value
}

/** The case id a mutation is about (for the record and the `current` summary), if its args name one. */
export const mutationCaseId = (m: Mutation): string | undefined => (typeof m.args.caseId === 'string' ? m.args.caseId : undefined)

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
      throw new Rejection('VALIDATION', `未知的变更类型：${m.name}`)
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

function requireDef(c: CaseRow): CaseTypeDef {
  const def = caseTypeDef(c.type)
  if (!def) throw new Rejection('NOT_FOUND', `未知的业务类型：${c.type}`)
  return def
}

async function claim(tx: Db, clock: Clock, staff: Staff, args: z.infer<typeof claimArgs>): Promise<Applied> {
  const now = clock.now()
  const { caseId } = args
  const c = await getCase(tx, caseId, true)
  const def = requireDef(c)
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
  requireDef(c)
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

/** `case.act`: the same rules as the desk's case service, from the same shared definition. */
async function act(tx: Db, clock: Clock, staff: Staff, clientId: string, args: ActArgs, baseVersion: number | null, token: number | null): Promise<Applied> {
  const now = clock.now()
  const today = officeToday(clock)
  const c = await getCase(tx, args.caseId, true)
  const def = requireDef(c)
  if (Object.hasOwn(def.actions, args.action) && def.actions[args.action].requiresClaim) await checkLease(tx, c, staff, token, now)
  if (baseVersion === null) throw new Rejection('VALIDATION', '缺少 baseVersion（办理时看到的业务版本）')
  if (c.version !== baseVersion) throw new Rejection('VERSION_CONFLICT', '此业务已被他人更新，您的操作未生效，请查看最新状态后再办理')
  const plan = planAction(def, { type: c.type, state: c.state, assigneeId: leaseHolder(c, now) }, args.action, args.input, {
    id: staff.id,
    role: staff.role,
    name: staff.displayName
  })
  const input = plan.input
  const clockStart = plan.action.clockStartField ? String(input[plan.action.clockStartField]) : today
  if (clockStart > today) throw new Rejection('VALIDATION', '日期不能晚于今天')
  const stateChanges = plan.to !== plan.from
  const clockRuns = !!def.states[plan.to]?.clock
  const deadlineOn = stateChanges ? (clockRuns ? storedDeadline(await loadCalendar(tx), c.type, plan.to, clockStart) : null) : c.deadlineOn
  const keep = !!plan.action.keepsClaim && !!def.states[plan.to]?.open
  const data: Record<string, unknown> = {}
  if (plan.action.form === 'archive_sign_in') Object.assign(data, input, input.stubPresent ? {} : { envelopeReturned: true })
  if (plan.action.issues) {
    if (!args.document) throw new Rejection('VALIDATION', `“${plan.action.label}”须随附所出具文书的信息（文书文件先上传）`)
    Object.assign(data, await recordDocument(tx, c, plan.action.issues, args.document, staff, clientId))
  } else if (args.document) {
    throw new Rejection('VALIDATION', `“${plan.action.label}”不出具文书`)
  }
  if (plan.action.assignsArchiveNumber) data.archiveNumber = await assignArchiveNumber(tx, c, today, now, clientId, args.archiveNumber)
  else if (args.archiveNumber) throw new Rejection('VALIDATION', `“${plan.action.label}”不分配档案编号`)
  const reasons = (Array.isArray(input.reasons) ? input.reasons : typeof input.reason === 'string' ? [{ material: 'general', text: input.reason }] : []) as Reason[]
  const notice = noticeText(def, args.action, input, reasons, String(data.archiveNumber ?? ''))
  if (notice) data.notice = notice
  await tx
    .update(schema.cases)
    .set({
      state: plan.to,
      version: sql`${schema.cases.version} + 1`,
      updatedAt: now,
      clockStartedOn: stateChanges ? (clockRuns ? clockStart : null) : c.clockStartedOn,
      deadlineOn,
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

/** Records the letter the desk issued (its PDF already uploaded as a blob); returns what the event keeps of it. */
async function recordDocument(tx: Db, c: CaseRow, docType: string, doc: NonNullable<ActArgs['document']>, staff: Staff, clientId: string) {
  if (doc.docType !== docType) throw new Rejection('VALIDATION', `此操作出具的文书类型应为 ${docType}，收到的是 ${doc.docType}`)
  await requireReserved(tx, clientId, parseDocumentNumber(docType, doc.number), doc.number)
  const [blob] = await tx.select({ sha256: schema.blobs.sha256 }).from(schema.blobs).where(eq(schema.blobs.sha256, doc.sha256))
  if (!blob) throw new Rejection('VALIDATION', '文书文件尚未上传到交换服务，请先上传后再同步')
  const d = schema.issuedDocuments
  const [dup] = await tx
    .select({ id: d.id })
    .from(d)
    .where(or(eq(d.number, doc.number), eq(d.verificationCode, doc.verificationCode)))
  if (dup) throw new Rejection('VALIDATION', `文书编号 ${doc.number} 或其验证码已被使用`)
  const [row] = await tx
    .insert(d)
    .values({ caseId: c.id, docType, number: doc.number, verificationCode: doc.verificationCode, sha256: doc.sha256, fileName: doc.fileName, issuedById: staff.id, issuedAt: new Date(doc.issuedAt) })
    .returning({ id: d.id })
  return { documentId: row.id, document: { docType, number: doc.number, verificationCode: doc.verificationCode, sha256: doc.sha256 } }
}

/**
 * 档案编号: the one the desk drew from its block, or (a desk that sends none) `D` + year + 6-digit sequence
 * from the server's counter — never reused; the archive is now in storage. An archive already in storage
 * is not stored twice (as on the desk).
 */
async function assignArchiveNumber(tx: Db, c: CaseRow, today: string, now: Date, clientId: string, fromDesk?: string): Promise<string> {
  const [held] = await tx
    .select({ archiveNumber: schema.archives.archiveNumber })
    .from(schema.archives)
    .where(and(eq(schema.archives.applicantId, c.applicantId), eq(schema.archives.status, 'in_storage')))
  if (held) throw new Rejection('ILLEGAL_TRANSITION', `该申请人的档案已在库（档案编号 ${held.archiveNumber}），不能重复存入`)
  let archiveNumber: string
  if (fromDesk) {
    await requireReserved(tx, clientId, parseArchiveNumber(fromDesk), fromDesk)
    const [used] = await tx.select({ id: schema.archives.id }).from(schema.archives).where(eq(schema.archives.archiveNumber, fromDesk))
    if (used) throw new Rejection('VALIDATION', `档案编号 ${fromDesk} 已被使用`)
    archiveNumber = fromDesk
  } else {
    const year = Number(today.slice(0, 4))
    archiveNumber = formatArchiveNumber(year, await nextCounter(tx, counterKey(ARCHIVE_NUMBER, year)))
  }
  await tx
    .insert(schema.archives)
    .values({ applicantId: c.applicantId, archiveNumber, status: 'in_storage', updatedAt: now })
    .onConflictDoUpdate({ target: schema.archives.applicantId, set: { archiveNumber, status: 'in_storage', updatedAt: now } })
  return archiveNumber
}
