import type { IsoDate } from '../../src/shared/domain/calendar'
import type { TransferOutForm } from '../../src/shared/domain/case-types/archive-transfer-out'
import type { MaterialItem } from '../../src/shared/domain/case-types/material-filing'
import { DEFAULT_OFFICE } from '../../src/shared/domain/office'
import { cn, type DemoFile, demoJpeg, file, idCard } from './files'
import type { DemoPerson } from './people'
import { renderPdf } from './pdf'
import type { Rng } from './random'

/** The files applicants upload for the archive office's other case types (real PDFs and JPGs, small). */

const masked = (id: string): string => `${id.slice(0, 6)}********${id.slice(14)}`

/** 调档函 of the receiving agency, addressed to the office: the core of a transfer-out application. */
function transferRequestLetter(p: DemoPerson, form: TransferOutForm, rng: Rng, today: IsoDate, created: Date): Buffer {
  return renderPdf(created, '调档函', (doc) => {
    doc.fontSize(22).text('调 档 函', { align: 'center' }).moveDown(0.5)
    doc.fontSize(11).text(`${form.receivingAgency.slice(0, 4)}档函〔${today.slice(0, 4)}〕${rng.int(10, 999)}号`, { align: 'center' }).moveDown(2)
    doc.fontSize(13).text(`${DEFAULT_OFFICE.name}${DEFAULT_OFFICE.department}：`).moveDown()
    doc.text(
      `    ${p.name}同志（${p.sex === 'male' ? '男' : '女'}，身份证号 ${masked(p.idNumber)}）拟将人事档案转入我单位管理，` +
        '请将其人事档案密封后以机要方式转递我单位。档案转递后请将回执寄回。',
      { lineGap: 6 }
    )
    doc.moveDown().text(`    接收地址：${form.receivingAddress}`).text(`    联系电话：0${rng.int(10, 99)}-${rng.digits(8)}`)
    doc.moveDown(4).text(form.receivingAgency, { align: 'right' }).text('（公章）', { align: 'right' }).text(cn(today), { align: 'right' })
  })
}

/** A scanned page of a declared material (the 思想汇报's first page), for the clerk to compare with the original. */
function materialScan(p: DemoPerson, m: MaterialItem, today: IsoDate, created: Date): Buffer {
  return renderPdf(created, m.name, (doc) => {
    doc.fontSize(20).text(m.name, { align: 'center' }).moveDown(2).fontSize(12)
    doc.text('敬爱的党组织：').moveDown()
    doc.text('    近一段时间以来，我认真学习党的理论，结合工作实际，不断提高自身的思想认识和业务水平……', { lineGap: 6 })
    doc.moveDown(3).text(`汇报人：${p.name}`, { align: 'right' }).text(cn(today), { align: 'right' })
  })
}

const created = (today: IsoDate): Date => new Date(`${today}T00:00:00Z`)

export function transferOutFiles(p: DemoPerson, form: TransferOutForm, rng: Rng, today: IsoDate): DemoFile[] {
  const at = created(today)
  const jpg = rng.chance(0.3)
  return [
    jpg
      ? file('transfer_request_letter', '调档函.jpg', 'image/jpeg', demoJpeg(rng, 'scan'))
      : file('transfer_request_letter', '调档函.pdf', 'application/pdf', transferRequestLetter(p, form, rng, today, at)),
    file('id_card', '身份证正反面.pdf', 'application/pdf', idCard(p, at))
  ]
}

export function intakeFiles(p: DemoPerson, subtype: 'household' | 'employer', rng: Rng, today: IsoDate): DemoFile[] {
  const files = [file('id_card', '身份证正反面.pdf', 'application/pdf', idCard(p, created(today)))]
  if (subtype === 'household' && rng.chance(0.7)) files.push(file('household_register', '户口簿.jpg', 'image/jpeg', demoJpeg(rng, 'scan')))
  if (subtype === 'employer' && rng.chance(0.8)) files.push(file('employment_proof', '在职证明.jpg', 'image/jpeg', demoJpeg(rng, 'scan')))
  return files
}

export function materialFiles(p: DemoPerson, materials: readonly MaterialItem[], rng: Rng, today: IsoDate): DemoFile[] {
  if (!rng.chance(0.6)) return []
  return [file('material_scan', `${materials[0].name}（扫描件）.pdf`, 'application/pdf', materialScan(p, materials[0], today, created(today)))]
}

/** 单位介绍信 (JPG, seed 003) for a unit archive; an individual archive uploads nothing. */
export function certificateFiles(unit: boolean, rng: Rng): DemoFile[] {
  return unit ? [file('intro_letter', '单位介绍信.jpg', 'image/jpeg', demoJpeg(rng, 'scan'))] : []
}
