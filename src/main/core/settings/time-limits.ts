import { DEFAULT_TIME_LIMITS, timeLimits as timeLimitsSchema, type TimeLimits } from '../../../shared/domain/certification-deadlines'
import { type TimeLimitsView, timeLimitsInput, timeLimitsMessage } from '../../../shared/domain/time-limits-input'
import { DomainError } from '../../../shared/result'
import type { Store } from '../store'

/**
 * The certification time-limit table 认证工作时限分类表 on this desk: `settings` row `timeLimits` (JSON of
 * {limits, updatedAt, updatedBy}); the defaults (DEFAULT_TIME_LIMITS) when never set. A desk of an exchange
 * service keeps here the copy it fetched (sync/time-limits.ts), which is where a supervisor edits it.
 */
const KEY = 'timeLimits'

export function readTimeLimits(store: Store): TimeLimitsView {
  const row = store.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined
  if (row) {
    try {
      const stored = JSON.parse(row.value) as Partial<TimeLimitsView>
      const limits = timeLimitsSchema.safeParse(stored.limits)
      if (limits.success) return { limits: limits.data, updatedAt: stored.updatedAt ?? null, updatedBy: stored.updatedBy ?? null }
    } catch {
      // an unreadable row: the defaults, as if never set
    }
  }
  return { limits: structuredClone(DEFAULT_TIME_LIMITS), updatedAt: null, updatedBy: null }
}

/** The table the case service counts a certification's working days with (the defaults when never set). */
export function timeLimits(store: Store): TimeLimits {
  return readTimeLimits(store).limits
}

/** Checks a table as a supervisor submitted it: a Chinese message naming the row and the column. */
export function checkTimeLimits(raw: unknown): TimeLimits {
  const parsed = timeLimitsInput.safeParse(raw)
  if (!parsed.success) throw new DomainError('VALIDATION', timeLimitsMessage(parsed.error))
  return parsed.data
}

export function writeTimeLimits(store: Store, view: TimeLimitsView): TimeLimitsView {
  store.sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(KEY, JSON.stringify(view))
  return readTimeLimits(store)
}
