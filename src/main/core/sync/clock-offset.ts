import type Database from 'better-sqlite3'
import type { DeskClockStatus } from '../../../shared/api/types'
import { clockSkewText, MAX_CLOCK_SKEW_MS } from '../../../shared/domain/service-time'
import { DomainError } from '../../../shared/result'
import type { Clock } from '../clock'
import { prep } from '../store/prepared'

/**
 * How far this desk's clock is from the exchange service's (PROTOCOL.md, Server time): measured from the
 * `Date` header of every answer (the service's clock) against the desk's clock when the answer arrived, and
 * kept in `sync_state` (`clockOffset`, JSON `{offsetMs, measuredAt}`: offset = service − desk). A desk more
 * than MAX_CLOCK_SKEW_MS off is told so (the banner) and refused letters until its clock is set right.
 */
const KEY = 'clockOffset'

interface Stored {
  offsetMs: number
  measuredAt: string
}

function read(sqlite: Database.Database): Stored | null {
  const row = prep(sqlite, 'SELECT value FROM sync_state WHERE key = ?').get(KEY) as { value: string } | undefined
  if (!row) return null
  try {
    const v = JSON.parse(row.value) as Partial<Stored>
    return typeof v.offsetMs === 'number' && typeof v.measuredAt === 'string' ? { offsetMs: v.offsetMs, measuredAt: v.measuredAt } : null
  } catch {
    return null
  }
}

/**
 * Records the service's time an answer carried (its `Date` header, whole seconds). Written when the offset
 * moved by a second or more, or a minute after the last measurement — not on every answer.
 */
export function recordServiceDate(sqlite: Database.Database, clock: Clock, dateHeader: string | null): void {
  if (!dateHeader) return
  const service = Date.parse(dateHeader)
  if (!Number.isFinite(service)) return
  const now = clock.now()
  const offsetMs = service - now.getTime()
  const last = read(sqlite)
  if (last && Math.abs(last.offsetMs - offsetMs) < 1000 && now.getTime() - Date.parse(last.measuredAt) < 60_000) return
  sqlite
    .prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(KEY, JSON.stringify({ offsetMs, measuredAt: now.toISOString() }))
}

/** The desk clock's offset from the service as last measured (null: never measured — a desk working alone). */
export function deskClockStatus(sqlite: Database.Database): DeskClockStatus | null {
  const s = read(sqlite)
  if (!s) return null
  // Whole seconds of the Date header: an offset within a second is no offset.
  const offsetMs = Math.abs(s.offsetMs) < 1000 ? 0 : s.offsetMs
  return { offsetMs, measuredAt: s.measuredAt, maxSkewMs: MAX_CLOCK_SKEW_MS, skewed: Math.abs(offsetMs) > MAX_CLOCK_SKEW_MS }
}

/** `本机时钟比交换服务慢 400 天` / `快 7 分钟`. */
export const skewText = clockSkewText

/** Refuses a letter (drafting, signing, voiding) while the desk's clock is off: `CLOCK_SKEW`. */
export function requireDeskClock(sqlite: Database.Database): void {
  const s = deskClockStatus(sqlite)
  if (!s?.skewed) return
  throw new DomainError('CLOCK_SKEW', `${skewText(s.offsetMs)}，请校准系统时间；校准前不能出具、签章或作废文书（文书的日期和编号年份以交换服务的时间为准）`)
}

/** The service's time as this desk estimates it (its own clock plus the measured offset). */
export const serviceClock = (sqlite: Database.Database, clock: Clock): Clock => ({
  now: () => new Date(clock.now().getTime() + (read(sqlite)?.offsetMs ?? 0))
})
