import { discardQuarantined, listQuarantined, retryQuarantined } from '../sync/quarantine'
import { type Impl, type Services, staffOf } from './index'

type QuarantineChannels = 'sync.quarantined' | 'sync.retryQuarantined' | 'sync.discardQuarantined'

/** The sync outbox's set-aside mutations (core/sync/quarantine.ts): the administrator's list and decisions. */
export function quarantineRoutes(s: Services): Pick<Impl, QuarantineChannels> {
  /** The windows refresh (attention items changed); a retried row is pushed soon. */
  const after = <T>(value: T): T => (s.changes.note(), s.sync?.poke(), value)
  return {
    'sync.quarantined': () => listQuarantined(s.store),
    'sync.retryQuarantined': (i, slot) => after(retryQuarantined(s.store, s.clock, i.id, i.reason, staffOf(slot))),
    'sync.discardQuarantined': (i, slot) => after(discardQuarantined(s.store, s.clock, i.id, i.reason, staffOf(slot)))
  }
}
