import { isIsoDate, type IsoDate } from '../../../shared/domain/calendar'
import type { OfficeInfo } from '../../../shared/domain/office'
import { DomainError } from '../../../shared/result'
import { arabicDate } from './dates'
import { materialTotals } from '../../../shared/domain/case-types/material-filing'
import { BOTTOM, bodyLayout, drawHeader, drawSignature, drawVerification, finishLetter, MARGIN, newLetterDoc, QR_SIZE, SANS_BOLD, WIDTH, X0 } from './layout'
import { type Cell, drawRow, rowHeight, type TableStyle } from './layout-table'
import type { LetterFinish } from './marks'

export interface FiledMaterial {
  /** 签收材料名称, e.g. 思想汇报 */
  name: string
  /** 页数: all its pages, over every copy (seed 002: 思想汇报 6 页 6 份) */
  pages: number
  /** 份数 */
  copies: number
}

/** 档案材料签收回执单, with every field of seed 002's sample. */
export interface MaterialReceiptData {
  office: OfficeInfo
  /** e.g. `留档收字〔2026〕第000123号` */
  number: string
  verificationCode: string
  issuedOn: IsoDate
  caseNumber: string
  applicant: { name: string; idNumber: string }
  /** 签收单位 */
  receivingUnit: string
  materials: FiledMaterial[]
  /** 签收人姓名 */
  receiver: string
  /** 签收日期 */
  receivedOn: IsoDate
  /** 备注 (empty: 无) */
  remarks: string
}

const TABLE: TableStyle = { minRow: 28, labelSize: 12, valueMax: 14, valueMin: 11, wrapSize: 12 }
/** Column grid: the label column, and the right-hand label of two-pair rows. */
const LABEL = 84
const VALUE = 144
const LABEL2 = 70
const COUNT = 65
const SEAL_ROW = 112
const SIGNATURE_SIZE = 14

const cell = (text: string, x: number, w: number, opts: Partial<Cell> = {}): Cell => ({ text, x: X0 + x, w, ...opts })
const label = (text: string, x: number, w: number): Cell => cell(text, x, w, { label: true, align: 'center' })
const pair = (l1: string, v1: string, l2: string, v2: string): Cell[] => [
  label(l1, 0, LABEL),
  cell(v1, LABEL, VALUE),
  label(l2, LABEL + VALUE, LABEL2),
  cell(v2, LABEL + VALUE + LABEL2, WIDTH - LABEL - VALUE - LABEL2)
]
const wide = (l: string, v: string): Cell[] => [label(l, 0, LABEL), cell(v, LABEL, WIDTH - LABEL)]
const NAME_W = WIDTH - LABEL - 2 * COUNT
const materialRow = (a: string, b: string, c: string, d: string, head = false): Cell[] => [
  head ? label(a, 0, LABEL) : cell(a, 0, LABEL, { align: 'center' }),
  head ? label(b, LABEL, NAME_W) : cell(b, LABEL, NAME_W),
  head ? label(c, LABEL + NAME_W, COUNT) : cell(c, LABEL + NAME_W, COUNT, { align: 'center' }),
  head ? label(d, LABEL + NAME_W + COUNT, COUNT) : cell(d, LABEL + NAME_W + COUNT, COUNT, { align: 'center' })
]
const MATERIALS_HEAD = materialRow('序号', '签收材料名称', '页数', '份数', true)

function validate(data: MaterialReceiptData): void {
  for (const d of [data.issuedOn, data.receivedOn]) if (!isIsoDate(d)) throw new Error(`invalid date ${d}`)
  if (data.materials.length === 0) throw new Error('a receipt lists at least one material')
  for (const m of data.materials) {
    if (!m.name.trim() || !Number.isInteger(m.pages) || m.pages < 1 || !Number.isInteger(m.copies) || m.copies < 1) {
      throw new Error(`invalid material ${JSON.stringify(m)}`)
    }
  }
}

/**
 * Renders the receipt as a ruled table: the person, the 签收单位, one row per material (pages and copies),
 * the totals when there are several, 签收人, 签收日期, 备注 and the 签收单位盖章 cell the seal goes in, then
 * the QR block. A long list continues on further pages (the header row repeated); the totals, the signing
 * rows, the seal and the QR block always stand on the last page with at least one material.
 */
export function renderMaterialReceipt(data: MaterialReceiptData, finish: LetterFinish): Buffer {
  validate(data)
  const { doc } = newLetterDoc({
    title: `档案材料签收回执单 ${data.number}`,
    author: data.office.name,
    subject: `档案材料签收回执（业务编号 ${data.caseNumber}）`
  })
  const { materials } = data
  const rows = materials.map((m, i) => materialRow(String(i + 1), m.name, String(m.pages), String(m.copies)))
  const tail = [pair('签收人姓名', data.receiver, '签收日期', arabicDate(data.receivedOn)), wide('备注', data.remarks.trim() || '无')]
  if (materials.length > 1) {
    const t = materialTotals(materials)
    tail.unshift([label('合计', 0, LABEL), cell(`共${t.items}项材料`, LABEL, NAME_W), ...materialRow('', '', String(t.pages), String(t.copies)).slice(2)])
  }
  const tailHeight = tail.reduce((h, r) => h + rowHeight(doc, r, TABLE), 0) + SEAL_ROW + 14 + QR_SIZE

  let y = drawHeader(doc, { office: data.office, number: data.number, title: '档案材料签收回执单' })
  y += drawRow(doc, pair('姓名', data.applicant.name, '身份证号', data.applicant.idNumber), y, TABLE)
  y += drawRow(doc, wide('签收单位', data.receivingUnit), y, TABLE)
  y += drawRow(doc, MATERIALS_HEAD, y, TABLE)
  rows.forEach((r, i) => {
    const need = rowHeight(doc, r, TABLE) + (i === rows.length - 1 ? tailHeight : 0)
    if (y + need > BOTTOM) {
      doc.addPage()
      doc.font(SANS_BOLD).fontSize(14).fillColor('#000000')
      doc.text('档案材料签收回执单（续）', X0, MARGIN.top, { width: WIDTH, align: 'center', lineBreak: false })
      y = MARGIN.top + 30
      y += drawRow(doc, MATERIALS_HEAD, y, TABLE)
      if (y + need > BOTTOM) throw new DomainError('VALIDATION', `第${i + 1}项签收材料名称过长，无法排入回执单，请简写材料名称`)
    }
    y += drawRow(doc, r, y, TABLE)
  })
  for (const r of tail) y += drawRow(doc, r, y, TABLE)

  // 签收单位盖章: the office's name and the date inside the cell, the seal over them.
  drawRow(doc, [label('签收单位盖章', 0, LABEL), cell('', LABEL, WIDTH - LABEL)], y, { ...TABLE, minRow: SEAL_ROW })
  const l = bodyLayout(doc, SIGNATURE_SIZE)
  const seal = drawSignature(doc, data, y + (SEAL_ROW - l.signatureHeight) / 2, l, X0 + WIDTH - 2 * SIGNATURE_SIZE)
  drawVerification(doc, { ...data, noun: '回执单' }, X0, y + SEAL_ROW + 14, X0 + WIDTH)
  return finishLetter(doc, finish, data.office, seal)
}
