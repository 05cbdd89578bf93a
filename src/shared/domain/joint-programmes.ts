import { z } from 'zod'
import { textProblem } from '../api/wire-safe'

/**
 * 中外合作办学项目名单 (the joint-programme register, seed 004 三): the programmes approved by the ministry,
 * kept at the exchange service, imported by a supervisor from a CSV file, mirrored on every desk so the
 * certification workbench can look a programme up offline.
 */
export const PROGRAMME_LEVELS = ['associate', 'bachelor', 'master', 'doctor'] as const
export type ProgrammeLevel = (typeof PROGRAMME_LEVELS)[number]
export const PROGRAMME_LEVEL_LABEL: Record<ProgrammeLevel, string> = { associate: '专科', bachelor: '本科', master: '硕士', doctor: '博士' }

export const PROGRAMME_STATUSES = ['active', 'stopped'] as const
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number]
export const PROGRAMME_STATUS_LABEL: Record<ProgrammeStatus, string> = { active: '正常招生', stopped: '停止招生' }

/** 项目编号 as the ministry's register prints it, e.g. MOE11US2A20101234N (authority, province, country, level, year, serial, kind). */
export const PROGRAMME_CODE = /^[A-Z]{3}\d{2}[A-Z]{2}[0-9A-Z]{2}\d{8}[A-Z]$/

/** One line of the register: trimmed, 1..max characters, no NUL, control characters or lone surrogates (wire-safe.ts). */
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, '不能为空')
    .max(max, `最多 ${max} 个字`)
    .refine((s) => textProblem(s, true) === null, '含有无效字符（空字符、控制字符或无效的 Unicode 字符）')

const year = z.number().int().min(1990, '年份应在 1990–2100 之间').max(2100, '年份应在 1990–2100 之间')

export const jointProgramme = z
  .object({
    code: z.string().trim().min(1, '不能为空').regex(PROGRAMME_CODE, '格式不正确（应如 MOE11US2A20101234N）'),
    name: line(200),
    chineseInstitution: line(100),
    foreignInstitution: line(200),
    country: line(40),
    level: z.enum(PROGRAMME_LEVELS, '应为 专科、本科、硕士 或 博士'),
    /** YYYY-MM-DD, or '' when the register gives none. */
    approvedUntil: z.string().trim().regex(/^(|\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$/, '日期格式应为 YYYY-MM-DD'),
    enrolmentFrom: year.nullable(),
    enrolmentTo: year.nullable(),
    status: z.enum(PROGRAMME_STATUSES, '应为 正常招生 或 停止招生')
  })
  .refine((p) => p.enrolmentFrom === null || p.enrolmentTo === null || p.enrolmentFrom <= p.enrolmentTo, {
    path: ['enrolmentTo'],
    message: '招生截止年份不能早于起始年份'
  })
export type JointProgramme = z.infer<typeof jointProgramme>

/** The Chinese column header of each field (the CSV's first line; English field names are accepted too). */
export const PROGRAMME_COLUMNS: Record<keyof JointProgramme, string> = {
  code: '项目编号',
  name: '项目名称',
  chineseInstitution: '中方院校',
  foreignInstitution: '外方院校',
  country: '国家/地区',
  level: '层次',
  approvedUntil: '批准有效期至',
  enrolmentFrom: '招生起始年',
  enrolmentTo: '招生截止年',
  status: '状态'
}
const FIELDS = Object.keys(PROGRAMME_COLUMNS) as (keyof JointProgramme)[]
const REQUIRED_COLUMNS: (keyof JointProgramme)[] = ['code', 'name', 'chineseInstitution', 'foreignInstitution', 'country', 'level']

/** How an import treats the register: `replace` — the file is the whole register; `upsert` — add or update by code, keep the rest. */
export const IMPORT_MODES = ['replace', 'upsert'] as const
export type ImportMode = (typeof IMPORT_MODES)[number]

/** What the exchange service (or a standalone desk) takes: validated programmes, codes unique. */
export const programmeImport = z.object({
  mode: z.enum(IMPORT_MODES),
  programmes: z
    .array(jointProgramme)
    .min(1, '文件中没有项目')
    .max(20_000, '一次最多导入 20000 个项目')
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>()
      list.forEach((p, i) => {
        const first = seen.get(p.code)
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `项目编号 ${p.code} 与第 ${first + 1} 个项目重复` })
        else seen.set(p.code, i)
      })
    })
})
export type ProgrammeImport = z.infer<typeof programmeImport>

export interface ImportSummary {
  version: string
  total: number
  added: number
  updated: number
  removed: number
}

/** One error of a file: its line (1 = the header), the column's Chinese name, what is wrong. */
export interface LineError {
  line: number
  field: string
  message: string
}

/** A CSV record with the file line it starts on. */
export interface CsvRecord {
  line: number
  cells: string[]
}

