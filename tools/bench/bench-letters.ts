/**
 * Letter throughput: `npm run bench:letters -- [--count 1000] [--per-process 50]`.
 * Renders N distinct 调档函 (one A4 page with its 回执联) (a) as unsigned drafts, (b) as final letters,
 * sealed and digitally signed with a test P12, and (c) the same letters by filling a Word template
 * (tools/bench/transfer-request-letter.docx, docxtemplater) and converting it with LibreOffice
 * headless — once with one soffice process per letter (start-up paid per letter, over the first
 * `--per-process` letters) and once in batches (200 letters per process: one call drops the files past
 * about 247) — all in this run, and prints letters per second (by the clock and by CPU time) and ratios. Without LibreOffice it says so and prints (a) and (b) only.
 * `--make-template` writes the Word template again (it is committed; see makeTemplate below).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import Docxtemplater from 'docxtemplater'
import PizZip from 'pizzip'
import { chineseDate } from '../../src/main/core/documents/dates'
import { readP12, signPdf } from '../../src/main/core/documents/sign'
import { renderTransferRequestLetter, type TransferRequestLetterData } from '../../src/main/core/documents/transfer-request-letter'
import { makeTestP12, TEST_P12_PASSPHRASE } from '../../src/main/core/testing/p12'
import { SAMPLE_REQUEST_LETTER } from '../../src/main/core/testing/fixtures'

const { values } = parseArgs({
  options: { count: { type: 'string', default: '1000' }, 'per-process': { type: 'string', default: '50' }, 'make-template': { type: 'boolean', default: false } }
})
const TEMPLATE = fileURLToPath(new URL('./transfer-request-letter.docx', import.meta.url))

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

function makeTemplate(): Buffer {
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

if (values['make-template']) {
  writeFileSync(TEMPLATE, makeTemplate())
  console.log(`wrote ${TEMPLATE}`)
  process.exit(0)
}

// ---- the letters ----
const n = Number(values.count)
const perProcess = Math.min(n, Number(values['per-process']))
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'
const letters: TransferRequestLetterData[] = Array.from({ length: n }, (_, i) => ({
  ...SAMPLE_REQUEST_LETTER,
  number: `留档函字〔2026〕第${String(i + 1).padStart(6, '0')}号`,
  verificationCode: `B${String(i).padStart(3, '0').slice(-3)}-${(i * 7919).toString(32).toUpperCase().padStart(4, '0').slice(-4)}`,
  caseNumber: `CD20261123${String(i + 1).padStart(6, '0')}`,
  applicant: { name: `${SURNAMES[i % SURNAMES.length]}嘉${'怡晨宇涵'[i % 4]}`, sex: i % 2 ? 'male' : 'female', idNumber: `4401261997${String(i).padStart(8, '0')}` },
  basis: i % 2 ? { kind: 'employer', employerName: '广州番禺智造科技有限公司', location: '广州市番禺区' } : { kind: 'household', region: '广州市番禺区' }
}))
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

interface Timing {
  wall: number
  cpu: number
}
const since = (t0: Timing): Timing => ({ wall: (performance.now() - t0.wall) / 1000, cpu: cpuSeconds() - t0.cpu })
const now = (): Timing => ({ wall: performance.now(), cpu: cpuSeconds() })
const plus = (a: Timing, b: Timing, share = 1): Timing => ({ wall: a.wall + b.wall * share, cpu: a.cpu + b.cpu * share })
const results: Record<string, { count: number; t: Timing }> = {}
function report(key: string, label: string, count: number, t: Timing): void {
  results[key] = { count, t }
  const rate = (s: number) => (count / s).toFixed(1).padStart(8)
  console.log(`${label.padEnd(50)} ${String(count).padStart(5)} letters ${t.wall.toFixed(1).padStart(7)} s ${rate(t.wall)}/s wall ${t.cpu.toFixed(1).padStart(7)} s ${rate(t.cpu)}/s CPU`)
}
const perSecond = (key: string, by: 'wall' | 'cpu') => results[key].count / results[key].t[by]
const ratio = (a: string, b: string) => `${(perSecond(a, 'wall') / perSecond(b, 'wall')).toFixed(1)}× (CPU ${(perSecond(a, 'cpu') / perSecond(b, 'cpu')).toFixed(1)}×)`

async function main(): Promise<void> {
  console.log(`letter throughput: ${n} distinct 调档函 (A4, one page with the 回执联), one Node process, ${process.version}`)
  console.log('letters per second by the clock and by CPU time (this process and its children): the machine may be shared\n')
  const key = readP12(makeTestP12(), TEST_P12_PASSPHRASE)
  const signature = { name: '留学人员档案室', reason: '调档函', location: '北京' }
  await signPdf(renderTransferRequestLetter(letters[0], { kind: 'final', signature }), key, new Date()) // fonts parsed once, as in the app
  // (a) and (b) letter by letter in turn, so both see the same machine.
  let draft: Timing = { wall: 0, cpu: 0 }
  let signed: Timing = { wall: 0, cpu: 0 }
  for (const d of letters) {
    let t0 = now()
    renderTransferRequestLetter(d, { kind: 'draft' })
    draft = plus(draft, since(t0))
    t0 = now()
    await signPdf(renderTransferRequestLetter(d, { kind: 'final', signature }), key, new Date())
    signed = plus(signed, since(t0))
  }
  report('draft', '(a) CaseDesk draft, unsigned (pdfkit)', n, draft)
  report('signed', '(b) CaseDesk final, sealed + signed (test P12)', n, signed)

  if (spawnSync('soffice', ['--version']).error) {
    console.log('\nLibreOffice (soffice) is not installed: the Word-template comparison is skipped (apt-get install -y libreoffice-writer-nogui).')
    return
  }
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
    let t0 = now()
    letters.forEach((d, i) => {
      const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true })
      doc.render(wordData(d))
      writeFileSync(join(docx, `letter-${String(i).padStart(5, '0')}.docx`), doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }))
    })
    const fill = since(t0)
    report('fill', '(c0) Word template filled (docxtemplater), no PDF', n, fill)
    const files = readdirSync(docx).sort().map((f) => join(docx, f))

    soffice(join(dir, 'warm'), [files[0]]) // not timed: LibreOffice's first start creates its user profile
    t0 = now()
    for (const f of files.slice(0, perProcess)) soffice(join(dir, 'each'), [f])
    report('each', '(c1) Word + LibreOffice, one process per letter', perProcess, plus(since(t0), fill, perProcess / n))
    t0 = now()
    for (let i = 0; i < n; i += BATCH) soffice(join(dir, 'batch'), files.slice(i, i + BATCH))
    report('batch', `(c2) Word + LibreOffice, batches of ${BATCH} per process`, n, plus(since(t0), fill))
    const converted = readdirSync(join(dir, 'batch')).length
    if (converted !== n) throw new Error(`LibreOffice converted ${converted} of ${n} letters`)
    const sample = execFileSync('pdftotext', [join(dir, 'batch', 'letter-00000.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    if (!sample.includes(letters[0].applicant.name) || !sample.includes('调档函')) throw new Error('the LibreOffice letter lacks its text')
    writeFileSync(join(tmpdir(), 'bench-letters-libreoffice-sample.pdf'), readFileSync(join(dir, 'batch', 'letter-00000.pdf')))

    console.log('\nratios of letters per second (higher: CaseDesk is faster):')
    console.log(`  (a) draft  / (c1) LibreOffice per letter: ${ratio('draft', 'each')}   / (c2) batched: ${ratio('draft', 'batch')}`)
    console.log(`  (b) signed / (c1) LibreOffice per letter: ${ratio('signed', 'each')}   / (c2) batched: ${ratio('signed', 'batch')}`)
    console.log(`  (b) signed / (a) draft: ${ratio('signed', 'draft')}`)
    console.log('\nThe Word letters carry neither the QR code, the seal nor a digital signature: LibreOffice does less work than (b).')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
