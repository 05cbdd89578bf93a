import { findProgramme, searchProgrammes } from '../programmes/register'
import { startProgrammeImport } from '../programmes/import'
import { checkTimeLimits, readTimeLimits, writeTimeLimits } from '../settings/time-limits'
import { type Impl, serviceFor, type Services, staffOf } from './index'

type ProgrammeChannels = 'programmes.search' | 'programmes.find' | 'programmes.import' | 'settings.timeLimits' | 'settings.setTimeLimits'

/**
 * The joint-programme register's and the certification time-limit table's handlers. With an exchange
 * service both are kept there (an import or an edit goes there, online only); a standalone desk keeps them here.
 */
export function programmeRoutes(s: Services): Pick<Impl, ProgrammeChannels> {
  const { store, clock, jobs } = s
  return {
    'programmes.search': (i) => searchProgrammes(store, i),
    'programmes.find': (i) => findProgramme(store, i.code),
    'programmes.import': (i, slot) => {
      const service = serviceFor(s, slot)
      return startProgrammeImport({ jobs, clock, store, send: service ? (payload) => service.importProgrammes(payload) : undefined }, i, staffOf(slot))
    },
    'settings.timeLimits': () => readTimeLimits(store),
    'settings.setTimeLimits': (i, slot) => {
      const limits = checkTimeLimits(i.limits)
      const service = serviceFor(s, slot)
      if (service) return service.editTimeLimits(limits)
      return writeTimeLimits(store, { limits, updatedAt: clock.now().toISOString(), updatedBy: staffOf(slot).displayName })
    }
  }
}
