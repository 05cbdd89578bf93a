import { createHash } from 'node:crypto'
import { cmsRoom, type SigningKey } from './cms'
import { fontsDir, setFontsDir } from './fonts'
import { DomainError } from '../../../shared/result'
import { type BatchKey, batchKeyOf, finishPdf, readP12, type SignatureInfo, signPdf } from './sign'
import { newLetterDoc, SERIF, WIDTH } from './layout'
import { letterTemplate } from './templates'

/**
 * One final letter, rendered from its stored data, sealed and signed: what a thread of the letter pool
 * (letter-pool.ts) does for each letter of a signing batch, and what the calling thread does itself when
 * there is no pool. The fonts are parsed once per thread (layout.ts) and the certificates once per key
 * (cms.ts); the letter's bytes and their SHA-256 go back, and the calling thread stores them.
 */
export interface LetterTask {
  docType: string
  /** issued_documents.data (JSON). */
  data: string
  signature: SignatureInfo
  /** The signing time (ms since the epoch). */
  signedAt: number
  key: SigningKey
  /** The fonts folder the calling thread uses (fonts.ts: null = the npm packages). */
  fontsDir: string | null
}

export interface LetterResult {
  pdf: Uint8Array
  sha256: string
  renderMs: number
  signMs: number
}

export async function renderSignedLetter(task: LetterTask): Promise<LetterResult> {
  if (fontsDir() !== task.fontsDir) setFontsDir(task.fontsDir)
  const t0 = performance.now()
  const unsigned = letterTemplate(task.docType).render(JSON.parse(task.data), { kind: 'final', signature: { ...task.signature, room: cmsRoom(task.key) } })
  const t1 = performance.now()
  const pdf = await signPdf(unsigned, task.key, new Date(task.signedAt))
  const t2 = performance.now()
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex'), renderMs: t1 - t0, signMs: t2 - t1 }
}

/** The outcome of opening a P12 in a thread: a DomainError does not cross threads as itself, so it goes back as data. */
export type OpenedKey = { ok: true; key: BatchKey } | { ok: false; code: string; message: string }

/** Opens the office's P12 for a signing batch (node-forge's PBKDF2 and key parsing: some 100 ms, off the calling thread). */
export function openOfficeKey(task: { p12: Uint8Array; passphrase: string }): OpenedKey {
  try {
    return { ok: true, key: batchKeyOf(readP12(Buffer.from(task.p12), task.passphrase)) }
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, code: e.code, message: e.message }
    throw e
  }
}

/** What a thread renders to get ready for a batch: its first letter, as it will be rendered (then thrown away). */
export interface WarmUpTask {
  fontsDir: string | null
  letter?: Pick<LetterTask, 'docType' | 'data' | 'signature'>
}

/**
 * Gets a thread ready for letters while the passphrase is typed or another thread opens the key: the fonts parsed,
 * and the batch's first letter rendered and thrown away — its code compiled, its characters shaped and their
 * glyphs read, the office seal drawn (a first letter took some 200 ms, the next ones 5–10). Without a letter,
 * a line of text.
 */
export function warmUp(task: WarmUpTask): void {
  if (fontsDir() !== task.fontsDir) setFontsDir(task.fontsDir)
  if (task.letter) {
    letterTemplate(task.letter.docType).render(JSON.parse(task.letter.data), { kind: 'final', signature: task.letter.signature })
    return
  }
  const { doc } = newLetterDoc({ title: '', author: '', subject: '' })
  doc.font(SERIF).fontSize(15).text('兹有我单位存档人员，因工作调动，请贵单位协助办理人事档案转递手续。', { width: WIDTH })
  finishPdf(doc)
}

/** The pool's entry point (piscina calls a worker module's default export with each task). */
export default renderSignedLetter
