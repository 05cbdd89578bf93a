import { randomUUID } from 'node:crypto'
import type { AttentionItem, StaffSession } from '../../../shared/api/types'
import { caseTypeDef } from '../../../shared/domain/case-types'
import { DomainError } from '../../../shared/result'
import { type Access, caseTypesOf } from '../../../shared/domain/staff'
import type { Clock } from '../clock'
import type { Store } from '../store'

/** The server's view of a case when it rejected a mutation (PROTOCOL.md, Push). */
export interface RejectedCurrent {
  state: string
  version: number
  assignee: { id: number | string; name: string } | null
  lastEvent: { actor: string | { name: string }; action: string; at: string } | null
}

export interface Rejection {
  code: string
  message: string
  current?: RejectedCurrent | null
}

const BASE_LABEL: Record<string, string> = {
  claim: '认领',
  release: '释放',
  submit: '提交申请',
  update: '修改申请',
  resubmit: '重新提交',
  cancel: '取消申请'
}

const actionLabel = (caseType: string | null, action: string): string =>
  (caseType ? caseTypeDef(caseType)?.actions[action]?.label : undefined) ?? BASE_LABEL[action] ?? action

/** What the clerk did, in words: 认领 / 释放 / the action's label. */
/** The print console's mutations (a letter's, not the case's). */
const LETTER_LABEL: Record<string, string> = { 'document.sign': '签章', 'document.void': '作废文书', 'document.print': '打印记录', 'number.void': '登记作废文号' }

export function mutationLabel(name: string, args: { action?: unknown }, caseType: string | null): string {
  if (name === 'case.claim') return '认领'
  if (name === 'case.release') return '释放'
  if (Object.hasOwn(LETTER_LABEL, name)) return LETTER_LABEL[name]
  if (name === 'archive.move') return '移架'
  if (name === 'archive.update') return '修改存档信息'
  return typeof args.action === 'string' ? actionLabel(caseType, args.action) : '操作'
}

const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

/** `10:42` in office time (Asia/Shanghai); `10月8日 10:42` when it was not today. */
export function officeTime(iso: string, now: Date): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  const day = ymd.format(at)
  const time = hhmm.format(at)
  if (day === ymd.format(now)) return time
  const [, m, d] = day.split('-').map(Number)
  return `${m}月${d}日 ${time}`
}

export interface ExplainContext {
  /** What the clerk did (`mutationLabel`). */
  mine: string
  caseType: string | null
  now: Date
  /** The signed-in clerk's name: their own last event explains nothing. */
  myName?: string | null
}

const trimEnd = (s: string): string => s.replace(/[。；;.\s]+$/u, '')

/**
 * The case's last step was the clerk's own, so it explains nothing: by name when the session's name is
 * known; else a claim by the case's holder under a version or transition conflict — the server checks
 * the lease before the version, so that holder is the clerk whose decision was refused (e.g. a claim
 * and a decision queued offline: the claim was granted on the case as it is now, the decision refused).
 */
function ownStep(code: string, action: string, actor: string | null, holder: string | null, myName: string | null | undefined): boolean {
  if (myName) return actor === myName
  return action === 'claim' && actor === holder && (code === 'VERSION_CONFLICT' || code === 'ILLEGAL_TRANSITION')
}

/**
 * The Chinese explanation of a rejection, from the server's `current`:
 * “您的认领已失效（已超时或已被他人重新认领）；已由 李强 于 10:42 退回修改；您的“审核通过”未生效”.
 */
export function explainRejection(r: Rejection, ctx: ExplainContext): string {
  const cur = r.current ?? null
  const holder = cur?.assignee?.name ?? null
  const last = cur?.lastEvent ?? null
  const actor = last ? (typeof last.actor === 'string' ? last.actor : last.actor.name) : null
  const own = !!last && ownStep(r.code, last.action, actor, holder, ctx.myName)
  // Someone else's latest step on the case: never the clerk's own; their claim is already said by “由 X 认领”.
  const byWhom =
    last && !own && !(last.action === 'claim' && r.code === 'CLAIMED_BY_OTHER')
      ? `已由 ${actor} 于 ${officeTime(last.at, ctx.now)} ${actionLabel(ctx.caseType, last.action)}`
      : null
  const parts: string[] = []
  switch (r.code) {
    case 'CLAIMED_BY_OTHER':
      parts.push(holder ? `此业务已由 ${holder} 认领` : '此业务已被他人认领')
      break
    case 'LEASE_LOST':
      parts.push(holder && holder !== ctx.myName ? `您的认领已失效，现由 ${holder} 办理` : '您的认领已失效（已超时或已被他人重新认领）')
      break
    case 'NOT_CLAIMED':
      parts.push('此业务未由您认领')
      break
    case 'VERSION_CONFLICT':
    case 'ILLEGAL_TRANSITION':
      if (!byWhom) parts.push(stateNow(r, ctx, holder, own && last?.action === 'claim' && actor === holder) ?? trimEnd(r.message))
      break
    default:
      parts.push(trimEnd(r.message))
  }
  if (byWhom) parts.push(byWhom)
  parts.push(`您的“${ctx.mine}”未生效`)
  return parts.join('；')
}

