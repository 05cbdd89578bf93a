import { addDays, type IsoDate } from '../../src/shared/domain/calendar'
import { DEGREE_LEVELS, type DegreeCertificationForm, type EmploymentForm, type EmploymentKind, GREEN_CHANNEL_CONDITIONS } from '../../src/shared/domain/certification-forms'
import { cn, type DemoFile, demoJpeg, file, idCard, passport, travelDoc } from './files'
import type { DemoPerson } from './people'
import { type Doc, field, renderPdf } from './pdf'
import type { Rng } from './random'

/** The files of the certification office's and the employment desk's applications: PDFs and JPGs, small and quick to render. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const longEn = (d: IsoDate): string => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`
const pinyinName = (p: DemoPerson): string => `${p.givenPinyin[0]}${p.givenPinyin.slice(1).toLowerCase()} ${p.surnamePinyin[0]}${p.surnamePinyin.slice(1).toLowerCase()}`

/** 学位证书: a diploma in the institution's style (English name, the degree, the date), with its number. */
function diploma(p: DemoPerson, f: DegreeCertificationForm, created: Date): Buffer {
  const d = f.degree
  return renderPdf(
    created,
    '学位证书',
    (doc: Doc) => {
      doc.rect(30, 30, 782, 535).lineWidth(3).stroke('#8a6d3b')
      doc.fontSize(30).text(d.institutionEn || d.institution, 60, 90, { width: 722, align: 'center' })
      doc.fontSize(13).fillColor('#555').text('hereby confers upon', 60, 170, { width: 722, align: 'center' }).fillColor('black')
      doc.fontSize(26).text(pinyinName(p), 60, 205, { width: 722, align: 'center' })
      doc.fontSize(13).fillColor('#555').text('the degree of', 60, 260, { width: 722, align: 'center' }).fillColor('black')
      doc.fontSize(22).text(`${d.degreeName}（${d.major}）`, 60, 290, { width: 722, align: 'center' })
      doc.fontSize(12).text(`with all the rights and privileges thereto pertaining, awarded on ${longEn(d.awardedOn)}`, 60, 350, { width: 722, align: 'center' })
      if (f.programmeCode) doc.fontSize(10).text(`中外合作办学项目 ${f.programmeCode}`, 60, 380, { width: 722, align: 'center' })
      doc.fontSize(10).text(d.diplomaNumber ? `No. ${d.diplomaNumber}` : '', 60, 500, { lineBreak: false })
      doc.circle(680, 470, 45).lineWidth(2).stroke('#b22222')
    },
    [842, 595]
  )
}

/** 成绩单: the courses of the degree, one line each. */
function transcript(p: DemoPerson, f: DegreeCertificationForm, rng: Rng, created: Date): Buffer {
  const courses = ['Research Methods', 'Advanced Topics', 'Statistics', 'Dissertation', 'Professional Practice', 'Seminar', 'Quantitative Analysis', 'Case Studies']
  return renderPdf(created, '成绩单', (doc) => {
    doc.fontSize(16).text(`${f.degree.institutionEn || f.degree.institution} — Academic Transcript`)
    doc.moveDown().fontSize(10).text(`Student: ${pinyinName(p)}    Programme: ${f.degree.degreeName} ${f.degree.major}`)
    doc.text(`Period: ${f.degree.startOn} – ${f.degree.endOn}`).moveDown()
    for (const c of courses.slice(0, rng.int(5, 8))) doc.text(`${c.padEnd(28, ' ')}  ${rng.int(15, 30)} credits   ${rng.pick(['A', 'A-', 'B+', 'B', 'Merit', 'Distinction', '72', '68'])}`)
    doc.moveDown().text(`Award: ${f.degree.degreeName}, conferred ${f.degree.awardedOn}`)
  })
}

