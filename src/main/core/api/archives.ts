import { createArchiveService } from '../archives/service'
import { type Impl, type Services, staffOf } from './index'

type ArchiveChannels = 'archives.search' | 'archives.get' | 'archives.move' | 'archives.update'

/** 档案查询's handlers; a move or an edit queued an outbox mutation, so the sync client is asked to push soon. */
export function archiveRoutes(s: Services): Pick<Impl, ArchiveChannels> {
  const archives = createArchiveService({ store: s.store, clock: s.clock })
  const queued = <T>(value: T): T => (s.sync?.poke(), value)
  return {
    'archives.search': (i, slot) => archives.search(i, staffOf(slot)),
    'archives.get': (i, slot) => archives.get(i.id, staffOf(slot)),
    'archives.move': (i, slot) => queued(archives.move(i, staffOf(slot))),
    'archives.update': (i, slot) => queued(archives.update(i, staffOf(slot)))
  }
}
