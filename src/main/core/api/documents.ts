import { DomainError } from '../../../shared/result'
import { documentHistory, documentRow, listDocuments, requireLettersInScope } from '../documents/list'
import { numberLedger } from '../documents/ledger'
import { voidLetter } from '../documents/lifecycle'
import { readOfficeSettings, writeOfficeSettings } from '../settings/office'
import { setSigningCertificate, signingCertificate } from '../settings/signing'
import { type Impl, serviceFor, type Services, type SessionSlot, staffOf } from './index'

type DocumentChannels =
  | 'documents.list'
  | 'documents.history'
  | 'documents.sign'
  | 'documents.prepareSigning'
  | 'documents.print'
  | 'documents.merge'
  | 'documents.printers'
  | 'documents.void'
  | 'documents.ledger'
  | 'jobs.status'
  | 'jobs.cancel'
  | 'jobs.output'
  | 'settings.office'
  | 'settings.setOffice'
  | 'settings.signing'
  | 'settings.setSigning'

/** The print console's, the jobs' and the office settings' handlers. */
export function documentRoutes(s: Services): Pick<Impl, DocumentChannels> {
  const { store, clock, printConsole, jobs } = s
  /** A local change was queued for the exchange service: push soon. */
  const queued = <T>(value: T): T => (s.sync?.poke(), value)
  /** The letters, once every one is of a case type the signed-in supervisor works on. */
  const inScope = (ids: number[], slot: SessionSlot): number[] => (requireLettersInScope(store, ids, staffOf(slot)), ids)
  return {
    'documents.list': (i, slot) => listDocuments(store, i, staffOf(slot)),
    'documents.history': (i, slot) => documentHistory(store, i.id, staffOf(slot)),
    'documents.sign': (i, slot) => printConsole.sign(inScope(i.ids, slot), i.passphrase, staffOf(slot)),
    'documents.prepareSigning': (i, slot) => printConsole.prepareSigning(inScope(i.ids, slot)),
    'documents.print': (i, slot) => printConsole.print(inScope(i.ids, slot), i.printer, i.reason, staffOf(slot)),
    'documents.merge': (i, slot) => printConsole.merge(inScope(i.ids, slot), i.reason, staffOf(slot)),
    'documents.printers': () => printConsole.printers(),
    'documents.void': (i, slot) => {
      inScope([i.id], slot)
      voidLetter({ store, clock }, i.id, i.reason, staffOf(slot))
      return queued(documentRow(store, i.id))
    },
    'documents.ledger': (i, slot) => numberLedger(store, i.docType, i.year, staffOf(slot)),
    'jobs.status': (i, slot) => jobs.status(i.id, staffOf(slot).id),
    'jobs.cancel': (i, slot) => jobs.cancel(i.id, staffOf(slot).id),
    'jobs.output': (i, slot) => {
      const out = jobs.output(i.id, staffOf(slot).id)
      return { fileName: out.fileName, mime: 'application/pdf', base64: out.data.toString('base64') }
    },
    'settings.office': () => readOfficeSettings(store),
    // With an exchange service the office settings are kept there (one office for every desk): online only.
    'settings.setOffice': (i, slot) => serviceFor(s, slot)?.editOffice(i) ?? writeOfficeSettings(store, i),
    'settings.signing': () => signingCertificate(store),
    'settings.setSigning': (i, slot) => {
      const me = staffOf(slot)
      if (me.role !== 'admin') throw new DomainError('FORBIDDEN', '只有系统管理员可以配置签章证书')
      return setSigningCertificate(store, i.p12Base64, i.passphrase, me, clock.now())
    }
  }
}
