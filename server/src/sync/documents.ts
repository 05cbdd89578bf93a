import { and, eq, inArray, or } from 'drizzle-orm'
import { z } from 'zod'
import { PRINT_CONSOLE } from '../../../src/shared/api/contract'
import { ARCHIVE_NUMBER, DOCUMENT_LABEL, formatArchiveNumber, formatDocumentNumber, NUMBER_KINDS, parseDocumentNumber } from '../../../src/shared/domain/numbers'
import { caseTypeDef } from '../../../src/shared/domain/case-types'
import { ROLE_LABEL } from '../../../src/shared/domain/roles'
import { inScope, outOfScopeMessage } from '../../../src/shared/domain/staff'
import type { Staff } from '../auth/sessions'
import { appendChange, appendEvent, type CaseRow } from '../cases/repo'
import type { Clock } from '../clock'
import { schema, type Db } from '../db'
import { checkInput } from '../errors'
import type { Applied } from './mutations'
import { letterYearProblem } from '../../../src/shared/domain/service-time'
import { requireReserved } from './numbers'
import { Rejection } from './rejection'

/**
 * Letters at the exchange service (PROTOCOL.md, Push): the letters an action drafted (`case.act`'s
 * `documents`, with the template data any desk renders the final letter from), and their life after —
 * `document.sign`, `document.void`, `document.print` (supervisors) — and `number.void` (a number a desk
 * drew but never used on a valid letter). Each changes the letter, not the case (no version bump), and is
 * appended to the change log so every desk pulls it.
 */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 应为 64 位小写十六进制')
const instant = z.iso.datetime({ offset: true })
const number = z.string().min(1).max(60)

export const documentArgs = z.object({
  docType: z.string().min(1).max(40),
  number,
  verificationCode: z.string().min(4).max(64),
  sha256,
  fileName: z.string().min(1).max(200),
  issuedAt: instant,
  /** The template's input (desks before the print console leave it out). */
  data: z.record(z.string(), z.unknown()).nullish()
})

const signArgs = z.object({ number, signedSha256: sha256, signedAt: instant })
const voidArgs = z.object({ number, reason: z.string().trim().min(2, '作废须填写原因').max(200), at: instant })
const printArgs = z.object({ number, kind: z.enum(['print', 'reprint', 'save']), reason: z.string().trim().max(200).default(''), printer: z.string().max(200).nullish(), at: instant })
const numberVoidArgs = z.object({
  counter: z.string().regex(/^[a-z_]+:\d{4}$/, '计数器名应为 <类别>:<年份>'),
  serial: z.number().int().positive(),
  reason: z.string().trim().min(1).max(300)
})

export const DOCUMENT_MUTATIONS = ['document.sign', 'document.void', 'document.print', 'number.void'] as const
const NAMES = DOCUMENT_MUTATIONS
export const isDocumentMutation = (name: string): name is (typeof NAMES)[number] => (NAMES as readonly string[]).includes(name)

function parse<S extends z.ZodType>(s: S, args: unknown): z.output<S> {
  const r = checkInput(s, args)
  if (!r.ok) throw new Rejection('MALFORMED', r.message)
  return r.value
}

const label = (docType: string): string => (DOCUMENT_LABEL as Record<string, string>)[docType] ?? '文书'

/**
 * Records the letter the desk issued (its PDF already uploaded as a blob), issued at the service's time `now`
 * — its number's year must be the service's (`NUMBER_YEAR`; shared/domain/service-time.ts) — and returns what
 * the event keeps of it (with the desk's own time, `deskIssuedAt`, as what the desk said).
 */
export async function recordDocument(tx: Db, c: CaseRow, docType: string, doc: z.infer<typeof documentArgs>, staff: Staff, clientId: string, now: Date) {
  if (doc.docType !== docType) throw new Rejection('VALIDATION', `此操作出具的文书类型应为 ${docType}，收到的是 ${doc.docType}`)
  const parsed = parseDocumentNumber(docType, doc.number)
  if (parsed) {
    const problem = letterYearProblem(Number(parsed.counter.split(':')[1]), now, new Date(doc.issuedAt))
    if (problem) throw new Rejection('NUMBER_YEAR', `${doc.number}：${problem}`)
  }
  await requireReserved(tx, clientId, parsed, doc.number)
  await requireBlob(tx, doc.sha256, '文书文件尚未上传到交换服务，请先上传后再同步')
  const d = schema.issuedDocuments
  const [dup] = await tx
    .select({ id: d.id })
    .from(d)
    .where(or(eq(d.number, doc.number), eq(d.verificationCode, doc.verificationCode)))
  if (dup) throw new Rejection('VALIDATION', `文书编号 ${doc.number} 或其验证码已被使用`)
  const [row] = await tx
    .insert(d)
    .values({ caseId: c.id, docType, number: doc.number, verificationCode: doc.verificationCode, sha256: doc.sha256, fileName: doc.fileName, issuedById: staff.id, issuedAt: now, data: doc.data ?? null })
    .returning({ id: d.id })
  return { documentId: row.id, document: { docType, number: doc.number, verificationCode: doc.verificationCode, sha256: doc.sha256, deskIssuedAt: doc.issuedAt } }
}

async function requireBlob(tx: Db, sha: string, message: string): Promise<void> {
  const [blob] = await tx.select({ sha256: schema.blobs.sha256 }).from(schema.blobs).where(eq(schema.blobs.sha256, sha))
  if (!blob) throw new Rejection('VALIDATION', message)
}

