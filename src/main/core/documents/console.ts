import type { JobStatus } from '../../../shared/api/documents'
import type { StaffSession } from '../../../shared/api/types'
import type { OfficeInfo } from '../../../shared/domain/office'
import { DomainError } from '../../../shared/result'
import { type Clock, officeToday } from '../clock'
import { readBlob } from '../files/read'
import type { Jobs } from '../jobs'
import { openSigningKey } from '../settings/signing'
import type { Store } from '../store'
import { type LetterPool, sharedLetterPool } from './letter-pool'
import { draftToSign, getLetter, letterToWarm, storeSignedLetter } from './lifecycle'
import { mergePdfs } from './merge'
import type { Printer, PrinterInfo } from './printer'
import { type PrintableLetter, printableLetters, type PrintPurpose, recordPrints } from './prints'

/**
 * The print console's batch work, each a job (jobs.ts): signing drafts with the office certificate,
 * printing signed letters as one job, saving letters as one merged PDF. Every letter signed is committed
 * on its own; prints are recorded once the job has gone to the printer (or, without one, once its merged
 * PDF is ready as the job's output).
 */
export interface PrintConsoleDeps {
  store: Store
  clock: Clock
  office: () => OfficeInfo
  jobs: Jobs
  printer?: Printer
  /** Makes sure a letter's file is on this desk (with an exchange service: downloaded when missing). */
  ensureFile?: (documentId: number) => Promise<void>
  /** A local change was queued for the exchange service: push soon. */
  queued?: () => void
  /** Renders, seals and signs letters off this thread (default: the process's letter pool, made on first use). */
  letters?: () => Pick<LetterPool, 'run' | 'threads' | 'openKey' | 'warm'>
}

export function createPrintConsole(deps: PrintConsoleDeps) {
  const { store, clock, jobs } = deps
  const sql = store.sqlite
  const queued = () => deps.queued?.()

  const numberOf = (id: number): string =>
    (sql.prepare('SELECT number FROM issued_documents WHERE id = ?').get(id) as { number: string } | undefined)?.number ?? ''

  /**
   * Signs the drafts with the office certificate, opened once with `passphrase` (refused up front when it
   * cannot be: the P12 is opened in the letter pool, off this thread). The letter pool renders and signs a few letters ahead (two per thread); each is stored here,
   * in order, in its own short transaction.
   */
  async function sign(ids: number[], passphrase: string, me: StaffSession): Promise<JobStatus> {
    const unique = [...new Set(ids)]
    const pool = (deps.letters ?? sharedLetterPool)()
    let key
    try {
      key = await openSigningKey(store, passphrase, clock.now(), (p12, pass) => pool.openKey(p12, pass))
    } catch (e) {
      return jobs.failed('sign', me.id, unique.length, e)
    }
    return jobs.start({
      kind: 'sign',
      owner: me.id,
      items: unique.map((id) => ({ id, number: numberOf(id) })),
      ahead: pool.threads * 2,
      prepare: async (item) => {
        const draft = draftToSign(deps, item.id, key)
        return { draft, signed: await pool.run(draft.task) }
      },
      step: async (_item, { draft, signed }) => {
        storeSignedLetter(deps, draft, signed, me)
        queued()
      }
    })
  }

  /** The PDF of a letter as it stands now (the signed letter once signed), refused when it was voided meanwhile. */
  async function currentPdf(d: PrintableLetter, purpose: PrintPurpose): Promise<Buffer> {
    const now = getLetter(sql, d.id)
    if (now.status === 'void' || now.status === 'revoked') throw new DomainError('ILLEGAL_TRANSITION', `${d.number} 已作废，未${purpose === 'print' ? '打印' : '保存'}`)
    await deps.ensureFile?.(d.id)
    return readBlob(store, now.signed_sha256 ?? now.sha256)
  }

  function mergeJob(purpose: PrintPurpose, ids: number[], reason: string, printerName: string, me: StaffSession): JobStatus {
    const letters = printableLetters(sql, ids, purpose, reason)
    const pdfs = new Map<number, Buffer>()
    const device = purpose === 'print' ? deps.printer : undefined
    const day = officeToday(clock).replace(/-/g, '')
    return jobs.start({
      kind: purpose === 'print' ? 'print' : 'merge',
      owner: me.id,
      items: letters,
      outputName: `${purpose === 'print' ? '打印' : '文书合并'}-${day}-${letters.length}份.pdf`,
      step: async (d) => void pdfs.set(d.id, await currentPdf(d, purpose)),
      finish: async () => {
        const ready = letters.filter((d) => pdfs.has(d.id))
        if (!ready.length) throw new DomainError('VALIDATION', '所选文书均未能读取，没有可合并的内容')
        const merged = await mergePdfs(ready.map((d) => pdfs.get(d.id)!))
        let printed: string | null = printerName || null
        if (device) {
          printed = printerName || (await device.list()).find((p) => p.isDefault)?.name || null
          try {
            await device.print(merged, printerName)
          } catch (e) {
            throw new DomainError('INTERNAL', `打印未能发送到打印机${printed ? `“${printed}”` : ''}：${e instanceof Error ? e.message : String(e)}`)
          }
        }
        recordPrints(sql, ready, { reason, printer: purpose === 'print' ? printed : null, me, at: clock.now().toISOString() })
        queued()
        return device ? null : merged
      }
    })
  }

  return {
    sign,
    /** The sign dialog opened: the letter pool's threads start and render the first letter while the passphrase is typed. */
    prepareSigning: (ids: number[]): null => ((deps.letters ?? sharedLetterPool)().warm(letterToWarm(deps, ids[0])), null),
    /** Prints signed letters as one job (a reprint needs `reason`); without a printer the merged PDF is the output. */
    print: (ids: number[], printerName: string, reason: string, me: StaffSession) => mergeJob('print', ids, reason, printerName, me),
    /** Saves letters (drafts too, for proofreading) as one merged PDF, recorded as `save`. */
    merge: (ids: number[], reason: string, me: StaffSession) => mergeJob('save', ids, reason, '', me),
    printers: async (): Promise<PrinterInfo[]> => (deps.printer ? deps.printer.list() : [])
  }
}

export type PrintConsole = ReturnType<typeof createPrintConsole>