/** “此业务已有新的变化（现为“待档案寄达”，由 李四 办理）”: the case as it is now, when its state is known. */
function stateNow(r: Rejection, ctx: ExplainContext, holder: string | null, heldByMe: boolean): string | null {
  const label = r.current && ctx.caseType ? caseTypeDef(ctx.caseType)?.states[r.current.state]?.label : undefined
  if (!label) return null
  const who = !holder ? '' : heldByMe || holder === ctx.myName ? '，由您办理' : `，由 ${holder} 办理`
  return `此业务已有新的变化（现为“${label}”${who}）`
}

interface AttentionRow {
  id: number
  case_id: string | null
  case_number: string | null
  mutation_id: string
  code: string
  message: string
  created_at: string
}

/** Open items, oldest first, with the case number for the list: those about cases of types `me` works on (and the desk's own). */
export function listAttention(store: Store, me: Access): AttentionItem[] {
  const types = caseTypesOf(me)
  const rows = (
    store.sqlite
      .prepare(
        `SELECT a.id, a.case_id, c.case_number, c.type, a.mutation_id, a.code, a.message, a.created_at
         FROM attention a LEFT JOIN cases c ON c.id = a.case_id WHERE a.resolved_at IS NULL ORDER BY a.id`
      )
      .all() as (AttentionRow & { type: string | null })[]
  ).filter((r) => r.case_id === null || (r.type !== null && types.includes(r.type)))
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    mutationId: r.mutation_id,
    code: r.code,
    message: r.message,
    createdAt: r.created_at
  }))
}

export type Resolution = 'discard' | 'reclaim'

/**
 * Closes an item: `discard` accepts the server's state (the mirror already shows it); `reclaim` claims
 * the case again (a new outbox mutation) — refused, with the item left open, when someone else holds it.
 */
export function resolveAttention(
  store: Store,
  clock: Clock,
  id: number,
  resolution: Resolution,
  me: StaffSession,
  claim: (caseId: string, me: StaffSession) => unknown
): AttentionItem[] {
  const sql = store.sqlite
  sql.transaction(() => {
    const item = sql.prepare('SELECT case_id, code FROM attention WHERE id = ? AND resolved_at IS NULL').get(id) as { case_id: string | null; code: string } | undefined
    if (!item || !listAttention(store, me).some((i) => i.id === id)) throw new DomainError('NOT_FOUND', '该提醒不存在或已处理')
    // A set-aside mutation (quarantine.ts) is the administrator's to send again or give up; its item closes then.
    if (item.code === 'QUARANTINED') throw new DomainError('ILLEGAL_TRANSITION', '此操作已暂存，等待系统管理员处理（重新发送或放弃）；处理后此提醒会自动更新')
    if (resolution === 'reclaim') {
      if (!item.case_id) throw new DomainError('VALIDATION', '该提醒不涉及具体业务，无法重新认领')
      reclaim(store, clock, item.case_id, me, claim)
    }
    sql
      .prepare('UPDATE attention SET resolved_at = ?, resolution = ? WHERE id = ?')
      .run(clock.now().toISOString(), resolution === 'reclaim' ? 'reclaimed' : 'discarded', id)
  })()
  return listAttention(store, me)
}

/**
 * Claims through the case service; when the mirror still shows this clerk as the holder (a lease that
 * expired on the server), the service would see nothing to do, so the claim is queued here the same way.
 */
function reclaim(store: Store, clock: Clock, caseId: string, me: StaffSession, claim: (caseId: string, me: StaffSession) => unknown): void {
  const sql = store.sqlite
  const c = sql.prepare('SELECT assignee_id, version, state, round FROM cases WHERE id = ?').get(caseId) as
    | { assignee_id: number | null; version: number; state: string; round: number }
    | undefined
  if (!c) throw new DomainError('NOT_FOUND', '找不到该业务，可能已被删除')
  if (c.assignee_id !== me.id) {
    claim(caseId, me)
    return
  }
  const at = clock.now().toISOString()
  sql.prepare('UPDATE cases SET claimed_at = ?, version = version + 1, updated_at = ? WHERE id = ?').run(at, at, caseId)
  sql.prepare("INSERT INTO case_events (case_id, at, actor_id, actor_name, action) VALUES (?, ?, ?, ?, 'claim')").run(caseId, at, me.id, me.displayName)
  // Like the case service's rows: the actor, so the claim is pushed only under this clerk's own session.
  sql
    .prepare("INSERT INTO outbox (id, case_id, name, args, base_version, actor_id) VALUES (?, ?, 'case.claim', ?, ?, ?)")
    .run(randomUUID(), caseId, JSON.stringify({ caseId, state: c.state, round: c.round }), c.version, me.id)
}
