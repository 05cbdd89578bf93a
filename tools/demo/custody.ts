import type Database from 'better-sqlite3'
import { archiveEffectOf, type CurrentArchive, depositNote, planArchiveEffect } from '../../src/shared/domain/archive-effects'
import type { ArchiveStatus } from '../../src/shared/domain/archive'
import { CASE_TYPES } from '../../src/shared/domain/case-types'
import { insertCustody } from '../../src/main/core/archives/repo'

/** Minutes between a deposit and putting the archive on its shelf in the demo's histories. */
const SHELVING_DELAY_MS = 40 * 60_000
/** An archive kept here before its holder's first case in the demo was deposited about a year earlier. */
const EARLIER_MS = 365 * 24 * 3600_000
/** Who the entries of archives kept here from before the demo's cases are credited to. */
const HISTORY_ACTOR = '历史数据'

interface ArchiveFacts {
  id: number
  archive_number: string | null
  status: ArchiveStatus
  shelf_location: string | null
  first_at: string | null
}

interface EffectEvent {
  archive_id: number
  case_id: string
  at: string
  actor_name: string
  action: string
  data: string
  type: string
}

/**
 * The demo's chains of custody, written after the generator made the cases: every event of an action with an
 * archive effect gets the entry that action records (the same plan as a real action); a deposit is followed
 * by its 上架; an archive kept here from before its holder's cases gets its deposit and shelving a year
 * earlier. Archives keep what the generator gave them, except that one signed in and still under review is
 * held here (no other custodian).
 */
export function addDemoCustody(sql: Database.Database): number {
  const names = [...new Set(Object.values(CASE_TYPES).flatMap((d) => Object.entries(d.actions).filter(([, a]) => a.archiveEffect).map(([n]) => n)))]
  const archives = sql
    .prepare(
      `SELECT ar.id, ar.archive_number, ar.status, ar.shelf_location, (SELECT min(c.submitted_at) FROM cases c WHERE c.applicant_id = ar.applicant_id) AS first_at
       FROM archives ar ORDER BY ar.id`
    )
    .all() as ArchiveFacts[]
  const events = names.length
    ? (sql
        .prepare(
          `SELECT ar.id AS archive_id, e.case_id, e.at, e.actor_name, e.action, e.data, c.type
           FROM case_events e JOIN cases c ON c.id = e.case_id JOIN archives ar ON ar.applicant_id = c.applicant_id
           WHERE e.action IN (${names.map(() => '?').join(',')}) ORDER BY ar.id, e.at, e.id`
        )
        .all(...names) as EffectEvent[])
    : []
  const byArchive = new Map<number, EffectEvent[]>()
  for (const e of events) byArchive.set(e.archive_id, [...(byArchive.get(e.archive_id) ?? []), e])
  const heldHere = sql.prepare("UPDATE archives SET custodian = NULL WHERE id = ? AND status = 'not_in'")
  let written = 0
  const write = (entry: Parameters<typeof insertCustody>[1]) => (insertCustody(sql, entry), written++)

  for (const a of archives) {
    const list = (byArchive.get(a.id) ?? []).map((e) => ({ e, input: JSON.parse(e.data) as Record<string, unknown> }))
    const effects = list.map(({ e, input }) => {
      const action = CASE_TYPES[e.type]?.actions[e.action]
      return action ? archiveEffectOf(action, input) : undefined
    })
    let state: CurrentArchive | null = null
    // Kept here before the demo's cases: deposited (and shelved) a year before the first of them.
    if (a.archive_number && a.first_at && !effects.includes('deposited')) {
      const at = new Date(Date.parse(a.first_at) - EARLIER_MS).toISOString()
      write({ archiveId: a.id, at, kind: 'deposited', fromPlace: null, toPlace: null, trackingNumber: null, caseId: null, actorName: HISTORY_ACTOR, note: depositNote(a.archive_number) })
      const shelf = a.status === 'in_storage' ? a.shelf_location : null
      if (shelf) write({ archiveId: a.id, at: shelvedAt(at), kind: 'shelved', fromPlace: null, toPlace: shelf, trackingNumber: null, caseId: null, actorName: HISTORY_ACTOR, note: '' })
      state = { status: 'in_storage', archiveNumber: a.archive_number, shelfLocation: shelf, custodian: null }
    }
    list.forEach(({ e, input }, i) => {
      const effect = effects[i]
      if (!effect) return
      let plan
      try {
        plan = planArchiveEffect(effect, input, state)
      } catch {
        return // a history the generator made up that a real desk would refuse: no entry
      }
      const number = typeof input.archiveNumber === 'string' ? input.archiveNumber : null
      const note = plan.entry.note || (plan.assignsNumber && number ? depositNote(number) : '')
      write({ archiveId: a.id, at: e.at, ...plan.entry, note, caseId: e.case_id, actorName: e.actor_name })
      state = {
        status: plan.set.status ?? state?.status ?? 'not_in',
        archiveNumber: number ?? state?.archiveNumber ?? null,
        shelfLocation: plan.set.shelfLocation === undefined ? (state?.shelfLocation ?? null) : plan.set.shelfLocation,
        custodian: plan.set.custodian === undefined ? (state?.custodian ?? null) : plan.set.custodian
      }
      if (effect === 'deposited' && a.status === 'in_storage' && a.shelf_location) {
        write({ archiveId: a.id, at: shelvedAt(e.at), kind: 'shelved', fromPlace: null, toPlace: a.shelf_location, trackingNumber: null, caseId: null, actorName: e.actor_name, note: '' })
        state = { ...state, shelfLocation: a.shelf_location }
      }
    })
    if (state && state.status === 'not_in' && state.custodian === null) heldHere.run(a.id)
  }
  return written
}

const shelvedAt = (at: string): string => new Date(Date.parse(at) + SHELVING_DELAY_MS).toISOString()
