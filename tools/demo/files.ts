import { createHash } from 'node:crypto'
import { encode as encodeJpeg } from 'jpeg-js'
import { addDays, type IsoDate } from '../../src/shared/domain/calendar'
import type { DemoPerson } from './people'
import { type Doc, field, passportMrz, photoBox, renderPdf } from './pdf'
import { TRANSLATION_AGENCIES, VISA_POSTS, VISA_TYPES } from './pools'
import { Rng } from './random'

/** Real (small) attachment files for a demo case: PDFs rendered with pdfkit, a JPG encoded with jpeg-js. */

export interface DemoFile {
  materialCode: string
  fileName: string
  mime: 'application/pdf' | 'image/jpeg'
  data: Buffer
  sha256: string
}

export const file = (materialCode: string, fileName: string, mime: DemoFile['mime'], data: Buffer): DemoFile => ({
  materialCode,
  fileName,
  mime,
  data,
  sha256: createHash('sha256').update(data).digest('hex')
})

export const cn = (d: IsoDate): string => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
const dotted = (d: IsoDate): string => d.replaceAll('-', '.')
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const en = (d: IsoDate): string => `${d.slice(8, 10)} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`
const plusYears = (d: IsoDate, n: number): IsoDate => addDays(`${Number(d.slice(0, 4)) + n}${d.slice(4)}`, -1)
const fullName = (p: DemoPerson): string => `${p.surnamePinyin} ${p.givenPinyin[0]}${p.givenPinyin.slice(1).toLowerCase()}`

/** 身份证正反面: both sides of the card on one page; the number partly masked. */
export function idCard(p: DemoPerson, created: Date): Buffer {
  const masked = `${p.idNumber.slice(0, 6)}********${p.idNumber.slice(14)}`
  return renderPdf(created, '身份证正反面', (doc) => {
    const card = (y: number): void => void doc.roundedRect(80, y, 400, 250, 14).lineWidth(1).stroke('#8a9bb0')
    card(60)
    field(doc, 100, 90, '姓名', p.name, 14)
    field(doc, 100, 125, '性别', p.sex === 'male' ? '男' : '女', 12)
    field(doc, 220, 125, '民族', p.ethnicity.replace(/族$/, ''), 12)
    field(doc, 100, 155, '出生', cn(p.birthDate), 12)
    doc.fontSize(9).fillColor('#666').text('住址', 100, 188).fillColor('black').fontSize(11).text(p.address, 150, 186, { width: 200 })
    field(doc, 100, 275, '公民身份号码', '', 10)
    doc.fontSize(15).text(masked, 200, 272, { characterSpacing: 1.5, lineBreak: false })
    photoBox(doc, 370, 85, 90, 115)
    card(360)
    doc.fontSize(20).text('中华人民共和国', 180, 400, { characterSpacing: 4, lineBreak: false })
    doc.fontSize(26).text('居民身份证', 180, 435, { characterSpacing: 8, lineBreak: false })
    field(doc, 140, 530, '签发机关', `${p.region.city.replace(/市$/, '')}市公安局${p.region.district.replace(/区$/, '')}分局`, 11)
    field(doc, 140, 565, '有效期限', `${dotted(p.idValidFrom)}-${dotted(p.idValidTo)}`, 11)
  })
}

export interface TravelDoc {
  issued: IsoDate
  expires: IsoDate
}

export function travelDoc(rng: Rng, today: IsoDate): TravelDoc {
  const issued = addDays(today, -rng.int(300, 1500))
  return { issued, expires: plusYears(issued, 10) }
}

