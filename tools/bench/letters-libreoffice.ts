/**
 * The LibreOffice baseline of `npm run bench:letters`: the same 调档函 filled into a Word template
 * (tools/bench/transfer-request-letter.docx, docxtemplater) and converted to PDF by LibreOffice headless —
 * (c1) one soffice process per letter (its start-up paid per letter) over the first `perProcess` letters,
 * and (c2) the whole batch converted by soffice processes of 200 letters each (one command line drops the
 * files past about 247). Letters per second by the clock and by CPU time (this process and its children).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Docxtemplater from 'docxtemplater'
import PizZip from 'pizzip'
import { chineseDate } from '../../src/main/core/documents/dates'
import type { TransferRequestLetterData } from '../../src/main/core/documents/transfer-request-letter'

export const TEMPLATE = fileURLToPath(new URL('./transfer-request-letter.docx', import.meta.url))

// ---- the Word template: the same letter as the 调档函 template, as a .docx with {tags} ----
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const run = (text: string, o: { size: number; sans?: boolean; red?: boolean }) =>
  `<w:r><w:rPr><w:rFonts w:ascii="${o.sans ? 'Noto Sans SC' : 'Noto Serif SC'}" w:eastAsia="${o.sans ? 'Noto Sans SC' : 'Noto Serif SC'}" w:hAnsi="${o.sans ? 'Noto Sans SC' : 'Noto Serif SC'}"/>${o.sans ? '<w:b/>' : ''}${o.red ? '<w:color w:val="C8161D"/>' : ''}<w:sz w:val="${o.size * 2}"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`
const para = (text: string, o: { size?: number; sans?: boolean; red?: boolean; align?: string; indent?: boolean; right?: number; border?: boolean; after?: number } = {}) =>
  `<w:p><w:pPr>${o.border ? '<w:pBdr><w:bottom w:val="thickThinSmallGap" w:sz="18" w:space="4" w:color="C8161D"/></w:pBdr>' : ''}<w:spacing w:after="${o.after ?? 0}" w:line="${Math.round((o.size ?? 14) * (o.size && o.size < 14 ? 24 : 30))}" w:lineRule="exact"/>${o.indent ? '<w:ind w:firstLineChars="200" w:firstLine="560"/>' : ''}${o.right ? `<w:ind w:right="${o.right}"/>` : ''}${o.align ? `<w:jc w:val="${o.align}"/>` : ''}</w:pPr>${run(text, { size: o.size ?? 14, sans: o.sans, red: o.red })}</w:p>`
const cell = (text: string, width: number, label = false) =>
  `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${para(text, { size: label ? 10.5 : 12, sans: label })}</w:tc>`
const row = (cells: [string, number, boolean?][]) => `<w:tr>${cells.map(([t, w, l]) => cell(t, w, l)).join('')}</w:tr>`
const border = (side: string) => `<w:${side} w:val="single" w:sz="6" w:color="000000"/>`

export function makeTemplate(): Buffer {
  const W = 8845 // 版心 width in twips (156 mm)
  const stub = `<w:tbl><w:tblPr><w:tblW w:w="${W}" w:type="dxa"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders></w:tblPr>${[
    row([['调档函文号', 1400, true], ['{number}', 3900], ['验证码', 1200, true], ['{verificationCode}', 2345]]),
    row([['姓名', 1400, true], ['{name}', 3900], ['业务编号', 1200, true], ['{caseNumber}', 2345]]),
    row([['身份证号码', 1400, true], ['{idNumber}', 3900], ['业务类别', 1200, true], ['档案接收', 2345]]),
    row([['寄件单位', 1400, true], ['{currentHolder}', W - 1400]]),
    row([['收件单位', 1400, true], ['{officeHead}', W - 1400]]),
    row([['收件地址', 1400, true], ['{address}（邮政编码：{postcode}）', W - 1400]])
  ].join('')}</w:tbl>`
  const body = [
    para('{officeHead}', { size: 22, sans: true, red: true, align: 'center', border: true, after: 200 }),
    para('{number}', { size: 14, align: 'right', after: 200 }),
    para('调档函', { size: 22, sans: true, align: 'center', after: 200 }),
    para('{currentHolder}：'),
    para('兹有{name}（{sex}，身份证号码：{idNumber}）{basis}，向我中心申请办理人事档案接收。经审核，符合接收条件，我中心同意接收其人事档案。', { indent: true }),
    para('请贵单位收到本函后，将其人事档案整理齐全、密封，通过机要通信寄至我中心（不通机要的地区，请以中国邮政EMS挂号寄送），并将本函回执联沿虚线剪下，粘贴于档案袋封面。本人为中共党员的，请一并转递入党材料。', { indent: true }),
    para('收件地址：{address}，{officeHead}（邮政编码：{postcode}）；联系电话：{phone}；电子邮箱：{email}。', { indent: true }),
    para('特此函告。', { indent: true, after: 300 }),
    para('{officeName}', { align: 'right', right: 1200 }),
    para('{date}', { align: 'right', right: 1200 }),
    para('验证码：{verificationCode}　核验网址：{verifyUrl}', { size: 9, after: 300 }),
    para('- - - - - - - - - - - - - - - - 沿此线剪下 - - - - - - - - - - - - - - - -', { size: 10, align: 'center', after: 100 }),
    para('调档函（回执联）— 请贴于档案袋封面', { size: 14, sans: true, align: 'center', after: 100 }),
    stub,
    para('寄送前请密封档案袋并在封口处加盖密封章；本联请贴于档案袋封面，勿装入袋内，未贴本联的档案将予退回。', { size: 9 })
  ].join('')
  const margins = '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/>'
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>${margins}</w:sectPr></w:body></w:document>`
  const zip = new PizZip()
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
  zip.file('word/document.xml', document)
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' })
}

const wordData = (d: TransferRequestLetterData) => ({
  officeHead: `${d.office.name}${d.office.department}`,
  officeName: d.office.name,
  number: d.number,
  verificationCode: d.verificationCode,
  verifyUrl: d.office.verifyBaseUrl,
  caseNumber: d.caseNumber,
  currentHolder: d.currentHolder,
  name: d.applicant.name,
  sex: d.applicant.sex === 'male' ? '男' : '女',
  idNumber: d.applicant.idNumber,
  basis: d.basis.kind === 'household' ? `以户籍所在地（${d.basis.region}）为条件` : `以现工作单位（${d.basis.employerName}）所在地（${d.basis.location}）为条件`,
  address: d.office.address,
  postcode: d.office.postcode,
  phone: d.office.phone,
  email: d.office.email,
  date: chineseDate(d.issuedOn)
})

/** LibreOffice silently drops the files past about 247 of one command line: batches of 200 letters per process. */
const BATCH = 200

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }))

