import { randomUUID } from 'node:crypto'
import type { ActResult, CaseDetail, StaffSession } from '../../../shared/api/types'
import type { WorkingCalendar } from '../../../shared/domain/calendar'
import { inputKeptInEvent, issuedDocTypes } from '../../../shared/domain/case-type'
import type { OfficeInfo } from '../../../shared/domain/office'
import { ROLE_LABEL } from '../../../shared/domain/roles'
import { canClaim, noticeText, planAction, type Reason } from '../../../shared/domain/workflow'
import { DomainError } from '../../../shared/result'
import { type Clock, officeToday } from '../clock'
import type { Store } from '../store'
import { enforceCaseRules } from './checks'
import { clockAfter, clockKeptOrStopped, clockMoves } from '../../../shared/domain/case-clock'
import type { TimeLimits } from '../../../shared/domain/certification-deadlines'
import { timeLimits as storedTimeLimits } from '../settings/time-limits'
import { type CaseRow, getCaseDetail, getCaseRow, requireWorksOn } from './detail'
import { parseFormJson, storedForm } from './form'
import { applyArchiveEffect } from '../archives/effects'
import { issueLetter } from './letters'

export interface CaseServiceDeps {
  store: Store
  clock: Clock
  calendar: () => WorkingCalendar
  office: () => OfficeInfo
  /** The certification time-limit table; absent: the desk's own (settings/time-limits.ts, the defaults when never set). */
  timeLimits?: () => TimeLimits
}

interface EventInput {
  caseId: string
  at: string
  actor: StaffSession
  action: string
  fromState?: string | null
  toState?: string | null
  reasons?: unknown[]
  note?: string
  data?: Record<string, unknown>
}

