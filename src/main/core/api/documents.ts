import { DomainError } from '../../../shared/result'
import type { Impl, Services } from './index'

type DocumentChannels =
  | 'documents.list'
  | 'documents.history'
  | 'documents.sign'
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

const notYet = (): never => {
  throw new DomainError('NOT_FOUND', '此功能尚未完成')
}

/** The print console's, the jobs' and the office settings' handlers. */
export function documentRoutes(_s: Services): Pick<Impl, DocumentChannels> {
  return {
    'documents.list': notYet,
    'documents.history': notYet,
    'documents.sign': notYet,
    'documents.print': notYet,
    'documents.merge': notYet,
    'documents.printers': notYet,
    'documents.void': notYet,
    'documents.ledger': notYet,
    'jobs.status': notYet,
    'jobs.cancel': notYet,
    'jobs.output': notYet,
    'settings.office': notYet,
    'settings.setOffice': notYet,
    'settings.signing': notYet,
    'settings.setSigning': notYet
  }
}