/** CPU seconds used so far by this process and its waited-for children (soffice): less swayed by a busy machine than the clock. */
function cpuSeconds(): number {
  const own = process.cpuUsage()
  // /proc/self/stat after the command's name: state is field 3, cutime and cstime fields 16 and 17.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
  return (own.user + own.system) / 1e6 + (Number(fields[13]) + Number(fields[14])) / TICKS
}

export interface Timing {
  wall: number
  cpu: number
}
export const timingSince = (t0: Timing): Timing => ({ wall: (performance.now() - t0.wall) / 1000, cpu: cpuSeconds() - t0.cpu })
export const timingNow = (): Timing => ({ wall: performance.now(), cpu: cpuSeconds() })

export interface LibreOfficeFigures {
  /** (c0) filling the Word template, no PDF. */
  fill: Timing
  /** (c1) one process per letter, over `perLetterCount` letters (their share of the fill included). */
  perLetter: Timing
  perLetterCount: number
  /** (c2) the whole batch, 200 letters per process (the fill included). */
  batch: Timing
}

export const hasLibreOffice = (): boolean => !spawnSync('soffice', ['--version']).error

/** Fills and converts `letters`; null without LibreOffice. Checks every letter was converted and the first has its text. */
export function libreOfficeBaseline(letters: TransferRequestLetterData[], perProcess: number): LibreOfficeFigures | null {
  if (!hasLibreOffice()) return null
  const n = letters.length
  const dir = mkdtempSync(join(tmpdir(), 'bench-letters-'))
  try {
    // Fonts for LibreOffice: the same Noto Serif SC / Sans SC files the letters embed.
    const fonts = join(dir, 'fonts.conf')
    writeFileSync(fonts, `<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${resolve('node_modules/@expo-google-fonts/noto-serif-sc/400Regular')}</dir><dir>${resolve('node_modules/@expo-google-fonts/noto-sans-sc/700Bold')}</dir><cachedir>${join(dir, 'fc-cache')}</cachedir></fontconfig>`)
    const env = { ...process.env, FONTCONFIG_FILE: fonts }
    const profile = `-env:UserInstallation=file://${join(dir, 'lo-profile')}`
    const soffice = (outdir: string, files: string[]) =>
      execFileSync('soffice', [profile, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outdir, ...files], { env, stdio: 'pipe' })

    const template = readFileSync(TEMPLATE)
    const docx = join(dir, 'docx')
    mkdirSync(docx)
    let t0 = timingNow()
    letters.forEach((d, i) => {
      const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true })
      doc.render(wordData(d))
      writeFileSync(join(docx, `letter-${String(i).padStart(5, '0')}.docx`), doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }))
    })
    const fill = timingSince(t0)
    const files = readdirSync(docx).sort().map((f) => join(docx, f))

    soffice(join(dir, 'warm'), [files[0]]) // not timed: LibreOffice's first start creates its user profile
    const perLetterCount = Math.min(n, perProcess)
    t0 = timingNow()
    for (const f of files.slice(0, perLetterCount)) soffice(join(dir, 'each'), [f])
    const each = timingSince(t0)
    t0 = timingNow()
    for (let i = 0; i < n; i += BATCH) soffice(join(dir, 'batch'), files.slice(i, i + BATCH))
    const batch = timingSince(t0)
    const converted = readdirSync(join(dir, 'batch')).length
    if (converted !== n) throw new Error(`LibreOffice converted ${converted} of ${n} letters`)
    const sample = execFileSync('pdftotext', [join(dir, 'batch', 'letter-00000.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    if (!sample.includes(letters[0].applicant.name) || !sample.includes('调档函')) throw new Error('the LibreOffice letter lacks its text')
    writeFileSync(join(tmpdir(), 'bench-letters-libreoffice-sample.pdf'), readFileSync(join(dir, 'batch', 'letter-00000.pdf')))
    const share = perLetterCount / n
    return {
      fill,
      perLetter: { wall: each.wall + fill.wall * share, cpu: each.cpu + fill.cpu * share },
      perLetterCount,
      batch: { wall: batch.wall + fill.wall, cpu: batch.cpu + fill.cpu }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