/** Staff actions on cases: each one transaction of case update + audit event + outbox mutation. */
export function createCaseService(deps: CaseServiceDeps) {
  const { store, clock } = deps
  const sql = store.sqlite

  const appendEvent = (e: EventInput): void => {
    sql
      .prepare(
        `INSERT INTO case_events (case_id, at, actor_id, actor_name, action, from_state, to_state, reasons, note, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(e.caseId, e.at, e.actor.id, e.actor.displayName, e.action, e.fromState ?? null, e.toState ?? null,
        JSON.stringify(e.reasons ?? []), e.note ?? '', JSON.stringify(e.data ?? {}))
  }

  /** `actor`: who acted (the desk's staff id) — the sync client pushes the row only under that clerk's own server session. */
  const appendOutbox = (caseId: string, name: string, args: Record<string, unknown>, baseVersion: number, actor: StaffSession): void => {
    sql
      .prepare('INSERT INTO outbox (id, case_id, name, args, base_version, actor_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), caseId, name, JSON.stringify(args), baseVersion, actor.id)
  }

  const detail = (id: string, me: StaffSession): CaseDetail => getCaseDetail(store, deps.calendar(), officeToday(clock), id, me)

  /** Only a case the office has work on, and only by a role that may act on it in its state. */
  const requireClaimable = (c: CaseRow, me: StaffSession): void => {
    const def = requireWorksOn(c.type, me)
    if (!def?.states[c.state]?.open) throw new DomainError('ILLEGAL_TRANSITION', '该业务当前无需办理，不能认领')
    if (!canClaim(def, { type: c.type, state: c.state, assigneeId: null }, { id: me.id, role: me.role, name: me.displayName })) {
      throw new DomainError('FORBIDDEN', `${ROLE_LABEL[me.role]}不能办理${def.label}，不能认领`)
    }
  }

  function claim(id: string, me: StaffSession): CaseDetail {
    const at = clock.now().toISOString()
    sql.transaction(() => {
      const c = getCaseRow(store, id)
      requireWorksOn(c.type, me) // out of reach: nothing about the case is told, not even that it is claimed
      if (c.assignee_id === me.id) return
      if (c.assignee_id !== null) throw new DomainError('CLAIMED_BY_OTHER', '此业务已被他人认领')
      requireClaimable(c, me)
      sql.prepare('UPDATE cases SET assignee_id = ?, claimed_at = ?, version = version + 1, updated_at = ? WHERE id = ?').run(me.id, at, at, id)
      appendEvent({ caseId: id, at, actor: me, action: 'claim' })
      // The state and round the clerk saw: the server refuses the claim if the case moved on meanwhile.
      appendOutbox(id, 'case.claim', { caseId: id, state: c.state, round: c.round }, c.version, me)
    })()
    return detail(id, me)
  }

  function release(id: string, me: StaffSession): CaseDetail {
    const at = clock.now().toISOString()
    sql.transaction(() => {
      const c = getCaseRow(store, id)
      requireWorksOn(c.type, me)
      if (c.assignee_id === null) return
      if (c.assignee_id !== me.id && me.role !== 'supervisor') throw new DomainError('CLAIMED_BY_OTHER', '只能释放自己认领的业务')
      sql.prepare('UPDATE cases SET assignee_id = NULL, claimed_at = NULL, version = version + 1, updated_at = ? WHERE id = ?').run(at, id)
      appendEvent({ caseId: id, at, actor: me, action: 'release' })
      appendOutbox(id, 'case.release', { caseId: id }, c.version, me)
    })()
    return detail(id, me)
  }

  function act(id: string, action: string, version: number, rawInput: unknown, me: StaffSession): ActResult {
    const now = clock.now()
    const at = now.toISOString()
    const today = officeToday(clock)
    const calendar = deps.calendar()
    const documentIds: number[] = []
    sql.transaction(() => {
      const c = getCaseRow(store, id)
      const def = requireWorksOn(c.type, me)
      const form = parseFormJson(c.form)
      const plan = planAction(def, { type: c.type, state: c.state, assigneeId: c.assignee_id, subtype: c.subtype, form }, action, rawInput, {
        id: me.id,
        role: me.role,
        name: me.displayName
      })
      if (c.version !== version) throw new DomainError('VERSION_CONFLICT', '此业务已被更新，请刷新后查看最新状态再办理')
      enforceCaseRules(store, def, c, action, today) // the archive may have changed since the request came in (checks.ts)
      const input = plan.input
      // No letter from a stored form that does not match its schema (an older service, an old record): the clerk returns it.
      const { problem } = storedForm(c)
      if (problem && issuedDocTypes(plan.action, c.subtype, form).length) throw new DomainError('VALIDATION', `${problem}。不能据此出具文书，请退回申请人修改`)
      const clockStart = plan.action.clockStartField ? String(input[plan.action.clockStartField]) : today
      if (clockStart > today) throw new DomainError('VALIDATION', '日期不能晚于今天')
      // The clock starts, pauses, resumes or stops with the move (shared/domain/case-clock.ts; the server does the same).
      const from = { state: c.state, clockStartedOn: c.clock_started_on, clockDays: c.clock_days, deadlineOn: c.deadline_on }
      const next = clockMoves(def, c.state, plan.to)
        ? clockAfter(calendar, def, from, plan.to, clockStart, { subtype: c.subtype, form, input, timeLimits: deps.timeLimits?.() ?? storedTimeLimits(store) })
        : clockKeptOrStopped(from, plan.to)
      const keep = plan.action.keepsClaim && def.states[plan.to]?.open
      const data: Record<string, unknown> = {}
      Object.assign(data, inputKeptInEvent(plan.action, input))
      // The archive register: status, number, custody entry (archives/effects.ts; the server does the same).
      Object.assign(data, applyArchiveEffect(sql, { action: plan.action, input, caseId: id, applicantId: c.applicant_id, actorName: me.displayName, at, today }))
      // Every letter the action issues, in order; the event keeps their ids (`documentId`, the first, for older readers).
      for (const docType of issuedDocTypes(plan.action, c.subtype, form)) {
        documentIds.push(issueLetter(docType, { store, office: deps.office(), caseRow: c, issuedById: me.id, issuedAt: at, issuedOn: today, input, actorName: me.displayName }))
      }
      if (documentIds.length > 0) Object.assign(data, { documentId: documentIds[0], documentIds })
      const reasons = Array.isArray(input.reasons) ? input.reasons : typeof input.reason === 'string' ? [{ material: 'general', text: input.reason }] : []
      const notice = noticeText(def, action, input, reasons as Reason[], String(data.archiveNumber ?? ''))
      if (notice) data.notice = notice
      sql
        .prepare(
          `UPDATE cases SET state = ?, version = version + 1, updated_at = ?, clock_started_on = ?, clock_days = ?, deadline_on = ?,
             assignee_id = ?, claimed_at = ? WHERE id = ?`
        )
        .run(plan.to, at, next.clockStartedOn, next.clockDays, next.deadlineOn, keep ? c.assignee_id : null, keep ? at : null, id)
      appendEvent({ caseId: id, at, actor: me, action, fromState: plan.from, toState: plan.to, reasons, note: typeof input.note === 'string' ? input.note : '', data })
      // The archive number travels with the decision: the server records the desk's (from its number block).
      const archiveNumber = typeof data.archiveNumber === 'string' ? { archiveNumber: data.archiveNumber } : {}
      appendOutbox(id, 'case.act', { caseId: id, action, input, documentIds, ...archiveNumber }, c.version, me)
    })()
    return { detail: detail(id, me), documentId: documentIds[0] ?? null, documentIds }
  }

  return { claim, release, act, detail }
}

export type CaseService = ReturnType<typeof createCaseService>