/**
 * RFC 4180 CSV (commas, double quotes, quoted line breaks, CRLF or LF), a UTF-8 BOM tolerated. Throws a
 * Chinese message when the file is not CSV (an unterminated quote).
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const out: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let line = 1
  let start = 1
  let quoted = false
  let quoteLine = 0
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else {
        if (ch === '\n') line++
        cell += ch
      }
      continue
    }
    if (ch === '"' && cell === '') {
      quoted = true
      quoteLine = line
    } else if (ch === ',') {
      cells.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++
      cells.push(cell)
      out.push({ line: start, cells })
      cells = []
      cell = ''
      line++
      start = line
    } else cell += ch
  }
  if (quoted) throw new Error(`第 ${quoteLine} 行的引号没有闭合，文件不是有效的 CSV`)
  if (cell !== '' || cells.length) {
    cells.push(cell)
    out.push({ line: start, cells })
  }
  return out.filter((r) => r.cells.some((c) => c.trim() !== ''))
}

const LEVEL_WORDS: Record<string, ProgrammeLevel> = { 专科: 'associate', 高职: 'associate', 本科: 'bachelor', 硕士: 'master', 硕士研究生: 'master', 博士: 'doctor', 博士研究生: 'doctor' }
const STATUS_WORDS: Record<string, ProgrammeStatus> = { 正常招生: 'active', 招生: 'active', 正常: 'active', 在办: 'active', 停止招生: 'stopped', 停招: 'stopped', 已停止: 'stopped' }

/** The file's header: which column holds which field. Throws (Chinese) when a required column is missing. */
export function headerColumns(cells: string[]): Map<keyof JointProgramme, number> {
  const names = cells.map((c) => c.trim().replace(/\s+/g, ''))
  const cols = new Map<keyof JointProgramme, number>()
  for (const f of FIELDS) {
    const i = names.findIndex((n) => n === PROGRAMME_COLUMNS[f] || n.toLowerCase() === f.toLowerCase() || (f === 'country' && (n === '国家' || n === '国别')))
    if (i >= 0) cols.set(f, i)
  }
  const missing = REQUIRED_COLUMNS.filter((f) => !cols.has(f)).map((f) => PROGRAMME_COLUMNS[f])
  if (missing.length) throw new Error(`第 1 行（表头）缺少列：${missing.join('、')}。表头应为：${FIELDS.map((f) => PROGRAMME_COLUMNS[f]).join(',')}`)
  return cols
}

/** One record of the file as a programme, or its errors (each with the column's Chinese name). */
export function programmeFromRecord(rec: CsvRecord, cols: Map<keyof JointProgramme, number>): { ok: true; value: JointProgramme } | { ok: false; errors: LineError[] } {
  const cell = (f: keyof JointProgramme) => {
    const i = cols.get(f)
    return i === undefined ? '' : (rec.cells[i] ?? '').trim()
  }
  const errors: LineError[] = []
  const yearOf = (f: 'enrolmentFrom' | 'enrolmentTo'): number | null => {
    const v = cell(f)
    if (v === '') return null
    if (!/^\d{4}$/.test(v)) {
      errors.push({ line: rec.line, field: PROGRAMME_COLUMNS[f], message: `“${v}”不是四位年份` })
      return null
    }
    return Number(v)
  }
  const level = cell('level')
  const status = cell('status')
  const raw = {
    code: cell('code').toUpperCase(),
    name: cell('name'),
    chineseInstitution: cell('chineseInstitution'),
    foreignInstitution: cell('foreignInstitution'),
    country: cell('country'),
    level: LEVEL_WORDS[level] ?? level,
    approvedUntil: cell('approvedUntil').replace(/\//g, '-'),
    enrolmentFrom: yearOf('enrolmentFrom'),
    enrolmentTo: yearOf('enrolmentTo'),
    status: status === '' ? 'active' : (STATUS_WORDS[status] ?? status)
  }
  const parsed = jointProgramme.safeParse(raw)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const f = issue.path[0] as keyof JointProgramme
      // One problem per column (an empty code is not also "badly formatted").
      if (errors.some((e) => e.field === (PROGRAMME_COLUMNS[f] ?? String(f)))) continue
      const shown = f === 'level' ? `“${level}”${issue.message}` : f === 'status' ? `“${status}”${issue.message}` : issue.message
      errors.push({ line: rec.line, field: PROGRAMME_COLUMNS[f] ?? String(f), message: shown })
    }
  }
  return errors.length || !parsed.success ? { ok: false, errors } : { ok: true, value: parsed.data }
}

/** A page of the register (`programmes.search`). */
export interface ProgrammePage {
  rows: JointProgramme[]
  total: number
  page: number
  pageSize: number
  /** The whole register's size and when this desk last took it (null: never imported / fetched). */
  registerSize: number
  updatedAt: string | null
}
