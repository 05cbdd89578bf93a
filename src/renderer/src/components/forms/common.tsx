import { Typography } from 'antd'
import type { ReactNode } from 'react'
import { describeValue } from '../errors/error-detail'
import ErrorCard from '../errors/ErrorCard'

/**
 * A value, or a grey dash when empty. A value that is not text or a number (a form stored before the service
 * checked it) shows as 格式有误 with the value in its tooltip, instead of breaking the card.
 */
export const dash = (v: unknown): ReactNode =>
  v === null || v === undefined || v === '' ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : typeof v === 'string' || typeof v === 'number' ? (
    v
  ) : (
    <Typography.Text type="danger" title={describeValue(v)} data-testid="bad-value">
      格式有误
    </Typography.Text>
  )

export const period = (from: unknown, to: unknown): string =>
  `${typeof from === 'string' && from ? from : '?'} 至 ${typeof to === 'string' && to ? to : '至今'}`

/** Labels of Descriptions in the case screen's cards. */
export const LABEL_STYLE = { label: { width: 150, whiteSpace: 'nowrap' as const } }

/** A list field of a stored form: the list (none is an empty one), or null when what is stored is not a list. */
export const listOf = <T,>(v: unknown): T[] | null => (v === undefined || v === null ? [] : Array.isArray(v) ? (v as T[]) : null)

/** A form field whose stored value the card cannot show (a list that is not one): an error card in its place. */
export function BadField({ caseNumber, what, field, value }: { caseNumber: string; what: string; field: string; value: unknown }) {
  const summary = `${field}：应为列表，实为 ${describeValue(value, 60)}`
  const detail = [`无法显示：${what}`, `业务编号：${caseNumber}`, `字段：${field}`, `存储的值：${describeValue(value, 2000)}`].join('\n')
  return <ErrorCard level="field" what={what} caseNumber={caseNumber} summary={summary} detail={detail} />
}
