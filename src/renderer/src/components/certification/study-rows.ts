import { studyHistoryFindings, type Finding } from '../../../../shared/domain/certification-rules'
import type { StudyEntry } from '../../../../shared/domain/certification-forms'
import { monthIndex } from './labels'

export interface StudyRow extends StudyEntry {
  key: number
  /** The worst finding on this row, and the findings' texts. */
  severity: 'error' | 'warning' | null
  notes: string[]
}

/** Does this finding concern the entry: a gap's neighbours, an overlap's entries, a reversed entry, the first entry not at high school. */
function concerns(f: Finding, e: StudyEntry, first: StudyEntry | undefined): boolean {
  switch (f.kind) {
    case 'gap':
      return !!f.from && !!f.to && (monthIndex(e.to) === monthIndex(f.from) - 1 || monthIndex(e.from) === monthIndex(f.to) + 1)
    case 'overlap':
      return !!f.from && !!f.to && e.from <= f.from && e.to >= f.to
    case 'reversed':
      return e.to < e.from && e.from === f.from && e.to === f.to
    case 'not_from_high_school':
      return e === first
    default:
      return false
  }
}

/**
 * The study history sorted as the rules read it, each row with the findings that concern it (the shared
 * `studyHistoryFindings`, the same the desk's workbench lists), and the findings themselves.
 */
export function studyRows(entries: readonly StudyEntry[]): { rows: StudyRow[]; findings: Finding[] } {
  const sorted = [...entries].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
  const findings = studyHistoryFindings(sorted)
  const rows = sorted.map((e, key) => {
    const mine = findings.filter((f) => concerns(f, e, sorted[0]))
    const severity = mine.some((f) => f.severity === 'error') ? 'error' : mine.length ? 'warning' : null
    return { ...e, key, severity, notes: mine.map((f) => f.text) } as StudyRow
  })
  return { rows, findings }
}