/** 护照个人信息页 (or the Hong Kong/Macao pass for study in Hong Kong), with a valid MRZ. */
export function passport(p: DemoPerson, t: TravelDoc, created: Date): Buffer {
  const hk = p.study.institution.country === 'HK'
  const title = hk ? '往来港澳通行证' : '护照个人信息页'
  return renderPdf(created, title, (doc) => {
    doc.roundedRect(60, 80, 480, 330, 10).lineWidth(1).stroke('#7a4d8c')
    doc.fontSize(13).text(hk ? '中华人民共和国往来港澳通行证' : '中华人民共和国 护照', 80, 95)
    doc.fontSize(9).fillColor('#666').text(hk ? 'EXIT-ENTRY PERMIT FOR TRAVELLING TO AND FROM HONG KONG AND MACAO' : "PEOPLE'S REPUBLIC OF CHINA · PASSPORT", 80, 115)
    photoBox(doc, 80, 145, 110, 140)
    const x = 215
    field(doc, x, 145, hk ? '证件号码' : '护照号 No.', p.passportNumber, 11)
    field(doc, x, 170, '姓名 Name', `${p.name}  ${p.surnamePinyin}, ${p.givenPinyin}`, 11)
    field(doc, x, 195, '性别 Sex', p.sex === 'male' ? '男/M' : '女/F', 11)
    field(doc, x, 220, '出生日期', en(p.birthDate), 11)
    field(doc, x, 245, '出生地点', `${p.region.province.replace(/[省市]$/, '')}/${p.region.placePinyin}`, 11)
    field(doc, x, 270, '签发日期', en(t.issued), 11)
    field(doc, x, 295, '有效期至', en(t.expires), 11)
    if (!hk) {
      const [l1, l2] = passportMrz(p.surnamePinyin, p.givenPinyin, p.passportNumber, p.birthDate, p.sex === 'male' ? 'M' : 'F', t.expires)
      doc.fontSize(11.5).text(l1, 80, 345, { characterSpacing: 0.6, lineBreak: false }).text(l2, 80, 368, { characterSpacing: 0.6, lineBreak: false })
    }
  })
}

/** 学生签证页 / 学生签注页. */
function visa(p: DemoPerson, t: TravelDoc, rng: Rng, created: Date): Buffer {
  const s = p.study
  const validFrom = addDays(`${s.from}-01`, -rng.int(20, 60))
  const validTo = addDays(`${s.to}-01`, rng.int(60, 120))
  return renderPdf(created, '学生签证页', (doc) => {
    doc.roundedRect(60, 80, 480, 300, 10).lineWidth(1).stroke('#3a7a5a')
    doc.fontSize(16).text(s.institution.country === 'HK' ? '签注 ENDORSEMENT' : `VISA · ${s.institution.country}`, 80, 95)
    photoBox(doc, 80, 135, 95, 120)
    const x = 200
    field(doc, x, 135, 'Type', VISA_TYPES[s.institution.country], 11)
    field(doc, x, 162, 'Name', `${p.surnamePinyin}, ${p.givenPinyin}`, 11)
    field(doc, x, 189, 'Passport', p.passportNumber, 11)
    field(doc, x, 216, 'Valid from', en(validFrom), 11)
    field(doc, x, 243, 'Valid until', en(validTo > t.expires ? t.expires : validTo), 11)
    field(doc, x, 270, 'Issued at', rng.pick(VISA_POSTS), 11)
    field(doc, x, 297, 'Remarks', s.institution.en.slice(0, 42), 9)
    doc.fontSize(12).text(`No. ${rng.digits(9)}`, 80, 340, { lineBreak: false })
  })
}

