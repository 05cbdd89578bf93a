import { randomUUID } from 'node:crypto'
import { asc, eq, inArray, sql } from 'drizzle-orm'
import type { CaseTypeDef } from '../../../src/shared/domain/case-type'
import { caseTypeDef } from '../../../src/shared/domain/case-types'
import { clockAfter, clockKeptOrStopped, clockMoves, expectedIfResumed } from '../../../src/shared/domain/case-clock'
import { loadTimeLimits } from '../time-limits'
import { isGb11643IdType, isMainlandMobile, MAINLAND_MOBILE_TEXT, normalizeMobile, normalizeResidentId, residentIdProblems } from '../../../src/shared/domain/identity'
import { planAction } from '../../../src/shared/domain/workflow'
import { DomainError } from '../../../src/shared/result'
import type { IsoDate, WorkingCalendar } from '../../../src/shared/domain/calendar'
import { type Clock, officeToday } from '../clock'
import { appendChange, appendEvent, type CaseRow, formObject, getCase, loadCalendar, nextCounter } from '../cases/repo'
import { schema, type Db } from '../db'
import { checkArrival, checkForm, requestOf } from './checks'
import type { ApplicantInput, AttachmentInput, ApplicationInput, ApplicationPatch } from './schemas'

/** A portal call's outcome: what to answer, and the change-log seq to poke desks with. */
export interface Committed<T> {
  value: T
  changeSeq: number
}

function requireDef(type: string): CaseTypeDef {
  const def = caseTypeDef(type)
  if (!def) throw new DomainError('VALIDATION', `未知的业务类型：${type}`)
  return def
}

/**
 * Checks the attachments against the case type's materials (kind, format, how many files, required ones) and
 * that their files are uploaded. `kept`: the material codes of the files the case keeps (supplements are added
 * to them), counted with the new ones.
 */
async function checkAttachments(tx: Db, def: CaseTypeDef, list: AttachmentInput[], kept: readonly string[] = []): Promise<Map<string, number>> {
  for (const a of list) {
    const material = def.materials.find((m) => m.code === a.materialCode)
    if (!material) throw new DomainError('VALIDATION', `未知的材料类型：${a.materialCode}`)
    if (!material.accept.includes(a.mime)) throw new DomainError('VALIDATION', `“${material.label}”不接受 ${a.mime} 格式的文件`)
  }
  const codes = [...kept, ...list.map((a) => a.materialCode)]
  for (const m of def.materials) {
    const n = codes.filter((c) => c === m.code).length
    if (m.maxFiles !== undefined && n > m.maxFiles) throw new DomainError('VALIDATION', `“${m.label}”最多上传 ${m.maxFiles} 个文件，现有 ${n} 个`)
  }
  const missing = def.materials.filter((m) => m.required && !codes.includes(m.code))
  if (missing.length) throw new DomainError('VALIDATION', `缺少必需的材料：${missing.map((m) => m.label).join('、')}`)
  const hashes = [...new Set(list.map((a) => a.sha256))]
  const rows = hashes.length
    ? await tx.select({ sha256: schema.blobs.sha256, size: schema.blobs.size }).from(schema.blobs).where(inArray(schema.blobs.sha256, hashes))
    : []
  const sizes = new Map(rows.map((r) => [r.sha256, r.size]))
  const absent = list.find((a) => !sizes.has(a.sha256))
  if (absent) throw new DomainError('VALIDATION', `文件“${absent.fileName}”尚未上传，请先上传再提交`)
  return sizes
}

/** 补充材料: the files are added to the case's own (none replaced); the same file twice is kept once. */
async function addAttachments(tx: Db, def: CaseTypeDef, caseId: string, list: AttachmentInput[], now: Date): Promise<void> {
  const have = await tx.select({ code: schema.attachments.materialCode, sha256: schema.attachments.sha256 }).from(schema.attachments).where(eq(schema.attachments.caseId, caseId))
  const seen = new Set(have.map((a) => `${a.code}:${a.sha256}`))
  const fresh = list.filter((a) => !seen.has(`${a.materialCode}:${a.sha256}`) && seen.add(`${a.materialCode}:${a.sha256}`))
  const sizes = await checkAttachments(tx, def, fresh, have.map((a) => a.code))
  if (fresh.length) {
    await tx.insert(schema.attachments).values(fresh.map((a) => ({ caseId, materialCode: a.materialCode, fileName: a.fileName, mime: a.mime, size: sizes.get(a.sha256)!, sha256: a.sha256, uploadedAt: now })))
  }
}

async function replaceAttachments(tx: Db, def: CaseTypeDef, caseId: string, list: AttachmentInput[], now: Date): Promise<void> {
  const sizes = await checkAttachments(tx, def, list)
  await tx.delete(schema.attachments).where(eq(schema.attachments.caseId, caseId))
  if (list.length) {
    await tx.insert(schema.attachments).values(list.map((a) => ({ caseId, materialCode: a.materialCode, fileName: a.fileName, mime: a.mime, size: sizes.get(a.sha256)!, sha256: a.sha256, uploadedAt: now })))
  }
}

