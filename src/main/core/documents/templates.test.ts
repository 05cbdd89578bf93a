// Every registered letter template, through the real tools: the draft and the final letter read the same
// (the marks are pictures, not text), the draft shows 草稿 and no seal, the final shows the seal on its last
// page, `pdfsig` reports the signed final valid and `qpdf --check` finds no damage.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { DocumentType } from '../../../shared/domain/case-type'
import { SAMPLE_CERTIFICATE, SAMPLE_NOTICE, SAMPLE_RECEIPT, SAMPLE_REQUEST_LETTER } from '../testing/fixtures'
import * as CS from '../testing/certification-samples'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../testing/p12'
import type { LetterFinish } from './marks'
import { readP12, signPdf } from './sign'
import { letterTemplate, TEMPLATES } from './templates'

const dir = mkdtempSync(join(tmpdir(), 'casedesk-templates-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined

const FINAL: LetterFinish = { kind: 'final', signature: { name: '留学人员档案室', reason: '签发', location: '北京' } }
const manyMaterials = Array.from({ length: 24 }, (_, i) => ({ name: `第${i + 1}份思想汇报`, pages: 2, copies: 1 }))

const CASES: [string, DocumentType, unknown, number][] = [
  ['调档通知单', 'transfer_notice', SAMPLE_NOTICE, 1],
  ['调档函', 'transfer_request_letter', SAMPLE_REQUEST_LETTER, 1],
  ['档案材料签收回执单', 'material_receipt', SAMPLE_RECEIPT, 1],
  ['档案材料签收回执单（两页）', 'material_receipt', { ...SAMPLE_RECEIPT, materials: manyMaterials }, 2],
  ['存档证明', 'custody_certificate', SAMPLE_CERTIFICATE, 1],
  ['政审证明', 'political_review_certificate', SAMPLE_CERTIFICATE, 1],
  ['收讫证明', 'payment_receipt', CS.SAMPLE_PAYMENT_RECEIPT, 1],
  ['认证书', 'certification_certificate', CS.SAMPLE_CERTIFICATION, 1],
  ['中外合作办学学历学位认证书', 'certification_certificate', CS.SAMPLE_JOINT_CERTIFICATION, 1],
  ['暂不认证通知单', 'deferral_notice', CS.SAMPLE_DEFERRAL, 1],
  ['不予认证通知单', 'refusal_notice', CS.SAMPLE_REFUSAL, 1],
  ['落户介绍信', 'settlement_letter', CS.SAMPLE_SETTLEMENT, 1],
  ['就业报到证', 'employment_report_card', CS.SAMPLE_REPORT_CARD, 1],
  ['入户人员基本情况表', 'household_entry_form', CS.SAMPLE_ENTRY_FORM, 1],
  ['就业报到证明信', 'employment_report_letter', CS.SAMPLE_REPORT_LETTER, 1]
]

function tool(name: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync(name, args, { encoding: 'utf8' })
  if (r.error) throw new Error(`${name} missing (apt-get install -y poppler-utils qpdf): ${r.error.message}`)
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

function write(name: string, pdf: Buffer): string {
  const file = join(dir, name)
  writeFileSync(file, pdf)
  return file
}

/** Pixels of page `page` at 50 dpi: how many are seal/letterhead red and how many light grey, above and below `splitMm`. */
function pixels(file: string, page: number, splitMm: number): { redAbove: number; redBelow: number; grey: number } {
  const out = join(dir, `px-${Math.random().toString(36).slice(2)}`)
  execFileSync('pdftoppm', ['-r', '50', '-f', String(page), '-l', String(page), '-singlefile', file, out])
  const ppm = readFileSync(`${out}.ppm`)
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))
  if (!header) throw new Error('not a PPM')
  const [w, h] = [Number(header[1]), Number(header[2])]
  const offset = header[0].length
  const split = Math.round((splitMm / 297) * h)
  const counts = { redAbove: 0, redBelow: 0, grey: 0 }
  for (let i = 0; i < w * h; i++) {
    const [r, g, b] = [ppm[offset + 3 * i], ppm[offset + 3 * i + 1], ppm[offset + 3 * i + 2]]
    if (r > 170 && g < 110 && b < 110) counts[Math.floor(i / w) < split ? 'redAbove' : 'redBelow']++
    else if (r >= 205 && r <= 235 && Math.abs(r - g) < 4 && Math.abs(r - b) < 4) counts.grey++
  }
  return counts
}

describe('the template registry', () => {
  it('has a template for every document type, and refuses an unknown one', () => {
    for (const t of Object.keys(TEMPLATES)) expect(letterTemplate(t).docType).toBe(t)
    expect(() => letterTemplate('no_such_letter')).toThrow(/no template/)
  })

  it('names each file after the document and the case (a receipt also after its number)', () => {
    expect(letterTemplate('transfer_request_letter').fileName(SAMPLE_REQUEST_LETTER, 'CD1')).toBe('调档函-CD1.pdf')
    expect(letterTemplate('material_receipt').fileName(SAMPLE_RECEIPT, 'CD1')).toBe('档案材料签收回执单-CD1-2026-000007.pdf')
    expect(letterTemplate('custody_certificate').fileName(SAMPLE_CERTIFICATE, 'CD1')).toBe('存档证明-CD1.pdf')
    expect(letterTemplate('political_review_certificate').fileName(SAMPLE_CERTIFICATE, 'CD1')).toBe('政审证明-CD1.pdf')
  })
})

describe.runIf(hasPoppler || process.env.CI).each(CASES)('%s', (label, docType, data, pages) => {
  const template = letterTemplate(docType)
  const slug = `${docType}-${pages}-${label}`
  const draft = write(`${slug}-draft.pdf`, template.render(data, { kind: 'draft' }))
  const final = write(`${slug}-final.pdf`, template.render(data, FINAL))

  it('is A4 with the expected pages, Chinese fonts embedded as subsets, and its title in the metadata', () => {
    const info = tool('pdfinfo', [draft]).out
    expect(info).toMatch(new RegExp(`^Pages:\\s+${pages}$`, 'm'))
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m)
    expect(info).toMatch(/^Title:\s+\S+ 留(档|认|就)\S+字〔2026〕第\d{6}号$/m)
    const fonts = tool('pdffonts', [draft]).out.trim().split('\n').slice(2)
    expect(fonts.length).toBeGreaterThan(0)
    for (const row of fonts) expect(row).toMatch(/^[A-Z]{6}\+Noto(Sans|Serif)SC-\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/)
  })

  it('reads the same as a draft and as the final letter; neither has 草稿 as text', () => {
    const text = (f: string) => tool('pdftotext', ['-layout', f, '-']).out
    expect(text(final)).toBe(text(draft))
    expect(text(draft)).not.toContain('草')
    expect(text(draft).replace(/\s+/g, '')).toContain(label.replace(/（两页）$/, ''))
    expect(readFileSync(final).includes('/Type /Sig')).toBe(true)
    expect(readFileSync(draft).includes('/Type /Sig')).toBe(false)
  })

  it('the draft shows the 草稿 marks and no seal; the final shows the seal on its last page only', () => {
    // The 版头 is red too: the seal is counted below it (from 80 mm down), the draft's red note above 15 mm.
    const d = pixels(draft, pages, 80)
    const f = pixels(final, pages, 80)
    expect(d.redBelow).toBe(0)
    expect(f.redBelow).toBeGreaterThan(300)
    expect(pixels(draft, 1, 15).redAbove).toBeGreaterThan(20)
    expect(pixels(final, 1, 15).redAbove).toBe(0)
    expect(d.grey - f.grey).toBeGreaterThan(2000) // the large 草 稿 across the page
    if (pages > 1) expect(pixels(final, 1, 80).redBelow).toBe(0)
  })

  it('signed with the office’s P12: pdfsig reports it valid and qpdf finds no damage', async () => {
    const key = readP12(makeTestP12(), TEST_P12_PASSPHRASE)
    const signed = write(`${slug}-signed.pdf`, await signPdf(readFileSync(final), key, new Date('2026-11-23T02:00:00Z')))
    const sig = tool('pdfsig', [signed]).out
    expect(sig).toContain('Signature Validation: Signature is Valid.')
    expect(sig).toContain('Signer Certificate Common Name: 留学人员档案室电子签章')
    expect(sig).toContain('Total document signed')
    const check = tool('qpdf', ['--check', signed])
    expect(check.out).toContain('No syntax or stream encoding errors found')
    expect(check.status).toBe(0)
  })
})
