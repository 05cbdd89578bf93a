import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DocumentType } from '../../../shared/domain/case-type'
import { DEFAULT_OFFICE } from '../../../shared/domain/office'
import { letterTemplate } from '../documents/templates'
import { addCase, addStaff, tempStore } from '../testing/fixtures'
import { getCaseRow } from './detail'
import { issueLetter } from './letters'

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined
const dir = mkdtempSync(join(tmpdir(), 'casedesk-letters-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const text = (pdf: Buffer): string => {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, pdf)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

interface StoredLetter {
  doc_type: string
  number: string
  verification_code: string
  file_name: string
  status: string
  data: string
  pdf: Buffer
}

describe('issueLetter', () => {
  let store: ReturnType<typeof tempStore>
  let staffId: number
  beforeEach(() => {
    store = tempStore()
    staffId = addStaff(store, 'clerk1', 'clerk', '张敏').id
  })
  afterEach(() => store.dispose())

  const issue = (caseId: string, docType: DocumentType, input: Record<string, unknown> = {}) =>
    store.sqlite.transaction(() =>
      issueLetter(docType, {
        store,
        office: DEFAULT_OFFICE,
        caseRow: getCaseRow(store, caseId),
        issuedById: staffId,
        issuedAt: '2026-11-23T02:00:00.000Z',
        issuedOn: '2026-11-23',
        input,
        actorName: '张敏'
      })
    )()
  const stored = (id: number) =>
    store.sqlite
      .prepare('SELECT d.doc_type, d.number, d.verification_code, d.file_name, d.status, d.data, b.data AS pdf FROM issued_documents d JOIN blobs b ON b.sha256 = d.sha256 WHERE d.id = ?')
      .get(id) as StoredLetter
  const count = () => (store.sqlite.prepare('SELECT COUNT(*) AS n FROM issued_documents').get() as { n: number }).n

  /** An archive in storage for the case's applicant, deposited late on 14 July 2019 UTC (15 July in Beijing). */
  const archiveFor = (caseId: string, over: { employer?: string | null } = {}) => {
    const { applicant_id } = getCaseRow(store, caseId)
    const archiveId = store.sqlite
      .prepare("INSERT INTO archives (applicant_id, archive_number, status, category, employer) VALUES (?, 'D2019000523', 'in_storage', 'unit', ?)")
      .run(applicant_id, over.employer === undefined ? '北京华信科技有限公司' : over.employer).lastInsertRowid
    const custody = store.sqlite.prepare("INSERT INTO archive_custody (archive_id, at, kind, actor_name) VALUES (?, ?, ?, '张敏')")
    custody.run(archiveId, '2019-07-01T02:00:00.000Z', 'received')
    custody.run(archiveId, '2019-07-14T18:00:00.000Z', 'deposited')
  }

  it('issues a certificate as a draft with the data it was rendered from; the data renders the same letter again', () => {
    const caseId = addCase(store, { type: 'certificate_request', subtype: 'custody', state: 'pending', form: { purpose: '办理北京市积分落户' } })
    archiveFor(caseId)
    const letter = stored(issue(caseId, 'custody_certificate'))
    expect(letter).toMatchObject({ doc_type: 'custody_certificate', number: '留档证字〔2026〕第000001号', status: 'draft' })
    expect(letter.file_name).toMatch(/^存档证明-CD\d+\.pdf$/)
    const data = JSON.parse(letter.data) as Record<string, unknown>
    expect(data).toMatchObject({
      office: DEFAULT_OFFICE,
      number: letter.number,
      verificationCode: letter.verification_code,
      issuedOn: '2026-11-23',
      archive: { number: 'D2019000523', category: 'unit', employer: '北京华信科技有限公司', depositedOn: '2019-07-15' },
      purpose: '办理北京市积分落户'
    })
    if (hasPoppler || process.env.CI) {
      const again = letterTemplate('custody_certificate').render(data, { kind: 'draft' })
      expect(text(again)).toBe(text(letter.pdf))
      expect(text(letter.pdf).replace(/\s+/g, '')).toContain('自2019年7月15日起由我中心保管')
    }
  })

  it('issues a receipt from the action’s input, signed for by the actor', () => {
    const caseId = addCase(store, { type: 'material_filing', subtype: 'standard', form: { materials: [] } })
    const input = { materials: [{ name: '思想汇报', pages: 6, copies: 6 }], receivedOn: '2026-11-20', remarks: '无' }
    const letter = stored(issue(caseId, 'material_receipt', input))
    expect(letter.number).toBe('留档收字〔2026〕第000001号')
    expect(letter.file_name).toMatch(/^档案材料签收回执单-CD\d+-2026-000001\.pdf$/)
    expect(JSON.parse(letter.data)).toMatchObject({ materials: input.materials, receiver: '张敏', receivedOn: '2026-11-20' })
  })

  it('issues the 调档函 of an archive intake', () => {
    const form = { custodianUnit: '教育部留学服务中心留学人员档案室', currentHolder: '广州市番禺区人才交流管理办公室', employerName: '广州番禺智造科技有限公司', employerLocation: '广州市番禺区' }
    const caseId = addCase(store, { type: 'archive_intake', subtype: 'employer', form })
    const letter = stored(issue(caseId, 'transfer_request_letter'))
    expect(letter.number).toBe('留档函字〔2026〕第000001号')
    expect(JSON.parse(letter.data)).toMatchObject({ currentHolder: form.currentHolder, basis: { kind: 'employer', location: '广州市番禺区' } })
  })

  it('refuses, in Chinese, a letter whose data is missing, and leaves no letter and no used number behind', () => {
    const caseId = addCase(store, { type: 'certificate_request', subtype: 'custody', state: 'pending', form: {} })
    expect(() => issue(caseId, 'custody_certificate')).toThrow('该申请人的档案不在库')
    archiveFor(caseId, { employer: null })
    expect(() => issue(caseId, 'custody_certificate')).toThrow('单位存档的档案记录中缺少存档单位名称')
    expect(count()).toBe(0)
    store.sqlite.prepare("UPDATE archives SET employer = '北京华信科技有限公司'").run()
    expect(stored(issue(caseId, 'custody_certificate')).number).toBe('留档证字〔2026〕第000001号')
  })
})
