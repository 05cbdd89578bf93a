import { z } from 'zod'
import { timeLimits } from '../../../shared/domain/certification-deadlines'
import type { TimeLimitsView } from '../../../shared/domain/time-limits-input'
import { DomainError, type ErrorCode } from '../../../shared/result'
import { readTimeLimits, writeTimeLimits } from '../settings/time-limits'
import type { Store } from '../store'
import { type Http, SyncHttpError } from './http'
import { getState, setState } from './state'
import { parseWire } from './wire'

const viewSchema = z.object({ version: z.string(), limits: timeLimits, updatedAt: z.string().nullable(), updatedBy: z.string().nullable() })

const PASSED_ON: readonly ErrorCode[] = ['VALIDATION', 'FORBIDDEN']

/**
 * The certification time-limit table with an exchange service: kept there beside the office settings and
 * versioned with them (`officeVersion`): a desk whose copy was taken at another version fetches it again.
 * A supervisor edits it there, online only. A service without the table (404) leaves this desk's copy.
 */
export function createTimeLimitsSync(http: Http, store: Store) {
  const keep = (res: z.infer<typeof viewSchema>): TimeLimitsView => {
    const view = writeTimeLimits(store, { limits: res.limits, updatedAt: res.updatedAt, updatedBy: res.updatedBy })
    setState(store, 'timeLimitsVersion', res.version)
    return view
  }
  return {
    async follow(officeVersion: string | undefined): Promise<boolean> {
      if (officeVersion === undefined || officeVersion === getState(store, 'timeLimitsVersion')) return false
      let body: unknown
      try {
        body = await http.json('GET', '/sync/time-limits')
      } catch (e) {
        if (e instanceof SyncHttpError && e.status === 404) {
          setState(store, 'timeLimitsVersion', officeVersion)
          return false
        }
        throw e
      }
      keep(parseWire(viewSchema, body, '认证工作时限表'))
      return true
    },

    async edit(limits: TimeLimitsView['limits']): Promise<TimeLimitsView> {
      let body: unknown
      try {
        body = await http.json('POST', '/sync/time-limits', { limits })
      } catch (e) {
        if (e instanceof SyncHttpError && e.status < 500) {
          throw new DomainError((PASSED_ON as readonly string[]).includes(e.code) ? (e.code as ErrorCode) : 'VALIDATION', e.message)
        }
        throw new DomainError('OFFLINE', '暂时无法连接交换服务。认证工作时限表由各窗口共用，须联网后修改，请稍后重试')
      }
      return keep(parseWire(viewSchema, body, '认证工作时限表'))
    },

    current: (): TimeLimitsView => readTimeLimits(store)
  }
}