/** The letter of `number` and its case, locked for the rest of the transaction; `FORBIDDEN` for a case type out of the staff member's scope. */
async function letterOf(tx: Db, staff: Staff, n: string) {
  const d = schema.issuedDocuments
  const [doc] = await tx.select().from(d).where(eq(d.number, n)).for('update')
  if (!doc) throw new Rejection('NOT_FOUND', `交换服务上没有文号为 ${n} 的文书（出具它的操作可能未被接受）`)
  const [c] = await tx.select({ id: schema.cases.id, type: schema.cases.type, version: schema.cases.version }).from(schema.cases).where(eq(schema.cases.id, doc.caseId))
  if (!inScope(staff, c.type)) throw new Rejection('FORBIDDEN', outOfScopeMessage(staff, caseTypeDef(c.type)?.label ?? c.type))
  return { doc, c }
}

const STATUS_WORD = { draft: '尚未签章', issued: '已签章', void: '已作废', revoked: '已撤销' } as const

export async function applyDocumentMutation(tx: Db, clock: Clock, staff: Staff, clientId: string, name: (typeof NAMES)[number], args: unknown): Promise<Applied> {
  const now = clock.now()
  if (name === 'number.void') return voidNumber(tx, staff, clientId, parse(numberVoidArgs, args), now)
  if (!PRINT_CONSOLE.includes(staff.role)) throw new Rejection('FORBIDDEN', `${ROLE_LABEL[staff.role]}不能签章、打印或作废文书`)
  const event = { at: now, actorId: staff.id, actorName: staff.displayName }
  const d = schema.issuedDocuments
  if (name === 'document.sign') {
    const a = parse(signArgs, args)
    const { doc, c } = await letterOf(tx, staff, a.number)
    if (doc.status !== 'draft') throw new Rejection('ILLEGAL_TRANSITION', `${doc.number} ${STATUS_WORD[doc.status]}，不能签章`)
    await requireBlob(tx, a.signedSha256, '签章后的文书文件尚未上传到交换服务，请先上传后再同步')
    // Signed when the service records it; the desk's own time is kept in the event as what it said.
    await tx.update(d).set({ status: 'issued', signedSha256: a.signedSha256, signedAt: now, signedById: staff.id, statusAt: now }).where(eq(d.id, doc.id))
    await appendEvent(tx, { ...event, caseId: c.id, action: 'document_signed', note: `签章：${label(doc.docType)} ${doc.number}`, data: { documentId: doc.id, number: doc.number, deskSignedAt: a.signedAt } })
    return { caseId: c.id, version: c.version, changeSeq: await appendChange(tx, c.id, c.type) }
  }
  if (name === 'document.void') {
    const a = parse(voidArgs, args)
    const { doc, c } = await letterOf(tx, staff, a.number)
    if (doc.status === 'void' || doc.status === 'revoked') throw new Rejection('ILLEGAL_TRANSITION', `${doc.number} ${STATUS_WORD[doc.status]}，不能再作废`)
    await tx.update(d).set({ status: 'void', statusReason: a.reason, statusAt: now }).where(eq(d.id, doc.id))
    const note = `作废：${label(doc.docType)} ${doc.number}（${a.reason}）`
    await appendEvent(tx, { ...event, caseId: c.id, action: 'document_voided', note, data: { documentId: doc.id, number: doc.number, reason: a.reason, deskAt: a.at } })
    return { caseId: c.id, version: c.version, changeSeq: await appendChange(tx, c.id, c.type) }
  }
  const a = parse(printArgs, args)
  const { doc, c } = await letterOf(tx, staff, a.number)
  if (a.kind !== 'save' && doc.status === 'draft') throw new Rejection('ILLEGAL_TRANSITION', `${doc.number} 尚未签章，不能作为正式文书打印`)
  let { kind, reason } = a
  if (kind !== 'save') {
    // A desk that had not yet seen another desk's print of the letter called its own a first print.
    const p = schema.documentPrints
    const [earlier] = await tx.select({ id: p.id }).from(p).where(and(eq(p.number, doc.number), inArray(p.kind, ['print', 'reprint']))).limit(1)
    kind = earlier ? 'reprint' : 'print'
    if (kind === 'reprint' && !reason) reason = '（其他窗口已先打印此文书，本机打印时尚未同步到）'
  }
  await tx.insert(schema.documentPrints).values({ number: doc.number, kind, reason, printer: a.printer ?? null, at: new Date(a.at), actorId: staff.id, actorName: staff.displayName })
  return { caseId: c.id, version: c.version, changeSeq: await appendChange(tx, c.id, c.type) }
}

/** A number this desk drew from its block but never used on a valid letter: recorded void (once) with its reason. */
async function voidNumber(tx: Db, staff: Staff, clientId: string, a: z.infer<typeof numberVoidArgs>, now: Date): Promise<Applied> {
  const [kind, yearText] = a.counter.split(':')
  const year = Number(yearText)
  if (!(NUMBER_KINDS as readonly string[]).includes(kind)) throw new Rejection('VALIDATION', `未知的编号类别：${kind}`)
  const shown = kind === ARCHIVE_NUMBER ? formatArchiveNumber(year, a.serial) : formatDocumentNumber(kind, year, a.serial)
  await requireReserved(tx, clientId, { counter: a.counter, serial: a.serial }, shown)
  const [used] =
    kind === ARCHIVE_NUMBER
      ? await tx.select({ id: schema.archives.id }).from(schema.archives).where(eq(schema.archives.archiveNumber, shown))
      : await tx.select({ id: schema.issuedDocuments.id }).from(schema.issuedDocuments).where(eq(schema.issuedDocuments.number, shown))
  if (used) throw new Rejection('VALIDATION', `${shown} 已有在用的记录，不能登记为作废编号`)
  await tx.insert(schema.numberVoids).values({ counter: a.counter, serial: a.serial, reason: a.reason, at: now, actorId: staff.id, actorName: staff.displayName }).onConflictDoNothing()
  return { caseId: '', version: 0, changeSeq: 0 }
}
