import { z } from 'zod'
import type { OfficeSettings } from '../../../shared/api/documents'
import { DomainError, type ErrorCode } from '../../../shared/result'
import { readOfficeSettings, writeOfficeSettings } from '../settings/office'
import type { Store } from '../store'
import { type Http, SyncHttpError } from './http'
import { getState, setState } from './state'
import { parseWire } from './wire'

const officeSchema = z.object({
  version: z.string(),
  office: z.object({
    name: z.string(),
    department: z.string(),
    address: z.string(),
    postcode: z.string(),
    phone: z.string(),
    email: z.string(),
    verifyBaseUrl: z.string(),
    arrearsCutoff: z.string()
  })
})

const PASSED_ON: readonly ErrorCode[] = ['VALIDATION', 'FORBIDDEN']

/**
 * The office settings with an exchange service: kept there (one office for every desk, its verification
 * page and its certificate rules); a desk holds a copy it replaces when a pull page reports another
 * `officeVersion`, and an administrator edits them there, online only.
 */
export function createOfficeSync(http: Http, store: Store) {
  const keep = (res: z.infer<typeof officeSchema>): OfficeSettings => {
    const office = writeOfficeSettings(store, res.office)
    setState(store, 'officeVersion', res.version)
    return office
  }
  return {
    /** After a pull: fetches the settings when the service's version differs from this desk's copy. */
    async follow(version: string | undefined): Promise<boolean> {
      if (version === undefined || version === getState(store, 'officeVersion')) return false
      keep(parseWire(officeSchema, await http.json('GET', '/sync/office'), '单位信息'))
      return true
    },

    /** Saves the settings at the service and takes them here; refused (in Chinese) when it cannot be reached. */
    async edit(settings: OfficeSettings): Promise<OfficeSettings> {
      let body: unknown
      try {
        body = await http.json('POST', '/sync/office', settings)
      } catch (e) {
        if (e instanceof SyncHttpError && e.status < 500) {
          throw new DomainError((PASSED_ON as readonly string[]).includes(e.code) ? (e.code as ErrorCode) : 'VALIDATION', e.message)
        }
        throw new DomainError('OFFLINE', '暂时无法连接交换服务。单位信息由各窗口共用，须联网后修改，请稍后重试')
      }
      return keep(parseWire(officeSchema, body, '单位信息'))
    },

    current: (): OfficeSettings => readOfficeSettings(store)
  }
}
