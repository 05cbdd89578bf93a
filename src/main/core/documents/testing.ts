// Test support for the print console (no vitest here): drafts with their template data, the office's
// test certificate configured, and the PDF tools (pdfsig, qpdf, pdftotext) run on a buffer.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StaffSession } from '../../../shared/api/types'
import { setSigningCertificate } from '../settings/signing'
import type { Store } from '../store'
import { addCase, SAMPLE_NOTICE } from '../testing/fixtures'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../testing/p12'
import { issueDocument } from './issue'
import { formatDocumentNumber, newVerificationCode, nextNumber } from './numbering'
import { renderTransferNotice, type TransferNoticeData } from './transfer-notice'

/**
 * A drafted 调档通知单 on a new case (numbered from this desk's counter), as an approval leaves it: the
 * watermarked PDF and the data to render the final letter from (`withData: false`: a letter from before
 * the data was kept).
 */
export function draftLetter(store: Store, o: { issuedAt?: string; name?: string; withData?: boolean; issuedById?: number | null } = {}): { id: number; number: string; caseId: string } {
  const caseId = addCase(store, { state: 'awaiting_archive', name: o.name })
  const sql = store.sqlite
  return sql.transaction(() => {
    const number = formatDocumentNumber('transfer_notice', 2026, nextNumber(sql, 'transfer_notice', 2026))
    const data: TransferNoticeData = { ...SAMPLE_NOTICE, number, verificationCode: newVerificationCode(), applicant: { ...SAMPLE_NOTICE.applicant, name: o.name ?? '刘洋' } }
    const { id } = issueDocument(sql, {
      caseId,
      docType: 'transfer_notice',
      fileName: `调档通知单-${number}.pdf`,
      pdf: renderTransferNotice(data, { kind: 'draft' }),
      number,
      verificationCode: data.verificationCode,
      issuedById: o.issuedById ?? null,
      issuedAt: o.issuedAt ?? '2026-03-02T02:00:00.000Z',
      data: o.withData === false ? undefined : data
    })
    return { id, number, caseId }
  })()
}

/** The office's test certificate (Chinese subject and passphrase) configured on this desk by `admin`. */
export function configureTestCertificate(store: Store, admin: StaffSession, now = new Date('2026-03-02T02:00:00Z')) {
  return setSigningCertificate(store, makeTestP12().toString('base64'), TEST_P12_PASSPHRASE, admin, now)
}

/** Runs a PDF tool on a buffer (written to a temp file): its exit status and all it printed. */
export function pdfTool(cmd: 'pdfsig' | 'qpdf' | 'pdftotext', pdf: Buffer, args: string[] = []): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'casedesk-pdf-'))
  try {
    const file = join(dir, 'letter.pdf')
    writeFileSync(file, pdf)
    const argv = cmd === 'pdftotext' ? [...args, file, '-'] : [...args, file]
    const r = spawnSync(cmd, argv, { encoding: 'utf8' })
    if (r.error) throw new Error(`${cmd} missing (apt-get install -y poppler-utils qpdf): ${r.error.message}`)
    return { status: r.status, out: `${r.stdout}${r.stderr}` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The text of a PDF without white space (pdftotext splits lines where the layout does). */
export const pdfText = (pdf: Buffer): string => pdfTool('pdftotext', pdf).out.replace(/\s+/g, '')

export { TEST_P12_PASSPHRASE }