/** 文凭证书核查授权声明 (signed). */
function authorisation(p: DemoPerson, f: DegreeCertificationForm, created: Date): Buffer {
  return renderPdf(created, '授权声明', (doc) => {
    doc.fontSize(18).text('文凭证书核查授权声明', { align: 'center' }).moveDown(2).fontSize(11)
    doc.text(`本人 ${p.name}（证件号码 ${p.idNumber.slice(0, 6)}********${p.idNumber.slice(14)}），现申请对本人在${f.degree.country}${f.degree.institution}获得的${f.degree.degreeName}学位证书进行认证，`)
    doc.text('授权认证机构向颁证院校及有关机构核查本人的学习经历和学位证书的真实性，并同意颁证院校向认证机构提供有关信息。').moveDown(2)
    doc.text(`I, ${pinyinName(p)}, authorise the verification of my academic records by the certification office.`).moveDown(3)
    doc.text(`签名：${p.name}`, { align: 'right' }).text(`日期：${cn(created.toISOString().slice(0, 10))}`, { align: 'right' })
  })
}

/** 出入境记录: the stays abroad from the entry/exit records. */
function entryExit(p: DemoPerson, trips: readonly { exitOn: string; entryOn: string | null }[], created: Date): Buffer {
  return renderPdf(created, '出入境记录', (doc) => {
    doc.fontSize(16).text('出入境记录查询结果', { align: 'center' }).moveDown().fontSize(10)
    doc.text(`姓名：${p.name}    证件号码：${p.passportNumber}`).moveDown()
    trips.forEach((t, i) => {
      field(doc, 60, 140 + i * 40, '出境', t.exitOn, 11)
      field(doc, 260, 140 + i * 40, '入境', t.entryOn ?? '—', 11)
    })
  })
}

function greenChannelProof(p: DemoPerson, f: DegreeCertificationForm, created: Date): Buffer {
  return renderPdf(created, '绿色通道证明材料', (doc) => {
    doc.fontSize(18).text('证明', { align: 'center' }).moveDown(2).fontSize(12)
    doc.text(`兹证明 ${p.name} 同志（${f.degree.institution}${DEGREE_LEVELS[f.degree.level]}）${GREEN_CHANNEL_CONDITIONS[f.greenChannel ?? 'talent_programme']}，请予加快办理学历学位认证。`)
    doc.moveDown(3).text('中国科学院人事局（盖章）', { align: 'right' }).text(cn(created.toISOString().slice(0, 10)), { align: 'right' })
  })
}

/**
 * The demo's JPEGs come from a dozen cached variants; a real photo or scan is the person's own, so each one gets a
 * comment segment (COM, right after SOI) naming its owner: the same picture, a different file (SHA-256) — the
 * workbench's duplicate warning fires only for the duplicates a scenario plants on purpose.
 */
function ownJpeg(jpeg: Buffer, owner: string): Buffer {
  const text = Buffer.from(`CaseDesk demo: ${owner}`, 'utf8')
  const segment = Buffer.alloc(4)
  segment.writeUInt16BE(0xfffe, 0)
  segment.writeUInt16BE(text.length + 2, 2)
  return Buffer.concat([jpeg.subarray(0, 2), segment, text, jpeg.subarray(2)])
}

/** A degree certification's uploads: diploma, photo (JPG), the signed authorisation, passports or (joint programme, < 180 days abroad) the ID card … */
export function certificationFiles(p: DemoPerson, f: DegreeCertificationForm, daysAbroad: number, rng: Rng, today: IsoDate): DemoFile[] {
  const created = new Date(`${today}T00:00:00Z`)
  const files = [
    file('diploma', '学位证书.pdf', 'application/pdf', diploma(p, f, created)),
    file('photo', '证件照.jpg', 'image/jpeg', ownJpeg(demoJpeg(rng, 'photo'), `${p.idNumber} photo ${f.degree.diplomaNumber}`)),
    file('authorisation', '文凭证书核查授权声明.pdf', 'application/pdf', authorisation(p, f, created))
  ]
  if (f.programmeCode && daysAbroad < 180) files.push(file('id_card', '身份证正反面.pdf', 'application/pdf', idCard(p, created)))
  else files.push(file('passport', '护照（留学期间）.pdf', 'application/pdf', passport(p, travelDoc(rng, addDays(f.degree.startOn, 300)), created)))
  if (rng.chance(0.6)) files.push(file('transcript', '成绩单.pdf', 'application/pdf', transcript(p, f, rng, created)))
  if (f.trips.length && rng.chance(0.4)) files.push(file('entry_exit', '出入境记录.pdf', 'application/pdf', entryExit(p, f.trips, created)))
  if (f.greenChannel) files.push(file('green_channel_proof', '绿色通道证明.pdf', 'application/pdf', greenChannelProof(p, f, created)))
  return files
}