/**
 * The applicant's details as the rules of the seeds take them: a GB 11643 number (any label for the mainland ID,
 * isGb11643IdType) written as the standard writes it and checked with the birth date and sex given with it; a
 * 国（境）内 mobile number where the type's seed says so (000, 004).
 */
function checkedApplicant(input: ApplicantInput, def: CaseTypeDef): ApplicantInput {
  const a = { ...input, mobile: normalizeMobile(input.mobile) }
  if (isGb11643IdType(a.idType)) {
    a.idNumber = normalizeResidentId(a.idNumber)
    const problems = residentIdProblems(a)
    if (problems.length) throw new DomainError('VALIDATION', problems.join('；'))
  }
  if (def.mainlandMobile && !isMainlandMobile(a.mobile)) throw new DomainError('VALIDATION', MAINLAND_MOBILE_TEXT)
  return a
}

/** The applicant, matched by ID type and number (details updated to the latest application). */
async function upsertApplicant(tx: Db, a: ApplicantInput): Promise<{ id: number; name: string }> {
  const [row] = await tx
    .insert(schema.applicants)
    .values(a)
    .onConflictDoUpdate({ target: [schema.applicants.idType, schema.applicants.idNumber], set: { ...a } })
    .returning({ id: schema.applicants.id, name: schema.applicants.name })
  return row
}

/** A new application: `submitted`, with the definition's working-day clock starting today. */
export async function submitApplication(tx: Db, clock: Clock, input: ApplicationInput): Promise<Committed<{ caseId: string; caseNumber: string; state: string }>> {
  const def = requireDef(input.type)
  // An own key only: `__proto__`, `toString`, `constructor` are no subtype of any type.
  if (!Object.hasOwn(def.subtypes, input.subtype)) throw new DomainError('VALIDATION', `${def.label}没有“${input.subtype}”这一类别`)
  const now = clock.now()
  const today = officeToday(clock)
  const applicant = await upsertApplicant(tx, checkedApplicant(input.applicant, def))
  // The parsed form (trimmed, defaults filled in) is what is stored and what the desks receive.
  const form = await checkArrival(tx, def, { applicantId: applicant.id, subtype: input.subtype, form: input.form, materials: input.attachments.map((a) => a.materialCode) }, today)
  const day = today.replaceAll('-', '')
  const caseNumber = `CD${day}${String(await nextCounter(tx, `case_number:${day}`)).padStart(6, '0')}`
  const id = randomUUID()
  const state = def.initialState
  const none = { state: null, clockStartedOn: null, clockDays: null, deadlineOn: null }
  const started = clockMoves(def, null, state)
    ? clockAfter(await loadCalendar(tx), def, none, state, today, { subtype: input.subtype, form, input: {}, timeLimits: (await loadTimeLimits(tx)).limits })
    : clockKeptOrStopped(none, state)
  await tx.insert(schema.cases).values({
    id,
    caseNumber,
    type: def.type,
    subtype: input.subtype,
    state,
    applicantId: applicant.id,
    form,
    submittedAt: now,
    ...started,
    updatedAt: now
  })
  await replaceAttachments(tx, def, id, input.attachments, now)
  await appendEvent(tx, { caseId: id, at: now, actorId: null, actorName: applicant.name, action: 'submit', toState: state })
  return { value: { caseId: id, caseNumber, state }, changeSeq: await appendChange(tx, id, def.type) }
}

async function applicantName(tx: Db, c: CaseRow): Promise<string> {
  const [a] = await tx.select({ name: schema.applicants.name }).from(schema.applicants).where(eq(schema.applicants.id, c.applicantId))
  return a?.name ?? '申请人'
}

const bump = (now: Date) => ({ version: sql`${schema.cases.version} + 1`, updatedAt: now })

/** The applicant changes the form or attachments while the application still waits for its first review. */
export async function updateApplication(tx: Db, clock: Clock, id: string, patch: ApplicationPatch): Promise<Committed<{ state: string }>> {
  const now = clock.now()
  const c = await getCase(tx, id, true)
  const def = requireDef(c.type)
  if (c.state !== def.initialState) {
    throw new DomainError('ILLEGAL_TRANSITION', `当前状态为“${def.states[c.state]?.label ?? c.state}”，不能修改申请`)
  }
  const form = await checkArrival(tx, def, await requestOf(tx, c, patch), officeToday(clock))
  if (patch.attachments) await replaceAttachments(tx, def, id, patch.attachments, now)
  await tx
    .update(schema.cases)
    .set({ ...bump(now), ...(patch.form ? { form } : {}) })
    .where(eq(schema.cases.id, id))
  await appendEvent(tx, { caseId: id, at: now, actorId: null, actorName: await applicantName(tx, c), action: 'update', data: { form: !!patch.form, attachments: !!patch.attachments } })
  return { value: { state: c.state }, changeSeq: await appendChange(tx, id, c.type) }
}

