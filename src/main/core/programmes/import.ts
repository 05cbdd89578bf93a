import type { JobStatus } from '../../../shared/api/documents'
import type { StaffSession } from '../../../shared/api/types'
import {
  type CsvRecord,
  headerColumns,
  type ImportMode,
  type ImportSummary,
  type JointProgramme,
  parseCsv,
  type ProgrammeImport,
  programmeFromRecord
} from '../../../shared/domain/joint-programmes'
import { DomainError } from '../../../shared/result'
import type { Clock } from '../clock'
import type { Jobs } from '../jobs'
import { writeProgrammes } from './register'

/**
 * Importing the joint-programme register from a CSV file (UTF-8, BOM tolerated) as a job: each data line
 * is one item (progress; a wrong line is that item's failure `第 N 行` with what is wrong, column named);
 * only when every line is right is the register written — at the exchange service when the desk has one,
 * else here — all at once. A wrong line, a cancel or a refusal leaves the register as it was.
 */
export interface ImportDeps {
  jobs: Jobs
  clock: Clock
  store: Parameters<typeof writeProgrammes>[0]
  /** The exchange service's import (online only); absent on a standalone desk. */
  send?: (payload: ProgrammeImport) => Promise<ImportSummary>
}

const corrupt = (message: string) => new DomainError('CORRUPT_FILE', message)

/** The file's text; refuses what is not a UTF-8 CSV (an Excel workbook, another encoding, a binary file). */
export function decodeCsvFile(bytes: Buffer): string {
  if (bytes.length === 0) throw corrupt('文件为空')
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw corrupt('这是 Excel 工作簿，不是 CSV 文件：请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后再导入')
  }
  if (bytes.includes(0)) throw corrupt('文件已损坏或不是文本文件（含有二进制内容），无法读取')
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw corrupt('文件不是 UTF-8 编码（可能是 GBK）：请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后再导入')
  }
}

/** The header and the data lines, or why the file cannot be read at all. */
export function readRecords(bytes: Buffer): { cols: ReturnType<typeof headerColumns>; lines: CsvRecord[] } {
  let records: CsvRecord[]
  try {
    records = parseCsv(decodeCsvFile(bytes))
  } catch (e) {
    if (e instanceof DomainError) throw e
    throw corrupt(e instanceof Error ? e.message : '文件不是有效的 CSV')
  }
  if (!records.length) throw corrupt('文件为空')
  let cols: ReturnType<typeof headerColumns>
  try {
    cols = headerColumns(records[0].cells)
  } catch (e) {
    throw new DomainError('VALIDATION', e instanceof Error ? e.message : '表头不正确')
  }
  const lines = records.slice(1)
  if (!lines.length) throw new DomainError('VALIDATION', '文件只有表头，没有项目')
  return { cols, lines }
}

export function startProgrammeImport(deps: ImportDeps, input: { base64: string; mode: ImportMode }, me: StaffSession): JobStatus {
  let read: ReturnType<typeof readRecords>
  try {
    read = readRecords(Buffer.from(input.base64, 'base64'))
  } catch (e) {
    return deps.jobs.failed('programmes_import', me.id, 0, e)
  }
  const { cols, lines } = read
  const programmes: JointProgramme[] = []
  const firstLine = new Map<string, number>()
  let wrong = 0
  return deps.jobs.start({
    kind: 'programmes_import',
    owner: me.id,
    items: lines.map((rec) => ({ id: rec.line, number: `第 ${rec.line} 行`, rec })),
    async step({ rec }) {
      const r = programmeFromRecord(rec, cols)
      const problems = r.ok ? [] : r.errors.map((e) => `${e.field}：${e.message}`)
      const code = r.ok ? r.value.code : null
      if (code !== null && firstLine.has(code)) problems.push(`项目编号：${code} 与第 ${firstLine.get(code)} 行重复`)
      if (problems.length) {
        wrong++
        throw new DomainError('VALIDATION', problems.join('；'))
      }
      if (r.ok) {
        firstLine.set(r.value.code, rec.line)
        programmes.push(r.value)
      }
    },
    async finish() {
      if (wrong) throw new DomainError('VALIDATION', `文件中有 ${wrong} 行有误，未导入任何项目。请改正后重新导入`)
      const payload = { mode: input.mode, programmes }
      if (deps.send) await deps.send(payload)
      else writeProgrammes(deps.store, programmes, input.mode, deps.clock.now())
      return null
    }
  })
}
