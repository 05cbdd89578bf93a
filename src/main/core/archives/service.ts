import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '../../../shared/api/contract'
import type { ArchiveDetail, ArchivePage } from '../../../shared/api/archives'
import type { StaffSession } from '../../../shared/api/types'
import { checkArchiveMove, checkArchiveUpdate, describeChanges } from '../../../shared/domain/archive'
import { registerRefusal } from '../../../shared/domain/staff'
import { DomainError } from '../../../shared/result'
import { type Clock, officeToday } from '../clock'
import type { Store } from '../store'
import { getArchiveDetail } from './detail'
import { insertCustody, keyOf, requireArchive } from './repo'
import { searchArchives } from './search'

/**
 * The archive register (档案查询): search, detail, 移架 and 修改存档信息. A change is one transaction of
 * record update + custody entry (who, when, what) + outbox mutation (`archive.move` / `archive.update`,
 * keyed by archive number and the holder's ID, PROTOCOL.md) that the exchange service applies by the same rules.
 */
export function createArchiveService(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps
  const sql = store.sqlite

  const appendOutbox = (name: string, args: Record<string, unknown>, me: StaffSession): void => {
    sql.prepare('INSERT INTO outbox (id, case_id, name, args, base_version, actor_id) VALUES (?, NULL, ?, ?, NULL, ?)').run(randomUUID(), name, JSON.stringify(args), me.id)
  }

  /** Only an account that works on the register's case types reads or edits it (the exchange service applies the same rule). */
  const requireKeeper = (me: StaffSession, what: '修改' | '查看' = '修改'): void => {
    const refusal = registerRefusal(me, what)
    if (refusal) throw new DomainError('FORBIDDEN', refusal)
  }

  const search = (q: ParsedInput<'archives.search'>, me: StaffSession): ArchivePage => (requireKeeper(me, '查看'), searchArchives(store, q))
  const get = (id: number, me: StaffSession): ArchiveDetail => (requireKeeper(me, '查看'), getArchiveDetail(sql, id, me))

  function move(i: ParsedInput<'archives.move'>, me: StaffSession): ArchiveDetail {
    requireKeeper(me)
    const at = clock.now().toISOString()
    sql.transaction(() => {
      const ar = requireArchive(sql, i.id)
      const { toShelf, kind } = checkArchiveMove({ status: ar.status, shelfLocation: ar.shelf_location }, i.toShelf)
      sql.prepare('UPDATE archives SET shelf_location = ?, updated_at = ? WHERE id = ?').run(toShelf, at, ar.id)
      insertCustody(sql, { archiveId: ar.id, at, kind, fromPlace: ar.shelf_location, toPlace: toShelf, trackingNumber: null, caseId: null, actorName: me.displayName, note: i.note })
      appendOutbox('archive.move', { ...keyOf(sql, ar), toShelf, note: i.note }, me)
    })()
    return get(i.id, me)
  }

  function update(i: ParsedInput<'archives.update'>, me: StaffSession): ArchiveDetail {
    requireKeeper(me)
    const at = clock.now().toISOString()
    sql.transaction(() => {
      const ar = requireArchive(sql, i.id)
      const current = {
        status: ar.status,
        category: ar.category,
        employer: ar.employer,
        feesPaidUntil: ar.fees_paid_until,
        dismissalDate: ar.dismissal_date,
        shelfLocation: ar.shelf_location
      }
      const changes = checkArchiveUpdate(current, i, officeToday(clock))
      if (!changes.length) throw new DomainError('VALIDATION', '存档信息没有变化，无需保存')
      const next = { ...current, ...Object.fromEntries(changes.map((c) => [c.field, c.to])) }
      sql
        .prepare('UPDATE archives SET category = ?, employer = ?, fees_paid_until = ?, dismissal_date = ?, updated_at = ? WHERE id = ?')
        .run(next.category, next.employer, next.feesPaidUntil, next.dismissalDate, at, ar.id)
      const note = describeChanges(changes) + (i.note ? `（${i.note}）` : '')
      insertCustody(sql, { archiveId: ar.id, at, kind: 'updated', fromPlace: null, toPlace: null, trackingNumber: null, caseId: null, actorName: me.displayName, note })
      appendOutbox(
        'archive.update',
        { ...keyOf(sql, ar), category: next.category, employer: next.employer, feesPaidUntil: next.feesPaidUntil, dismissalDate: next.dismissalDate, note: i.note },
        me
      )
    })()
    return get(i.id, me)
  }

  return { search, get, move, update }
}

export type ArchiveService = ReturnType<typeof createArchiveService>
