import { z } from 'zod'
import { type ImportSummary, jointProgramme, type ProgrammeImport } from '../../../shared/domain/joint-programmes'
import { DomainError, type ErrorCode } from '../../../shared/result'
import { writeProgrammes } from '../programmes/register'
import type { Store } from '../store'
import { type Http, SyncHttpError } from './http'
import { getState, setState } from './state'
import { parseWire } from './wire'

const registerSchema = z.object({ version: z.string(), programmes: z.array(jointProgramme) })
const summarySchema = z.object({ version: z.string(), total: z.number(), added: z.number(), updated: z.number(), removed: z.number() })

const PASSED_ON: readonly ErrorCode[] = ['VALIDATION', 'FORBIDDEN']

/**
 * The joint-programme register with an exchange service: kept there; a desk mirrors it into
 * `joint_programmes` (replaced whole) when a pull page reports another `programmesVersion`, and a
 * supervisor's import is sent there (online only), after which this desk takes the new register.
 */
export function createProgrammesSync(http: Http, store: Store, now: () => Date) {
  const fetchRegister = async (): Promise<void> => {
    const res = parseWire(registerSchema, await http.json('GET', '/sync/programmes'), '合作办学项目名单')
    writeProgrammes(store, res.programmes, 'replace', now())
    setState(store, 'programmesVersion', res.version)
  }
  return {
    /** After a pull: fetches the register when the service's version differs from this desk's copy. */
    async follow(version: string | undefined): Promise<boolean> {
      if (version === undefined || version === getState(store, 'programmesVersion')) return false
      await fetchRegister()
      return true
    },

    /** Imports at the service (all or nothing), then takes the new register here. */
    async importProgrammes(payload: ProgrammeImport): Promise<ImportSummary> {
      let body: unknown
      try {
        body = await http.json('POST', '/sync/programmes/import', payload)
      } catch (e) {
        if (e instanceof SyncHttpError && e.status < 500) {
          throw new DomainError((PASSED_ON as readonly string[]).includes(e.code) ? (e.code as ErrorCode) : 'VALIDATION', e.message)
        }
        throw new DomainError('OFFLINE', '暂时无法连接交换服务。合作办学项目名单由各窗口共用，须联网后导入，请稍后重试')
      }
      const summary = parseWire(summarySchema, body, '导入结果')
      await fetchRegister()
      return summary
    }
  }
}