/** An applicant action of the definition (cancel, resubmit, supplement): checked by planAction like any staff action. */
export async function applicantAction(tx: Db, clock: Clock, id: string, action: string, patch: ApplicationPatch = {}): Promise<Committed<{ state: string; round: number }>> {
  const now = clock.now()
  const today = officeToday(clock)
  const c = await getCase(tx, id, true)
  const def = requireDef(c.type)
  const name = await applicantName(tx, c)
  const plan = planAction(def, { type: c.type, state: c.state, assigneeId: null }, action, {}, { id: 0, role: 'applicant', name })
  const supplement = action === 'supplement'
  if (supplement && !patch.attachments?.length && !patch.form) throw new DomainError('VALIDATION', '请上传需要补充的材料')
  // A form sent along is checked and stored parsed (a resubmission's with the rules too).
  let parsed: Record<string, unknown> | undefined
  if (action === 'resubmit') {
    const checked = await checkArrival(tx, def, await requestOf(tx, c, patch), today)
    if (patch.form) parsed = checked
  } else if (patch.form) parsed = checkForm(def, c.subtype, patch.form)
  const form = parsed ?? formObject(c.form)
  const from = { state: c.state, clockStartedOn: c.clockStartedOn, clockDays: c.clockDays, deadlineOn: c.deadlineOn }
  // A resubmission starts the clock afresh; supplements resume a paused one (shared/domain/case-clock.ts).
  const next = clockMoves(def, c.state, plan.to)
    ? clockAfter(await loadCalendar(tx), def, from, plan.to, today, { subtype: c.subtype, form, input: {}, timeLimits: (await loadTimeLimits(tx)).limits })
    : clockKeptOrStopped(from, plan.to)
  const round = action === 'resubmit' ? c.round + 1 : c.round
  // Supplements are added to what the case has; a resubmission's list replaces it.
  if (patch.attachments) await (supplement ? addAttachments : replaceAttachments)(tx, def, id, patch.attachments, now)
  await tx
    .update(schema.cases)
    .set({
      ...bump(now),
      state: plan.to,
      round,
      // A resubmission's time replaces the earlier submission time (seed 003).
      ...(action === 'resubmit' ? { submittedAt: now } : {}),
      ...next,
      leaseHolderId: null,
      leaseExpiresAt: null,
      ...(parsed ? { form: parsed } : {})
    })
    .where(eq(schema.cases.id, id))
  const added = supplement ? { attachments: patch.attachments?.length ?? 0, form: !!patch.form } : {}
  await appendEvent(tx, { caseId: id, at: now, actorId: null, actorName: name, action, fromState: plan.from, toState: plan.to, data: { round, ...added } })
  return { value: { state: plan.to, round }, changeSeq: await appendChange(tx, id, c.type) }
}

/** Why there is no 预计完成时间 although a clock runs: its end lies in a year whose holidays are not published yet. */
const notPublishedYet = (calendar: WorkingCalendar) =>
  `办理时限按工作日计算，${Math.max(...calendar.knownYears()) + 1} 年的法定节假日安排尚未公布，预计完成时间将在安排公布后显示`

/**
 * 预计完成时间: the deadline, or while the clock is paused where it would end if the case resumed today. When that
 * end lies beyond the office's calendar there is no date, and `deadlineNote` says why (never a bare null).
 */
async function expected(db: Db, def: CaseTypeDef, c: CaseRow, today: IsoDate) {
  const state = def.states[c.state]
  if (state?.pause && c.clockStartedOn) {
    const calendar = await loadCalendar(db)
    const expectedOn = expectedIfResumed(calendar, c, today)
    const paused = { since: c.clockStartedOn, label: state.pause.label, daysLeft: c.clockDays }
    return { expectedOn, paused, ...(expectedOn === null && c.clockDays !== null ? { deadlineNote: notPublishedYet(calendar) } : {}) }
  }
  const running = state?.clock && c.clockStartedOn && c.deadlineOn === null
  return { expectedOn: c.deadlineOn, ...(running ? { deadlineNote: notPublishedYet(await loadCalendar(db)) } : {}) }
}

/** What the portal shows and sends: state, deadline and the notices of the case's events. */
export async function applicationStatus(db: Db, clock: Clock, id: string) {
  const c = await getCase(db, id)
  const def = requireDef(c.type)
  const events = await db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, id)).orderBy(asc(schema.caseEvents.id))
  return {
    caseId: c.id,
    caseNumber: c.caseNumber,
    state: c.state,
    stateLabel: def.states[c.state]?.label ?? c.state,
    round: c.round,
    deadlineOn: c.deadlineOn,
    ...(await expected(db, def, c, officeToday(clock))),
    notices: events.flatMap((e) => {
      const text = (e.data as { notice?: unknown }).notice
      return typeof text === 'string' ? [{ at: e.at.toISOString(), action: e.action, text }] : []
    })
  }
}
