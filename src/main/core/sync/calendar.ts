import { z } from 'zod'
import type { CalendarChange } from '../../../shared/api/types'
import type { CalendarEdit } from '../../../shared/domain/calendar-edits'
import { DomainError, type ErrorCode } from '../../../shared/result'
import type { OfficeCalendar } from '../calendar/service'
import type { Store } from '../store'
import { type Http, SyncHttpError } from './http'
import { getState, setState } from './state'
import { parseWire } from './wire'

const officeCalendarSchema = z.object({
  version: z.string(),
  overrides: z.array(z.object({ date: z.string(), kind: z.enum(['workday', 'holiday']), note: z.string() })),
  years: z.array(z.object({ year: z.number().int(), note: z.string() }))
})
const editResponseSchema = z.object({
  change: z.object({ recomputed: z.number(), unresolved: z.number(), actor: z.string(), at: z.string() }),
  calendar: officeCalendarSchema
})

const PASSED_ON: readonly ErrorCode[] = ['VALIDATION', 'NOT_FOUND', 'FORBIDDEN']

/**
 * The office calendar with an exchange service: the service keeps it (one calendar for every desk and
 * for the deadlines it computes); a desk edits it there, online only, and keeps a copy it replaces when
 * a pull reports another `calendarVersion`.
 */
export function createCalendarSync(http: Http, store: Store, take: (calendar: OfficeCalendar) => unknown) {
  // The version is kept once the calendar is taken (its clocks recomputed): an interrupted take is done again.
  const keep = async (calendar: OfficeCalendar) => {
    await take(calendar)
    setState(store, 'calendarVersion', calendar.version)
  }
  return {
    /** After a pull: fetches the calendar when the service's version differs from this desk's copy. */
    async follow(version: string | undefined): Promise<boolean> {
      if (version === undefined || version === getState(store, 'calendarVersion')) return false
      await keep(parseWire(officeCalendarSchema, await http.json('GET', '/sync/calendar'), '办公日历'))
      return true
    },

    /** Makes the edit at the service and takes its calendar; refused (in Chinese) when it cannot be reached. */
    async edit(edit: CalendarEdit): Promise<Pick<CalendarChange, 'recomputed' | 'unresolved' | 'actor' | 'at'>> {
      let body: unknown
      try {
        body = await http.json('POST', '/sync/calendar', edit)
      } catch (e) {
        if (e instanceof SyncHttpError && e.status < 500) {
          throw new DomainError((PASSED_ON as readonly string[]).includes(e.code) ? (e.code as ErrorCode) : 'VALIDATION', e.message)
        }
        throw new DomainError('OFFLINE', '暂时无法连接交换服务。办公日历由各窗口共用，须联网后修改，请稍后重试')
      }
      const res = parseWire(editResponseSchema, body, '日历修改结果')
      await keep(res.calendar)
      return res.change
    }
  }
}