/** 录取通知书: English, or German/Japanese (then a Chinese translation goes with it). */
function admission(p: DemoPerson, rng: Rng, created: Date): { pdf: Buffer; fileName: string } {
  const s = p.study
  const issued = en(addDays(`${s.from}-01`, -rng.int(90, 200)))
  const studentNo = rng.digits(8)
  const lang = s.institution.lang
  const fileName = lang === 'de' ? 'Zulassungsbescheid.pdf' : lang === 'ja' ? '合格通知書.pdf' : 'Offer Letter 录取通知书.pdf'
  const pdf = renderPdf(created, 'Admission', (doc: Doc) => {
    doc.fontSize(18).text(s.institution.en, { align: 'left' }).fontSize(10).fillColor('#666').text(`${s.institution.city} · Admissions Office`).fillColor('black')
    doc.moveDown(2).fontSize(11).text(issued).moveDown()
    const start = `${MONTHS[Number(s.from.slice(5, 7)) - 1]} ${s.from.slice(0, 4)}`
    if (lang === 'de') {
      doc.fontSize(14).text('Zulassungsbescheid').moveDown().fontSize(11)
      doc.text(`Sehr geehrte${p.sex === 'male' ? 'r Herr' : ' Frau'} ${fullName(p)},`).moveDown()
      doc.text(`wir freuen uns, Ihnen mitzuteilen, dass Sie zum Wintersemester ${s.from.slice(0, 4)}/${Number(s.from.slice(2, 4)) + 1} für den Studiengang ${s.programme[0]} zugelassen sind. Matrikelnummer: ${studentNo}.`)
      doc.moveDown().text('Mit freundlichen Grüßen').text('Studierendensekretariat')
    } else if (lang === 'ja') {
      doc.fontSize(16).text('合格通知書', { align: 'center' }).moveDown().fontSize(11)
      doc.text(`${p.name} 殿`).moveDown()
      const course = s.degree === '硕士' ? '修士' : s.degree
      doc.text(`貴殿は ${s.from.slice(0, 4)} 年度 ${s.programme[0]}（${course}課程）の入学試験に合格しましたので通知します。学籍番号：${studentNo}`)
      doc.moveDown().text(`${s.institution.en} 学長`, { align: 'right' })
    } else {
      doc.fontSize(14).text('Offer of Admission').moveDown().fontSize(11)
      doc.text(`Dear ${p.sex === 'male' ? 'Mr' : 'Ms'} ${fullName(p)},`).moveDown()
      doc.text(`We are delighted to offer you a place on the ${s.programme[0]} programme, starting in ${start}. This offer is unconditional. Your student number is ${studentNo}.`).moveDown()
      const travelDocument = s.institution.country === 'HK' ? 'Exit-entry Permit' : 'passport'
      doc.text(`Please bring this letter and your ${travelDocument} (${p.passportNumber}) when you register. We look forward to welcoming you to ${s.institution.city}.`)
      doc.moveDown(2).text('Yours sincerely,').text('Director of Admissions')
    }
  })
  return { pdf, fileName }
}

/** 中文翻译件 of a non-English admission letter, with the translation agency's name. */
function translation(p: DemoPerson, rng: Rng, created: Date): Buffer {
  const s = p.study
  return renderPdf(created, '中文翻译件', (doc) => {
    doc.fontSize(18).text('录取通知书（译文）', { align: 'center' }).moveDown(2).fontSize(12)
    doc.text(`${p.name}：`).moveDown()
    doc.text(`我们很高兴地通知您，您已被${s.institution.zh}录取，攻读${s.programme[1]}（${s.degree}），自${s.from.replace('-', '年')}月开始学习。`)
    doc.moveDown(3).text(`翻译机构：${rng.pick(TRANSLATION_AGENCIES)}（盖章）`, { align: 'right' }).text(`译者：${rng.pick(['周','孙','何'])}译员`, { align: 'right' })
  })
}

/** 存档证明 from the present custodian (a typical supplementary file). */
function custodyProof(p: DemoPerson, today: IsoDate, created: Date): Buffer {
  return renderPdf(created, '存档证明', (doc) => {
    doc.fontSize(20).text('存档证明', { align: 'center' }).moveDown(2).fontSize(12)
    doc.text(`兹证明 ${p.name}（身份证号 ${p.idNumber.slice(0, 6)}********${p.idNumber.slice(14)}）的人事档案现存放于我中心。`).moveDown()
    doc.text('特此证明。').moveDown(3)
    doc.text(p.custodian, { align: 'right' }).text(cn(today), { align: 'right' })
  })
}

