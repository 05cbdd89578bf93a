import { WorkingCalendar } from '../../../shared/domain/calendar'
import type { Store } from '../store'

/** The statutory calendar with the office's override table and hand-entered years. */
export function loadCalendar(store: Store): WorkingCalendar {
  const overrides = store.sqlite.prepare('SELECT date, kind, note FROM calendar_overrides').all() as {
    date: string
    kind: 'workday' | 'holiday'
    note: string
  }[]
  const years = (store.sqlite.prepare('SELECT year FROM calendar_years').all() as { year: number }[]).map((r) => r.year)
  return new WorkingCalendar(overrides, years)
}
