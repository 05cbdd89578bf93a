import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_OFFICE } from '../../../shared/domain/office'
import { readDocument } from '../files/read'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { issueDocument } from './issue'
import { formatDocumentNumber, newVerificationCode, nextNumber } from './numbering'
import { renderTransferNotice } from './transfer-notice'

describe('issueDocument', () => {
  let store: ReturnType<typeof tempStore>
  let caseId: string
  let staffId: number
  beforeEach(() => {
    store = tempStore()
    caseId = addCase(store)
    staffId = addStaff(store, 'clerk1', 'clerk').id
  })
  afterEach(() => store.dispose())

  /** The whole issuing step, as a case action runs it: one transaction. */
  const issueNotice = (opts: { fail?: boolean } = {}) =>
    store.sqlite.transaction(() => {
      const number = formatDocumentNumber('transfer_notice', 2026, nextNumber(store.sqlite, 'transfer_notice', 2026))
      const verificationCode = newVerificationCode()
      const pdf = renderTransferNotice({
        office: DEFAULT_OFFICE,
        number,
        verificationCode,
        issuedOn: '2026-11-23',
        custodian: '北京市海淀区人才服务中心',
        applicant: { name: '刘洋', sex: 'male', idNumber: '11010819990101100X', birthDate: '1999-01-01' },
        caseNumber: 'CD20251001000001',
        subtypeLabel: '出国存档'
      }, { kind: 'draft' })
      const issued = issueDocument(store.sqlite, {
        caseId,
        docType: 'transfer_notice',
        fileName: '调档通知单-CD20251001000001.pdf',
        pdf,
        number,
        verificationCode,
        issuedById: staffId,
        issuedAt: '2026-11-23T02:00:00.000Z'
      })
      if (opts.fail) throw new Error('case event failed')
      return { ...issued, pdf, number, verificationCode }
    })()

  it('stores the PDF as a verified blob and the issued_documents row', () => {
    const issued = issueNotice()
    expect(issued.sha256).toBe(createHash('sha256').update(issued.pdf).digest('hex'))
    const row = store.sqlite.prepare('SELECT * FROM issued_documents WHERE id = ?').get(issued.id)
    expect(row).toMatchObject({
      case_id: caseId,
      doc_type: 'transfer_notice',
      number: '留档调字〔2026〕第000001号',
      verification_code: issued.verificationCode,
      sha256: issued.sha256,
      file_name: '调档通知单-CD20251001000001.pdf',
      issued_by_id: staffId,
      issued_at: '2026-11-23T02:00:00.000Z',
      voided_at: null
    })
    const blob = store.sqlite.prepare('SELECT size, data FROM blobs WHERE sha256 = ?').get(issued.sha256) as { size: number; data: Buffer }
    expect(blob.size).toBe(issued.pdf.length)
    expect(Buffer.compare(blob.data, issued.pdf)).toBe(0)
    const read = readDocument(store, issued.id, { role: 'clerk', scopes: null })
    expect(read.mime).toBe('application/pdf')
    expect(Buffer.from(read.base64, 'base64').equals(issued.pdf)).toBe(true)
  })

  it('numbers consecutive notices and stores identical bodies once', () => {
    const first = issueNotice()
    const second = issueNotice()
    expect(second.number).toBe('留档调字〔2026〕第000002号')
    const same = store.sqlite.transaction(() =>
      issueDocument(store.sqlite, {
        caseId,
        docType: 'transfer_notice',
        fileName: 'copy.pdf',
        pdf: first.pdf,
        number: '留档调字〔2026〕第999999号',
        verificationCode: 'ZZZZ-ZZZZ',
        issuedById: null,
        issuedAt: '2026-11-23T03:00:00.000Z'
      })
    )()
    expect(same.sha256).toBe(first.sha256)
    expect(store.sqlite.prepare('SELECT COUNT(*) AS n FROM blobs').get()).toEqual({ n: 2 })
    expect(store.sqlite.prepare('SELECT COUNT(*) AS n FROM issued_documents').get()).toEqual({ n: 3 })
  })

  it('leaves nothing behind when the caller’s transaction fails', () => {
    expect(() => issueNotice({ fail: true })).toThrow('case event failed')
    expect(store.sqlite.prepare('SELECT COUNT(*) AS n FROM issued_documents').get()).toEqual({ n: 0 })
    expect(store.sqlite.prepare('SELECT COUNT(*) AS n FROM blobs').get()).toEqual({ n: 0 })
    expect(store.sqlite.prepare('SELECT COUNT(*) AS n FROM document_counters').get()).toEqual({ n: 0 })
    expect(issueNotice().number).toBe('留档调字〔2026〕第000001号')
  })

  it('rejects a reused number or verification code, and calls outside a transaction', () => {
    const first = issueNotice()
    const again = (over: { number?: string; verificationCode?: string }) =>
      store.sqlite.transaction(() =>
        issueDocument(store.sqlite, {
          caseId,
          docType: 'transfer_notice',
          fileName: 'x.pdf',
          pdf: Buffer.from('%PDF-1.3 x'),
          number: over.number ?? 'other',
          verificationCode: over.verificationCode ?? 'AAAA-AAAA',
          issuedById: staffId,
          issuedAt: '2026-11-23T02:00:00.000Z'
        })
      )()
    expect(() => again({ number: first.number })).toThrow(/UNIQUE/)
    expect(() => again({ verificationCode: first.verificationCode })).toThrow(/UNIQUE/)
    expect(() =>
      issueDocument(store.sqlite, {
        caseId,
        docType: 'transfer_notice',
        fileName: 'x.pdf',
        pdf: Buffer.from('x'),
        number: 'n',
        verificationCode: 'c',
        issuedById: null,
        issuedAt: ''
      })
    ).toThrow(/inside a transaction/)
  })
})