/** 复核补充材料: 1–6 JPG scans. */
export function rereviewFiles(rng: Rng, owner: string): DemoFile[] {
  return Array.from({ length: rng.int(1, 6) }, (_, i) => file('supplement', `复核补充材料${i + 1}.jpg`, 'image/jpeg', ownJpeg(demoJpeg(rng, 'scan'), `${owner} ${i + 1}`)))
}

function employerLetter(p: DemoPerson, f: EmploymentForm, created: Date): Buffer {
  return renderPdf(created, '单位接收函', (doc) => {
    doc.fontSize(18).text(f.publicInstitutionLetter ? '单位接收函（事业编制）' : '单位接收函', { align: 'center' }).moveDown(2).fontSize(12)
    doc.text(`兹有${f.institution}${DEGREE_LEVELS[f.degreeLevel]}毕业生 ${p.name}（身份证号 ${p.idNumber.slice(0, 6)}********${p.idNumber.slice(14)}），经我单位考核，同意接收其到我单位工作，劳动合同期限三年。`)
    doc.moveDown(3).text(`${f.employer.name}（盖章）`, { align: 'right' }).text(`统一社会信用代码：${f.employer.creditCode}`, { align: 'right' }).text(cn(created.toISOString().slice(0, 10)), { align: 'right' })
  })
}

function hukouPage(p: DemoPerson, f: EmploymentForm, created: Date): Buffer {
  return renderPdf(created, '户口本', (doc) => {
    doc.fontSize(16).text(f.hukou.kind === 'collective' ? '集体户口登记页' : '居民户口簿（首页及本人页）', { align: 'center' }).moveDown(2)
    field(doc, 80, 140, '户籍所在地', f.hukou.region.replaceAll('/', ''), 12)
    field(doc, 80, 175, '姓名', p.name, 12)
    field(doc, 80, 210, '出生日期', p.birthDate, 12)
    field(doc, 80, 245, '公民身份号码', `${p.idNumber.slice(0, 6)}********${p.idNumber.slice(14)}`, 12)
  })
}

function insuranceRecord(p: DemoPerson, f: EmploymentForm, created: Date): Buffer {
  return renderPdf(created, '社会保险个人权益记录', (doc) => {
    doc.fontSize(16).text('北京市社会保险个人权益记录', { align: 'center' }).moveDown().fontSize(10)
    doc.text(`姓名：${p.name}    单位：${f.employer.name}`).moveDown()
    for (let i = 0; i < Math.max(1, Math.min(6, f.socialInsuranceMonths)); i++) doc.text(`第 ${i + 1} 个月  养老、医疗、失业、工伤、生育  已实缴`)
  })
}

/** An employment registration's uploads: the employer's letter, the household register, the insurance record … */
export function employmentFiles(p: DemoPerson, kind: EmploymentKind, f: EmploymentForm, rng: Rng, today: IsoDate): DemoFile[] {
  const created = new Date(`${today}T00:00:00Z`)
  const files = [file('acceptance_letter', '单位接收函.pdf', 'application/pdf', employerLetter(p, f, created)), file('hukou', '户口本.pdf', 'application/pdf', hukouPage(p, f, created))]
  if (f.socialInsuranceMonths > 0) files.push(file('social_insurance', '社保权益记录.pdf', 'application/pdf', insuranceRecord(p, f, created)))
  if (kind === 'joint_programme' || rng.chance(0.3)) files.push(file('admission_or_transcript', '成绩单.jpg', 'image/jpeg', demoJpeg(rng, 'scan')))
  return files
}
