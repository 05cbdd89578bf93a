import { Typography } from 'antd'
import type { ReactNode } from 'react'

/** A value, or a grey dash when empty. */
export const dash = (v: string | number | null | undefined): ReactNode => (v === null || v === undefined || v === '' ? <Typography.Text type="secondary">—</Typography.Text> : v)

export const period = (from: string, to: string): string => `${from || '?'} 至 ${to || '至今'}`

/** Labels of Descriptions in the case screen's cards. */
export const LABEL_STYLE = { label: { width: 150, whiteSpace: 'nowrap' as const } }