/**
 * A 200×260 JPG: an ID-style photo (gradient backdrop, head-and-shoulders silhouette) or a scanned
 * slip (paper, grey text lines, a red seal).
 */
export function demoJpeg(rng: Rng, kind: 'photo' | 'scan'): Buffer {
  // A few variants per kind, encoded once per process (identical bodies are stored once anyway).
  const variant = rng.int(0, 11)
  const key = `${kind}:${variant}`
  let jpeg = jpegCache.get(key)
  if (!jpeg) jpegCache.set(key, (jpeg = encodeDemoJpeg(new Rng(variant + 1), kind)))
  return jpeg
}

const jpegCache = new Map<string, Buffer>()

function encodeDemoJpeg(rng: Rng, kind: 'photo' | 'scan'): Buffer {
  const width = 200
  const height = 260
  const data = Buffer.alloc(width * height * 4)
  const [r0, g0, b0] = kind === 'scan' ? [250, 248, 240] : rng.pick([[66, 133, 244], [220, 60, 60], [245, 245, 245]])
  const tint = rng.int(0, 40)
  const lines = rng.int(6, 10)
  const sealX = rng.int(110, 150)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      const shade = kind === 'scan' ? 1 - (x / width) * 0.08 : 1 - (y / height) * 0.35
      let rgb = [r0 * shade, g0 * shade, b0 * shade]
      if (kind === 'photo') {
        if ((x - 100) ** 2 / 45 ** 2 + (y - 105) ** 2 / 55 ** 2 <= 1) rgb = [235, 205, 180]
        else if (y > 170 && (x - 100) ** 2 / 85 ** 2 + (y - 270) ** 2 / 100 ** 2 <= 1) rgb = [40 + tint, 45 + tint, 60]
      } else {
        const line = Math.floor((y - 30) / 18)
        if (line >= 0 && line < lines && (y - 30) % 18 < 4 && x > 20 && x < 180 - (line % 3) * 25) rgb = [120, 120, 120]
        const d = Math.hypot(x - sealX, y - 205)
        if (d < 30 && d > 25) rgb = [210, 40 + tint, 40]
      }
      data[i] = rgb[0]
      data[i + 1] = rgb[1]
      data[i + 2] = rgb[2]
      data[i + 3] = 255
    }
  }
  return Buffer.from(encodeJpeg({ data, width, height }, 80).data)
}

/** The files one applicant uploads: the four required PDFs, a translation when needed, sometimes a supplement. */
export function renderCaseFiles(p: DemoPerson, rng: Rng, today: IsoDate): DemoFile[] {
  const created = new Date(`${today}T00:00:00Z`)
  const t = travelDoc(rng, today)
  const hk = p.study.institution.country === 'HK'
  const letter = admission(p, rng, created)
  const files = [
    file('id_card', '身份证正反面.pdf', 'application/pdf', idCard(p, created)),
    file('passport', hk ? '往来港澳通行证.pdf' : '护照个人信息页.pdf', 'application/pdf', passport(p, t, created)),
    file('visa', hk ? '学生签注页.pdf' : '学生签证页.pdf', 'application/pdf', visa(p, t, rng, created)),
    file('admission', letter.fileName, 'application/pdf', letter.pdf)
  ]
  if (p.study.institution.lang !== 'en') files.push(file('translation', '中文翻译件.pdf', 'application/pdf', translation(p, rng, created)))
  const extra = rng.next()
  if (extra < 0.12) files.push(file('supplementary', '存档证明.pdf', 'application/pdf', custodyProof(p, today, created)))
  else if (extra < 0.18) files.push(file('supplementary', '存档凭证.jpg', 'image/jpeg', demoJpeg(rng, 'scan')))
  else if (extra < 0.22) files.push(file('supplementary', '证件照.jpg', 'image/jpeg', demoJpeg(rng, 'photo')))
  return files
}
